import { describe, expect, it } from 'vitest';
import { request, upstreamAnswer } from '../test/requests.js';
import { AnswerCache, ENTRY_OVERHEAD } from './cache.js';
import type { Request } from './types.js';

/** A cache whose upstream answers at once with `ttl`, counting what went upstream. */
function cached(cache: AnswerCache, ttl = 300) {
  const asked: string[] = [];
  let name = '';
  const handler = cache.link()((r: Request) => {
    asked.push(name);
    r.answer(upstreamAnswer(name, ttl), r.receivedAt);
  });
  const ask = (n: string, at = 0) => {
    name = n;
    const { req, out } = request(n);
    req.receivedAt += at;
    handler(req);
    return out.answers.length;
  };
  return { asked, ask };
}

const cost = (name: string) => upstreamAnswer(name, 300).length + ENTRY_OVERHEAD;

describe('answer cache bound', () => {
  it('stays within maxBytes, evicting the oldest names first', () => {
    const one = cost('n000.example');
    const cache = new AnswerCache({ maxBytes: one * 10 });
    const { asked, ask } = cached(cache);
    const n = (i: number) => `n${String(i).padStart(3, '0')}.example`;
    for (let i = 0; i < 30; i++) ask(n(i));
    expect(cache.size).toBe(10);
    expect(cache.bytes).toBeLessThanOrEqual(one * 10);
    expect(cache.evictions).toBe(20);
    // The ten newest are served from cache; an evicted one goes upstream again.
    for (let i = 20; i < 30; i++) ask(n(i));
    expect(asked).toHaveLength(30);
    ask('n000.example');
    expect(asked).toHaveLength(31);
  });

  it('gives names served from cache a second chance over one-off names (the clock)', () => {
    const cache = new AnswerCache({ maxEntries: 10 });
    const { asked, ask } = cached(cache);
    for (let i = 0; i < 5; i++) ask(`hot${i}.example`);
    for (let i = 0; i < 5; i++) ask(`hot${i}.example`); // hits: their bits are set
    expect(asked).toHaveLength(5);
    for (let i = 0; i < 40; i++) {
      ask(`once${i}.example`);
      if (i % 8 === 7) for (let h = 0; h < 5; h++) ask(`hot${h}.example`);
    }
    const before = asked.length;
    for (let i = 0; i < 5; i++) ask(`hot${i}.example`);
    expect(asked.length).toBe(before); // every hot name still cached
    expect(cache.size).toBe(10);
  });

  it('drops expired entries: on lookup, when evicting, and all at once in prune', () => {
    const cache = new AnswerCache({ maxEntries: 4 });
    const { asked, ask } = cached(cache, 60);
    ask('a.example');
    ask('b.example');
    ask('c.example');
    expect(cache.size).toBe(3);
    expect(ask('a.example', 61_000)).toBe(1); // expired: asked again, answered, stored anew
    expect(asked).toEqual(['a.example', 'b.example', 'c.example', 'a.example']);
    expect(cache.size).toBe(3);
    expect(cache.prune(Date.parse('2025-01-15T09:00:00Z') + 61_000)).toBe(2);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(cost('a.example'));
    // Expired entries are evicted before live ones, and not counted as evictions.
    const c2 = new AnswerCache({ maxEntries: 2 });
    const short = cached(c2, 1);
    short.ask('old.example');
    const long = cached(c2, 300);
    long.ask('x.example', 5_000);
    long.ask('y.example', 5_000);
    expect(c2.size).toBe(2);
    expect(c2.evictions).toBe(0);
    expect(long.ask('x.example', 5_000) + long.ask('y.example', 5_000)).toBe(2);
    expect(long.asked).toEqual(['x.example', 'y.example']);
  });

  it('does not store an answer larger than the whole cache', () => {
    const cache = new AnswerCache({ maxBytes: ENTRY_OVERHEAD });
    const { asked, ask } = cached(cache);
    ask('big.example');
    ask('big.example');
    expect(asked).toHaveLength(2);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it.runIf(process.env.CACHE_MEMORY)('costs about ENTRY_OVERHEAD beyond its answer per entry', () => {
    global.gc?.();
    const live = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    const before = process.memoryUsage().rss;
    const liveBefore = live();
    const cache = new AnswerCache({ maxBytes: 1 << 30 });
    const { ask } = cached(cache);
    for (let i = 0; i < 100_000; i++) ask(`host${i}.school-allowed-${i % 97}.example`);
    global.gc?.();
    const per = (process.memoryUsage().rss - before) / cache.size;
    const heap = (live() - liveBefore) / cache.size;
    console.log(
      `${cache.size} entries, ${(cache.bytes / cache.size).toFixed(0)} B charged, ${heap.toFixed(0)} B of heap and external, ${per.toFixed(0)} B RSS each`,
    );
  });
});
