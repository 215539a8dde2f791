import { sql } from 'kysely';
import { AppError } from '../../lib/errors.js';
import { endOfLocalDay, localDate } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { getSchool } from '../schools/service.js';
import type { Caller } from './caller.js';

/**
 * Query-log reports (issue 4; UKSIC "reports: history of sites visited or attempted"): the top blocked names
 * and categories by group and day, with each group's allowed and blocked totals, in the school's time zone;
 * and one client address's history for a time range, for the DSL when a concern needs it, audited as a
 * sensitive read (clarification 8).
 */
const dayBefore = (d: string): string => {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, dd - 1)).toISOString().slice(0, 10);
};
const nextDay = (d: string): string => {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, dd + 1)).toISOString().slice(0, 10);
};

export async function topBlocked(
  c: Caller,
  q: { from?: string | undefined; to?: string | undefined; groupId?: string | undefined; limit: number },
) {
  const tz = (await getSchool(c.ctx, c.actor.schoolId))?.time_zone ?? 'Europe/London';
  const today = localDate(c.ctx.clock.now(), tz);
  const to = q.to ?? today;
  let from = q.from ?? to;
  if (from > to)
    throw new AppError('validation', 'from must not be after to', [{ path: 'from', message: 'after to' }]);
  // At most 31 days in one report.
  let earliest = to;
  for (let n = 0; n < 30; n++) earliest = dayBefore(earliest);
  if (from < earliest) from = earliest;
  const days = [];
  for (let d = from; d <= to; d = nextDay(d)) {
    const start = endOfLocalDay(dayBefore(d), tz).toISOString();
    const end = endOfLocalDay(d, tz).toISOString();
    const all = () => {
      let b = c.ctx.db
        .selectFrom('filter_query_log')
        .where('school_id', '=', c.actor.schoolId)
        .where('at', '>=', start)
        .where('at', '<', end);
      if (q.groupId) b = b.where('group_id', '=', q.groupId);
      return b;
    };
    const base = () => all().where('action', '=', 'block');
    // All traffic per group and decision (allowed, blocked, safe search, canary): the UKSIC "reports".
    const totals = await all()
      .select(['group_id', 'action', sql<number>`sum(count)`.as('queries')])
      .groupBy(['group_id', 'action'])
      .orderBy('group_id')
      .orderBy('action')
      .execute();
    const names = await base()
      .select(['group_id', 'name', 'category', sql<number>`sum(count)`.as('queries')])
      .groupBy(['group_id', 'name', 'category'])
      .orderBy('queries', 'desc')
      .limit(q.limit)
      .execute();
    const categories = await base()
      .select(['group_id', 'category', sql<number>`sum(count)`.as('queries')])
      .groupBy(['group_id', 'category'])
      .orderBy('queries', 'desc')
      .execute();
    days.push({
      date: d,
      names: names.map((r) => ({
        groupId: r.group_id,
        name: r.name,
        category: r.category,
        queries: Number(r.queries),
      })),
      totals: totals.map((r) => ({ groupId: r.group_id, action: r.action, queries: Number(r.queries) })),
      categories: categories.map((r) => ({
        groupId: r.group_id,
        category: r.category,
        queries: Number(r.queries),
      })),
    });
  }
  return { from, to, days };
}

export async function clientHistory(
  c: Caller,
  q: { client: string; from: string; to: string; limit: number },
) {
  if (q.from >= q.to)
    throw new AppError('validation', 'from must be before to', [{ path: 'from', message: 'after to' }]);
  const rows = await c.ctx.db
    .selectFrom('filter_query_log')
    .select(['at', 'group_id', 'name', 'qtype', 'action', 'reason', 'category', 'count'])
    .where('school_id', '=', c.actor.schoolId)
    .where('client', '=', q.client)
    .where('at', '>=', new Date(q.from).toISOString())
    .where('at', '<', new Date(q.to).toISOString())
    .orderBy('at')
    .limit(q.limit)
    .execute();
  await appendAudit(c.ctx, {
    schoolId: c.actor.schoolId,
    actorAccountId: c.actor.accountId,
    action: 'filter.query_log.client_read',
    entityType: 'client_address',
    entityId: q.client,
    ip: c.ip,
    details: { filter: { from: q.from, to: q.to }, rows: rows.length },
  });
  return {
    client: q.client,
    entries: rows.map((r) => ({
      at: r.at,
      groupId: r.group_id,
      name: r.name,
      type: r.qtype,
      action: r.action,
      reason: r.reason,
      category: r.category,
      count: r.count,
    })),
  };
}
