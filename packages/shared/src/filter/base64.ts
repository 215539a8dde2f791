/** Base64 (RFC 4648) for the policy's binary lists, without Buffer so the package stays free of Node APIs. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let off = 0; off < bytes.length; off += CHUNK) {
    const end = Math.min(off + CHUNK, bytes.length);
    let s = '';
    let i = off;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      s += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
    }
    if (i < end) {
      const n = (bytes[i]! << 16) | (i + 1 < end ? bytes[i + 1]! << 8 : 0);
      s += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]!;
      s += i + 1 < end ? ALPHABET[(n >>> 6) & 63]! + '=' : '==';
    }
    parts.push(s);
  }
  return parts.join('');
}

/** Decodes strict base64; throws on any character outside the alphabet or a bad length. */
export function decodeBase64(s: string): Uint8Array {
  if (s.length % 4 !== 0) throw new Error('base64 length is not a multiple of 4');
  const out = new Uint8Array((s.length / 4) * 3 - padding(s));
  decodeBase64Into(s, 0, s.length, out);
  return out;
}

const padding = (s: string): number => (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);

/**
 * Decodes s[start, end) (whole groups of 4; only the string's last group may hold padding) into `out` from
 * offset 0; returns the number of bytes written. Lets a caller decode a large value a piece at a time
 * into one small buffer.
 */
export function decodeBase64Into(s: string, start: number, end: number, out: Uint8Array): number {
  if ((end - start) % 4 !== 0) throw new Error('base64 length is not a multiple of 4');
  const pad = end === s.length ? padding(s) : 0;
  const total = ((end - start) / 4) * 3 - pad;
  if (total > out.length) throw new Error('base64 output buffer too small');
  let o = 0;
  for (let i = start; i < end; i += 4) {
    const a = DECODE[s.charCodeAt(i)]!;
    const b = DECODE[s.charCodeAt(i + 1)]!;
    const last = i + 4 === end;
    const c = last && pad === 2 ? 0 : DECODE[s.charCodeAt(i + 2)]!;
    const d = last && pad >= 1 ? 0 : DECODE[s.charCodeAt(i + 3)]!;
    if ((a | b | c | d) < 0) throw new Error(`bad base64 character near offset ${i}`);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    if (o < total) out[o++] = (n >>> 8) & 255;
    if (o < total) out[o++] = n & 255;
  }
  return o;
}
