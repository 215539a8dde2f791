import { randomUUID } from 'node:crypto';
import { MAX_LOG_BATCH, type DecisionSink, type QueryLogBatch, type QueryLogRecord } from '@harbour/shared';
import { typeName } from '../wire/types.js';
import { LogTable } from './log-table.js';
import type { PolicyState } from './state.js';
import type { Link, Request } from './types.js';

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
 * The query log (issue 4): every decision is counted in place in typed arrays (LogTable: no allocation per
 * query, new or repeated), folded into one record per (client, group, name, type, decision) each flush, and written to
 * the sink in batches of at most 5,000 from a timer, never on a query's path. A failing sink keeps the
 * batches (same batchId when retried) up to a bound, then drops the oldest and reports how many.
 */
export class DecisionLog {
  private readonly table = new LogTable();
  /** The last time folded and its ISO text: a second's records share a few thousand distinct instants. */
  private isoAt = NaN;
  private iso = '';
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
    // Fold with the version the decisions were made under: a new one may number its groups otherwise.
    state.onLeave(() => this.fold());
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
    const c = req.client!;
    const q = req.q;
    const t = this.table;
    if (t.add(k1, k2, c.groupIndex, q.qtype, c, req.decision!, req.msg, q.nameEnd, req.receivedAt)) return;
    this.fold();
    t.add(k1, k2, c.groupIndex, q.qtype, c, req.decision!, req.msg, q.nameEnd, req.receivedAt);
  }

  /** Folds the counted decisions into batches (at the current policy version) and empties the counters. */
  fold(): void {
    const t = this.table;
    if (t.size === 0) return;
    const p = this.state.prepared;
    const records: QueryLogRecord[] = [];
    for (let e = 0; e < t.size; e++) {
      const g = p?.groups[t.group[e]!];
      if (!g) continue;
      const d = t.decision[e]!;
      const c = t.client[e]!;
      records.push({
        time: this.isoTime(t.time[e]!),
        count: t.count[e]!,
        client: c.client,
        identifiedBy: c.by,
        schoolId: g.school.id,
        groupId: g.policy.id,
        name: t.name(e),
        type: typeName(t.qtype[e]!),
        action: d.action,
        reason:
          d.action === 'allow' || d.action === 'block' ? d.reason : d.action === 'rewrite' ? d.engine : null,
        category: d.action === 'block' ? d.category : null,
        ruleId: d.action === 'allow' || d.action === 'block' ? d.ruleId : null,
      });
    }
    t.clear();
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

  private isoTime(ms: number): string {
    if (ms !== this.isoAt) {
      this.isoAt = ms;
      this.iso = new Date(ms).toISOString();
    }
    return this.iso;
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
    return { records: this.queued + this.table.size, dropped: this.dropped + attached };
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
