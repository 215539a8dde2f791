import dnsPacket from 'dns-packet';
import type { Decision } from '@harbour/shared';
import { RCODE, TYPE_A, TYPE_AAAA, cnameRecords, emptyAnswer, recordsAnswer } from '../wire/answer.js';
import { parseQuery, questionName } from '../wire/query.js';
import { prepareResponse, type Prepared } from '../wire/response.js';
import type { PolicyState } from './state.js';
import type { Handler, Link, Request } from './types.js';

/**
 * Link 4: acts on the decision. Blocked names get the school's block answer (the block page's A/AAAA, an
 * empty NOERROR for other types, or NXDOMAIN); canaries NXDOMAIN; safe search a CNAME to the engine's
 * safe name with its fixed addresses, or with the target's records from upstream. Allowed names go on.
 */
export function enforce(state: PolicyState): Link {
  return (next) => (req) => {
    const d = req.decision!;
    switch (d.action) {
      case 'allow':
        next(req);
        return;
      case 'canary':
        req.reply(emptyAnswer(req.msg, req.q.questionEnd, RCODE.NXDOMAIN, req.q));
        return;
      case 'block':
        req.reply(blockAnswer(state, req));
        return;
      case 'rewrite':
        rewrite(state, req, d, next);
        return;
    }
  };
}

function blockAnswer(state: PolicyState, req: Request): Buffer {
  const { msg, q } = req;
  const group = state.prepared!.groups[req.client!.groupIndex]!;
  const a = state.answers.get(group.school.id)!;
  if (a.nxdomain) return emptyAnswer(msg, q.questionEnd, RCODE.NXDOMAIN, q);
  if (q.qtype === TYPE_A && a.a) return recordsAnswer(msg, q.questionEnd, RCODE.NOERROR, q, a.a, a.aCount);
  if (q.qtype === TYPE_AAAA && a.aaaa)
    return recordsAnswer(msg, q.questionEnd, RCODE.NOERROR, q, a.aaaa, a.aaaaCount);
  // Other types (HTTPS, MX, TXT...): no data, so clients fall back to A/AAAA and reach the block page.
  return emptyAnswer(msg, q.questionEnd, RCODE.NOERROR, q);
}

type Rewrite = Extract<Decision, { action: 'rewrite' }>;

function rewrite(state: PolicyState, asked: Request, d: Rewrite, next: Handler): void {
  // The target's records may come later from upstream: keep a request of our own for then.
  const req = asked.detach();
  const { msg, q } = req;
  const group = state.prepared!.groups[req.client!.groupIndex]!;
  const ttl = group.school.answerTtl;
  const target = state.targets.get(d.target)!;
  const fixed = q.qtype === TYPE_A ? d.ipv4 : q.qtype === TYPE_AAAA ? d.ipv6 : null;
  if (fixed && fixed.length > 0) {
    const { records, count } = cnameRecords(q.questionEnd, target, ttl, fixed, q.qtype);
    req.reply(recordsAnswer(msg, q.questionEnd, RCODE.NOERROR, q, records, count));
    return;
  }
  // Ask the rest of the chain (cache, upstream) for the target's records, then put the CNAME in front.
  const sub = Buffer.alloc(12 + target.length + 4);
  sub.writeUInt16BE(0x0100, 2); // RD
  sub.writeUInt16BE(1, 4);
  target.copy(sub, 12);
  sub.writeUInt16BE(q.qtype, 12 + target.length);
  sub.writeUInt16BE(q.qclass, 14 + target.length);
  const parsed = parseQuery(sub, req.keys, false);
  if (parsed === -1 || 'rcode' in parsed) {
    req.reply(emptyAnswer(msg, q.questionEnd, RCODE.SERVFAIL, q));
    return;
  }
  const outerName = questionName(msg, q.nameEnd);
  const inner: Request = {
    ...req,
    msg: sub,
    q: parsed,
    detach: () => inner,
    answer(p: Prepared) {
      const merged = mergeCname(outerName, d.target, ttl, p);
      const prepared = merged ? prepareResponse(merged, msg, 12, q.questionEnd) : null;
      if (prepared) req.answer(prepared, req.receivedAt);
      else req.reply(emptyAnswer(msg, q.questionEnd, RCODE.SERVFAIL, q));
    },
    reply() {
      req.reply(emptyAnswer(msg, q.questionEnd, RCODE.SERVFAIL, q));
    },
  };
  next(inner);
}

/** The client's question, a CNAME to the safe-search name, then the target's answer records (slow path). */
function mergeCname(name: string, target: string, ttl: number, p: Prepared): Buffer | null {
  try {
    const decoded = dnsPacket.decode(p.bytes.subarray(0, p.length));
    const type = decoded.questions?.[0]?.type ?? 'A';
    return dnsPacket.encode({
      id: 0,
      type: 'response',
      flags: p.rcode,
      questions: [{ name, type, class: 'IN' }],
      answers: [{ name, type: 'CNAME', class: 'IN', ttl, data: target }, ...(decoded.answers ?? [])],
    });
  } catch {
    return null;
  }
}
