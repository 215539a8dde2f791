import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { enqueueInApp } from '../outbox/service.js';
import { openForSchool, sealForSchool } from '../schools/keys.js';
import type { Caller } from './caller.js';
import { accountNames, accountsWithRoles } from './people.js';

/**
 * "Report this" from the block page (policy 7.3: a clear procedure for reporting breaches of filtering;
 * clarification 15): no sign-in, a signed token that says what the page showed to which address, and a
 * rate limit per address. Reports land in the technical staff's and DSLs' queue with an in-app notice.
 */
const TOKEN_HOURS = 24;
const REPORTS_PER_WINDOW = 5;
const WINDOW_MS = 10 * 60_000;

const TokenPayload = z.strictObject({
  s: z.string().min(1).max(100),
  g: z.string().max(100).nullable(),
  n: z.string().min(1).max(253),
  c: z.string().max(40).nullable(),
  r: z.string().max(40).nullable(),
  a: z.string().min(1).max(64),
  t: z.number().int(),
});
export type ReportToken = z.infer<typeof TokenPayload>;

const tokenKey = (ctx: AppContext) =>
  Buffer.from(hkdfSync('sha256', ctx.masterKey, Buffer.alloc(0), 'harbour block-page report token', 32));

export function signReportToken(ctx: AppContext, p: Omit<ReportToken, 't'>): string {
  const body = Buffer.from(JSON.stringify({ ...p, t: ctx.clock.now().getTime() })).toString('base64url');
  return `${body}.${createHmac('sha256', tokenKey(ctx)).update(body).digest('base64url')}`;
}

export function verifyReportToken(ctx: AppContext, token: string): ReportToken | null {
  const [body, sig] = token.split('.');
  if (!body || !sig) return null;
  const want = createHmac('sha256', tokenKey(ctx)).update(body).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  try {
    const p = TokenPayload.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    const age = ctx.clock.now().getTime() - p.t;
    return age >= 0 && age < TOKEN_HOURS * 3_600_000 ? p : null;
  } catch {
    return null;
  }
}

/** Per address: at most 5 reports in 10 minutes (a classroom behind one address still gets through). */
export class ReportLimiter {
  private readonly seen = new Map<string, number[]>();
  allow(address: string, nowMs: number): boolean {
    const recent = (this.seen.get(address) ?? []).filter((t) => nowMs - t < WINDOW_MS);
    if (recent.length >= REPORTS_PER_WINDOW) {
      this.seen.set(address, recent);
      return false;
    }
    recent.push(nowMs);
    this.seen.set(address, recent);
    if (this.seen.size > 10_000) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }
}

export const ReportForm = z.strictObject({
  token: z.string().min(10).max(2000),
  kind: z.enum(['wrongly_blocked', 'unsuitable']),
  /** For "an unsuitable site got through": the address of the site. */
  site: z.string().trim().max(2000).optional(),
  comment: z.string().trim().max(2000).optional(),
});

/** Stores a report from the block page; the caller has checked the rate limit. */
export async function submitReport(
  ctx: AppContext,
  t: ReportToken,
  form: z.infer<typeof ReportForm>,
  client: string,
): Promise<string> {
  let name = t.n;
  if (form.kind === 'unsuitable' && form.site) {
    try {
      name = new URL(/^[a-z]+:\/\//i.test(form.site) ? form.site : `http://${form.site}`).hostname || t.n;
    } catch {
      throw new AppError('validation', 'That does not look like a web address');
    }
  }
  const details = JSON.stringify({ site: form.site ?? null, comment: form.comment ?? null });
  const id = newId();
  // Sealed before the transaction: the school key is read outside it (SQLite has one connection).
  const sealed = await sealForSchool(ctx, t.s, `filter_report:${id}`, details);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('filter_reports')
      .values({
        id,
        school_id: t.s,
        kind: form.kind,
        name,
        group_id: t.g,
        category: t.c,
        reason: t.r,
        client,
        details_enc: sealed,
        status: 'open',
        created_at: iso(ctx.clock.now()),
        handled_by: null,
        handled_at: null,
        outcome: null,
        concern_id: null,
      })
      .execute();
    await appendAudit(
      ctx,
      {
        schoolId: t.s,
        actorAccountId: null,
        action: 'filter.report.submit',
        entityType: 'filter_report',
        entityId: id,
        ip: client,
        details: { kind: form.kind, category: t.c },
      },
      tx,
    );
    for (const a of await accountsWithRoles(tx, t.s, ['technical_staff', 'dsl', 'deputy_dsl']))
      await enqueueInApp(ctx, tx, {
        schoolId: t.s,
        recipientAccountId: a,
        subject:
          form.kind === 'unsuitable'
            ? 'An unsuitable site was reported from the block page'
            : 'A site was reported as wrongly blocked',
        body: 'A block-page report is waiting in the filtering reports queue.',
        link: '/filtering/reports',
      });
  });
  return id;
}

export async function listReports(
  c: Caller,
  q: { status?: 'open' | 'resolved' | 'concern' | undefined; limit: number },
) {
  let query = c.ctx.db.selectFrom('filter_reports').selectAll().where('school_id', '=', c.actor.schoolId);
  if (q.status) query = query.where('status', '=', q.status);
  const rows = await query.orderBy('created_at', 'desc').limit(q.limit).execute();
  const names = await accountNames(
    c.ctx.db,
    c.actor.schoolId,
    rows.flatMap((r) => (r.handled_by ? [r.handled_by] : [])),
  );
  const out = [];
  for (const r of rows) {
    const details = r.details_enc
      ? (JSON.parse(await openForSchool(c.ctx, r.school_id, `filter_report:${r.id}`, r.details_enc)) as {
          site: string | null;
          comment: string | null;
        })
      : { site: null, comment: null };
    out.push({
      id: r.id,
      kind: r.kind,
      name: r.name,
      groupId: r.group_id,
      category: r.category,
      reason: r.reason,
      client: r.client,
      site: details.site,
      comment: details.comment,
      status: r.status,
      createdAt: r.created_at,
      handledBy: r.handled_by ? (names.get(r.handled_by) ?? 'Unknown') : null,
      handledAt: r.handled_at,
      outcome: r.outcome,
      concernId: r.concern_id,
    });
  }
  await appendAudit(c.ctx, {
    schoolId: c.actor.schoolId,
    actorAccountId: c.actor.accountId,
    action: 'filter.report.list',
    entityType: 'filter_report',
    ip: c.ip,
    details: { filter: q, ids: rows.map((r) => r.id) },
  });
  return { reports: out };
}

export async function resolveReport(c: Caller, id: string, outcome: string) {
  await c.ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('filter_reports')
      .set({ status: 'resolved', handled_by: c.actor.accountId, handled_at: iso(c.ctx.clock.now()), outcome })
      .where('id', '=', id)
      .where('school_id', '=', c.actor.schoolId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      const exists = await tx
        .selectFrom('filter_reports')
        .select('status')
        .where('id', '=', id)
        .where('school_id', '=', c.actor.schoolId)
        .executeTakeFirst();
      throw exists
        ? new AppError('conflict', 'This report has already been dealt with')
        : new AppError('not_found', 'Not found');
    }
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: 'filter.report.resolve',
        entityType: 'filter_report',
        entityId: id,
        ip: c.ip,
      },
      tx,
    );
  });
  return { resolved: true };
}
