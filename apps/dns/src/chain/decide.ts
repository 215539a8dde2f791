import { RCODE, emptyAnswer } from '../wire/answer.js';
import type { PolicyState } from './state.js';
import type { Link } from './types.js';

const CLASS_IN = 1;

/** Link 2: the policy decision for (name, group, now), from the shared decision function. */
export function decide(state: PolicyState): Link {
  return (next) => (req) => {
    if (req.q.qclass !== CLASS_IN) {
      // CHAOS "version.bind" and friends: nothing to filter, nothing to forward.
      req.reply(emptyAnswer(req.msg, req.q.questionEnd, RCODE.REFUSED, req.q));
      return;
    }
    req.decision = state.prepared!.decide(req.keys, req.client!.groupIndex, req.receivedAt);
    next(req);
  };
}
