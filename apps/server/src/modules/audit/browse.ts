import type { AuditPage } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import { endOfLocalDay } from '../../lib/time.js';
import { getSchool } from '../schools/service.js';
import { presentEntry } from './present.js';
import * as repo from './repo.js';
import type { AuditQuery } from './schema.js';
import { appendAudit, hiddenFor } from './service.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function previousDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** "from" a day means from its first moment in the school's zone; "to" a day includes the whole day. */
export function boundsFor(q: Pick<AuditQuery, 'from' | 'to'>, timeZone: string) {
  const from =
    q.from && (DAY.test(q.from) ? endOfLocalDay(previousDay(q.from), timeZone).toISOString() : q.from);
  const to = q.to && (DAY.test(q.to) ? endOfLocalDay(q.to, timeZone).toISOString() : q.to);
  return { from, to };
}

/**
 * The acting school's audit trail, filtered (issue 2, section 6). Only entries of the actor's school are ever
 * read: the school comes from the session, never from the query. Browsing is itself recorded, with the filter.
 */
export async function browseAudit(
  ctx: AppContext,
  opts: { schoolId: string; actorAccountId: string; ip: string | null; query: AuditQuery },
): Promise<AuditPage> {
  const { schoolId, query: q } = opts;
  const school = await getSchool(ctx, schoolId);
  const timeZone = school?.time_zone ?? 'Europe/London';
  const { from, to } = boundsFor(q, timeZone);
  let actorId: string | undefined;
  if (q.actor) {
    actorId = await repo.accountIdByUsername(ctx.db, q.actor);
    if (!actorId) return { timeZone, entries: [], nextBefore: null };
  }
  const rows = await repo.listEntries(ctx.db, {
    schoolId,
    actorAccountId: actorId,
    action: q.action,
    entityType: q.entityType,
    entityId: q.entityId,
    from,
    to,
    limit: q.limit + 1,
    before: q.before ? { seq: q.before } : undefined,
    hidden: await hiddenFor(ctx, { schoolId, accountId: opts.actorAccountId }),
  });
  const page = rows.slice(0, q.limit);
  const usernames = await repo.usernamesOf(
    ctx.db,
    page.flatMap((r) => (r.actor_account_id ? [r.actor_account_id] : [])),
  );
  await appendAudit(ctx, {
    schoolId,
    actorAccountId: opts.actorAccountId,
    action: 'audit.browse',
    ip: opts.ip,
    details: { filter: q, count: page.length },
  });
  return {
    timeZone,
    entries: page.map((r) => presentEntry(r, usernames)),
    nextBefore: rows.length > q.limit ? (page[page.length - 1]?.seq ?? null) : null,
  };
}
