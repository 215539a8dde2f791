/**
 * IP addresses and prefixes for client matching (clarification 14). Addresses are parsed to 16 bytes
 * (IPv4 as IPv4-mapped IPv6, so `::ffff:10.0.0.1` from a dual-stack socket is the same client as `10.0.0.1`).
 * Identification is cached per address by the resolver, so none of this is on the per-query path.
 */

export function parseIp(s: string): Uint8Array | null {
  const out = new Uint8Array(16);
  if (s.includes('.') && !s.includes(':')) return parseV4(s, out, 12) ? mapped(out) : null;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  let tail4: number[] | null = null;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = new Uint8Array(16);
    if (!parseV4(s.slice(lastColon + 1), v4, 12)) return null;
    tail4 = Array.from(v4.slice(12));
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const groups = halves.length === 2 ? 8 - head.length - rest.length : 0;
  if (groups < 0 || (halves.length === 1 && head.length !== 8)) return null;
  const all = [...head, ...Array<string>(groups).fill('0'), ...rest];
  if (all.length !== 8) return null;
  for (let i = 0; i < 8; i++) {
    const g = all[i]!;
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    const v = parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 255;
  }
  if (tail4) out.set(tail4, 12);
  return out;
}

function parseV4(s: string, out: Uint8Array, at: number): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return false;
    out[at + i] = Number(p);
  }
  return true;
}

function mapped(out: Uint8Array): Uint8Array {
  out[10] = 0xff;
  out[11] = 0xff;
  return out;
}

export const isV4Mapped = (a: Uint8Array): boolean =>
  a.slice(0, 10).every((b) => b === 0) && a[10] === 0xff && a[11] === 0xff;

/** The canonical text of an address (IPv4 dotted for mapped addresses), used as the cache and binding key. */
export function canonicalIp(s: string): string | null {
  const a = parseIp(s);
  if (!a) return null;
  if (isV4Mapped(a)) return `${a[12]}.${a[13]}.${a[14]}.${a[15]}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((a[i]! << 8) | a[i + 1]!).toString(16));
  // Longest run of zero groups becomes "::" (RFC 5952).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

export interface Prefix {
  bytes: Uint8Array;
  /** Prefix length in bits of the 16-byte form (an IPv4 /24 is 96 + 24). */
  bits: number;
}

export function parseCidr(s: string): Prefix | null {
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const bytes = parseIp(addr);
  if (!bytes) return null;
  const v4 = !addr.includes(':');
  const max = v4 ? 32 : 128;
  const len = slash < 0 ? max : Number(s.slice(slash + 1));
  if (!Number.isInteger(len) || len < 0 || len > max) return null;
  return { bytes, bits: v4 ? 96 + len : len };
}

export function prefixContains(p: Prefix, a: Uint8Array, aBits = 128): boolean {
  if (aBits < p.bits) return false;
  const full = p.bits >> 3;
  for (let i = 0; i < full; i++) if (p.bytes[i] !== a[i]) return false;
  const rem = p.bits & 7;
  if (rem === 0) return true;
  const mask = (0xff << (8 - rem)) & 0xff;
  return (p.bytes[full]! & mask) === (a[full]! & mask);
}
