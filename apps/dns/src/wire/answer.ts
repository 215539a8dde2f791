import { parseIp } from '@harbour/shared';
import { EDNS_UDP_SIZE, RCODE, TYPE_OPT, type Query } from './query.js';

/**
 * Builds answers by copying the client's header and question (so its id, case and flags come back as sent)
 * and appending pre-encoded records. Owner names are the pointer 0xC00C: the question name at offset 12.
 * @see https://datatracker.ietf.org/doc/html/rfc1035#section-4.1.1
 */

export const TYPE_A = 1;
export const TYPE_CNAME = 5;
export const TYPE_AAAA = 28;
const CLASS_IN = 1;
const OPT_LEN = 11;

/** Flags of an answer: QR, the query's opcode, RD and CD echoed, RA set (we recurse), the rcode. */
export function answerFlags(queryFlags: number, rcode: number, truncated = false): number {
  return (
    0x8000 | (queryFlags & 0x7900) | (truncated ? 0x0200 : 0) | 0x0080 | (queryFlags & 0x0010) | (rcode & 0xf)
  );
}

/** Writes our OPT record at `at` (RFC 6891): root owner, our UDP size, the DO bit echoed, extended rcode. */
export function writeOpt(out: Buffer, at: number, dnssecOk: boolean, extendedRcode = 0): number {
  // Byte by byte: this runs on every EDNS answer and every upstream query (Buffer#writeUInt16BE is a call).
  out[at] = 0;
  out[at + 1] = 0;
  out[at + 2] = TYPE_OPT;
  out[at + 3] = EDNS_UDP_SIZE >> 8;
  out[at + 4] = EDNS_UDP_SIZE & 0xff;
  out[at + 5] = extendedRcode;
  out[at + 6] = 0;
  out[at + 7] = dnssecOk ? 0x80 : 0;
  out[at + 8] = 0;
  out[at + 9] = 0;
  out[at + 10] = 0;
  return at + OPT_LEN;
}

/** An answer with no records (errors, NXDOMAIN, NODATA), with the question if it was parsed. */
export function emptyAnswer(msg: Buffer, questionEnd: number, rcode: number, q: Query | null): Buffer {
  return recordsAnswer(msg, questionEnd, rcode, q, null, 0);
}

/**
 * header + question + `records` (ancount of them) + OPT when the query had one. For a message we could not
 * parse past the header, questionEnd is 12 and the answer carries no question.
 */
export function recordsAnswer(
  msg: Buffer,
  questionEnd: number,
  rcode: number,
  q: Query | null,
  records: Buffer | null,
  ancount: number,
): Buffer {
  const edns = q?.edns ?? false;
  const bodyLen = records ? records.length : 0;
  const out = Buffer.allocUnsafe(questionEnd + bodyLen + (edns ? OPT_LEN : 0));
  for (let i = 0; i < questionEnd; i++) out[i] = msg[i]!; // header and question: a few dozen bytes
  const badVers = q?.badVersion ?? false;
  // The counts and flags by hand (Buffer#writeUInt16BE is a call per field).
  const flags = answerFlags((msg[2]! << 8) | msg[3]!, badVers ? 0 : rcode);
  const an = badVers ? 0 : ancount;
  out[2] = flags >> 8;
  out[3] = flags & 0xff;
  out[4] = 0;
  out[5] = questionEnd > 12 ? 1 : 0;
  out[6] = an >> 8;
  out[7] = an & 0xff;
  out[8] = 0; // NSCOUNT = 0, ARCOUNT = OPT or nothing
  out[9] = 0;
  out[10] = 0;
  out[11] = edns ? 1 : 0;
  let at = questionEnd;
  if (records && !badVers) at += records.copy(out, at);
  // BADVERS is extended rcode 16: upper 8 bits (1) in the OPT, lower 4 bits (0) in the header.
  if (edns) writeOpt(out, at, q!.dnssecOk, badVers ? 1 : 0);
  return badVers ? out.subarray(0, questionEnd + OPT_LEN) : out;
}

/** The same answer cut to header + question with TC set: the client retries over TCP (RFC 7766). */
export function truncatedAnswer(msg: Buffer, q: Query, rcode: number): Buffer {
  const out = emptyAnswer(msg, q.questionEnd, rcode, q);
  out.writeUInt16BE(answerFlags(msg.readUInt16BE(2), rcode, true), 2);
  return out;
}

/** Address records owned by the question name (pointer 0xC00C), pre-encoded once per policy. */
export function addressRecords(addresses: readonly string[], type: number, ttl: number): Buffer {
  const size = type === TYPE_A ? 4 : 16;
  const out = Buffer.alloc(addresses.length * (12 + size));
  addresses.forEach((a, i) => {
    const at = i * (12 + size);
    out.writeUInt16BE(0xc00c, at);
    out.writeUInt16BE(type, at + 2);
    out.writeUInt16BE(CLASS_IN, at + 4);
    out.writeUInt32BE(ttl, at + 6);
    out.writeUInt16BE(size, at + 10);
    const bytes = parseIp(a)!;
    out.set(type === TYPE_A ? bytes.subarray(12) : bytes, at + 12);
  });
  return out;
}

/** A name in wire form (labels, uncompressed). */
export function encodeName(name: string): Buffer {
  const labels = name.split('.').filter(Boolean);
  const out = Buffer.alloc(labels.reduce((n, l) => n + l.length + 1, 1));
  let at = 0;
  for (const l of labels) {
    out[at++] = l.length;
    at += out.write(l, at, 'ascii');
  }
  out[at] = 0;
  return out;
}

/**
 * A CNAME from the question name to `target`, then `addresses` of `type` owned by the target (a pointer to
 * the CNAME's rdata, which sits at questionEnd + 12). Used for safe search with fixed addresses.
 */
export function cnameRecords(
  questionEnd: number,
  target: Buffer,
  ttl: number,
  addresses: readonly string[],
  type: number,
): { records: Buffer; count: number } {
  const addrs = addresses.length > 0 ? addressRecords(addresses, type, ttl) : Buffer.alloc(0);
  const out = Buffer.alloc(12 + target.length + addrs.length);
  out.writeUInt16BE(0xc00c, 0);
  out.writeUInt16BE(TYPE_CNAME, 2);
  out.writeUInt16BE(CLASS_IN, 4);
  out.writeUInt32BE(ttl, 6);
  out.writeUInt16BE(target.length, 10);
  target.copy(out, 12);
  const pointer = 0xc000 | (questionEnd + 12);
  for (let at = 12 + target.length; at < out.length; at += type === TYPE_A ? 16 : 28) {
    addrs.copy(out, at, at - 12 - target.length, at - 12 - target.length + (type === TYPE_A ? 16 : 28));
    out.writeUInt16BE(pointer, at);
  }
  return { records: out, count: 1 + addresses.length };
}

export { RCODE };
