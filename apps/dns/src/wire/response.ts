import { RCODE, TYPE_OPT, sameName, skipName, u16 } from './query.js';

/**
 * An upstream answer prepared for the cache: the message without its OPT record (each client gets its own
 * OPT, or none if it sent none: RFC 6891 7), with the offset and original value of every TTL so a cached
 * answer can be served with its remaining lifetime.
 */
export interface Prepared {
  /**
   * header + question + records in bytes[0, length), OPT removed, ARCOUNT adjusted. Id and flags are
   * rewritten per client. An upstream datagram is kept as it came, its OPT cut off by `length` (no view).
   */
  bytes: Buffer;
  length: number;
  /** Each record's TTL: its offset in `bytes` and its value as received, in pairs (offset, ttl). */
  ttls: Uint32Array;
  rcode: number;
  /** Flags the upstream set that the client keeps: AA is dropped (we are not authoritative), AD kept. */
  upstreamFlags: number;
  /** How long the answer may be cached, in seconds (RFC 1035 TTLs; RFC 2308 for negative answers). */
  cacheTtl: number;
  truncated: boolean;
}

const TYPE_SOA = 6;
/** Upper bound on cached lifetimes, as most resolvers do (unbound's cache-max-ttl default is a day). */
export const MAX_CACHE_TTL = 86_400;
/** A record takes at least 11 bytes, so a 64 KB message holds fewer than 6,000: scratch for the scan. */
const MAX_RECORDS = 6000;
const scratchTtls = new Uint32Array(MAX_RECORDS * 2);

/**
 * Checks that `msg` answers our question (`question[qStart, qEnd)` = the bytes [12, questionEnd) we sent: the
 * upstream passes its own packet, so no view of the question is made per query) and prepares it. `owned`:
 * msg is a datagram of its own (dgram's), which the answer may keep and edit in place rather than copy.
 * Returns null for anything malformed or not ours: the caller treats it as no answer.
 */
export function prepareResponse(
  msg: Buffer,
  question: Buffer,
  qStart = 0,
  qEnd = question.length,
  owned = false,
): Prepared | null {
  const len = msg.length;
  const qLen = qEnd - qStart;
  if (len < 12 + qLen) return null;
  const flags = u16(msg, 2);
  if ((flags & 0x8000) === 0 || u16(msg, 4) !== 1) return null;
  if (!sameName(msg, 12, question, qStart, qLen)) return null;
  const truncated = (flags & 0x0200) !== 0;
  const rcode = flags & 0xf;
  const an = u16(msg, 6);
  const ns = u16(msg, 8);
  const ar = u16(msg, 10);
  let p = 12 + qLen;
  const ttls = scratchTtls;
  let n = 0;
  let minAnswerTtl = Infinity;
  let negativeTtl = Infinity;
  let optStart = -1;
  let optEnd = -1;
  const total = an + ns + ar;
  if (total > MAX_RECORDS) return truncated ? partial(msg, qLen, flags) : null;
  for (let i = 0; i < total; i++) {
    const start = p;
    p = skipName(msg, p);
    if (p < 0 || p + 10 > len) return truncated ? partial(msg, qLen, flags) : null;
    const type = u16(msg, p);
    const rdlen = u16(msg, p + 8);
    const next = p + 10 + rdlen;
    if (next > len) return truncated ? partial(msg, qLen, flags) : null;
    if (type === TYPE_OPT) {
      if (i < an + ns || optStart >= 0) return null;
      optStart = start;
      optEnd = next;
    } else {
      // RFC 2181 8: the top bit is dropped.
      const ttl = (msg[p + 4]! & 0x7f) * 0x1000000 + ((msg[p + 5]! << 16) | u16(msg, p + 6));
      ttls[n * 2] = p + 4;
      ttls[n * 2 + 1] = ttl;
      n++;
      if (i < an) minAnswerTtl = Math.min(minAnswerTtl, ttl);
      else if (i < an + ns && type === TYPE_SOA && rdlen >= 22) {
        // RFC 2308 5: a negative answer lives min(SOA TTL, SOA MINIMUM).
        negativeTtl = Math.min(negativeTtl, ttl, msg.readUInt32BE(next - 4));
      }
    }
    p = next;
  }
  let bytes: Buffer;
  let length: number;
  if (optStart >= 0 && optEnd === p && owned) {
    // The usual answer: our OPT last, in a datagram of its own. Cut it off in place (no copy, no view).
    bytes = msg;
    length = optStart;
    msg[10] = (ar - 1) >> 8;
    msg[11] = (ar - 1) & 0xff;
  } else if (optStart >= 0) {
    bytes = Buffer.allocUnsafe(p - (optEnd - optStart));
    msg.copy(bytes, 0, 0, optStart);
    msg.copy(bytes, optStart, optEnd, p);
    bytes.writeUInt16BE(ar - 1, 10);
    length = bytes.length;
    const cut = optEnd - optStart;
    for (let i = 0; i < n * 2; i += 2) if (ttls[i]! > optStart) ttls[i] = ttls[i]! - cut;
  } else if (owned) {
    bytes = msg; // nothing else shares its memory; anything after the records is left out by `length`
    length = p;
  } else {
    bytes = Buffer.from(msg.subarray(0, p));
    length = p;
  }
  let cacheTtl = 0;
  if (!truncated) {
    if (rcode === RCODE.NOERROR && an > 0) cacheTtl = minAnswerTtl;
    else if (rcode === RCODE.NXDOMAIN || (rcode === RCODE.NOERROR && an === 0))
      cacheTtl = Number.isFinite(negativeTtl) ? negativeTtl : 0;
  }
  // A new array and a loop: TypedArray#slice costs about twice as much for a record or two.
  const kept = new Uint32Array(n * 2);
  for (let i = 0; i < n * 2; i++) kept[i] = ttls[i]!;
  return {
    bytes,
    length,
    ttls: kept,
    rcode,
    upstreamFlags: flags & 0x0020,
    cacheTtl: Math.min(cacheTtl, MAX_CACHE_TTL),
    truncated,
  };
}

/**
 * The answer with bytes of exactly its length, for keeping: the cache stores this, once per entry, so every
 * hit copies one whole buffer (TypedArray#set) rather than a prefix byte by byte.
 */
export function compact(p: Prepared): Prepared {
  if (p.length === p.bytes.length) return p;
  const bytes = Buffer.allocUnsafeSlow(p.length);
  for (let i = 0; i < p.length; i++) bytes[i] = p.bytes[i]!;
  return { ...p, bytes };
}

/** A truncated answer may be cut mid-record: keep only the header and question (the caller goes to TCP). */
function partial(msg: Buffer, qLen: number, flags: number): Prepared {
  const bytes = Buffer.from(msg.subarray(0, 12 + qLen));
  bytes.writeUInt32BE(0, 6);
  bytes.writeUInt16BE(0, 10);
  return {
    bytes,
    length: bytes.length,
    ttls: new Uint32Array(0),
    rcode: flags & 0xf,
    upstreamFlags: 0,
    cacheTtl: 0,
    truncated: true,
  };
}
