import type { Identified } from '@harbour/shared';
import { RCODE, emptyAnswer } from '../wire/answer.js';
import type { PolicyState } from './state.js';
import type { Link } from './types.js';

/** Identities are cached per (listener address, source); a flood of spoofed sources only clears the cache. */
const MAX_CACHED_CLIENTS = 200_000;

/**
 * Link 1: who is asking (clarification 14, ClientIndex). With no policy loaded the resolver refuses every
 * query: a node never starts open.
 */
export function identifyClient(state: PolicyState): Link {
  let cache = new Map<string, Map<string, Identified>>();
  let size = 0;
  state.onChange(() => {
    cache = new Map();
    size = 0;
  });
  return (next) => (req) => {
    const p = state.prepared;
    if (!p) {
      req.reply(emptyAnswer(req.msg, req.q.questionEnd, RCODE.REFUSED, req.q));
      return;
    }
    if (req.q.ecs) {
      req.client = p.clients.identify(
        { source: req.source, local: req.local, ecs: req.q.ecs },
        req.receivedAt,
      );
      next(req);
      return;
    }
    const localKey = req.local ?? '';
    let bySource = cache.get(localKey);
    if (!bySource) {
      bySource = new Map();
      cache.set(localKey, bySource);
    }
    let id = bySource.get(req.source);
    if (!id || id.validUntil <= req.receivedAt) {
      id = p.clients.identify({ source: req.source, local: req.local }, req.receivedAt);
      if (++size > MAX_CACHED_CLIENTS) {
        bySource = new Map<string, Identified>();
        cache = new Map([[localKey, bySource]]);
        size = 1;
      }
      bySource.set(req.source, id);
    }
    req.client = id;
    next(req);
  };
}
