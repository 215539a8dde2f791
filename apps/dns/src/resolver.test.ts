import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_GROUPS,
  compilePolicy,
  demoPolicySpec,
  type CompiledPolicy,
  type DecisionSink,
  type PolicySource,
  type QueryLogBatch,
} from '@harbour/shared';
import { startResolver, type Resolver } from './resolver.js';
import { ask, defaultAnswer, startUpstream, type TestUpstream } from './test/loopback.js';

// Groups by source address on loopback: 127.0.0.2 KS2, 127.0.0.3 staff, 127.0.0.4 EYFS; others are guests.
const KS2 = '127.0.0.2';
const STAFF = '127.0.0.3';
const EYFS = '127.0.0.4';

function policy(edit: (s: ReturnType<typeof demoPolicySpec>) => void = () => {}): CompiledPolicy {
  const spec = demoPolicySpec({
    subnets: [
      { cidr: `${KS2}/32`, groupId: DEMO_GROUPS.ks2 },
      { cidr: `${STAFF}/32`, groupId: DEMO_GROUPS.staff },
      { cidr: `${EYFS}/32`, groupId: DEMO_GROUPS.eyfs },
    ],
    blockPage: { ipv4: ['127.0.0.80'], ipv6: ['::1'] },
  });
  edit(spec);
  return compilePolicy(spec).policy;
}

