import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.js';
import { DomainTable, decodeKeys, encodeKeys, keyDomains } from './domain-table.js';
import { SuffixKeys, nameKey, normaliseDomain } from './names.js';

describe('suffix keys', () => {
  it('gives every suffix the key the whole-name hash of that suffix has', () => {
    const s = new SuffixKeys().fromName('www.example.co.uk');
    expect(s.count).toBe(4);
    for (const [i, suffix] of ['uk', 'co.uk', 'example.co.uk', 'www.example.co.uk'].entries())
      expect([s.k1[i], s.k2[i]]).toEqual(nameKey(suffix));
  });
  it('lowercases A-Z as DNS compares names (RFC 4343), byte for byte from wire labels', () => {
    const wire = new SuffixKeys();
    const bytes = Buffer.from('WwW\x07ExAmPlE\x03COM', 'latin1');
    wire.reset();
    wire.addLabel(bytes, 12, 15);
    wire.addLabel(bytes, 4, 11);
    wire.addLabel(bytes, 0, 3);
    expect([wire.k1[2], wire.k2[2]]).toEqual(nameKey('www.example.com'));
  });
  it('distinguishes label boundaries (ab.c is not a.bc)', () => {
    expect(nameKey('ab.c')).not.toEqual(nameKey('a.bc'));
    expect(nameKey('example.com')).not.toEqual(nameKey('example.co'));
  });
});

describe('normaliseDomain', () => {
  it('accepts host names, lowercases, strips *. and the trailing dot, punycodes IDNs', () => {
    expect(normaliseDomain(' Example.COM. ')).toBe('example.com');
    expect(normaliseDomain('*.ads.example')).toBe('ads.example');
    expect(normaliseDomain('bücher.example')).toBe('xn--bcher-kva.example');
    expect(normaliseDomain('_dmarc.example.com')).toBe('_dmarc.example.com');
  });
  it('rejects what is not a host: URLs with paths are never widened to the host (clarification 13)', () => {
    for (const bad of [
      '',
      'example.com/page.html',
      'http://example.com',
      '10.0.0.1',
      '-bad.com',
      'a..b',
      'x y',
    ])
      expect(normaliseDomain(bad)).toBeNull();
  });
});

describe('list keys and the domain table', () => {
  it('sorts, dedupes and counts bad lines without failing', () => {
    const k = keyDomains(['b.example', 'a.example', 'B.example.', 'not a domain', 'example.com/path']);
    expect(k.pairs.length / 2).toBe(2);
    expect(k.rejected).toBe(2);
    const first = k.pairs[0]! * 2 ** 32 + k.pairs[1]!;
    const second = k.pairs[2]! * 2 ** 32 + k.pairs[3]!;
    expect(first).toBeLessThan(second);
  });
  it('round-trips keys through base64', () => {
    const { pairs } = keyDomains(Array.from({ length: 1000 }, (_, i) => `host${i}.example`));
    expect(decodeKeys(encodeKeys(pairs))).toEqual(pairs);
    for (const n of [0, 1, 2, 3, 4, 5]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => i * 37);
      expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
    expect(() => decodeBase64('ab$d')).toThrow();
  });
  it('matches a listed domain and its subdomains, not its parent or look-alikes', () => {
    const { pairs } = keyDomains(['bets.example', 'x.other.example']);
    const t = new DomainTable(2);
    for (let i = 0; i < pairs.length; i += 2) t.add(pairs[i]!, pairs[i + 1]!, i === 0 ? 3 : 40);
    const out = new Uint32Array(2);
    const keys = new SuffixKeys();
    const match = (n: string) => (t.matchAll(keys.fromName(n), out), [out[0], out[1]]);
    const a = nameKey('bets.example');
    const bit = a[0] === pairs[0] && a[1] === pairs[1] ? 3 : 40;
    const expected = bit === 3 ? [8, 0] : [0, 256];
    expect(match('bets.example')).toEqual(expected);
    expect(match('www.bets.example')).toEqual(expected);
    expect(match('example')).toEqual([0, 0]);
    expect(match('notbets.example')).toEqual([0, 0]);
    expect(match('other.example')).toEqual([0, 0]);
  });
  it('holds 100,000 domains in a few megabytes', () => {
    const { pairs } = keyDomains(Array.from({ length: 100_000 }, (_, i) => `site${i}.example`));
    const t = new DomainTable(100_000);
    for (let i = 0; i < pairs.length; i += 2) t.add(pairs[i]!, pairs[i + 1]!, 0);
    expect(t.size).toBe(100_000);
    expect(t.byteLength()).toBeLessThanOrEqual(2.6 * 1024 * 1024);
    const out = new Uint32Array(2);
    t.matchAll(new SuffixKeys().fromName('cdn.site99999.example'), out);
    expect(out[0]).toBe(1);
  });
});
