import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { DEMO_GROUPS, compilePolicy, demoPolicySpec, type QueryLogBatch } from '@harbour/shared';
import { request, upstreamAnswer } from '../test/requests.js';
import { AnswerCache } from './cache.js';
import { decide } from './decide.js';
import { identifyClient } from './identify.js';
import { DecisionLog } from './log.js';
import { LOG_TABLE_ENTRIES } from './log-table.js';
import { PolicyState } from './state.js';
import { chain, type Handler, type Request } from './types.js';

const rcode = (b: Buffer) => (dnsPacket.decode(b) as { rcode?: string }).rcode;
const policy = (version = 1) =>
  compilePolicy(demoPolicySpec({ version, subnets: [{ cidr: '10.0.2.0/24', groupId: DEMO_GROUPS.ks2 }] }))
    .policy;

describe('identify and decide links', () => {
  it('refuse while there is no policy, then identify by subnet and decide per group', () => {
    const state = new PolicyState();
    const seen: Request[] = [];
    const handler = chain(identifyClient(state), decide(state))((r) => seen.push(r));
    const a = request('casino-spins.example');
    handler(a.req);
    expect(rcode(a.out.replies[0]!)).toBe('REFUSED');
    state.load(policy());
    const b = request('casino-spins.example');
    handler(b.req);
    expect(b.req.client).toMatchObject({ by: 'subnet', client: '10.0.2.9' });
    expect(b.req.decision).toMatchObject({ action: 'block', category: 'gambling' });
    const c = request('casino-spins.example', '10.0.7.1');
    handler(c.req);
    expect(state.prepared!.groups[c.req.client!.groupIndex]!.policy.id).toBe(DEMO_GROUPS.guests);
  });
});

describe('cache link', () => {
  it('asks upstream once for identical questions in flight, then serves from cache until the TTL ends', () => {
    const cache = new AnswerCache();
    const upstreamCalls: Request[] = [];
    const handler: Handler = cache.link()((r) => upstreamCalls.push(r));
    const one = request('same.example');
    const two = request('SAME.example');
    handler(one.req);
    handler(two.req);
    expect(upstreamCalls).toHaveLength(1);
    upstreamCalls[0]!.answer(upstreamAnswer('same.example', 60), one.req.receivedAt);
    expect([one.out.answers.length, two.out.answers.length]).toEqual([1, 1]);
    const three = request('same.example');
    handler(three.req);
    expect(upstreamCalls).toHaveLength(1);
    expect(three.out.answers).toHaveLength(1);
    const later = request('same.example');
    later.req.receivedAt += 61_000;
    handler(later.req);
    expect(upstreamCalls).toHaveLength(2);
  });

  it('gives every waiter its own SERVFAIL when the upstream gives up, and caches nothing', () => {
    const cache = new AnswerCache();
    const calls: Request[] = [];
    const handler = cache.link()((r) => calls.push(r));
    const a = request('down.example');
    const b = request('down.example');
    handler(a.req);
    handler(b.req);
    calls[0]!.reply(Buffer.alloc(0));
    expect(a.out.replies.map(rcode)).toEqual(['SERVFAIL']);
    expect(b.out.replies.map(rcode)).toEqual(['SERVFAIL']);
    expect(cache.size).toBe(0);
  });
});

describe('decision log', () => {
  it('keeps a bounded buffer while the sink fails, then reports how many it dropped', async () => {
    const state = new PolicyState();
    state.load(policy());
    let fail = true;
    const stored: QueryLogBatch[] = [];
    const log = new DecisionLog(state, {
      nodeId: 'n',
      maxBufferedRecords: 5000,
      retryMs: 0,
      sink: {
        write: async (b) => {
          if (fail) throw new Error('server away');
          stored.push(b);
        },
      },
    });
    const handler = chain(identifyClient(state), decide(state))((r) => log.record(r));
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4000; i++) handler(request(`site${round}-${i}.example`).req);
      await log.flush();
    }
    expect(log.pending()).toEqual({ records: 4000, dropped: 8000 });
    fail = false;
    await log.flush();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.dropped).toBe(8000);
    expect(stored[0]!.records).toHaveLength(4000);
    expect(log.pending()).toEqual({ records: 0, dropped: 0 });
  });

  it('counts every decision, folding repeats per client, name, type and decision, past a full table', async () => {
    const state = new PolicyState();
    state.load(policy());
    const stored: QueryLogBatch[] = [];
    const sink = { write: async (b: QueryLogBatch) => void stored.push(b) };
    const log = new DecisionLog(state, { nodeId: 'n', sink, maxBufferedRecords: 100_000 });
    const handler = chain(identifyClient(state), decide(state))((r) => log.record(r));
    // More distinct names than the table holds: it folds on its own and nothing is lost.
    const distinct = LOG_TABLE_ENTRIES + 10;
    for (let i = 0; i < distinct; i++) handler(request(`site-${i}.example`).req);
    for (let i = 0; i < 3; i++) handler(request('Casino-Spins.EXAMPLE').req);
    handler(request('casino-spins.example', '10.0.2.10').req);
    handler(request('casino-spins.example', '10.0.2.9', 'AAAA').req);
    handler(request('odd\\.name.example').req);
    await log.flush();
    const records = stored.flatMap((b) => b.records);
    expect(records.reduce((n, r) => n + r.count, 0)).toBe(distinct + 6);
    expect(records.filter((r) => r.name.startsWith('site-'))).toHaveLength(distinct);
    const casino = records.filter((r) => r.name === 'casino-spins.example');
    expect(casino.map((r) => [r.client, r.type, r.count, r.action, r.category])).toEqual([
      ['10.0.2.9', 'A', 3, 'block', 'gambling'],
      ['10.0.2.10', 'A', 1, 'block', 'gambling'],
      ['10.0.2.9', 'AAAA', 1, 'block', 'gambling'],
    ]);
    expect(records.find((r) => r.name.startsWith('odd'))!.name).toBe('odd\\092.name.example');
    expect(records.every((r) => r.time === '2025-01-15T09:00:00.000Z' && r.groupId === DEMO_GROUPS.ks2)).toBe(
      true,
    );
  });

  it('folds what was counted under the old policy with its own groups and version when a new one arrives', async () => {
    const state = new PolicyState();
    state.load(policy(1));
    const stored: QueryLogBatch[] = [];
    const log = new DecisionLog(state, { nodeId: 'n', sink: { write: async (b) => void stored.push(b) } });
    const handler = chain(identifyClient(state), decide(state))((r) => log.record(r));
    handler(request('casino-spins.example').req);
    // Version 2 numbers its groups the other way round.
    const spec = demoPolicySpec({ version: 2, subnets: [{ cidr: '10.0.2.0/24', groupId: DEMO_GROUPS.ks2 }] });
    spec.groups.reverse();
    state.load(compilePolicy(spec).policy);
    handler(request('casino-spins.example').req);
    await log.flush();
    expect(stored.map((b) => [b.policyVersion, b.records.map((r) => [r.groupId, r.count])])).toEqual([
      [1, [[DEMO_GROUPS.ks2, 1]]],
      [2, [[DEMO_GROUPS.ks2, 1]]],
    ]);
  });
});
