import type { FastifyRequest } from 'fastify';
import type { Scope } from '@harbour/shared';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/index.js';
import { localDate } from '../lib/time.js';
import type { Actor } from '../modules/auth/sessions.js';
import { appendAudit, type AuditInput } from '../modules/audit/service.js';
import { getSchool } from '../modules/schools/service.js';
import { requireSchoolActor, scopesOf } from './access.js';

/** Who is asking, in which school, with which scopes: what every compliance service function takes first. */
export interface Caller {
  ctx: AppContext;
  actor: Actor & { schoolId: string };
  scopes: Scope[];
  ip: string | null;
}

export const callerFrom =
  (ctx: AppContext) =>
  (req: FastifyRequest): Caller => ({
    ctx,
    actor: requireSchoolActor(req),
    scopes: scopesOf(req),
    ip: req.ip,
  });

/** The audit entry of something the caller did (ids and field names only). */
export const auditInputOf = (
  c: Caller,
  action: string,
  entity: { type: string; id?: string | undefined },
  details?: Record<string, unknown>,
): AuditInput => ({
  schoolId: c.actor.schoolId,
  actorAccountId: c.actor.accountId,
  action,
  entityType: entity.type,
  entityId: entity.id,
  ip: c.ip,
  details,
});

/**
 * Appends an audit entry for the caller in the change's transaction; `null` for a read, which has none: the entry
 * is written with the other appends of the moment and committed when this resolves.
 */
export async function auditAs(
  c: Caller,
  tx: Executor | null,
  action: string,
  entity: { type: string; id?: string | undefined },
  details?: Record<string, unknown>,
): Promise<void> {
  await appendAudit(c.ctx, auditInputOf(c, action, entity, details), tx ?? undefined);
}

/** A school's zone when it has none set. */
export const DEFAULT_ZONE = 'Europe/London';

/** The school's time zone (policies speak of school days, not UTC days). */
export async function schoolZone(ctx: AppContext, schoolId: string, db: Executor = ctx.db): Promise<string> {
  return (await getSchool(ctx, schoolId, db))?.time_zone ?? DEFAULT_ZONE;
}

/** Today's date in the school's time zone. */
export async function schoolToday(ctx: AppContext, schoolId: string, db: Executor = ctx.db): Promise<string> {
  return localDate(ctx.clock.now(), await schoolZone(ctx, schoolId, db));
}

/** Adds months to a YYYY-MM-DD date, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addDaysToDate(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
