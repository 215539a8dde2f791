import type { CompiledPolicy } from './policy.js';
import type { QueryLogBatch } from './query-log.js';

/**
 * The node API (docs/filtering-policy.md). Every request carries `Authorization: Bearer <node token>`;
 * a missing or unknown token answers 401 and nothing else.
 *
 * GET  /api/dns/policy   If-None-Match: "<etag>"  ->  304 (unchanged), or 200 + ETag + CompiledPolicy JSON
 * POST /api/dns/logs     QueryLogBatch JSON       ->  202 QueryLogAck (idempotent by batchId), 400, 413
 */
export const DNS_POLICY_PATH = '/api/dns/policy';
export const DNS_LOGS_PATH = '/api/dns/logs';
/** The resolver's version, so the server can show which nodes run what. */
export const DNS_NODE_HEADER = 'x-harbour-node';
/** Largest POST /api/dns/logs body the server must accept. */
export const MAX_LOG_BODY_BYTES = 4 * 1024 * 1024;

/** The ETag header value for a policy (a quoted strong validator, RFC 9110 8.8.3). */
export const policyEtagHeader = (p: Pick<CompiledPolicy, 'etag'>): string => `"${p.etag}"`;

/**
 * Where a resolver gets its policy. In-process the server's filtering module implements it over the live
 * policy; a standalone node implements it over GET /api/dns/policy and its file on disk.
 */
export interface PolicySource {
  /** The policy now in force, or null if there is none yet (the resolver then refuses every query). */
  current(): CompiledPolicy | null;
  /** Calls `listener` with each new policy (a new version). Returns the unsubscribe function. */
  subscribe(listener: (policy: CompiledPolicy) => void): () => void;
}

/**
 * Where a resolver writes its decisions, in batches. A rejected promise means "not stored": the resolver
 * keeps the batch (bounded) and tries again later with the same batchId.
 */
export interface DecisionSink {
  write(batch: QueryLogBatch): Promise<void>;
}
