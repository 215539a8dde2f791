import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile.js';
import { DEMO_GROUPS, demoPolicySpec } from './demo-policy.js';
import { DomainTable, keyDomains } from './domain-table.js';
import { SuffixKeys } from './names.js';
import { PreparedPolicy } from './prepared.js';

const WED_0900 = Date.parse('2025-01-15T09:00:00Z');

function table(lists: string[][]): { t: DomainTable; match: (name: string) => [number, number] } {
  const keyed = lists.map((l) => keyDomains(l).pairs);
  const t = new DomainTable(keyed.reduce((n, p) => n + p.length / 2, 0));
  keyed.forEach((pairs, bit) => {
    for (let i = 0; i < pairs.length; i += 2) t.add(pairs[i]!, pairs[i + 1]!, bit);
  });
  const keys = new SuffixKeys();
  const out = new Uint32Array(2);
  return { t, match: (name) => (t.matchAll(keys.fromName(name), out), [out[0]!, out[1]!]) };
}

describe('the domain table', () => {
  it('finds every one of 150,000 entries at 70% load, and none of 150,000 names it does not hold', () => {
    const held = Array.from({ length: 150_000 }, (_, i) => `site${i}.example`);
    const { t, match } = table([held]);
    expect(t.size).toBe(150_000);
    // 10 bytes a slot at 70% load, not a power-of-two table twice the size.
    expect(t.byteLength()).toBeLessThan(150_000 * 10 * 1.5);
    expect(held.filter((name) => match(name)[0] !== 1)).toEqual([]);
    const strays = [];
    for (let i = 0; i < 150_000; i++) if (match(`other${i}.example`).some((m) => m !== 0)) strays.push(i);
    expect(strays).toEqual([]);
  });

  it('keeps each name in the lists that hold it when lists overlap (masks of 64 bits)', () => {
    const lists: string[][] = Array.from({ length: 40 }, () => ['everywhere.example']);
    lists[0]!.push('first.example', 'both.example');
    lists[39]!.push('last.example', 'both.example');
    const { match } = table(lists);
    expect(match('everywhere.example')).toEqual([0xffffffff, 0xff]);
    expect(match('first.example')).toEqual([1, 0]);
    expect(match('cdn.last.example')).toEqual([0, 1 << 7]);
    expect(match('both.example')).toEqual([1, 1 << 7]);
    expect(match('example')).toEqual([0, 0]);
  });

  it('refuses to overfill rather than loop', () => {
    const t = new DomainTable(1);
    expect(() => {
      for (let i = 1; i < 100; i++) t.add(i, i, 0);
    }).toThrow(/full/);
  });
});

describe('a prepared policy with a large list', () => {
  const spec = demoPolicySpec();
  const domains = Array.from({ length: 50_000 }, (_, i) => `bet${i}.example`);
  spec.lists.push({ id: 'big', name: 'big list', kind: 'block', category: 'gambling', domains });
  spec.schools[0]!.lists.push('big');
  const g = spec.groups.find((x) => x.id === DEMO_GROUPS.ks2)!;
  g.allow = ['bet7.example'];
  const compiled = compilePolicy(spec).policy;
  const p = new PreparedPolicy(compiled);
  const at = (name: string, group = DEMO_GROUPS.ks2) =>
    p.decideName(name, p.groupById.get(group)!.index, WED_0900);

  it('drops the list keys once they are in the table, and leaves the compiled policy as it was', () => {
    expect(p.policy.lists.every((l) => l.keys === '')).toBe(true);
    expect(compiled.lists.find((l) => l.id === 'big')!.keys.length).toBeGreaterThan(500_000);
    expect(p.entryCount).toBeGreaterThanOrEqual(50_000);
  });

  it('blocks listed names and their subdomains, and an allow entry lifts one (for its group only)', () => {
    expect(at('bet49999.example')).toMatchObject({ action: 'block', category: 'gambling' });
    expect(at('www.bet123.example')).toMatchObject({ action: 'block', category: 'gambling' });
    expect(at('bet50000.example')).toMatchObject({ action: 'allow' });
    expect(at('m.bet7.example')).toMatchObject({ action: 'allow', reason: 'allow-entry' });
    expect(at('illegal-content.example')).toMatchObject({ action: 'block', reason: 'illegal' });
  });
});
