import type { Decision, Identified, SuffixKeys } from '@harbour/shared';
import { RCODE, emptyAnswer } from '../wire/answer.js';
import { sameName, type Query } from '../wire/query.js';
import { compact, type Prepared } from '../wire/response.js';
import type { Link, Request } from './types.js';

/** A cached answer is its own Prepared (one object an entry: a hit reads one object fewer). */
interface Entry extends Prepared {
  k1: number;
  k2: number;
  qtype: number;
  qclass: number;
  dnssecOk: boolean;
  /** Length of the question name in wire form, which the answer holds at offset 12: entries match on it
   * exactly (case-insensitively), so no hash collision can mix names. */
  nameLen: number;
  insertedAt: number;
  expiresAt: number;
  /** Served since it was stored or last given a second chance (the clock's reference bit). */
  used: boolean;
  next: Entry | null;
}

/**
 * What an entry costs beyond its answer's bytes: the entry object, its Buffer (JS object, ArrayBuffer and
 * backing store), its TTL array and its Map slot. Measured (`CACHE_MEMORY=1 NODE_OPTIONS=--expose-gc npx
 * vitest run apps/dns/src/chain/cache.test.ts`): 100,000 entries of 104-byte answers, 721 bytes each of heap
 * and external memory.
 */
export const ENTRY_OVERHEAD = 640;

/**
 * A question on its way upstream. It goes down the chain as the leader request (the first asker's fields,
 * its own answer and reply), then answers every asker: one object per miss, no closures.
 */
class Flight implements Request {
  readonly msg: Buffer;
  readonly q: Query;
  readonly transport: Request['transport'];
  readonly source: string;
  readonly local: string | null;
  readonly receivedAt: number;
  readonly keys: SuffixKeys;
  client: Identified | null;
  decision: Decision | null;
  readonly qtype: number;
  readonly qclass: number;
  readonly dnssecOk: boolean;
  /** The leader's name at [12, 12 + nameLen) of msg is matched exactly (case-insensitively). */
  readonly nameLen: number;
  /** Later askers of the same question (the first is `first`). */
  more: Request[] | null = null;
  /** The next flight under the same key. */
  next: Flight | null = null;

  constructor(
    private readonly cache: AnswerCache,
    readonly key: number,
    readonly k1: number,
    readonly k2: number,
    private readonly first: Request,
  ) {
    this.msg = first.msg;
    this.q = first.q;
    this.transport = first.transport;
    this.source = first.source;
    this.local = first.local;
    this.receivedAt = first.receivedAt;
    this.keys = first.keys;
    this.client = first.client;
    this.decision = first.decision;
    this.qtype = first.q.qtype;
    this.qclass = first.q.qclass;
    this.dnssecOk = first.q.dnssecOk;
    this.nameLen = first.q.nameEnd - 12;
  }

  detach(): Request {
    return this;
  }

  join(req: Request): void {
    (this.more ??= []).push(req);
  }

  answer(p: Prepared, insertedAt: number): void {
    this.cache.land(this);
    if (p.cacheTtl > 0) this.cache.store(this, p, insertedAt);
    this.first.answer(p, insertedAt);
    if (this.more) for (const w of this.more) w.answer(p, insertedAt);
  }

  /** The upstream gave up: every asker gets its own SERVFAIL (its id, its question). */
  reply(): void {
    this.cache.land(this);
    const f = this.first;
    f.reply(emptyAnswer(f.msg, f.q.questionEnd, RCODE.SERVFAIL, f.q));
    if (this.more)
      for (const w of this.more) w.reply(emptyAnswer(w.msg, w.q.questionEnd, RCODE.SERVFAIL, w.q));
  }
}

export interface CacheOptions {
  /**
   * Most memory the cached answers may take, in bytes: each entry counts its answer's length plus
   * ENTRY_OVERHEAD. Default 16 MiB (HARBOUR_DNS_CACHE_MB), about 22,000 answers of a typical 100 bytes.
   */
  maxBytes?: number;
  /** Most entries, whatever their size (default: no bound but maxBytes). */
  maxEntries?: number;
  /** Most concurrent distinct upstream questions; beyond it new ones get SERVFAIL (flood protection). */
  maxInFlight?: number;
}

/** A small-integer key (a V8 Smi: no boxing per lookup); entries chain on collisions and match exactly. */
const keyOf = (k1: number, _k2: number, qtype: number, dnssecOk: boolean): number =>
  (k1 ^ Math.imul(qtype, 0x9e3779b1) ^ (dnssecOk ? 0x55555555 : 0)) & 0x3fffffff;

/**
 * Link 5: answers from cache while the upstream's TTL lasts (RFC 1035 3.2.1; negative answers RFC 2308),
 * and joins identical questions already on their way upstream, so a burst of one name asks once.
 * Keys come from the name's hash, but entries match on the name itself.
 *
 * Bounded in bytes (and optionally entries). Beyond the bound it evicts by the clock (second chance): the
 * Map keeps keys in insertion order, a hit only sets the entry's `used` bit, and eviction takes the oldest
 * key: expired entries go, a used one has its bit cleared and goes to the back, the rest are dropped. So a
 * name asked again while it was cached survives a pass of one-off names, with no list to update per hit.
 * `prune` drops expired entries throughout (the resolver runs it from a timer).
 */
export class AnswerCache {
  private readonly map = new Map<number, Entry>();
  private readonly inFlight = new Map<number, Flight>();
  private flights = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxInFlight: number;
  private entries = 0;
  /** Answer bytes plus ENTRY_OVERHEAD per entry. */
  private charged = 0;
  hits = 0;
  misses = 0;
  evictions = 0;

