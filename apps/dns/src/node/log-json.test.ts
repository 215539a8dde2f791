import { describe, expect, it } from 'vitest';
import type { QueryLogBatch, QueryLogRecord } from '@harbour/shared';
import { BatchJson } from './log-json.js';

const record = (i: number, over: Partial<QueryLogRecord> = {}): QueryLogRecord => ({
  time: '2026-12-04T02:10:00.000Z',
  count: i + 1,
  client: i % 2 ? '10.0.0.7' : 'fe80::1%eth0',
  identifiedBy: 'subnet',
  schoolId: 'school-1',
  groupId: 'ks2',
  name: `host${i}.example`,
  type: 'A',
  action: i % 3 ? 'allow' : 'block',
  reason: i % 3 ? null : 'category',
  category: i % 3 ? null : 'gambling',
  ruleId: i % 3 ? null : 'rule-9',
  ...over,
});

const batch = (records: QueryLogRecord[]): QueryLogBatch => ({
  batchId: '6f1c2f5e-8f3a-4c1e-9a7b-2d4e5f6a7b8c',
  nodeId: 'node-a',
  policyVersion: 12,
  sentAt: '2026-12-04T02:10:01.000Z',
  dropped: 3,
  records,
});

describe('BatchJson', () => {
  it('writes the batch as JSON.stringify would (same value when parsed)', () => {
    const b = batch([0, 1, 2, 3].map((i) => record(i)));
    const out = new BatchJson().encode(b);
    expect(JSON.parse(out.toString('utf8'))).toEqual(b);
  });

  it('escapes what needs escaping and writes other text as UTF-8', () => {
    const odd = [
      'quo"te.example',
      'back\\slash.example',
      'tab\there.example',
      'café.example',
      'x\u0001y',
      '日本.jp',
    ];
    const b = batch(odd.map((name, i) => record(i, { name, ruleId: name })));
    const out = new BatchJson().encode(b);
    expect(JSON.parse(out.toString('utf8'))).toEqual(b);
  });

  it('reuses its buffer and grows it for a batch that does not fit', () => {
    const json = new BatchJson();
    const small = batch([record(0)]);
    const big = batch(
      Array.from({ length: 5000 }, (_, i) => record(i, { name: `${'a'.repeat(60)}.${i}.example` })),
    );
    expect(JSON.parse(json.encode(big).toString('utf8'))).toEqual(big);
    expect(JSON.parse(json.encode(small).toString('utf8'))).toEqual(small);
    expect(JSON.parse(json.encode(batch([])).toString('utf8'))).toEqual(batch([]));
  });
});
