import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUPS, compilePolicy, demoPolicySpec, type CompiledPolicy } from '@harbour/shared';
import { startResolver, type Resolver } from '../resolver.js';
import { ask, defaultAnswer, startUpstream, type TestUpstream } from '../test/loopback.js';

// The UDP listener parses every datagram into one reused request: these queries overlap (the upstream holds
// each answer 50 ms), so any link that kept the reused request instead of its own copy would answer with
// another query's id, question, EDNS or group.
const KS2 = '127.0.0.2';
const STAFF = '127.0.0.3';
const policy: CompiledPolicy = compilePolicy(
  demoPolicySpec({
    subnets: [
      { cidr: `${KS2}/32`, groupId: DEMO_GROUPS.ks2 },
      { cidr: `${STAFF}/32`, groupId: DEMO_GROUPS.staff },
    ],
    blockPage: { ipv4: ['127.0.0.80'], ipv6: ['::1'] },
  }),
).policy;

let upstream: TestUpstream;
let resolver: Resolver;

beforeAll(async () => {
  upstream = await startUpstream({
    answer: (q) =>
      q.name === 'safe.duckduckgo.com' ? defaultAnswer('192.0.2.99')(q) : defaultAnswer('192.0.2.1')(q),
    delayMs: 50,
  });
  resolver = await startResolver({
    listen: [{ host: '127.0.0.1', port: 0 }],
    upstreams: [{ host: upstream.host, port: upstream.port }],
    policySource: { current: () => policy, subscribe: () => () => {} },
    sink: { write: async () => {} },
    nodeId: 'test',
    logFlushMs: 60_000,
  });
});

afterAll(async () => {
  await resolver.close();
  await upstream.close();
});

describe('overlapping UDP queries', () => {
  it('each get their own id, question case, EDNS and group while others are upstream or answered', async () => {
    const asks = Array.from({ length: 60 }, (_, i) => {
      const kind = i % 4;
      const name =
        kind === 0
          ? `Burst-${i % 3}.Example`
          : kind === 1
            ? 'video-tube.example'
            : kind === 2
              ? 'DuckDuckGo.com'
              : `burst-${i % 3}.EXAMPLE`;
      const from = i % 2 ? STAFF : KS2;
      const edns = i % 3 === 0 ? 1232 : undefined;
      return { i, name, from, edns, id: 1000 + i };
    });
    const got = await Promise.all(
      asks.map((x) =>
        ask(resolver.addresses[0]!.port, x.name, 'A', { from: x.from, edns: x.edns, id: x.id }),
      ),
    );
    for (const [n, { packet }] of got.entries()) {
      const x = asks[n]!;
      expect([packet.id, packet.questions![0]!.name]).toEqual([x.id, x.name]);
      expect(packet.additionals!.map((a) => a.type)).toEqual(x.edns ? ['OPT'] : []);
      const data = (packet.answers ?? []).map((a) => `${a.type} ${String(a.data)}`);
      if (x.name === 'video-tube.example')
        expect(data).toEqual([x.from === KS2 ? 'A 127.0.0.80' : 'A 192.0.2.1']);
      else if (x.name === 'DuckDuckGo.com')
        expect(data).toEqual(
          x.from === KS2 ? ['CNAME safe.duckduckgo.com', 'A 192.0.2.99'] : ['A 192.0.2.1'],
        );
      else expect(data).toEqual(['A 192.0.2.1']);
    }
    // Identical questions in flight were asked upstream once each, whatever their case.
    const burst = upstream.queries.filter((q) => q.name.toLowerCase().startsWith('burst-'));
    expect(burst).toHaveLength(3);
  });
});