class TestSource implements PolicySource {
  private listeners = new Set<(p: CompiledPolicy) => void>();
  constructor(private p: CompiledPolicy | null) {}
  current() {
    return this.p;
  }
  subscribe(l: (p: CompiledPolicy) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  set(p: CompiledPolicy) {
    this.p = p;
    for (const l of this.listeners) l(p);
  }
}

class MemorySink implements DecisionSink {
  batches: QueryLogBatch[] = [];
  async write(b: QueryLogBatch) {
    this.batches.push(b);
  }
}

// Wednesday 15 January 2025, 09:00 London: lesson time.
let clock = Date.parse('2025-01-15T09:00:00Z');
let upstream: TestUpstream;
let resolver: Resolver;
const source = new TestSource(policy());
const sink = new MemorySink();
let port = 0;

beforeAll(async () => {
  upstream = await startUpstream({
    answer: (q) => {
      if (q.name === 'big.example')
        return {
          answers: Array.from({ length: 40 }, (_, i) => ({
            name: q.name,
            type: 'A' as const,
            class: 'IN' as const,
            ttl: 60,
            data: `192.0.2.${i + 1}`,
          })),
        };
      if (q.name === 'missing.example')
        return {
          flags: 3,
          authorities: [
            {
              name: 'example',
              type: 'SOA',
              class: 'IN',
              ttl: 600,
              data: {
                mname: 'ns.example',
                rname: 'admin.example',
                serial: 1,
                refresh: 1,
                retry: 1,
                expire: 1,
                minimum: 120,
              },
            },
          ],
        };
      if (q.name === 'safe.duckduckgo.com') return defaultAnswer('192.0.2.99')(q);
      return defaultAnswer('192.0.2.1', q.name.startsWith('short') ? 5 : 300)(q);
    },
  });
  resolver = await startResolver({
    listen: [{ host: '127.0.0.1', port: 0 }],
    upstreams: [{ host: upstream.host, port: upstream.port }],
    policySource: source,
    sink,
    nodeId: 'test',
    now: () => clock,
    logFlushMs: 60_000,
  });
  port = resolver.addresses[0]!.port;
});

afterAll(async () => {
  await resolver.close();
  await upstream.close();
});

const a = (name: string, from: string, type: 'A' | 'AAAA' | 'HTTPS' | 'TXT' = 'A', tcp = false) =>
  ask(port, name, type, { from, tcp }).then((r) => r.packet);
const data = (p: { answers?: { type: string; data?: unknown }[] }) =>
  (p.answers ?? []).map((x) => `${x.type} ${String(x.data)}`);

describe('the filtering resolver over loopback', () => {
  it('forwards allowed names to the upstream and answers over UDP and TCP', async () => {
    const udp = await a('allowed.example', KS2);
    expect(udp.rcode).toBe('NOERROR');
    expect(data(udp)).toEqual(['A 192.0.2.1']);
    const tcp = await a('other-allowed.example', KS2, 'A', true);
    expect(data(tcp)).toEqual(['A 192.0.2.1']);
  });

  it('answers a blocked name with the block page address for A and AAAA, empty for other types', async () => {
    expect(data(await a('casino-spins.example', KS2))).toEqual(['A 127.0.0.80']);
    expect(data(await a('www.casino-spins.example', KS2, 'AAAA'))).toEqual(['AAAA ::1']);
    const https = await a('casino-spins.example', KS2, 'HTTPS');
    expect([https.rcode, https.answers?.length]).toEqual(['NOERROR', 0]);
    expect(upstream.queries.some((q) => q.name.includes('casino-spins'))).toBe(false);
  });

  it('decides per group, from the source address', async () => {
    expect(data(await a('video-tube.example', KS2))).toEqual(['A 127.0.0.80']);
    expect(data(await a('video-tube.example', STAFF))).toEqual(['A 192.0.2.1']);
    expect(data(await a('phonics-play.example', EYFS))).toEqual(['A 192.0.2.1']);
    expect(data(await a('allowed.example', EYFS))).toEqual(['A 127.0.0.80']);
  });

  it('lets staff reach social media only inside the break-time window', async () => {
    expect(data(await a('friendbook.example', STAFF))).toEqual(['A 127.0.0.80']);
    clock = Date.parse('2025-01-15T12:15:00Z');
    expect(data(await a('friendbook.example', STAFF))).toEqual(['A 192.0.2.1']);
    expect(data(await a('friendbook.example', KS2))).toEqual(['A 127.0.0.80']);
    clock = Date.parse('2025-01-15T09:00:00Z');
  });

  it('answers the DoH canary NXDOMAIN and rewrites safe search', async () => {
    expect((await a('use-application-dns.net', STAFF)).rcode).toBe('NXDOMAIN');
    expect(data(await a('www.google.co.uk', KS2))).toEqual([
      'CNAME forcesafesearch.google.com',
      'A 216.239.38.120',
    ]);
    expect(data(await a('www.youtube.com', STAFF))).toEqual([
      'CNAME restrictmoderate.youtube.com',
      'A 216.239.38.119',
    ]);
    // DuckDuckGo has no fixed address: the target's records come from the upstream.
    expect(data(await a('duckduckgo.com', KS2))).toEqual(['CNAME safe.duckduckgo.com', 'A 192.0.2.99']);
  });

  it('blocks with NXDOMAIN when the school chooses it, after a policy change arrives', async () => {
    source.set(policy((s) => (s.schools[0]!.blockAnswer = { mode: 'nxdomain' })));
    expect((await a('casino-spins.example', KS2)).rcode).toBe('NXDOMAIN');
    source.set(policy());
    expect(data(await a('casino-spins.example', KS2))).toEqual(['A 127.0.0.80']);
  });

  it('caches for the upstream TTL, serving the remaining lifetime, then asks again', async () => {
    const before = upstream.queries.length;
    const first = await a('short-lived.example', KS2);
    expect(first.answers![0]!.ttl).toBe(5);
    clock += 3000;
    const second = await a('short-lived.example', KS2);
    expect(second.answers![0]!.ttl).toBe(2);
    expect(upstream.queries.length).toBe(before + 1);
    clock += 3000;
    await a('short-lived.example', KS2);
    expect(upstream.queries.length).toBe(before + 2);
  });

  it('caches NXDOMAIN for min(SOA TTL, SOA minimum) (RFC 2308)', async () => {
    const before = upstream.queries.length;
    expect((await a('missing.example', KS2)).rcode).toBe('NXDOMAIN');
    clock += 119_000;
    expect((await a('missing.example', KS2)).rcode).toBe('NXDOMAIN');
    expect(upstream.queries.length).toBe(before + 1);
    clock += 2000;
    await a('missing.example', KS2);
    expect(upstream.queries.length).toBe(before + 2);
  });

  it('truncates a large answer over UDP without EDNS, and the client gets it whole over TCP', async () => {
    const { packet } = await ask(port, 'big.example', 'A', { from: KS2 });
    expect(packet.flags! & 0x200).toBe(0x200);
    expect(packet.answers).toHaveLength(0);
    const edns = await ask(port, 'big.example', 'A', { from: KS2, edns: 1232 });
    expect(edns.packet.answers).toHaveLength(40);
    const tcp = await a('big.example', KS2, 'A', true);
    expect(tcp.answers).toHaveLength(40);
  });

  it('echoes the id and the case of the question (0x20) from the cache', async () => {
    await a('case.example', KS2);
    const { packet } = await ask(port, 'CaSe.ExAmPlE', 'A', { from: KS2, id: 4321 });
    expect(packet.id).toBe(4321);
    expect(packet.questions![0]!.name).toBe('CaSe.ExAmPlE');
  });

  it('logs every decision in batches, folding repeats', async () => {
    for (let i = 0; i < 3; i++) await a('casino-spins.example', KS2);
    await resolver.decisions.flush();
    const records = sink.batches.flatMap((b) => b.records);
    const r = records.find((x) => x.name === 'casino-spins.example' && x.count >= 3)!;
    expect(r).toMatchObject({ client: KS2, groupId: DEMO_GROUPS.ks2, action: 'block', category: 'gambling' });
    expect(records.find((x) => x.name === 'allowed.example')).toMatchObject({
      action: 'allow',
      groupId: 'ks2',
    });
    expect(sink.batches.every((b) => b.nodeId === 'test' && b.records.length <= 5000)).toBe(true);
  });
});

describe('upstream failover and TCP fallback', () => {
  it('moves to the next upstream when the first does not answer, and retries upstream over TCP on TC', async () => {
    const dead = await startUpstream({ answer: () => null });
    const truncating = await startUpstream({ answer: defaultAnswer('192.0.2.7'), udpLimit: 20 });
    const r = await startResolver({
      listen: [{ host: '127.0.0.1', port: 0 }],
      upstreams: [
        { host: dead.host, port: dead.port },
        { host: truncating.host, port: truncating.port },
      ],
      // Long enough that a live upstream on a loaded machine is never taken for a dead one.
      upstreamTimeoutMs: 1000,
      policySource: new TestSource(policy()),
      sink: new MemorySink(),
      nodeId: 'failover',
    });
    try {
      const { packet } = await ask(r.addresses[0]!.port, 'failover.example', 'A', { from: KS2 });
      expect(data(packet)).toEqual(['A 192.0.2.7']);
      expect(dead.queries.map((q) => q.name)).toEqual(['failover.example']);
      expect(truncating.queries.map((q) => q.transport)).toEqual(['udp', 'tcp']);
      // One failure: the dead server is still asked first; after its second it goes to the back.
      await ask(r.addresses[0]!.port, 'failover2.example', 'A', { from: KS2 });
      await ask(r.addresses[0]!.port, 'failover3.example', 'A', { from: KS2 });
      expect(dead.queries.map((q) => q.name)).toEqual(['failover.example', 'failover2.example']);
    } finally {
      await r.close();
      await dead.close();
      await truncating.close();
    }
  });

  it('answers SERVFAIL when no upstream answers, and REFUSED while it has no policy', async () => {
    const dead = await startUpstream({ answer: () => null });
    const src = new TestSource(null);
    const r = await startResolver({
      listen: [{ host: '127.0.0.1', port: 0 }],
      upstreams: [{ host: dead.host, port: dead.port }],
      upstreamTimeoutMs: 100,
      upstreamAttempts: 2,
      policySource: src,
      sink: new MemorySink(),
      nodeId: 'none',
    });
    try {
      const p = r.addresses[0]!.port;
      expect((await ask(p, 'anything.example', 'A', { from: KS2 })).packet.rcode).toBe('REFUSED');
      src.set(policy());
      expect((await ask(p, 'anything.example', 'A', { from: KS2 })).packet.rcode).toBe('SERVFAIL');
    } finally {
      await r.close();
      await dead.close();
    }
  });
});
