import type { Decision, Identified } from '@harbour/shared';
import { questionNameAt } from '../wire/query.js';

/** Distinct decisions counted between folds; beyond it (or a full name arena) the log folds at once. */
export const LOG_TABLE_ENTRIES = 50_000;
const SLOTS = 1 << 17; // a power of two, at most 38% full: short probes
const ARENA_BYTES = 2 << 20;
const MAX_NAME = 255;

/**
 * The query log's counters between folds, in preallocated typed arrays: a repeat costs a hash probe and an
 * increment, a new decision a few array writes and a copy of the name's wire bytes (at most 255) into an
 * arena; no object or string is made per query. Open addressing with linear probing; slots hold entry
 * numbers + 1, entries are dense in order of first sight. The name becomes text only when folded.
 */
export class LogTable {
  private readonly slots = new Int32Array(SLOTS);
  readonly k1 = new Uint32Array(LOG_TABLE_ENTRIES);
  readonly k2 = new Uint32Array(LOG_TABLE_ENTRIES);
  readonly group = new Int32Array(LOG_TABLE_ENTRIES);
  readonly qtype = new Uint16Array(LOG_TABLE_ENTRIES);
  readonly count = new Uint32Array(LOG_TABLE_ENTRIES);
  readonly time = new Float64Array(LOG_TABLE_ENTRIES);
  private readonly nameAt = new Uint32Array(LOG_TABLE_ENTRIES);
  private readonly nameLen = new Uint8Array(LOG_TABLE_ENTRIES);
  private readonly arena = Buffer.alloc(ARENA_BYTES);
  private arenaUsed = 0;
  /** References only (no allocation to store one): the client as identified, and the decision object. */
  readonly client: (Identified | null)[] = new Array<Identified | null>(LOG_TABLE_ENTRIES).fill(null);
  readonly decision: (Decision | null)[] = new Array<Decision | null>(LOG_TABLE_ENTRIES).fill(null);
  size = 0;

  /** Whether one more new entry fits (else fold first). */
  get full(): boolean {
    return this.size >= LOG_TABLE_ENTRIES || this.arenaUsed + MAX_NAME > ARENA_BYTES;
  }

  /**
   * Counts one decision: (k1, k2) are the whole name's keys, `msg[12, nameEnd)` its wire form. Returns false
   * only when the table is full and the decision is new (the caller folds and asks again).
   */
  add(
    k1: number,
    k2: number,
    group: number,
    qtype: number,
    client: Identified,
    decision: Decision,
    msg: Buffer,
    nameEnd: number,
    time: number,
  ): boolean {
    const mask = SLOTS - 1;
    let s =
      (k1 ^ Math.imul(k2, 0x85ebca6b) ^ Math.imul(qtype, 0x9e3779b1) ^ Math.imul(group + 1, 0xc2b2ae35)) &
      mask;
    for (;;) {
      const e = this.slots[s]! - 1;
      if (e < 0) break;
      if (
        this.k1[e] === k1 &&
        this.k2[e] === k2 &&
        this.group[e] === group &&
        this.qtype[e] === qtype &&
        this.decision[e] === decision &&
        this.client[e]!.client === client.client
      ) {
        this.count[e]!++;
        return true;
      }
      s = (s + 1) & mask;
    }
    if (this.full) return false;
    const e = this.size++;
    this.slots[s] = e + 1;
    this.k1[e] = k1;
    this.k2[e] = k2;
    this.group[e] = group;
    this.qtype[e] = qtype;
    this.count[e] = 1;
    this.time[e] = time;
    this.client[e] = client;
    this.decision[e] = decision;
    const len = Math.min(nameEnd - 12, MAX_NAME);
    const at = this.arenaUsed;
    for (let i = 0; i < len; i++) this.arena[at + i] = msg[12 + i]!;
    this.nameAt[e] = at;
    this.nameLen[e] = len;
    this.arenaUsed = at + len;
    return true;
  }

  /** Entry e's name as the query log writes it (lower case, no trailing dot). */
  name(e: number): string {
    const at = this.nameAt[e]!;
    return questionNameAt(this.arena, at, at + this.nameLen[e]!);
  }

  /** Empties the table (after a fold), dropping its references so an old policy's objects can go. */
  clear(): void {
    if (this.size === 0) return;
    this.slots.fill(0);
    this.client.fill(null, 0, this.size);
    this.decision.fill(null, 0, this.size);
    this.size = 0;
    this.arenaUsed = 0;
  }
}
