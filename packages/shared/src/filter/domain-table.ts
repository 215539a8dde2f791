import { decodeBase64, decodeBase64Into, encodeBase64 } from './base64.js';
import { SuffixKeys, normaliseDomain } from './names.js';

/** Most of the slots that hold a key: linear probing stays within a cache line or two at 70%. */
const LOAD = 0.7;

/**
 * An open-addressing hash table from 64-bit suffix keys to the set of lists that hold the name (bit i of a
 * 64-bit mask = list i of the policy). Each slot holds its key and a 16-bit index into the few distinct masks
 * (most names are in one list), so a slot costs 10 bytes: 1,000,000 domains take 14.3 MB at 70% load, no
 * object per domain, and lookups allocate nothing. A key's home slot is k1 scaled to the capacity (k1 is a
 * finalised hash, uniform over 32 bits), so the capacity need not be a power of two.
 */
export class DomainTable {
  private readonly keys: Uint32Array;
  private vals: Uint16Array;
  private combosLo = new Uint32Array(16);
  private combosHi = new Uint32Array(16);
  private comboCount = 1; // combo 0: the empty mask
  private readonly comboIndex = new Map<string, number>();
  private readonly cap: number;
  /** The last (set, bit) -> set step of add(): a list's entries all take the same step, with no lookup. */
  private lastFrom = -1;
  private lastBit = -1;
  private lastTo = 0;
  size = 0;

  constructor(expected: number) {
    const cap = Math.max(16, Math.ceil(expected / LOAD) + 1);
    this.keys = new Uint32Array(cap * 2);
    this.vals = new Uint16Array(cap);
    this.cap = cap;
  }

  private home(k1: number): number {
    return Math.floor((k1 * this.cap) / 4294967296);
  }

  /** Adds list `bit` (0..63) to the key's set. */
  add(k1: number, k2: number, bit: number): void {
    if (this.size >= this.cap - 1) throw new Error('domain table is full');
    let i = this.home(k1);
    for (;;) {
      const a = this.keys[i * 2]!;
      const b = this.keys[i * 2 + 1]!;
      if (a === 0 && b === 0) {
        this.keys[i * 2] = k1;
        this.keys[i * 2 + 1] = k2;
        this.size++;
        break;
      }
      if (a === k1 && b === k2) break;
      if (++i === this.cap) i = 0;
    }
    const c = this.vals[i]!;
    if (c === this.lastFrom && bit === this.lastBit) {
      this.vals[i] = this.lastTo;
      return;
    }
    let lo = this.combosLo[c]!;
    let hi = this.combosHi[c]!;
    if (bit < 32) lo = (lo | (1 << bit)) >>> 0;
    else hi = (hi | (1 << (bit - 32))) >>> 0;
    const to = this.combo(lo, hi);
    this.vals[i] = to;
    this.lastFrom = c;
    this.lastBit = bit;
    this.lastTo = to;
  }

