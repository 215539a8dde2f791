import type { AppContext } from '../../context.js';
import { addDays, iso } from '../../lib/time.js';
import type { MonitoringEvidence, Period } from '../compliance/evidence-sources.js';

/**
 * Monitoring's evidence for the compliance dashboard and the governor report (issue 5's hook): counts only.
 * Alerts about staff are left out altogether (clarification 6: restricted records stay out of aggregates).
 */
export async function monitoringEvidence(
  ctx: AppContext,
  schoolId: string,
  period: Period,
): Promise<MonitoringEvidence> {
  const base = ctx.db
    .selectFrom('monitor_alerts')
    .where('school_id', '=', schoolId)
    .where('restricted', '=', 0);
  const inPeriod = base.where('created_at', '>=', period.from).where('created_at', '<', period.to);
  const byCategory = await inPeriod
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('category')
    .orderBy('category')
    .execute();
  const triaged = await inPeriod
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '!=', 'open')
    .executeTakeFirstOrThrow();
  const overdue = await base
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .where('created_at', '<', iso(addDays(ctx.clock.now(), -1)))
    .executeTakeFirstOrThrow();
  return {
    alertsByCategory: byCategory.map((r) => ({ category: r.category, count: Number(r.n) })),
    alertsTriaged: Number(triaged.n),
    untriagedOverdue: Number(overdue.n),
  };
}
