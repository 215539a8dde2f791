import type { AppContext } from './context.js';
import { sendPendingEmail } from './modules/outbox/sender.js';

export type JobHandler = (ctx: AppContext, payload: unknown, schoolId: string | null) => Promise<void>;

/**
 * The background worker: runs due jobs from the database job table (clarification 11: no Redis).
 * Handlers are registered per job kind by the modules that own them.
 */
const handlers = new Map<string, JobHandler>();
export function registerJob(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

/**
 * Housekeeping that runs every so often rather than at a stored time (list refreshes, log purges): each
 * handler runs on the first tick and then once per interval, and must be safe to run twice.
 */
export type RecurringHandler = (ctx: AppContext) => Promise<void>;
const recurring = new Map<string, { everyMs: number; handler: RecurringHandler }>();
const lastRun = new WeakMap<AppContext, Map<string, number>>();
export function registerRecurring(kind: string, everyMs: number, handler: RecurringHandler): void {
  recurring.set(kind, { everyMs, handler });
}

export async function runRecurring(ctx: AppContext, nowMs = Date.now()): Promise<void> {
  const last = lastRun.get(ctx) ?? new Map<string, number>();
  lastRun.set(ctx, last);
  for (const [kind, r] of recurring) {
    if (nowMs - (last.get(kind) ?? -Infinity) < r.everyMs) continue;
    last.set(kind, nowMs);
    await r.handler(ctx).catch((err: unknown) => ctx.log.error({ err, kind }, 'recurring job failed'));
  }
}

export function startWorker(ctx: AppContext, intervalMs = 5000): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (!running)
      running = runDueJobs(ctx)
        // The notification outbox (clarification 11): email waits here until a relay is configured.
        .then(() => sendPendingEmail(ctx))
        .then(() => runRecurring(ctx))
        .then(() => undefined)
        .catch((err: unknown) => ctx.log.error({ err }, 'worker tick failed'))
        .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export async function runDueJobs(ctx: AppContext, limit = 50): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const due = await ctx.db
    .selectFrom('jobs')
    .selectAll()
    .where('status', '=', 'pending')
    .where('run_at', '<=', now)
    .orderBy('run_at')
    .limit(limit)
    .execute();
  let done = 0;
  for (const job of due) {
    // Claim it: only the worker whose update changes the row runs the job.
    const claimed = await ctx.db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: job.attempts + 1,
        locked_until: new Date(Date.now() + 300_000).toISOString(),
      })
      .where('id', '=', job.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const handler = handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(ctx, JSON.parse(job.payload), job.school_id);
      await ctx.db
        .updateTable('jobs')
        .set({ status: 'done', last_error: null })
        .where('id', '=', job.id)
        .execute();
      done++;
    } catch (err) {
      const retry = job.attempts + 1 < 5;
      await ctx.db
        .updateTable('jobs')
        .set({
          status: retry ? 'pending' : 'failed',
          last_error: err instanceof Error ? err.message.slice(0, 500) : 'error',
          run_at: new Date(Date.now() + 60_000 * (job.attempts + 1)).toISOString(),
        })
        .where('id', '=', job.id)
        .execute();
      ctx.log.error({ err, job: job.id, kind: job.kind }, 'job failed');
    }
  }
  return done;
}