  private combo(lo: number, hi: number): number {
    const key = `${lo}:${hi}`;
    let c = this.comboIndex.get(key);
    if (c === undefined) {
      if (this.comboCount === 65536) throw new Error('too many distinct list combinations');
      c = this.comboCount++;
      if (c >= this.combosLo.length) {
        const grow = (a: Uint32Array) => {
          const b = new Uint32Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.combosLo = grow(this.combosLo);
        this.combosHi = grow(this.combosHi);
      }
      this.combosLo[c] = lo;
      this.combosHi[c] = hi;
      this.comboIndex.set(key, c);
    }
    return c;
  }

  /** The slot of a key, or -1. */
  find(k1: number, k2: number): number {
    let i = this.home(k1);
    for (;;) {
      const a = this.keys[i * 2]!;
      const b = this.keys[i * 2 + 1]!;
      if (a === k1 && b === k2) return i;
      if (a === 0 && b === 0) return -1;
      if (++i === this.cap) i = 0;
    }
  }

  /** Lists 0-31 of a slot's set. */
  lo(slot: number): number {
    return this.combosLo[this.vals[slot]!]!;
  }
  /** Lists 32-63 of a slot's set. */
  hi(slot: number): number {
    return this.combosHi[this.vals[slot]!]!;
  }

  /** ORs the sets of every suffix of `keys` into out[0] (lists 0-31) and out[1] (lists 32-63). */
  matchAll(keys: SuffixKeys, out: Uint32Array): void {
    let lo = 0;
    let hi = 0;
    for (let j = 0; j < keys.count; j++) {
      const s = this.find(keys.k1[j]!, keys.k2[j]!);
      if (s >= 0) {
        const c = this.vals[s]!;
        lo |= this.combosLo[c]!;
        hi |= this.combosHi[c]!;
      }
    }
    out[0] = lo >>> 0;
    out[1] = hi >>> 0;
  }

  byteLength(): number {
    return this.keys.byteLength + this.vals.byteLength;
  }
}

/**
 * The wire form of one list: its entries' whole-name keys as little-endian (k1, k2) uint32 pairs, sorted and
 * without duplicates, in base64. The resolver never sees the names themselves, which also keeps licensed
 * lists (IWF, CTIRU) unreadable on a node's disk.
 */
export function encodeKeys(pairs: Uint32Array): string {
  const bytes = new Uint8Array(pairs.buffer, pairs.byteOffset, pairs.byteLength);
  if (!littleEndian()) {
    const copy = new Uint8Array(bytes.length);
    const view = new DataView(copy.buffer);
    for (let i = 0; i < pairs.length; i++) view.setUint32(i * 4, pairs[i]!, true);
    return encodeBase64(copy);
  }
  return encodeBase64(bytes);
}

export function decodeKeys(b64: string): Uint32Array {
  const bytes = decodeBase64(b64);
  if (bytes.length % 8 !== 0) throw new Error('a list must hold whole (k1, k2) pairs');
  // Little-endian machines read the pairs in place (decodeBase64's buffer starts at offset 0).
  if (littleEndian() && bytes.byteOffset === 0) return new Uint32Array(bytes.buffer, 0, bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

/** 1,024 pairs a chunk: 8 KB of bytes, 10,923 base64 characters rounded to whole 24-byte groups. */
const CHUNK_PAIRS = 1023; // a multiple of 3 pairs (24 bytes = 32 characters)
const chunkBytes = new Uint8Array(CHUNK_PAIRS * 8);
const chunkView = new DataView(chunkBytes.buffer);
const chunkPairs = new Uint32Array(CHUNK_PAIRS * 2);

/**
 * Calls `fn` with a list's pairs a chunk at a time (the same small buffer each time, valid during the call),
 * so loading a million-entry list never holds its 8 MB of decoded keys at once. Returns the number of pairs.
 */
export function forEachKeyChunk(b64: string, fn: (pairs: Uint32Array, count: number) => void): number {
  const step = (CHUNK_PAIRS * 8 * 4) / 3;
  let total = 0;
  for (let at = 0; at < b64.length; at += step) {
    const bytes = decodeBase64Into(b64, at, Math.min(b64.length, at + step), chunkBytes);
    if (bytes % 8 !== 0) throw new Error('a list must hold whole (k1, k2) pairs');
    const count = bytes / 8;
    for (let i = 0; i < count * 2; i++) chunkPairs[i] = chunkView.getUint32(i * 4, true);
    fn(chunkPairs, count);
    total += count;
  }
  return total;
}

let le: boolean | null = null;
function littleEndian(): boolean {
  if (le === null) le = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  return le;
}

export interface KeyedList {
  /** Sorted unique (k1, k2) pairs. */
  pairs: Uint32Array;
  /** Lines that were not host names (counted, never widened to a host: clarification 13). */
  rejected: number;
}

/** Hashes normalised-or-raw domains into the sorted pair form. Entries are normalised with normaliseDomain. */
export function keyDomains(domains: Iterable<string>): KeyedList {
  const keys = new SuffixKeys();
  let buf = new Uint32Array(1024);
  let n = 0;
  let rejected = 0;
  for (const raw of domains) {
    const d = normaliseDomain(raw);
    if (d === null) {
      rejected++;
      continue;
    }
    keys.fromName(d);
    if (n * 2 + 2 > buf.length) {
      const bigger = new Uint32Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
    }
    buf[n * 2] = keys.k1[keys.count - 1]!;
    buf[n * 2 + 1] = keys.k2[keys.count - 1]!;
    n++;
  }
  // Sort by (k1, k2) as 64-bit integers: each pair is laid out as one uint64 (k1 the high word) in a
  // BigUint64Array, sorted natively, then read back; no BigInt per entry.
  const wide = new BigUint64Array(n);
  const words = new Uint32Array(wide.buffer);
  const hiIdx = littleEndian() ? 1 : 0;
  for (let i = 0; i < n; i++) {
    words[i * 2 + hiIdx] = buf[i * 2]!;
    words[i * 2 + (1 - hiIdx)] = buf[i * 2 + 1]!;
  }
  wide.sort();
  const pairs = new Uint32Array(n * 2);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = words[i * 2 + hiIdx]!;
    const b = words[i * 2 + (1 - hiIdx)]!;
    if (m > 0 && pairs[m * 2 - 2] === a && pairs[m * 2 - 1] === b) continue;
    pairs[m * 2] = a;
    pairs[m * 2 + 1] = b;
    m++;
  }
  return { pairs: pairs.slice(0, m * 2), rejected };
}
