import { RCODE, emptyAnswer } from '../wire/answer.js';
import { sameName } from '../wire/query.js';
import type { Prepared } from '../wire/response.js';
import type { Link, Request } from './types.js';

interface Entry {
  k1: number;
  k2: number;
  qtype: number;
  qclass: number;
  dnssecOk: boolean;
  /** The question name in wire form, for an exact (case-insensitive) match: no collision can mix names. */
  name: Buffer;
  prepared: Prepared;
  insertedAt: number;
  expiresAt: number;
  next: Entry | null;
}

interface Flight {
  k1: number;
  k2: number;
  qtype: number;
  qclass: number;
  dnssecOk: boolean;
  /** The leader's message: its name at [12, 12 + nameLen) is matched exactly (case-insensitively). */
  msg: Buffer;
  nameLen: number;
  waiters: Request[];
}

export interface CacheOptions {
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
 */
export class AnswerCache {
  private readonly map = new Map<number, Entry>();
  private readonly inFlight = new Map<number, Flight[]>();
  private flights = 0;
  private readonly max: number;
  private readonly maxInFlight: number;
  hits = 0;
  misses = 0;

  constructor(o: CacheOptions = {}) {
    this.max = o.maxEntries ?? 100_000;
    this.maxInFlight = o.maxInFlight ?? 20_000;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
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
        if (e.name.length !== nameLen || !sameName(e.name, 0, msg, 12, nameLen)) continue;
        if (e.expiresAt <= now) {
          this.remove(key, e);
          break;
        }
        this.hits++;
        req.answer(e.prepared, e.insertedAt);
        return;
      }
      this.misses++;
      const flights = this.inFlight.get(key);
      if (flights) {
        for (const f of flights) {
          if (
            f.k1 === k1 &&
            f.k2 === k2 &&
            f.qtype === q.qtype &&
            f.qclass === q.qclass &&
            f.dnssecOk === q.dnssecOk
          ) {
            if (f.nameLen === nameLen && sameName(f.msg, 12, msg, 12, nameLen)) {
              f.waiters.push(req);
              return;
            }
          }
        }
      }
      if (this.flights >= this.maxInFlight) {
        req.reply(emptyAnswer(msg, q.questionEnd, RCODE.SERVFAIL, q));
        return;
      }
      const flight: Flight = {
        k1,
        k2,
        qtype: q.qtype,
        qclass: q.qclass,
        dnssecOk: q.dnssecOk,
        msg,
        nameLen,
        waiters: [req],
      };
      if (flights) flights.push(flight);
      else this.inFlight.set(key, [flight]);
      this.flights++;
      const land = () => {
        const list = this.inFlight.get(key)!;
        list.splice(list.indexOf(flight), 1);
        if (list.length === 0) this.inFlight.delete(key);
        this.flights--;
      };
      // The leader goes on with the request's fields (prototype) and its own answer/reply.
      const leader = Object.create(req) as Request;
      leader.answer = (p: Prepared, insertedAt: number) => {
        land();
        if (p.cacheTtl > 0) this.store(key, flight, p, insertedAt);
        for (const w of flight.waiters) w.answer(p, insertedAt);
      };
      leader.reply = () => {
        // The upstream gave up: every waiter gets its own SERVFAIL (its id, its question).
        land();
        for (const w of flight.waiters) w.reply(emptyAnswer(w.msg, w.q.questionEnd, RCODE.SERVFAIL, w.q));
      };
      next(leader);
    };
  }

  private store(key: number, f: Flight, prepared: Prepared, insertedAt: number): void {
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
    const entry: Entry = {
      k1: f.k1,
      k2: f.k2,
      qtype: f.qtype,
      qclass: f.qclass,
      dnssecOk: f.dnssecOk,
      name: Buffer.from(f.msg.subarray(12, 12 + f.nameLen)),
      prepared,
      insertedAt,
      expiresAt: insertedAt + prepared.cacheTtl * 1000,
      next: this.map.get(key) ?? null,
    };
    this.map.delete(key);
    this.map.set(key, entry);
    // Map keeps insertion order: the first key is the oldest insertion.
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  private remove(key: number, target: Entry): void {
    let head = this.map.get(key) ?? null;
    if (head === target) head = target.next;
    else for (let e = head; e; e = e.next) if (e.next === target) e.next = target.next;
    if (head) this.map.set(key, head);
    else this.map.delete(key);
  }
}
