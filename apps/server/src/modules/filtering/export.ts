import { endOfLocalDay } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { getSchool } from '../schools/service.js';
import type { DiffItem } from './apply.js';
import type { Caller } from './caller.js';
import { presentChanges } from './changes.js';

/**
 * The change history as CSV (policy 7.3: "all changes ... logged and recorded"; DfE standard 1: document what
 * is blocked or allowed and why). An export is a sensitive read: audited with its filter (clarification 8).
 */
const cell = (v: string | number | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote everything; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

const summarise = (diff: DiffItem[] | null): string =>
  (diff ?? [])
    .map((d) => {
      const label = (x: unknown) =>
        x && typeof x === 'object'
          ? ((x as { domain?: string; name?: string; label?: string }).domain ??
            (x as { name?: string }).name ??
            (x as { label?: string }).label ??
            '')
          : '';
      return `${d.op} ${label(d.after) || label(d.before) || d.id}`.trim();
    })
    .join('; ');

export async function exportChanges(c: Caller, q: { from?: string | undefined; to?: string | undefined }) {
  const school = await getSchool(c.ctx, c.actor.schoolId);
  const tz = school?.time_zone ?? 'Europe/London';
  let query = c.ctx.db
    .selectFrom('filter_change_requests')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId);
  if (q.from) {
    const [y, m, d] = q.from.split('-').map(Number) as [number, number, number];
    const dayBefore = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
    query = query.where('requested_at', '>=', endOfLocalDay(dayBefore, tz).toISOString());
  }
  if (q.to) query = query.where('requested_at', '<', endOfLocalDay(q.to, tz).toISOString());
  const rows = await query.orderBy('number').execute();
  const changes = await presentChanges(c.ctx.db, c.actor.schoolId, rows);
  const header = [
    'number',
    'kind',
    'status',
    'title',
    'reason',
    'risk_educational',
    'risk_technical',
    'requested_by',
    'requested_at',
    'decided_by',
    'decided_at',
    'decision_note',
    'applied_at',
    'policy_version',
    'changes',
  ];
  const lines = [header.map(cell).join(',')];
  for (const ch of changes)
    lines.push(
      [
        ch.number,
        ch.kind,
        ch.status,
        ch.title,
        ch.reason,
        ch.riskEducational,
        ch.riskTechnical,
        ch.requestedBy.name,
        ch.requestedAt,
        ch.decidedBy?.name,
        ch.decidedAt,
        ch.decisionNote,
        ch.appliedAt,
        ch.policyVersion,
        summarise(ch.diff),
      ]
        .map(cell)
        .join(','),
    );
  await appendAudit(c.ctx, {
    schoolId: c.actor.schoolId,
    actorAccountId: c.actor.accountId,
    action: 'filter.change.export',
    entityType: 'filter_change_request',
    ip: c.ip,
    details: { filter: q, ids: rows.map((r) => r.id) },
  });
  return `${lines.join('\r\n')}\r\n`;
}
