import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dnsPacket from 'dns-packet';
import { DEMO_GROUPS, compilePolicy, demoPolicySpec } from '@harbour/shared';
import { startResolver, type Resolver } from './resolver.js';
import { Rng, fuzzPacket, fuzzResolver } from './test/fuzz.js';
import { ask, defaultAnswer, startUpstream, type TestUpstream } from './test/loopback.js';
import { prepareResponse } from './wire/response.js';

// CI runs a slice; `npm run bench:dns -- --fuzz` (bench/dns/fuzz.ts) sends the full million to a separate
// resolver process. HARBOUR_FUZZ_COUNT overrides.
const COUNT = Number(process.env.HARBOUR_FUZZ_COUNT ?? 20_000);

let upstream: TestUpstream;
let resolver: Resolver;

beforeAll(async () => {
  upstream = await startUpstream({ answer: defaultAnswer() });
  const spec = demoPolicySpec({ subnets: [{ cidr: '127.0.0.2/32', groupId: DEMO_GROUPS.ks2 }] });
  // The fuzzer's address is a listed ECS forwarder, so the ECS parser is fuzzed too.
  spec.clients.ecsForwarders = ['127.0.0.1/32'];
  resolver = await startResolver({
    listen: [{ host: '127.0.0.1', port: 0 }],
    upstreams: [{ host: upstream.host, port: upstream.port }],
    policySource: { current: () => compilePolicy(spec).policy, subscribe: () => () => {} },
    sink: { write: async () => {} },
    nodeId: 'fuzz',
    logFlushMs: 500,
  });
});
afterAll(async () => {
  await resolver.close();
  await upstream.close();
});

describe('fuzz', () => {
  it(`survives ${COUNT} malformed and mutated packets and answers a valid query after every 500`, async () => {
    const port = resolver.addresses[0]!.port;
    const result = await fuzzResolver(port, COUNT);
    expect(result.sent).toBe(COUNT);
    expect(result.answeredProbes).toBe(result.probes);
    expect(resolver.stats.errors).toBe(0);
    expect(resolver.stats.malformed).toBeGreaterThan(COUNT / 4);
    const after = await ask(port, 'allowed.example', 'A', { from: '127.0.0.2' });
    expect(after.packet.answers?.length).toBe(1);
  });

  it('never throws on mutated upstream answers (the upstream may be hostile too)', () => {
    const r = new Rng(7);
    const q = dnsPacket.encode({ id: 1, type: 'query', questions: [{ name: 'x.example', type: 'A' }] });
    const good = dnsPacket.encode({
      id: 1,
      type: 'response',
      questions: [{ name: 'x.example', type: 'A' }],
      answers: [{ name: 'x.example', type: 'A', ttl: 60, data: '192.0.2.1' }],
      authorities: [{ name: 'example', type: 'NS', ttl: 60, data: 'ns.example' }],
    });
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const m = Buffer.from(i % 3 === 0 ? fuzzPacket(r) : good);
      for (let j = r.int(5); j >= 0; j--) m[r.int(m.length)] = r.int(256);
      const cut = Buffer.from(m.subarray(0, r.int(2) ? m.length : r.int(m.length + 1)));
      // Half as a datagram of its own, which the upstream's answers are (kept and edited in place).
      const p = prepareResponse(cut, q, 12, q.length, i % 2 === 0);
      if (p) {
        accepted++;
        expect(p.length).toBeLessThanOrEqual(p.bytes.length);
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });
});
