import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { defineSetting } from '../settings/registry.js';
import { getSetting } from '../settings/service.js';

/**
 * Monitoring's school settings (issue 6): how long events are kept (default 90 days), the window that groups a
 * subject's matches on one theme into one alert, the ingestion rate limit per source, and how many blocked
 * attempts in a high-risk category make a resolver signal.
 */
export const MonitoringSettings = defineSetting({
  key: 'monitoring.settings',
  description:
    'Monitoring: days events are kept, hours that group matches into one alert, batches per minute per source, and blocked attempts that make a signal',
  schema: z.strictObject({
    retentionDays: z.number().int().min(7).max(730),
    groupWindowHours: z.number().int().min(1).max(720),
    maxBatchesPerMinute: z.number().int().min(1).max(20_000),
    signalAttempts: z.number().int().min(2).max(100),
    signalWindowMinutes: z.number().int().min(1).max(1440),
  }),
  defaultValue: () => ({
    retentionDays: 90,
    groupWindowHours: 24,
    maxBatchesPerMinute: 600,
    signalAttempts: 3,
    signalWindowMinutes: 10,
  }),
});

export const DEFAULT_MONITORING_NOTICE =
  'Use of the school’s devices, network and accounts is monitored, including internet searches and the ' +
  'websites visited, to keep pupils and staff safe online. Anything worrying is seen by the designated ' +
  'safeguarding lead.';

/**
 * The monitoring notice (policy 6.1, 6.3): shown on the block page and with every acceptable-use agreement a
 * person reads or signs, and put into new drafts made from the starter texts. Left empty, the default is shown:
 * nobody may be left untold that use is monitored.
 */
export const MonitoringNotice = defineSetting({
  key: 'monitoring.notice',
  description:
    'The monitoring notice shown on the block page and with acceptable-use agreements (empty: the default text)',
  schema: z.strictObject({ text: z.string().trim().max(2000) }),
  defaultValue: () => ({ text: DEFAULT_MONITORING_NOTICE }),
});

/** The school's monitoring notice as shown: its own text, or the default when it has none. */
export async function monitoringNotice(ctx: AppContext, schoolId: string, db: Executor = ctx.db) {
  return (await getSetting(ctx, MonitoringNotice, schoolId, db)).text.trim() || DEFAULT_MONITORING_NOTICE;
}
