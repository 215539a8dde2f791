import { SuffixKeys, decodeKeys } from '@harbour/shared';
import type { Executor } from '../../db/index.js';

/**
 * Lists are stored as their entries' 64-bit keys only (the contract's form, docs/filtering-policy.md), so
 * the licensed illegal-content lists are never readable from Harbour's database either. These helpers merge
 * key sets and look names up in them.
 */

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Merges sorted (k1, k2) pair arrays into one sorted array without duplicates. */
export function mergePairs(parts: Uint32Array[]): Uint32Array {
  if (parts.length === 1) return parts[0]!;
  const n = parts.reduce((s, p) => s + p.length / 2, 0);
  const wide = new BigUint64Array(n);
  const words = new Uint32Array(wide.buffer);
  const hi = littleEndian ? 1 : 0;
  let i = 0;
  for (const p of parts) {
    for (let j = 0; j < p.length; j += 2, i++) {
      words[i * 2 + hi] = p[j]!;
      words[i * 2 + (1 - hi)] = p[j + 1]!;
    }
  }
  wide.sort();
  const out = new Uint32Array(n * 2);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const a = words[k * 2 + hi]!;
    const b = words[k * 2 + (1 - hi)]!;
    if (m > 0 && out[m * 2 - 2] === a && out[m * 2 - 1] === b) continue;
    out[m * 2] = a;
    out[m * 2 + 1] = b;
    m++;
  }
  return out.slice(0, m * 2);
}

/** Binary search for one key in a sorted pair array. */
export function pairsContain(pairs: Uint32Array, k1: number, k2: number): boolean {
  let lo = 0;
  let hi = pairs.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const a = pairs[mid * 2]!;
    const b = pairs[mid * 2 + 1]!;
    if (a === k1 && b === k2) return true;
    if (a < k1 || (a === k1 && b < k2)) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Counts of keys in `after` not in `before` and the reverse (a refresh's added/removed). */
export function pairDiff(before: Uint32Array, after: Uint32Array): { added: number; removed: number } {
  let i = 0;
  let j = 0;
  let added = 0;
  let removed = 0;
  while (i < before.length || j < after.length) {
    if (i >= before.length) {
      added++;
      j += 2;
    } else if (j >= after.length) {
      removed++;
      i += 2;
    } else {
      const c = before[i]! - after[j]! || before[i + 1]! - after[j + 1]!;
      if (c === 0) {
        i += 2;
        j += 2;
      } else if (c < 0) {
        removed++;
        i += 2;
      } else {
        added++;
        j += 2;
      }
    }
  }
  return { added, removed };
}

/** True when the name or any name above it is in the list (a list entry covers its subdomains). */
export function listCovers(pairs: Uint32Array, name: string): boolean {
  const keys = new SuffixKeys().fromName(name);
  for (let j = 0; j < keys.count; j++) if (pairsContain(pairs, keys.k1[j]!, keys.k2[j]!)) return true;
  return false;
}

// Decoded keys by list version id; versions never change once written, so entries never go stale.
const cache = new Map<string, Uint32Array>();
const CACHE_MAX = 128;

export async function versionPairs(db: Executor, versionId: string): Promise<Uint32Array> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const row = await db
    .selectFrom('filter_list_versions')
    .select('keys')
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
  const pairs = decodeKeys(row.keys);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(versionId, pairs);
  return pairs;
}
