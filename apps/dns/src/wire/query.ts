import type { SuffixKeys } from '@harbour/shared';

/**
 * The resolver's query parser: only what it needs (header, the one question, the EDNS OPT record), with
 * every read bounds-checked, because anything on the network may send anything (issue 4's fuzz test).
 * @see https://datatracker.ietf.org/doc/html/rfc1035#section-4.1
 * @see https://datatracker.ietf.org/doc/html/rfc6891 (EDNS0)
 */

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
export const TYPE_OPT = 41;
const OPTION_ECS = 8;
/** Largest UDP answer we send and ask for: the DNS Flag Day 2020 value, safe from fragmentation. */
export const EDNS_UDP_SIZE = 1232;

export interface Query {
  id: number;
  /** Header flags word as received (RD, CD, AD bits are echoed or honoured). */
  flags: number;
  /** End of the question (name + type + class): bytes [12, questionEnd) are copied into every answer. */
  questionEnd: number;
  /** End of the name (start of qtype). */
  nameEnd: number;
  qtype: number;
  qclass: number;
  /** EDNS: whether the query had an OPT record, its UDP size and DO bit. */
  edns: boolean;
  udpSize: number;
  dnssecOk: boolean;
  /** EDNS version other than 0: answer BADVERS (RFC 6891 6.1.3). */
  badVersion: boolean;
  /** ECS option (RFC 7871), only parsed when asked to (the source is a listed forwarder). */
  ecs: { address: string; prefixLength: number } | null;
}

/** Result of parsing: a query, or the rcode to answer with (question possibly unknown), or -1 to drop. */
export type ParseResult = Query | { rcode: number; questionEnd: number } | -1;

/** Big-endian 16-bit read of bytes the caller has bounds-checked (cheaper than Buffer#readUInt16BE, a call). */
export const u16 = (b: Buffer, at: number): number => (b[at]! << 8) | b[at + 1]!;

const labelStarts = new Uint16Array(128);
const labelEnds = new Uint16Array(128);

/**
 * Parses `msg`. Fills `keys` with the question name's suffix keys as a side effect (no allocation), and
 * writes the query into `into` when given (the UDP listener's reused request) rather than a new object.
 * Compression pointers are refused in the question: at offset 12 there is nothing earlier to point to.
 */
export function parseQuery(msg: Buffer, keys: SuffixKeys, wantEcs: boolean, into?: Query): ParseResult {
  const len = msg.length;
  // Too short for a header: nothing to answer to (not even an id).
  if (len < 12) return -1;
  const flags = u16(msg, 2);
  if (flags & 0x8000) return -1; // a response: never answer one (no reflection loops)
  const opcode = (flags >>> 11) & 0xf;
  if (opcode !== 0) return { rcode: RCODE.NOTIMP, questionEnd: 12 };
  const qd = u16(msg, 4);
  if (qd !== 1) return { rcode: RCODE.FORMERR, questionEnd: 12 };
  let p = 12;
  let labels = 0;
  let nameLen = 0;
  for (;;) {
    if (p >= len) return { rcode: RCODE.FORMERR, questionEnd: 12 };
    const l = msg[p]!;
    if (l === 0) {
      p++;
      break;
    }
    if (l > 63 || labels >= 127) return { rcode: RCODE.FORMERR, questionEnd: 12 };
    nameLen += l + 1;
    if (nameLen > 254 || p + 1 + l > len) return { rcode: RCODE.FORMERR, questionEnd: 12 };
    labelStarts[labels] = p + 1;
    labelEnds[labels] = p + 1 + l;
    labels++;
    p += 1 + l;
  }
  if (p + 4 > len) return { rcode: RCODE.FORMERR, questionEnd: 12 };
  const nameEnd = p;
  const qtype = u16(msg, p);
  const qclass = u16(msg, p + 2);
  p += 4;
  const questionEnd = p;
  keys.reset();
  for (let i = labels - 1; i >= 0; i--) keys.addLabel(msg, labelStarts[i]!, labelEnds[i]!);

  const q: Query = into ?? {
    id: 0,
    flags: 0,
    questionEnd: 0,
    nameEnd: 0,
    qtype: 0,
    qclass: 0,
    edns: false,
    udpSize: 512,
    dnssecOk: false,
    badVersion: false,
    ecs: null,
  };
  q.id = u16(msg, 0);
  q.flags = flags;
  q.questionEnd = questionEnd;
  q.nameEnd = nameEnd;
  q.qtype = qtype;
  q.qclass = qclass;
  q.edns = false;
  q.udpSize = 512;
  q.dnssecOk = false;
  q.badVersion = false;
  q.ecs = null;
  const an = u16(msg, 6);
  const ns = u16(msg, 8);
  const ar = u16(msg, 10);
  if (an + ns + ar === 0) return q;
  // Walk the other sections (normally only the OPT record), bounded by the packet: huge counts end at its end.
  const total = an + ns + ar;
  for (let i = 0; i < total; i++) {
    const nameStart = p;
    p = skipName(msg, p);
    if (p < 0 || p + 10 > len) return { rcode: RCODE.FORMERR, questionEnd };
    const type = u16(msg, p);
    const rdlen = u16(msg, p + 8);
    const rdata = p + 10;
    if (rdata + rdlen > len) return { rcode: RCODE.FORMERR, questionEnd };
    if (type === TYPE_OPT) {
      // One OPT, in the additional section, owned by the root (RFC 6891 6.1.1).
      if (q.edns || i < an + ns || msg[nameStart] !== 0) return { rcode: RCODE.FORMERR, questionEnd };
      q.edns = true;
      q.udpSize = Math.max(512, u16(msg, p + 2));
      q.badVersion = msg[p + 5] !== 0;
      q.dnssecOk = (u16(msg, p + 6) & 0x8000) !== 0;
      if (wantEcs) q.ecs = readEcs(msg, rdata, rdata + rdlen);
    }
    p = rdata + rdlen;
  }
  return q;
}

