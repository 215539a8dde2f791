import { CATEGORY_INFO, isFilterCategory, REVIEW_ASPECTS, suppressSmall } from '@harbour/shared';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { addDaysToDate, schoolToday, schoolZone } from '../../http/caller.js';
import { endOfLocalDay, iso } from '../../lib/time.js';
import { getSchool } from '../schools/service.js';
import { listActions } from './actions.js';
import type { Caller } from '../../http/caller.js';
import { dashboard } from './dashboard.js';
import { evidenceFrom } from './evidence-sources.js';
import { TERM } from './schema.js';

/**
 * The termly governor report (policy 1.3.2): concern trends, filtering and monitoring activity, compliance status
 * and actions. Anonymised: counts only, never a pupil's name, and every count of 1 or 2 written "fewer than 3"
 * (clarification 16). The only names in it are of staff who own actions.
 */
export type TermName = 'autumn' | 'spring' | 'summer';
const TERM_LABEL: Record<TermName, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' };

/** Autumn is September to December, spring January to March, summer April to August. */
export function termDates(key: string): { from: string; to: string; label: string } {
  const m = TERM.exec(key);
  if (!m) throw new Error(`bad term ${key}`);
  const y = Number(m[1]);
  const t = m[2] as TermName;
  const [from, to] =
    t === 'autumn'
      ? [`${y}-09-01`, `${y + 1}-01-01`]
      : t === 'spring'
        ? [`${y}-01-01`, `${y}-04-01`]
        : [`${y}-04-01`, `${y}-09-01`];
  return { from, to, label: `${TERM_LABEL[t]} term ${y}` };
}

export function termOf(date: string): string {
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  return `${y}-${mo >= 9 ? 'autumn' : mo >= 4 ? 'summer' : 'spring'}`;
}

const n = suppressSmall;
const LIGHT_WORDS = { green: 'Met', amber: 'Needs attention', red: 'Not met', grey: 'No evidence yet' };

export async function governorReport(c: Caller, termKey?: string) {
  const ctx: AppContext = c.ctx;
  const schoolId = c.actor.schoolId;
  const today = await schoolToday(ctx, schoolId);
  const key = termKey ?? termOf(today);
  const term = termDates(key);
  const tz = await schoolZone(ctx, schoolId);
  const period = {
    from: endOfLocalDay(addDaysToDate(term.from, -1), tz).toISOString(),
    to: endOfLocalDay(addDaysToDate(term.to, -1), tz).toISOString(),
  };
  const inPeriod = (at: string | null) => !!at && at >= period.from && at < period.to;
  const school = await getSchool(ctx, schoolId);

  const concerns = await evidenceFrom('concerns', ctx, schoolId, period);
  const monitoring = await evidenceFrom('monitoring', ctx, schoolId, period);

  const crs = await ctx.db
    .selectFrom('filter_change_requests')
    .select(['kind', 'status', 'applied_at'])
    .where('school_id', '=', schoolId)
    .execute();
  const tests = await ctx.db
    .selectFrom('filter_self_tests')
    .select(['passed'])
    .where('school_id', '=', schoolId)
    .where('started_at', '>=', period.from)
    .where('started_at', '<', period.to)
    .execute();
  const blocked = await ctx.db
    .selectFrom('filter_query_log')
    .select(['category', sql<number>`sum(count)`.as('queries')])
    .where('school_id', '=', schoolId)
    .where('action', '=', 'block')
    .where('at', '>=', period.from)
    .where('at', '<', period.to)
    .groupBy('category')
    .execute();
  const reports = await ctx.db
    .selectFrom('filter_reports')
    .select(['kind'])
    .where('school_id', '=', schoolId)
    .where('created_at', '>=', period.from)
    .where('created_at', '<', period.to)
    .execute();
  const blockedTotal = blocked.reduce((a, b) => a + Number(b.queries), 0);

  const dash = await dashboard(ctx, schoolId, { fmt: n });
  const actions = (await listActions(c, { status: 'all' })).actions.filter(
    (a) => a.status === 'open' || inPeriod(a.doneAt),
  );
  const lastReview = await ctx.db
    .selectFrom('self_reviews')
    .select(['id', 'title', 'completed_at'])
    .where('school_id', '=', schoolId)
    .where('status', '=', 'completed')
    .orderBy('completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const ratings = lastReview
    ? await ctx.db
        .selectFrom('self_review_ratings')
        .select(['aspect_key', 'level'])
        .where('school_id', '=', schoolId)
        .where('review_id', '=', lastReview.id)
        .execute()
    : [];
  const strands = [...new Set(REVIEW_ASPECTS.map((a) => a.strand))].map((strand) => {
    const levels = ratings
      .filter((r) => REVIEW_ASPECTS.find((a) => a.key === r.aspect_key)?.strand === strand)
      .map((r) => r.level);
    return {
      strand,
      averageLevel: levels.length ? (levels.reduce((a, b) => a + b, 0) / levels.length).toFixed(1) : '—',
    };
  });

  return {
    school: school?.name ?? '',
    term: { key, label: term.label, from: term.from, to: addDaysToDate(term.to, -1) },
    generatedAt: iso(ctx.clock.now()),
    concerns: concerns
      ? {
          raised: n(concerns.raisedByCategory.reduce((a, b) => a + b.count, 0)),
          closed: n(concerns.closedInPeriod),
          openOver30Days: n(concerns.openOver30Days),
          byCategory: concerns.raisedByCategory.map((x) => ({ category: x.category, count: n(x.count) })),
          byMonth: concerns.raisedByMonth.map((x) => ({ month: x.month, count: n(x.count) })),
        }
      : null,
    filtering: {
      changesApplied: n(crs.filter((x) => x.kind === 'change' && inPeriod(x.applied_at)).length),
      emergencyUnblocks: n(crs.filter((x) => x.kind === 'emergency' && inPeriod(x.applied_at)).length),
      pendingChanges: n(crs.filter((x) => x.status === 'pending').length),
      selfTests: n(tests.length),
      selfTestsFailed: n(tests.filter((t) => t.passed !== 1).length),
      blockedRequests: n(blockedTotal),
      blockedByCategory: blocked
        .map((b) => ({
          category:
            b.category && isFilterCategory(b.category)
              ? CATEGORY_INFO[b.category].label
              : 'School’s own list',
          raw: Number(b.queries),
        }))
        .sort((a, b) => b.raw - a.raw)
        .map((b) => ({ category: b.category, count: n(b.raw) })),
      wronglyBlockedReports: n(reports.filter((r) => r.kind === 'wrongly_blocked').length),
      unsuitableReports: n(reports.filter((r) => r.kind === 'unsuitable').length),
    },
    monitoring: monitoring
      ? {
          alertsTriaged: n(monitoring.alertsTriaged),
          untriagedOverdue: n(monitoring.untriagedOverdue),
          byCategory: monitoring.alertsByCategory.map((x) => ({ category: x.category, count: n(x.count) })),
        }
      : null,
    compliance: {
      counts: dash.counts,
      items: dash.items.map((i) => ({
        section: i.section,
        commitment: i.commitment,
        status: LIGHT_WORDS[i.light],
        light: i.light,
        figure: i.figure,
      })),
    },
    actions: actions.map((a) => ({
      title: a.title,
      owner: a.owner,
      dueOn: a.dueOn,
      status: a.status === 'done' ? 'Done' : a.overdue ? 'Overdue' : 'Open',
    })),
    selfReview: lastReview
      ? { title: lastReview.title, completedAt: lastReview.completed_at, strands }
      : null,
  };
}

export type GovernorReport = Awaited<ReturnType<typeof governorReport>>;
