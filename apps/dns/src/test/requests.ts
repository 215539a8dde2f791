import dnsPacket from 'dns-packet';
import { SuffixKeys } from '@harbour/shared';
import { parseQuery, type Query } from '../wire/query.js';
import { prepareResponse, type Prepared } from '../wire/response.js';
import type { Request } from '../chain/types.js';

/** A parsed query as the chain's links get it, with what it was answered or replied (tests of the links). */
export function request(name: string, source = '10.0.2.9', type: dnsPacket.RecordType = 'A') {
  const msg = dnsPacket.encode({
    id: 7,
    type: 'query',
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type }],
  });
  const keys = new SuffixKeys();
  const q = parseQuery(msg, keys, false) as Query;
  const out: { replies: Buffer[]; answers: Prepared[] } = { replies: [], answers: [] };
  const req: Request = {
    msg,
    q,
    transport: 'udp',
    source,
    local: null,
    receivedAt: Date.parse('2025-01-15T09:00:00Z'),
    keys,
    client: null,
    decision: null,
    detach: () => req,
    reply: (b) => out.replies.push(b),
    answer: (p) => out.answers.push(p),
  };
  return { req, out };
}

export const upstreamAnswer = (name: string, ttl: number): Prepared => {
  const msg = dnsPacket.encode({
    id: 1,
    type: 'response',
    questions: [{ name, type: 'A' }],
    answers: [{ name, type: 'A', ttl, data: '192.0.2.1' }],
  });
  const q = dnsPacket.encode({ id: 1, type: 'query', questions: [{ name, type: 'A' }] });
  return prepareResponse(msg, q.subarray(12))!;
};