/** Skips a (possibly compressed) name; returns the offset after it, or -1. A pointer ends the name. */
export function skipName(msg: Buffer, p: number): number {
  const len = msg.length;
  for (let hops = 0; hops < 128; hops++) {
    if (p >= len) return -1;
    const l = msg[p]!;
    if (l === 0) return p + 1;
    if ((l & 0xc0) === 0xc0) return p + 2 <= len ? p + 2 : -1;
    if (l > 63) return -1;
    p += 1 + l;
  }
  return -1;
}

function readEcs(msg: Buffer, p: number, end: number): Query['ecs'] {
  while (p + 4 <= end) {
    const code = msg.readUInt16BE(p);
    const olen = msg.readUInt16BE(p + 2);
    const data = p + 4;
    if (data + olen > end) return null;
    if (code === OPTION_ECS && olen >= 4) {
      const family = msg.readUInt16BE(data);
      const prefix = msg[data + 2]!;
      const bytes = olen - 4;
      if (family === 1 && prefix <= 32 && bytes <= 4) {
        const a = [0, 0, 0, 0];
        for (let i = 0; i < bytes; i++) a[i] = msg[data + 4 + i]!;
        return { address: a.join('.'), prefixLength: prefix };
      }
      if (family === 2 && prefix <= 128 && bytes <= 16) {
        const b = new Uint8Array(16);
        for (let i = 0; i < bytes; i++) b[i] = msg[data + 4 + i]!;
        const groups: string[] = [];
        for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
        return { address: groups.join(':'), prefixLength: prefix };
      }
      return null;
    }
    p = data + olen;
  }
  return null;
}

const nameScratch = Buffer.allocUnsafe(256);

/**
 * The question name as text, lower case, without the trailing dot (for the query log; not per query). Built
 * in a scratch buffer and decoded once, so the string is flat: appending a character at a time would leave a
 * tree of cons strings per name, kept for as long as the log record.
 */
export function questionName(msg: Buffer, nameEnd: number): string {
  return questionNameAt(msg, 12, nameEnd);
}

/** The same for a wire name at [start, end) of `buf` (the query log keeps names' bytes until it folds). */
export function questionNameAt(buf: Buffer, start: number, end: number): string {
  let n = 0;
  let p = start;
  while (p < end - 1) {
    const l = buf[p]!;
    if (n > 0) nameScratch[n++] = 0x2e;
    for (let i = p + 1; i <= p + l; i++) {
      let c = buf[i]!;
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f)
        nameScratch[n++] = c;
      else return escapedName(buf, start, end);
    }
    p += l + 1;
  }
  return n === 0 ? '.' : nameScratch.toString('latin1', 0, n);
}

/** Bytes outside letters, digits, '-' and '_' are escaped as in zone files (RFC 1035 5.1). */
function escapedName(buf: Buffer, start: number, end: number): string {
  const parts: string[] = [];
  for (let p = start; p < end - 1; p += buf[p]! + 1) {
    let s = '';
    for (let i = p + 1; i <= p + buf[p]!; i++) {
      let c = buf[i]!;
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f)
        s += String.fromCharCode(c);
      else s += `\\${c.toString().padStart(3, '0')}`;
    }
    parts.push(s);
  }
  return parts.join('.'); // join copies the pieces into one flat string
}

/** Compares two wire names (uncompressed) case-insensitively. */
export function sameName(a: Buffer, aStart: number, b: Buffer, bStart: number, length: number): boolean {
  for (let i = 0; i < length; i++) {
    let x = a[aStart + i]!;
    let y = b[bStart + i]!;
    if (x === y) continue; // the usual case: the same bytes, no case to fold
    if (x >= 0x41 && x <= 0x5a) x |= 0x20;
    if (y >= 0x41 && y <= 0x5a) y |= 0x20;
    if (x !== y) return false;
  }
  return true;
}
