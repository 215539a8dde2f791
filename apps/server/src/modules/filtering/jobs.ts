import type { AppContext } from '../../context.js';
import { addDays, iso } from '../../lib/time.js';
import { registerRecurring } from '../../worker.js';
import { refreshDueLists } from './lists.js';
import { purgeQueryLog } from './query-log.js';

/**
 * Filtering housekeeping in the worker: subscribed lists refresh when due (clarification 13), the query log
 * is purged past each school's retention, staged imports nobody used are discarded, and the live policy
 * follows changes another process applied. Emergency unblocks end by their own job (unblocks.ts).
 */
export async function discardStaleImports(ctx: AppContext): Promise<void> {
  await ctx.db
    .updateTable('filter_list_versions')
    .set({ status: 'discarded', keys: '' })
    .where('status', '=', 'staged')
    .where('created_at', '<', iso(addDays(ctx.clock.now(), -14)))
    .execute();
}

registerRecurring('filtering.refresh_lists', 5 * 60_000, async (ctx) => {
  await refreshDueLists(ctx);
});
registerRecurring('filtering.purge', 6 * 60 * 60_000, async (ctx) => {
  await purgeQueryLog(ctx);
  await discardStaleImports(ctx);
});
