import type { AppContext } from '../../context.js';
import { addMinutes, iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { onQueryLogStored, recentBlockedDecisions, type StoredRecord } from '../filtering/query-log.js';
import { schoolKey } from '../schools/keys.js';
import { getSetting } from '../settings/service.js';
import { storeEvents, type PreparedEvent } from './ingest.js';
import { MonitoringSettings } from './settings.js';
import { internalSource } from './sources.js';

/**
 * Resolver signals (issue 6): repeated attempts by one client at names blocked in a high-risk category
 * (self-harm, extremism, pornography, illegal) become an alert about that address, never a guessed pupil
 * (clarification 14). The filtering module tells us of each stored batch; the attempts in the school's window
 * are counted from its query log, and once they reach the school's threshold they are stored as events (one
 * per blocked name and time, so a later count adds only the new ones) and grouped like any other alert.
 */
export const HIGH_RISK: Record<string, { category: string; severity: number }> = {
  'self-harm': { category: 'self-harm', severity: 5 },
  extremism: { category: 'extremism', severity: 4 },
  pornography: { category: 'pornography', severity: 3 },
  illegal: { category: 'illegal', severity: 5 },
};

const pending = new WeakMap<AppContext, Promise<void>>();

/** Resolves once every signal check queued so far for this context has finished (tests, shutdown). */
export const settleSignals = (ctx: AppContext): Promise<void> => pending.get(ctx) ?? Promise.resolve();

export function listenForSignals(ctx: AppContext): () => void {
  return onQueryLogStored((records) => {
    const risky = records.filter((r) => r.action === 'block' && r.category && HIGH_RISK[r.category]);
    if (risky.length === 0) return;
    const run = (pending.get(ctx) ?? Promise.resolve())
      .then(() => checkSignals(ctx, risky))
      .catch((err: unknown) => ctx.log.error({ err }, 'monitoring signal check failed'));
    pending.set(ctx, run);
  });
}

export async function checkSignals(ctx: AppContext, records: Pick<StoredRecord, 'schoolId' | 'client'>[]) {
  const known = new Set((await ctx.db.selectFrom('schools').select('id').execute()).map((s) => s.id));
  const pairs = new Map<string, { schoolId: string; client: string }>();
  for (const r of records)
    if (known.has(r.schoolId))
      pairs.set(`${r.schoolId}|${r.client}`, { schoolId: r.schoolId, client: r.client });
  const bySchool = new Map<string, string[]>();
  for (const p of pairs.values()) bySchool.set(p.schoolId, [...(bySchool.get(p.schoolId) ?? []), p.client]);
  for (const [schoolId, clients] of bySchool) {
    const { signalAttempts, signalWindowMinutes } = await getSetting(ctx, MonitoringSettings, schoolId);
    const since = iso(addMinutes(ctx.clock.now(), -signalWindowMinutes));
    const events: PreparedEvent[] = [];
    const meta = new Map<string, { category: string; severity: number }>();
    for (const client of clients) {
      const attempts = await recentBlockedDecisions(ctx, {
        schoolId,
        since,
        client,
        categories: Object.keys(HIGH_RISK),
        limit: 1000,
      });
      const perCategory = new Map<string, typeof attempts>();
      for (const a of attempts) perCategory.set(a.category!, [...(perCategory.get(a.category!) ?? []), a]);
      for (const [category, list] of perCategory) {
        if (list.reduce((n, a) => n + a.count, 0) < signalAttempts) continue;
        for (const a of list) {
          const key = `${a.at}|${client}|${a.name}`;
          meta.set(key, HIGH_RISK[category]!);
          events.push({
            key,
            at: a.at,
            kind: 'blocked',
            person: null,
            device: null,
            client,
            names: [a.name],
          });
        }
      }
    }
    if (events.length === 0) continue;
    const key = await schoolKey(ctx, schoolId);
    await ctx.db.transaction().execute(async (tx) => {
      const sourceId = await internalSource(ctx, tx, schoolId, 'resolver');
      const { stored, alertIds } = await storeEvents(ctx, tx, {
        schoolId,
        sourceId,
        events,
        key,
        fixed: (e) => meta.get(e.key) ?? null,
        alerts: 'resolver',
      });
      const alerts = { ids: alertIds };
      if (stored.length > 0)
        await appendAudit(
          ctx,
          {
            schoolId,
            actorAccountId: null,
            action: 'monitor.signals.batch',
            entityType: 'monitor_source',
            entityId: sourceId,
            details: { events: stored.length, alerts: alerts.ids.length },
          },
          tx,
        );
    });
  }
}
