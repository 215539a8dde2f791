import type { AppContext } from '../../context.js';
import { addDays, iso } from '../../lib/time.js';
import type { ConcernEvidence, Period } from '../compliance/evidence-sources.js';

/**
 * Concerns' evidence for the compliance dashboard and the governor report (issue 5's hook): counts only, never a
 * name or narrative. Restricted records (allegations about staff) stay out while open (clarification 6).
 */
export async function concernEvidence(
  ctx: AppContext,
  schoolId: string,
  period: Period,
): Promise<ConcernEvidence> {
  const base = ctx.db
    .selectFrom('concerns')
    .where('school_id', '=', schoolId)
    .where('tombstoned_at', 'is', null)
    .where((eb) => eb.or([eb('restricted', '=', 0), eb('status', '=', 'closed')]));
  const raised = base.where('recorded_at', '>=', period.from).where('recorded_at', '<', period.to);
  const [open, byCategory, months, closed] = await Promise.all([
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '!=', 'closed')
      .where('recorded_at', '<', iso(addDays(ctx.clock.now(), -30)))
      .executeTakeFirstOrThrow(),
    raised
      .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('category')
      .orderBy('category')
      .execute(),
    raised.select('recorded_at').execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('closed_at', '>=', period.from)
      .where('closed_at', '<', period.to)
      .executeTakeFirstOrThrow(),
  ]);
  const perMonth = new Map<string, number>();
  for (const r of months)
    perMonth.set(r.recorded_at.slice(0, 7), (perMonth.get(r.recorded_at.slice(0, 7)) ?? 0) + 1);
  return {
    openOver30Days: Number(open.n),
    raisedByCategory: byCategory.map((r) => ({ category: r.category, count: Number(r.n) })),
    raisedByMonth: [...perMonth]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, count]) => ({ month, count })),
    closedInPeriod: Number(closed.n),
  };
}
