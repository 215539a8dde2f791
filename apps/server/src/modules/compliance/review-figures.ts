import type { AppContext } from '../../context.js';
import { daysBetween } from '../../http/caller.js';

/** For the dashboard: how long since the last completed self-review, and action-plan items past their date. */
export async function reviewFigures(ctx: AppContext, schoolId: string, today: string) {
  const last = await ctx.db
    .selectFrom('self_reviews')
    .select('completed_at')
    .where('school_id', '=', schoolId)
    .where('status', '=', 'completed')
    .orderBy('completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const overdue = await ctx.db
    .selectFrom('review_actions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('status', '=', 'open')
    .where('due_on', '<', today)
    .executeTakeFirst();
  const open = await ctx.db
    .selectFrom('review_actions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return {
    lastCompletedAt: last?.completed_at ?? null,
    daysSinceLast: last?.completed_at ? daysBetween(last.completed_at.slice(0, 10), today) : null,
    actionsOverdue: Number(overdue?.n ?? 0),
    actionsOpen: Number(open?.n ?? 0),
  };
}
