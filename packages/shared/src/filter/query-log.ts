import { z } from 'zod';
import { FILTER_CATEGORIES } from './categories.js';

/**
 * One line of the query log (issue 4: time, client address, group, name, category, blocked or allowed).
 * The resolver folds identical decisions within one flush interval into one record with a count, so a
 * classroom refreshing a page does not write a row per packet.
 */
export const QueryLogRecordSchema = z.strictObject({
  /** The first query of this record (ISO, UTC). */
  time: z.iso.datetime({ offset: true }),
  /** Queries folded into this record (same client, group, name, type and decision within the interval). */
  count: z.number().int().min(1).max(1_000_000_000),
  client: z.union([z.ipv4(), z.ipv6()]),
  identifiedBy: z.enum(['binding', 'resolver-address', 'ecs', 'subnet', 'default']),
  schoolId: z.string().min(1).max(100),
  groupId: z.string().min(1).max(100),
  /** The queried name, lower case, no trailing dot. */
  name: z.string().min(1).max(255),
  /** The query type mnemonic (A, AAAA, HTTPS, ...) or TYPEnnn (RFC 3597). */
  type: z.string().min(1).max(12),
  action: z.enum(['allow', 'block', 'rewrite', 'canary']),
  reason: z.string().max(40).nullable(),
  category: z.enum(FILTER_CATEGORIES).nullable(),
  ruleId: z.string().max(100).nullable(),
});

export const MAX_LOG_BATCH = 5000;

/** What a resolver sends: POST /api/dns/logs, or DecisionSink.write in-process. Idempotent by batchId. */
export const QueryLogBatchSchema = z.strictObject({
  batchId: z.uuid(),
  /** The node's name (in-process: "harbour"). */
  nodeId: z.string().min(1).max(100),
  policyVersion: z.number().int().min(0),
  sentAt: z.iso.datetime({ offset: true }),
  /** Records this node dropped since its last accepted batch because its buffer was full (server away). */
  dropped: z.number().int().min(0),
  records: z.array(QueryLogRecordSchema).max(MAX_LOG_BATCH),
});

export type QueryLogRecord = z.infer<typeof QueryLogRecordSchema>;
export type QueryLogBatch = z.infer<typeof QueryLogBatchSchema>;

/** The answer to POST /api/dns/logs (202). `duplicate` when the batchId was accepted before. */
export const QueryLogAckSchema = z.strictObject({
  accepted: z.number().int().min(0),
  duplicate: z.boolean(),
});
export type QueryLogAck = z.infer<typeof QueryLogAckSchema>;
