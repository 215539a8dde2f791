import { describe, expect, it } from 'vitest';
import { canonicalIp, parseCidr, parseIp, prefixContains } from './addresses.js';
import { ClientIndex } from './clients.js';
import { QueryLogBatchSchema } from './query-log.js';

const groups = ['g-default', 'g-bound', 'g-resolver', 'g-ecs', 'g-subnet', 'g-wide', 'g-v6'];
const index = new ClientIndex(
  {
    bindings: [
      { address: '10.0.5.7', groupId: 'g-bound', expiresAt: '2025-01-01T12:00:00Z' },
      { address: '10.9.9.9', groupId: 'g-bound', expiresAt: '2025-01-01T12:00:00Z' },
    ],
    resolverAddresses: [{ address: '127.0.0.53', groupId: 'g-resolver' }],
    ecsForwarders: ['10.0.0.2/32'],
    subnets: [
      { cidr: '10.0.0.0/8', groupId: 'g-wide' },
      { cidr: '10.0.5.0/24', groupId: 'g-subnet' },
      { cidr: '10.9.0.0/16', groupId: 'g-ecs' },
      { cidr: 'fd00:1::/64', groupId: 'g-v6' },
    ],
    defaultGroupId: 'g-default',
  },
  (id) => groups.indexOf(id),
);
const before = Date.parse('2025-01-01T11:59:59Z');
const after = Date.parse('2025-01-01T12:00:00Z');
const who = (q: Parameters<ClientIndex['identify']>[0], t = before) => {
  const r = index.identify(q, t);
  return [groups[r.groupIndex], r.by];
};

describe('client identification (clarification 14)', () => {
  it('tries binding, resolver address, ECS from listed forwarders, subnet, default, in that order', () => {
    expect(who({ source: '10.0.5.7', local: '127.0.0.53' })).toEqual(['g-bound', 'binding']);
    expect(who({ source: '::ffff:10.0.5.7' })).toEqual(['g-bound', 'binding']);
    expect(who({ source: '10.0.5.7', local: '127.0.0.53' }, after)).toEqual([
      'g-resolver',
      'resolver-address',
    ]);
    expect(who({ source: '10.0.5.7' }, after)).toEqual(['g-subnet', 'subnet']);
    expect(who({ source: '10.0.6.1' })).toEqual(['g-wide', 'subnet']);
    expect(who({ source: '192.168.1.1' })).toEqual(['g-default', 'default']);
    expect(who({ source: 'fd00:1::abcd' })).toEqual(['g-v6', 'subnet']);
    expect(who({ source: 'fd00:2::1' })).toEqual(['g-default', 'default']);
  });
  it('believes ECS only from a listed forwarder, and a binding only for a full-length ECS address', () => {
    const ecs = { address: '10.9.9.9', prefixLength: 32 };
    expect(who({ source: '10.0.0.2', ecs })).toEqual(['g-bound', 'ecs']);
    expect(who({ source: '10.0.0.2', ecs: { address: '10.9.9.0', prefixLength: 24 } })).toEqual([
      'g-ecs',
      'ecs',
    ]);
    expect(who({ source: '10.0.0.3', ecs })).toEqual(['g-wide', 'subnet']);
    // A /8 ECS prefix is wider than the /16 subnet: it cannot say the client is inside it.
    expect(who({ source: '10.0.0.2', ecs: { address: '10.0.0.0', prefixLength: 8 } })).toEqual([
      'g-wide',
      'ecs',
    ]);
    expect(index.identify({ source: '10.0.0.2', ecs }, before).client).toBe('10.9.9.9');
  });
});

describe('addresses', () => {
  it('parses and canonicalises v4, v6 and mapped addresses', () => {
    expect(canonicalIp('::ffff:127.0.0.9')).toBe('127.0.0.9');
    expect(canonicalIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalIp('fe80::1%eth0')).toBe('fe80::1');
    expect(parseIp('1.2.3')).toBeNull();
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(prefixContains(parseCidr('127.0.0.0/30')!, parseIp('127.0.0.3')!)).toBe(true);
    expect(prefixContains(parseCidr('127.0.0.0/30')!, parseIp('127.0.0.4')!)).toBe(false);
    expect(parseCidr('10.0.0.0/33')).toBeNull();
  });
});

describe('query log batch', () => {
  it('accepts a well-formed batch and rejects unknown fields', () => {
    const batch = {
      batchId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      nodeId: 'harbour',
      policyVersion: 3,
      sentAt: '2025-01-01T12:00:00.000Z',
      dropped: 0,
      records: [
        {
          time: '2025-01-01T11:59:59.000Z',
          count: 2,
          client: '10.0.2.14',
          identifiedBy: 'subnet',
          schoolId: 's',
          groupId: 'ks2',
          name: 'big-bets.example',
          type: 'A',
          action: 'block',
          reason: 'category',
          category: 'gambling',
          ruleId: null,
        },
      ],
    };
    expect(QueryLogBatchSchema.safeParse(batch).success).toBe(true);
    expect(QueryLogBatchSchema.safeParse({ ...batch, extra: 1 }).success).toBe(false);
  });
});
