import { randomUUID } from 'node:crypto';
import {
  MAX_LOG_BATCH,
  type Decision,
  type DecisionSink,
  type QueryLogBatch,
  type QueryLogRecord,
} from '@harbour/shared';
import { questionName } from '../wire/query.js';
import { typeName } from '../wire/types.js';
import type { PolicyState } from './state.js';
import type { Link, Request } from './types.js';

interface Folded {
  k1: number;
  k2: number;
  group: number;
  qtype: number;
  client: string;
  decision: Decision;
  by: QueryLogRecord['identifiedBy'];
  name: string;
  time: number;
  count: number;
  next: Folded | null;
}

export interface DecisionLogOptions {
  sink: DecisionSink;
  nodeId: string;
  /** How often decisions are folded into records and handed to the sink. */
  flushMs?: number;
  /** Records kept while the sink fails; beyond it the oldest are dropped and counted (never unbounded). */
  maxBufferedRecords?: number;
  /** Pause after a failed write before the next try (doubles up to 30 s). */
  retryMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * The query log (issue 4): every decision is counted in place (no allocation for a repeat within the
 * interval), folded into one record per (client, group, name, type, decision) each flush, and written to
 * the sink in batches of at most 5,000 from a timer, never on a query's path. A failing sink keeps the
 * batches (same batchId when retried) up to a bound, then drops the oldest and reports how many.
 */
export class DecisionLog {
  private folded = new Map<number, Folded>();
  private size = 0;
  private queue: QueryLogBatch[] = [];
  private queued = 0;
  private dropped = 0;
  private sending = false;
  private timer: NodeJS.Timeout | null = null;
  private retryAt = 0;
  private backoff: number;
  /** Records handed to the sink and accepted, for status and tests. */
  written = 0;

  constructor(
    private readonly state: PolicyState,
    private readonly o: DecisionLogOptions,
  ) {
    this.backoff = o.retryMs ?? 1000;
    state.onChange(() => this.fold());
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.o.flushMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.retryAt = 0;
    await this.flush();
  }

  record(req: Request): void {
    const keys = req.keys;
    const k1 = keys.count ? keys.k1[keys.count - 1]! : 0;
    const k2 = keys.count ? keys.k2[keys.count - 1]! : 0;
    const group = req.client!.groupIndex;
    const qtype = req.q.qtype;
    const key =
      ((k2 ^ Math.imul(qtype, 0x9e3779b1) ^ Math.imul(group + 1, 0x85ebca6b)) & 0x1fffff) * 4294967296 + k1;
    const client = req.client!.client;
    const decision = req.decision!;
    const head = this.folded.get(key);
    for (let f: Folded | null = head ?? null; f; f = f.next) {
      if (
        f.k1 === k1 &&
        f.k2 === k2 &&
        f.group === group &&
        f.qtype === qtype &&
        f.decision === decision &&
        f.client === client
      ) {
        f.count++;
        return;
      }
    }
    this.folded.set(key, {
      k1,
      k2,
      group,
      qtype,
      client,
      decision,
      by: req.client!.by,
      name: questionName(req.msg, req.q.nameEnd),
      time: req.receivedAt,
      count: 1,
      next: head ?? null,
    });
    if (++this.size >= MAX_LOG_BATCH * 10) this.fold();
  }

  /** Folds the counted decisions into batches (at the current policy version) and empties the counters. */
  fold(): void {
    if (this.size === 0) return;
    const p = this.state.prepared;
    const records: QueryLogRecord[] = [];
    for (const head of this.folded.values()) {
      for (let f: Folded | null = head; f; f = f.next) {
        const g = p?.groups[f.group];
        if (!g) continue;
        const d = f.decision;
        records.push({
          time: new Date(f.time).toISOString(),
          count: f.count,
          client: f.client,
          identifiedBy: f.by,
          schoolId: g.school.id,
          groupId: g.policy.id,
          name: f.name,
          type: typeName(f.qtype),
          action: d.action,
          reason:
            d.action === 'allow' || d.action === 'block'
              ? d.reason
              : d.action === 'rewrite'
                ? d.engine
                : null,
          category: d.action === 'block' ? d.category : null,
          ruleId: d.action === 'allow' || d.action === 'block' ? d.ruleId : null,
        });
      }
    }
    this.folded = new Map();
    this.size = 0;
    for (let i = 0; i < records.length; i += MAX_LOG_BATCH) {
      const part = records.slice(i, i + MAX_LOG_BATCH);
      this.queue.push({
        batchId: randomUUID(),
        nodeId: this.o.nodeId,
        policyVersion: this.state.version,
        sentAt: new Date().toISOString(),
        dropped: 0,
        records: part,
      });
      this.queued += part.length;
    }
    // About 400 bytes a record in memory: 50,000 keep a node's heap within ~20 MB while its server is away.
    const max = this.o.maxBufferedRecords ?? 50_000;
    while (this.queued > max && this.queue.length > 1) {
      const old = this.queue.shift()!;
      this.queued -= old.records.length;
      this.dropped += old.records.length + old.dropped;
    }
  }

  /** Folds and writes what is queued, one batch at a time; stops at the first failure and backs off. */
  async flush(): Promise<void> {
    this.fold();
    if (this.sending || Date.now() < this.retryAt) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue[0]!;
        if (batch.dropped === 0 && this.dropped > 0) {
          batch.dropped = this.dropped;
          this.dropped = 0;
        }
        try {
          await this.o.sink.write(batch);
        } catch (err) {
          this.o.onError?.(err);
          this.retryAt = Date.now() + this.backoff;
          this.backoff = Math.min(this.backoff * 2, 30_000);
          return;
        }
        this.queue.shift();
        this.queued -= batch.records.length;
        this.written += batch.records.length;
        this.backoff = this.o.retryMs ?? 1000;
      }
    } finally {
      this.sending = false;
    }
  }

  /** Records waiting for the sink, and dropped since the last accepted batch. */
  pending(): { records: number; dropped: number } {
    const attached = this.queue.reduce((n, b) => n + b.dropped, 0);
    return { records: this.queued + this.size, dropped: this.dropped + attached };
  }
}

/** Link 3: counts each decision in the query log. */
export const logDecisions =
  (log: DecisionLog): Link =>
  (next) =>
  (req) => {
    log.record(req);
    next(req);
  };
