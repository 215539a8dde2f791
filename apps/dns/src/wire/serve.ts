import { answerFlags, writeOpt } from './answer.js';
import type { Query } from './query.js';
import type { Prepared } from './response.js';

/**
 * Writes a prepared (upstream or cached) answer for one client: the client's id and question bytes (its
 * 0x20 case), our flags with the client's RD/CD, TTLs less the time spent in the cache, and an OPT only if
 * the client sent one (RFC 6891 7).
 */
export function serveAnswer(msg: Buffer, q: Query, p: Prepared, insertedAt: number, now: number): Buffer {
  const base = p.bytes;
  const len = p.length;
  const out = Buffer.allocUnsafe(len + (q.edns ? 11 : 0));
  // By hand below 512 bytes: the usual upstream answer runs on past `length` (its OPT), and a view to
  // copy from costs more than the loop. Likewise the id, the question as the client wrote it, and the
  // 16/32-bit fields are written by hand (Buffer#copy with offsets and Buffer#writeUInt* cost a call).
  if (len === base.length) out.set(base);
  else if (len > 512) out.set(base.subarray(0, len));
  else for (let i = 0; i < len; i++) out[i] = base[i]!;
  out[0] = msg[0]!;
  out[1] = msg[1]!;
  for (let i = 12; i < q.questionEnd; i++) out[i] = msg[i]!;
  const flags =
    answerFlags((msg[2]! << 8) | msg[3]!, p.rcode) | (q.dnssecOk || q.flags & 0x0020 ? p.upstreamFlags : 0);
  out[2] = flags >> 8;
  out[3] = flags & 0xff;
  const age = Math.floor((now - insertedAt) / 1000);
  if (age > 0) {
    const ttls = p.ttls;
    for (let i = 0; i < ttls.length; i += 2) {
      const left = ttls[i + 1]! - age;
      const at = ttls[i]!;
      const v = left > 0 ? left : 0;
      out[at] = v >>> 24;
      out[at + 1] = (v >>> 16) & 0xff;
      out[at + 2] = (v >>> 8) & 0xff;
      out[at + 3] = v & 0xff;
    }
  }
  if (q.edns) {
    writeOpt(out, len, q.dnssecOk);
    const ar = ((base[10]! << 8) | base[11]!) + 1;
    out[10] = ar >> 8;
    out[11] = ar & 0xff;
  }
  return out;
}
