import { compilePolicy, demoPolicySpec, type DecisionSink, type PolicySource } from '@harbour/shared';
import type { AppContext } from '../context.js';

/**
 * Where the in-process resolver gets its policy and puts its decisions (docs/filtering-policy.md). The
 * filtering module replaces this function's body with the school's compiled policy (PolicySource) and its
 * query-log store (DecisionSink). Until then: the fictional demo policy and a sink that only counts.
 */
export function dnsProviders(ctx: Pick<AppContext, 'clock' | 'log'>): {
  source: PolicySource;
  sink: DecisionSink;
} {
  const { policy } = compilePolicy(demoPolicySpec({ generatedAt: ctx.clock.now().toISOString() }));
  let decisions = 0;
  return {
    source: { current: () => policy, subscribe: () => () => {} },
    sink: {
      async write(batch) {
        decisions += batch.records.reduce((n, r) => n + r.count, 0);
        ctx.log.debug(
          { decisions, batch: batch.batchId },
          'dns decisions (not stored until the filtering module lands)',
        );
      },
    },
  };
}
