import type { Decision, Identified, SuffixKeys } from '@harbour/shared';
import type { Query } from '../wire/query.js';
import type { Prepared } from '../wire/response.js';

/**
 * One query on its way through the chain (Blocky's design: each link answers or hands on to the next).
 * identify -> log -> policy -> cache -> upstream. Links run synchronously up to the cache, so the suffix
 * keys are a scratch object shared by every query (and a UDP request is reused: see detach); only the
 * upstream link waits.
 */
export interface Request {
  msg: Buffer;
  q: Query;
  transport: 'udp' | 'tcp';
  source: string;
  /** The address the query arrived at (the listener's bound address), or null for a wildcard bind. */
  local: string | null;
  receivedAt: number;
  /** Scratch: the question name's suffix keys, valid until the request leaves the synchronous links. */
  keys: SuffixKeys;
  client: Identified | null;
  decision: Decision | null;
  /**
   * This request for keeping past the synchronous links (a flight upstream, a rewrite): UDP requests are
   * reused for the next datagram once those return, so a link that holds one must hold this instead.
   */
  detach(): Request;
  /** Send a finished message (the transport adds TCP framing or truncates for UDP). */
  reply(out: Buffer): void;
  /** Send an upstream (or cached) answer: rewritten for this client (id, case, TTLs, OPT) then replied. */
  answer(p: Prepared, insertedAt: number): void;
}

export type Handler = (req: Request) => void;
export type Link = (next: Handler) => Handler;

/** Composes links left to right: chain(a, b, c)(end) = a(b(c(end))). */
export const chain =
  (...links: Link[]) =>
  (end: Handler): Handler =>
    links.reduceRight<Handler>((next, link) => link(next), end);
