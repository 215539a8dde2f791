import { RCODE, TYPE_OPT, sameName, skipName } from './query.js';

/**
 * An upstream answer prepared for the cache: the message without its OPT record (each client gets its own
 * OPT, or none if it sent none: RFC 6891 7), with the offset and original value of every TTL so a cached
 * answer can be served with its remaining lifetime.
 */
export interface Prepared {
  /** header + question + records, OPT removed, ARCOUNT adjusted. Id and flags are rewritten per client. */
  bytes: Buffer;
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
 * Checks that `msg` answers our question (`question` = the bytes [12, questionEnd) we sent) and prepares it.
 * Returns null for anything malformed or not ours: the caller treats it as no answer.
 */
export function prepareResponse(msg: Buffer, question: Buffer): Prepared | null {
  const len = msg.length;
  if (len < 12 + question.length) return null;
  const flags = msg.readUInt16BE(2);
  if ((flags & 0x8000) === 0 || msg.readUInt16BE(4) !== 1) return null;
  if (!sameName(msg, 12, question, 0, question.length)) return null;
  const truncated = (flags & 0x0200) !== 0;
  const rcode = flags & 0xf;
  const an = msg.readUInt16BE(6);
  const ns = msg.readUInt16BE(8);
  const ar = msg.readUInt16BE(10);
  let p = 12 + question.length;
  const ttls = scratchTtls;
  let n = 0;
  let minAnswerTtl = Infinity;
  let negativeTtl = Infinity;
  let optStart = -1;
  let optEnd = -1;
  const total = an + ns + ar;
  if (total > MAX_RECORDS) return truncated ? partial(msg, question, flags) : null;
  for (let i = 0; i < total; i++) {
    const start = p;
    p = skipName(msg, p);
    if (p < 0 || p + 10 > len) return truncated ? partial(msg, question, flags) : null;
    const type = msg.readUInt16BE(p);
    const rdlen = msg.readUInt16BE(p + 8);
    const next = p + 10 + rdlen;
    if (next > len) return truncated ? partial(msg, question, flags) : null;
    if (type === TYPE_OPT) {
      if (i < an + ns || optStart >= 0) return null;
      optStart = start;
      optEnd = next;
    } else {
      const ttl = msg.readUInt32BE(p + 4) & 0x7fffffff; // RFC 2181 8: the top bit set means zero
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
  if (optStart >= 0 && optEnd === p && msg.byteOffset === 0 && msg.buffer.byteLength === p) {
    // The usual answer: our OPT last, in a datagram of its own. Cut it off in place (no copy).
    bytes = msg.subarray(0, optStart);
    bytes.writeUInt16BE(ar - 1, 10);
  } else if (optStart >= 0) {
    bytes = Buffer.allocUnsafe(p - (optEnd - optStart));
    msg.copy(bytes, 0, 0, optStart);
    msg.copy(bytes, optStart, optEnd, p);
    bytes.writeUInt16BE(ar - 1, 10);
    const cut = optEnd - optStart;
    for (let i = 0; i < n * 2; i += 2) if (ttls[i]! > optStart) ttls[i] = ttls[i]! - cut;
  } else if (p === msg.length && msg.byteOffset === 0 && msg.buffer.byteLength === p) {
    bytes = msg; // a datagram of its own (dgram's): nothing else shares its memory
  } else bytes = Buffer.from(msg.subarray(0, p));
  let cacheTtl = 0;
  if (!truncated) {
    if (rcode === RCODE.NOERROR && an > 0) cacheTtl = minAnswerTtl;
    else if (rcode === RCODE.NXDOMAIN || (rcode === RCODE.NOERROR && an === 0))
      cacheTtl = Number.isFinite(negativeTtl) ? negativeTtl : 0;
  }
  return {
    bytes,
    ttls: ttls.slice(0, n * 2),
    rcode,
    upstreamFlags: flags & 0x0020,
    cacheTtl: Math.min(cacheTtl, MAX_CACHE_TTL),
    truncated,
  };
}

/** A truncated answer may be cut mid-record: keep only the header and question (the caller goes to TCP). */
function partial(msg: Buffer, question: Buffer, flags: number): Prepared {
  const bytes = Buffer.from(msg.subarray(0, 12 + question.length));
  bytes.writeUInt32BE(0, 6);
  bytes.writeUInt16BE(0, 10);
  return {
    bytes,
    ttls: new Uint32Array(0),
    rcode: flags & 0xf,
    upstreamFlags: 0,
    cacheTtl: 0,
    truncated: true,
  };
}