  constructor(o: CacheOptions = {}) {
    this.maxBytes = o.maxBytes ?? 16 << 20;
    this.maxEntries = o.maxEntries ?? Infinity;
    this.maxInFlight = o.maxInFlight ?? 20_000;
  }

  /** Cached answers. */
  get size(): number {
    return this.entries;
  }

  /** What the cached answers count against maxBytes. */
  get bytes(): number {
    return this.charged;
  }

  clear(): void {
    this.map.clear();
    this.entries = 0;
    this.charged = 0;
  }

  /** Drops every expired entry; returns how many. */
  prune(now: number): number {
    let dropped = 0;
    for (const [key, head] of this.map) {
      for (let e: Entry | null = head; e; e = e.next) {
        if (e.expiresAt > now) continue;
        this.remove(key, e);
        dropped++;
      }
    }
    return dropped;
  }

  link(): Link {
    return (next) => (req) => {
      const { q, keys, msg } = req;
      const k1 = keys.k1[keys.count - 1] ?? 0;
      const k2 = keys.k2[keys.count - 1] ?? 0;
      const key = keyOf(k1, k2, q.qtype, q.dnssecOk);
      const nameLen = q.nameEnd - 12;
      const now = req.receivedAt;
      for (let e = this.map.get(key) ?? null; e; e = e.next) {
        if (
          e.k1 !== k1 ||
          e.k2 !== k2 ||
          e.qtype !== q.qtype ||
          e.qclass !== q.qclass ||
          e.dnssecOk !== q.dnssecOk
        )
          continue;
        if (e.nameLen !== nameLen || !sameName(e.bytes, 12, msg, 12, nameLen)) continue;
        if (e.expiresAt <= now) {
          this.remove(key, e);
          break;
        }
        this.hits++;
        e.used = true;
        req.answer(e, e.insertedAt);
        return;
      }
      this.misses++;
      for (let f = this.inFlight.get(key) ?? null; f; f = f.next) {
        if (
          f.k1 === k1 &&
          f.k2 === k2 &&
          f.qtype === q.qtype &&
          f.qclass === q.qclass &&
          f.dnssecOk === q.dnssecOk &&
          f.nameLen === nameLen &&
          sameName(f.msg, 12, msg, 12, nameLen)
        ) {
          f.join(req.detach());
          return;
        }
      }
      if (this.flights >= this.maxInFlight) {
        req.reply(emptyAnswer(msg, q.questionEnd, RCODE.SERVFAIL, q));
        return;
      }
      const flight = new Flight(this, key, k1, k2, req.detach());
      flight.next = this.inFlight.get(key) ?? null;
      this.inFlight.set(key, flight);
      this.flights++;
      next(flight);
    };
  }

  /** A flight has its answer (or none): it no longer takes askers. */
  land(flight: Flight): void {
    const head = this.inFlight.get(flight.key) ?? null;
    if (head === flight) {
      if (flight.next) this.inFlight.set(flight.key, flight.next);
      else this.inFlight.delete(flight.key);
    } else for (let f = head; f; f = f.next) if (f.next === flight) f.next = flight.next;
    this.flights--;
  }

  store(f: Flight, prepared: Prepared, insertedAt: number): void {
    const key = f.key;
    const head = this.map.get(key) ?? null;
    for (let e = head; e; e = e.next) {
      if (
        e.k1 === f.k1 &&
        e.k2 === f.k2 &&
        e.qtype === f.qtype &&
        e.qclass === f.qclass &&
        e.dnssecOk === f.dnssecOk
      )
        this.remove(key, e);
    }
    const p = compact(prepared);
    const entry: Entry = {
      bytes: p.bytes,
      length: p.length,
      ttls: p.ttls,
      rcode: p.rcode,
      upstreamFlags: p.upstreamFlags,
      cacheTtl: p.cacheTtl,
      truncated: p.truncated,
      k1: f.k1,
      k2: f.k2,
      qtype: f.qtype,
      qclass: f.qclass,
      dnssecOk: f.dnssecOk,
      nameLen: f.nameLen,
      insertedAt,
      expiresAt: insertedAt + prepared.cacheTtl * 1000,
      used: false,
      next: this.map.get(key) ?? null,
    };
    const cost = p.length + ENTRY_OVERHEAD;
    if (cost > this.maxBytes) return;
    this.map.delete(key);
    this.map.set(key, entry);
    this.entries++;
    this.charged += cost;
    this.evict(insertedAt, key);
  }

  /** The clock: from the oldest key on, until the cache is within its bounds (see the class comment). */
  private evict(now: number, newest: number): void {
    while (this.charged > this.maxBytes || this.entries > this.maxEntries) {
      const [key, head] = this.map.entries().next().value!;
      let keep = false;
      for (let e: Entry | null = head; e; e = e.next) {
        if (e.used && e.expiresAt > now && key !== newest) {
          e.used = false;
          keep = true;
        } else {
          this.remove(key, e);
          if (e.expiresAt > now) this.evictions++;
        }
      }
      if (keep) {
        const rest = this.map.get(key)!;
        this.map.delete(key);
        this.map.set(key, rest);
      }
    }
  }

  private remove(key: number, target: Entry): void {
    let head = this.map.get(key) ?? null;
    if (head === target) head = target.next;
    else for (let e = head; e; e = e.next) if (e.next === target) e.next = target.next;
    if (head) this.map.set(key, head);
    else this.map.delete(key);
    this.entries--;
    this.charged -= target.length + ENTRY_OVERHEAD;
  }
}
