import { CONCERN_CATEGORY_INFO, type ConcernCategory } from '@harbour/shared';
import { sql } from 'kysely';
import type { Caller } from '../../http/caller.js';
import { keptDashboard } from './dashboard-cache.js';
import { auditConcernList } from './audit-list.js';
import { visibleTo, viewerOf } from './visibility.js';

/** Each overdue list shows the oldest 100; the totals count them all. */
const LIST = 100;
const label = (c: string) => CONCERN_CATEGORY_INFO[c as ConcernCategory]?.label ?? c;

/**
 * The DSL's dashboard (issue 3): new and open concerns by category, the newest new ones, and what is overdue
 * (actions past their date, referrals without a reply past theirs, playbook steps past their time limit). Every
 * figure counts only concerns the caller may see.
 */
export async function dashboard(c: Caller) {
  const result = await keptDashboard(c, countDashboard);
  // Every view is audited, counted afresh or not.
  await auditConcernList(c, 'concern.dashboard', { type: 'concern' }, {}, result.newest);
  return result;
}

/** The dashboard's figures as of `now` and the school's `today`, counted afresh. */
export async function countDashboard(c: Caller, today: string, now: string) {
  const schoolId = c.actor.schoolId;
  const db = c.ctx.db;
  const v = viewerOf(c);
  const byCategory = await db
    .selectFrom('concerns')
    .select(['concerns.category', 'concerns.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('concerns.school_id', '=', schoolId)
    .where('concerns.status', 'in', ['new', 'open'])
    .where(visibleTo(v))
    .groupBy(['concerns.category', 'concerns.status'])
    .execute();
  const newest = await db
    .selectFrom('concerns')
    .select([
      'concerns.id',
      'concerns.category',
      'concerns.recorded_at',
      'concerns.occurred_at',
      'concerns.source',
      'concerns.restricted',
    ])
    .where('concerns.school_id', '=', schoolId)
    .where('concerns.status', '=', 'new')
    .where(visibleTo(v))
    .orderBy('concerns.recorded_at', 'desc')
    .limit(20)
    .execute();
  const overdueActions = await db
    .selectFrom('concern_actions')
    .innerJoin('concerns', 'concerns.id', 'concern_actions.concern_id')
    .select([
      'concern_actions.id',
      'concern_actions.concern_id',
      'concern_actions.assignee_person_id',
      'concern_actions.due_on',
      'concerns.category',
    ])
    .where('concern_actions.school_id', '=', schoolId)
    .where('concern_actions.done_at', 'is', null)
    .where('concern_actions.due_on', '<', today)
    .where('concerns.status', '!=', 'closed')
    .where(visibleTo(v))
    .orderBy('concern_actions.due_on')
    .execute();
  const overdueReferrals = await db
    .selectFrom('concern_referrals')
    .innerJoin('concerns', 'concerns.id', 'concern_referrals.concern_id')
    .select([
      'concern_referrals.id',
      'concern_referrals.concern_id',
      'concern_referrals.agency_name',
      'concern_referrals.response_due_on',
      'concerns.category',
    ])
    .where('concern_referrals.school_id', '=', schoolId)
    .where('concern_referrals.decision', '=', 'referred')
    .where('concern_referrals.response_at', 'is', null)
    .where('concern_referrals.response_due_on', '<', today)
    .where(visibleTo(v))
    .orderBy('concern_referrals.response_due_on')
    .execute();
  const overdueSteps = await db
    .selectFrom('concern_steps')
    .innerJoin('concerns', 'concerns.id', 'concern_steps.concern_id')
    .select([
      'concern_steps.concern_id',
      'concerns.category',
      sql<number>`count(*)`.as('n'),
      sql<string>`min(concern_steps.due_at)`.as('oldest'),
    ])
    .where('concern_steps.school_id', '=', schoolId)
    .where('concern_steps.status', '=', 'pending')
    .where('concern_steps.due_at', '<', now)
    .where('concerns.status', '=', 'open')
    .where(visibleTo(v))
    .groupBy(['concern_steps.concern_id', 'concerns.category'])
    .orderBy('oldest')
    .execute();
  const categories = new Map<string, { category: string; label: string; new: number; open: number }>();
  for (const r of byCategory) {
    const e = categories.get(r.category) ?? {
      category: r.category,
      label: label(r.category),
      new: 0,
      open: 0,
    };
    e[r.status as 'new' | 'open'] = Number(r.n);
    categories.set(r.category, e);
  }
  const result = {
    totals: {
      new: [...categories.values()].reduce((s, x) => s + x.new, 0),
      open: [...categories.values()].reduce((s, x) => s + x.open, 0),
      overdueActions: overdueActions.length,
      overdueReferrals: overdueReferrals.length,
      concernsWithOverdueSteps: overdueSteps.length,
    },
    byCategory: [...categories.values()].sort((a, b) => b.new + b.open - (a.new + a.open)),
    newest: newest.map((r) => ({
      id: r.id,
      category: r.category,
      categoryLabel: label(r.category),
      recordedAt: r.recorded_at,
      occurredAt: r.occurred_at,
      source: r.source,
      restricted: r.restricted === 1,
    })),
    overdueActions: overdueActions.slice(0, LIST).map((a) => ({
      id: a.id,
      concernId: a.concern_id,
      category: a.category,
      assigneePersonId: a.assignee_person_id,
      dueOn: a.due_on,
    })),
    overdueReferrals: overdueReferrals.slice(0, LIST).map((r) => ({
      id: r.id,
      concernId: r.concern_id,
      category: r.category,
      agencyName: r.agency_name,
      responseDueOn: r.response_due_on,
    })),
    overdueSteps: overdueSteps.slice(0, LIST).map((s) => ({
      concernId: s.concern_id,
      category: s.category,
      steps: Number(s.n),
      oldestDueAt: s.oldest,
    })),
  };
  return result;
}
