import { compilePolicy, demoPolicySpec, type DecisionSink, type PolicySource } from '@harbour/shared';
import type { AppContext } from '../context.js';
import { livePolicy } from '../modules/filtering/live.js';
import { storeQueryLogBatch } from '../modules/filtering/query-log.js';

export interface DnsProviders {
  source: PolicySource;
  sink: DecisionSink;
}

/**
 * Where the in-process resolver gets its policy and puts its decisions (docs/filtering-policy.md): the
 * school's live compiled policy (a new version reaches the resolver as soon as a change is applied, and
 * within seconds when another process applied it) and the query log.
 */
export function dnsProviders(ctx: AppContext): DnsProviders {
  const live = livePolicy(ctx);
  void live.refresh();
  live.watch();
  return {
    source: live,
    sink: {
      async write(batch) {
        await storeQueryLogBatch(ctx, batch, { nodeId: batch.nodeId, schools: 'all' });
      },
    },
  };
}

/** The fictional demo policy and a sink that only counts: for resolver tests that need no database. */
export function demoDnsProviders(ctx: Pick<AppContext, 'clock' | 'log'>): DnsProviders {
  const { policy } = compilePolicy(demoPolicySpec({ generatedAt: ctx.clock.now().toISOString() }));
  let decisions = 0;
  return {
    source: { current: () => policy, subscribe: () => () => {} },
    sink: {
      async write(batch) {
        decisions += batch.records.reduce((n, r) => n + r.count, 0);
        ctx.log.debug({ decisions, batch: batch.batchId }, 'dns decisions (demo sink: not stored)');
      },
    },
  };
}
