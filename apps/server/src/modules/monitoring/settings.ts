import { z } from 'zod';
import { defineSetting } from '../settings/registry.js';

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
  'The school monitors the use of its devices, network and accounts, including internet searches and the ' +
  'websites visited, to keep pupils and staff safe online. Anything worrying is seen by the designated ' +
  'safeguarding lead.';

/** The monitoring notice (policy 6.1, 6.3): shown in acceptable-use agreements and on the block page. */
export const MonitoringNotice = defineSetting({
  key: 'monitoring.notice',
  description: 'The monitoring notice shown in acceptable-use agreements and on the block page',
  schema: z.strictObject({ text: z.string().trim().min(20).max(2000) }),
  defaultValue: () => ({ text: DEFAULT_MONITORING_NOTICE }),
});
