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
  const out = Buffer.allocUnsafe(base.length + (q.edns ? 11 : 0));
  out.set(base);
  // The id and the question as the client wrote them: a few dozen bytes, copied by hand (Buffer#copy with
  // offsets makes a view per call).
  out[0] = msg[0]!;
  out[1] = msg[1]!;
  for (let i = 12; i < q.questionEnd; i++) out[i] = msg[i]!;
  const flags =
    answerFlags(msg.readUInt16BE(2), p.rcode) | (q.dnssecOk || q.flags & 0x0020 ? p.upstreamFlags : 0);
  out.writeUInt16BE(flags, 2);
  const age = Math.floor((now - insertedAt) / 1000);
  if (age > 0) {
    for (let i = 0; i < p.ttls.length; i += 2) {
      const left = p.ttls[i + 1]! - age;
      out.writeUInt32BE(left > 0 ? left : 0, p.ttls[i]);
    }
  }
  if (q.edns) {
    writeOpt(out, base.length, q.dnssecOk);
    out.writeUInt16BE(base.readUInt16BE(10) + 1, 10);
  }
  return out;
}
