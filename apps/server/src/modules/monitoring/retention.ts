import type { AppContext } from '../../context.js';
import { newId } from '../../lib/ids.js';
import { addDays, iso } from '../../lib/time.js';
import { registerJob, registerRecurring } from '../../worker.js';
import { appendAudit } from '../audit/service.js';
import { getSetting } from '../settings/service.js';
import { MonitoringSettings } from './settings.js';

/**
 * Retention (issue 6): events older than the school's period (default 90 days) are deleted, unless they or
 * their alert are attached to a concern; an alert left with no events goes with its notes and viewers. Runs as
 * a job in the job table (clarification 11), queued every six hours; one audit entry per school with counts.
 */
export const PURGE_JOB = 'monitoring.purge';

export async function purgeMonitoring(ctx: AppContext): Promise<{ events: number; alerts: number }> {
  const schools = await ctx.db.selectFrom('schools').select('id').execute();
  let events = 0;
  let alerts = 0;
  for (const s of schools) {
    const { retentionDays } = await getSetting(ctx, MonitoringSettings, s.id);
    const before = iso(addDays(ctx.clock.now(), -retentionDays));
    const r = await ctx.db.transaction().execute(async (tx) => {
      const kept = tx
        .selectFrom('monitor_alerts')
        .select('id')
        .where('school_id', '=', s.id)
        .where('concern_id', 'is not', null);
      const ev = await tx
        .deleteFrom('monitor_events')
        .where('school_id', '=', s.id)
        .where('at', '<', before)
        .where('concern_id', 'is', null)
        .where((eb) => eb.or([eb('alert_id', 'is', null), eb('alert_id', 'not in', kept)]))
        .executeTakeFirst();
      const gone = (
        await tx
          .selectFrom('monitor_alerts')
          .select('id')
          .where('school_id', '=', s.id)
          .where('last_at', '<', before)
          .where('concern_id', 'is', null)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('monitor_events')
                  .select('monitor_events.id')
                  // The school too, so the (school, alert) index answers it (migration 0043).
                  .whereRef('monitor_events.school_id', '=', 'monitor_alerts.school_id')
                  .whereRef('monitor_events.alert_id', '=', 'monitor_alerts.id'),
              ),
            ),
          )
          .execute()
      ).map((a) => a.id);
      if (gone.length > 0) {
        for (const table of ['monitor_alert_notes', 'monitor_alert_viewers'] as const)
          await tx.deleteFrom(table).where('school_id', '=', s.id).where('alert_id', 'in', gone).execute();
        await tx.deleteFrom('monitor_alerts').where('school_id', '=', s.id).where('id', 'in', gone).execute();
      }
      const n = { events: Number(ev.numDeletedRows), alerts: gone.length };
      if (n.events + n.alerts > 0)
        await appendAudit(
          ctx,
          {
            schoolId: s.id,
            actorAccountId: null,
            action: 'monitor.events.purge',
            entityType: 'monitor_event',
            details: { before, retentionDays, ...n },
          },
          tx,
        );
      return n;
    });
    events += r.events;
    alerts += r.alerts;
  }
  return { events, alerts };
}

/** Queues the purge job unless one is already waiting or running. */
export async function schedulePurge(ctx: AppContext): Promise<boolean> {
  const waiting = await ctx.db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', PURGE_JOB)
    .where('status', 'in', ['pending', 'running'])
    .executeTakeFirst();
  if (waiting) return false;
  const now = iso(ctx.clock.now());
  await ctx.db
    .insertInto('jobs')
    .values({
      id: newId(),
      school_id: null,
      kind: PURGE_JOB,
      run_at: now,
      payload: '{}',
      status: 'pending',
      attempts: 0,
      last_error: null,
      locked_until: null,
      created_at: now,
    })
    .execute();
  return true;
}

registerJob(PURGE_JOB, async (ctx) => {
  await purgeMonitoring(ctx);
});
registerRecurring('monitoring.schedule_purge', 6 * 60 * 60_000, async (ctx) => {
  await schedulePurge(ctx);
});
