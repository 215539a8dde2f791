import {
  CONCERN_CATEGORIES,
  CONCERN_CATEGORY_INFO,
  keyStageOf,
  scopesFor,
  YEAR_GROUPS,
  type YearGroup,
} from '@harbour/shared';
import { z } from 'zod';
import {
  addDaysToDate,
  auditAs,
  daysBetween,
  schoolToday,
  schoolZone,
  type Caller,
} from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { endOfLocalDay } from '../../lib/time.js';

const date = z.iso.date('use the date format YYYY-MM-DD');
export const TrendsQuery = z.strictObject({
  from: date.optional(),
  to: date.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

/** Breakdown cells of 1-2 show "fewer than 3" to anyone outside the DSL team (clarification 16). */
export const SUPPRESSED = 'fewer than 3';
type Cell = number | typeof SUPPRESSED;

interface Row {
  category: string;
  occurred_at: string;
  year_group: string | null;
  send: number | null;
  looked_after: number | null;
  other_vulnerability: number | null;
}

/**
 * Trends (policy 1.3.2): concerns by category, month, year group, key stage and vulnerability over a period, beside
 * the period of the same length before it. Counts what happened in the period (occurred_at). Restricted records
 * still open stay out of every aggregate (clarification 6). Vulnerability breakdowns only for those who may see
 * vulnerability flags (clarification 10).
 */
export async function trends(c: Caller, q: z.infer<typeof TrendsQuery>) {
  const schoolId = c.actor.schoolId;
  const zone = await schoolZone(c.ctx, schoolId);
  const to = q.to ?? (await schoolToday(c.ctx, schoolId));
  const from = q.from ?? addDaysToDate(to, -364);
  if (from > to)
    throw new AppError('validation', 'The period is back to front', [{ path: 'from', message: 'after to' }]);
  const days = daysBetween(from, to) + 1;
  if (days > 3 * 366)
    throw new AppError('validation', 'Choose a period of at most three years', [
      { path: 'from', message: 'too long' },
    ]);
  const prevTo = addDaysToDate(from, -1);
  const prevFrom = addDaysToDate(prevTo, -(days - 1));
  const start = (d: string) => endOfLocalDay(addDaysToDate(d, -1), zone).toISOString();
  const end = (d: string) => endOfLocalDay(d, zone).toISOString();
  const rows = (await c.ctx.db
    .selectFrom('concerns')
    .leftJoin('concern_people', (j) =>
      j.onRef('concern_people.concern_id', '=', 'concerns.id').on('concern_people.role', '=', 'subject'),
    )
    .leftJoin('people', 'people.id', 'concern_people.person_id')
    .select([
      'concerns.category',
      'concerns.occurred_at',
      'people.year_group',
      'people.send',
      'people.looked_after',
      'people.other_vulnerability',
    ])
    .where('concerns.school_id', '=', schoolId)
    .where('concerns.tombstoned_at', 'is', null)
    .where('concerns.occurred_at', '>=', start(prevFrom))
    .where('concerns.occurred_at', '<', end(to))
    .where((eb) => eb.or([eb('concerns.restricted', '=', 0), eb('concerns.status', '=', 'closed')]))
    .execute()) as Row[];
  const inPeriod = (r: Row) => r.occurred_at >= start(from);
  const current = rows.filter(inPeriod);
  const previous = rows.filter((r) => !inPeriod(r));
  const team = c.scopes.includes('school');
  const cell = (n: number): Cell => (!team && n > 0 && n < 3 ? SUPPRESSED : n);
  const count = <K extends string>(list: Row[], key: (r: Row) => K | null, keys: readonly K[]) => {
    const m = new Map<K, number>(keys.map((k) => [k, 0]));
    for (const r of list) {
      const k = key(r);
      if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const yearOf = (r: Row) =>
    r.year_group && (YEAR_GROUPS as readonly string[]).includes(r.year_group)
      ? (r.year_group as YearGroup)
      : null;
  const months: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addDaysToDate(`${m}-28`, 7).slice(0, 7))
    months.push(m);
  const local = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' })
      .format(new Date(iso))
      .slice(0, 7);
  const table = <K extends string>(
    key: (r: Row) => K | null,
    keys: readonly K[],
    label: (k: K) => string,
  ) => {
    const cur = count(current, key, keys);
    const prev = count(previous, key, keys);
    return keys.map((k) => ({
      key: k,
      label: label(k),
      current: cell(cur.get(k) ?? 0),
      previous: cell(prev.get(k) ?? 0),
    }));
  };
  const vulnerability = scopesFor(c.actor.roles, 'people.vulnerability').length > 0;
  const flags = ['send', 'looked_after', 'other_vulnerability'] as const;
  const result = {
    period: { from, to },
    previousPeriod: { from: prevFrom, to: prevTo },
    suppressed: !team,
    total: { current: cell(current.length), previous: cell(previous.length) },
    byCategory: table(
      (r) => r.category as (typeof CONCERN_CATEGORIES)[number],
      CONCERN_CATEGORIES,
      (k) => CONCERN_CATEGORY_INFO[k].label,
    ),
    byMonth: (() => {
      const cur = count(current, (r) => local(r.occurred_at), months);
      return months.map((m) => ({ key: m, label: m, current: cell(cur.get(m) ?? 0) }));
    })(),
    byYearGroup: table(yearOf, YEAR_GROUPS, (k) => k),
    byKeyStage: table(
      (r) => (yearOf(r) ? keyStageOf(yearOf(r)!) : null),
      ['EYFS', 'KS1', 'KS2'] as const,
      (k) => k,
    ),
    byVulnerability: vulnerability
      ? flags.map((k) => ({
          key: k,
          label: k,
          current: cell(current.filter((r) => r[k] === 1).length),
          previous: cell(previous.filter((r) => r[k] === 1).length),
        }))
      : null,
  };
  await auditAs(c, null, 'concern.trends', { type: 'concern' }, { from, to, format: q.format });
  return result;
}

/** The same tables as CSV, one row per cell: section, key, label, current, previous. */
export function trendsCsv(t: Awaited<ReturnType<typeof trends>>): string {
  const esc = (v: string | number | null | undefined) => {
    const s = String(v ?? '');
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [['section', 'key', 'label', 'current', 'previous'].join(',')];
  lines.push(['total', 'all', 'All concerns', t.total.current, t.total.previous].map(esc).join(','));
  const sections: [string, { key: string; label: string; current: Cell; previous?: Cell }[] | null][] = [
    ['category', t.byCategory],
    ['month', t.byMonth],
    ['year_group', t.byYearGroup],
    ['key_stage', t.byKeyStage],
    ['vulnerability', t.byVulnerability],
  ];
  for (const [name, rows] of sections)
    for (const r of rows ?? [])
      lines.push([name, r.key, r.label, r.current, r.previous ?? ''].map(esc).join(','));
  return `${lines.join('\n')}\n`;
}
