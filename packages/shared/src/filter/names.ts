/**
 * Domain names and their suffix hashes: the key of every list in the compiled policy.
 *
 * A list entry `example.com` blocks `example.com` and every name under it, so a lookup checks each suffix
 * of the queried name (`www.example.com`, `example.com`, `com`). The hash is computed over the labels from
 * the right (`com`, `.`, `example`, `.`, `www`), so one pass over the name yields the hash of every suffix.
 * Each suffix gets a 64-bit key (two 32-bit words). With 1,000,000 entries the chance that a name is taken
 * for a listed one by a collision is about 1e6 / 2^64, i.e. 5e-14 per lookup.
 *
 * The hash is part of the policy format (docs/filtering-policy.md): the compiler (server) and the resolver
 * must compute it the same way, bytes lowercased (A-Z only, as DNS compares names: RFC 4343).
 */

export const MAX_LABELS = 127;
const SEED1 = 0x811c9dc5;
const SEED2 = 0x9747b28c;

/** Murmur3's finaliser: spreads the running state so that the low bits index a table well. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The suffix keys of one name, most general first: k1[0]/k2[0] is the top-level label, k1[count-1]/k2[count-1]
 * the whole name. Reused between lookups in the resolver's hot path (no allocation per query).
 */
export class SuffixKeys {
  readonly k1 = new Uint32Array(MAX_LABELS);
  readonly k2 = new Uint32Array(MAX_LABELS);
  count = 0;
  private h1 = SEED1;
  private h2 = SEED2;

  reset(): void {
    this.count = 0;
    this.h1 = SEED1;
    this.h2 = SEED2;
  }

  /** Feeds one label (bytes `buf[start..end)`), right-most label first. */
  addLabel(buf: ArrayLike<number>, start: number, end: number): void {
    let h1 = this.h1;
    let h2 = this.h2;
    if (this.count > 0) {
      h1 = Math.imul(h1 ^ 0x2e, 0x01000193);
      h2 = Math.imul(h2 ^ 0x2e, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    for (let i = start; i < end; i++) {
      let c = buf[i]! & 0xff;
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    this.h1 = h1;
    this.h2 = h2;
    if (this.count >= MAX_LABELS) return;
    const a = fmix32(h1);
    const b = fmix32(h2 ^ 0x5f3759df);
    this.k1[this.count] = a;
    // (0, 0) marks an empty slot in a DomainTable.
    this.k2[this.count] = a === 0 && b === 0 ? 1 : b;
    this.count++;
  }

  /** Keys of a name written as text (`www.example.com`, already normalised). */
  fromName(name: string): this {
    this.reset();
    if (name === '') return this;
    const codes = new Uint8Array(name.length);
    for (let i = 0; i < name.length; i++) codes[i] = name.charCodeAt(i);
    let end = name.length;
    for (let i = name.length - 1; i >= -1; i--) {
      if (i === -1 || codes[i] === 0x2e) {
        this.addLabel(codes, i + 1, end);
        end = i;
      }
    }
    return this;
  }
}

/** The 64-bit key of a whole name (its most specific suffix), as two words. */
export function nameKey(name: string): [number, number] {
  const s = new SuffixKeys().fromName(name);
  return s.count === 0 ? [0, 1] : [s.k1[s.count - 1]!, s.k2[s.count - 1]!];
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/**
 * Normalises a domain as a list entry or an allow/deny entry: lower case, IDN to punycode, no trailing dot,
 * no leading `*.` (a domain always covers its subdomains). Returns null for anything that is not a host name
 * (an IP address, a URL with a path, an empty string): such lines are counted as bad, never widened.
 */
export function normaliseDomain(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (s.startsWith('*.')) s = s.slice(2);
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s === '' || s.length > 253) return null;
  if (!/^[a-z0-9._-]+$/.test(s)) {
    if (/[/:?#@\s]/.test(s)) return null;
    try {
      s = new URL(`http://${s}/`).hostname;
    } catch {
      return null;
    }
  }
  if (/^\d+(\.\d+){3}$/.test(s)) return null;
  const labels = s.split('.');
  if (labels.length > MAX_LABELS || !labels.every((l) => LABEL.test(l))) return null;
  return s;
}
