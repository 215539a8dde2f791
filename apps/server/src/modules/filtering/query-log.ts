import type { QueryLogAck, QueryLogBatch, QueryLogRecord } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { FilterQueryLogTable } from '../../db/schema-filtering.js';
import { addDays, iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { filterSettingsOf } from './state.js';

/**
 * The query log (issue 4): each batch of resolver decisions stored in bulk, idempotently by batchId, with
 * one audit entry per batch per school (clarification 8); purged after the school's retention period
 * (default 90 days). Other modules read recent blocked decisions (monitoring, issue 6) through
 * recentBlockedDecisions or onQueryLogStored; they never query the table.
 */
const CHUNK = 400;

export interface StoredRecord extends QueryLogRecord {
  nodeId: string;
}
type Listener = (records: StoredRecord[]) => void;
const listeners = new Set<Listener>();

/** Calls `listener` with each stored batch's records (after commit). Returns the unsubscribe function. */
export function onQueryLogStored(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function storeQueryLogBatch(
  ctx: AppContext,
  batch: QueryLogBatch,
  o: { nodeId: string; schools: ReadonlySet<string> | 'all' },
): Promise<QueryLogAck> {
  const known = new Set((await ctx.db.selectFrom('schools').select('id').execute()).map((s) => s.id));
  // A node logs only for the schools it serves; anything else is dropped, never stored under another school.
  const records = batch.records.filter(
    (r) => known.has(r.schoolId) && (o.schools === 'all' || o.schools.has(r.schoolId)),
  );
  const nodeId = o.nodeId;
  const now = iso(ctx.clock.now());
  const stored = await ctx.db.transaction().execute(async (tx) => {
    const claim = await tx
      .insertInto('filter_log_batches')
      .values({
        batch_id: batch.batchId,
        node_id: nodeId,
        received_at: now,
        records: records.length,
        dropped: batch.dropped,
        policy_version: batch.policyVersion,
      })
      .onConflict((oc) => oc.column('batch_id').doNothing())
      .executeTakeFirst();
    if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const rows: FilterQueryLogTable[] = records.map((r) => ({
      school_id: r.schoolId,
      at: new Date(r.time).toISOString(),
      client: r.client,
      group_id: r.groupId,
      name: r.name,
      qtype: r.type,
      action: r.action,
      reason: r.reason,
      category: r.category,
      count: r.count,
      identified_by: r.identifiedBy,
      node_id: nodeId,
    }));
    for (let i = 0; i < rows.length; i += CHUNK)
      await tx
        .insertInto('filter_query_log')
        .values(rows.slice(i, i + CHUNK))
        .execute();
    const perSchool = new Map<string, number>();
    for (const r of records) perSchool.set(r.schoolId, (perSchool.get(r.schoolId) ?? 0) + 1);
    for (const [schoolId, n] of perSchool)
      await appendAudit(
        ctx,
        {
          schoolId,
          actorAccountId: null,
          action: 'filter.query_log.batch',
          entityType: 'filter_log_batch',
          entityId: batch.batchId,
          details: { nodeId, records: n, dropped: batch.dropped, policyVersion: batch.policyVersion },
        },
        tx,
      );
    return true;
  });
  if (stored && records.length > 0) {
    const out = records.map((r) => ({ ...r, nodeId }));
    for (const l of listeners) {
      try {
        l(out);
      } catch (err) {
        ctx.log.error({ err }, 'query log listener failed');
      }
    }
  }
  return { accepted: stored ? records.length : 0, duplicate: !stored };
}

/**
 * Recent blocked decisions of one school (for monitoring, issue 6: resolver decisions in high-risk
 * categories). Names an address, never a guessed person (clarification 14).
 */
export async function recentBlockedDecisions(
  ctx: AppContext,
  o: { schoolId: string; since: string; categories?: string[]; client?: string; limit?: number },
) {
  let q = ctx.db
    .selectFrom('filter_query_log')
    .select(['at', 'client', 'group_id', 'name', 'category', 'reason', 'count'])
    .where('school_id', '=', o.schoolId)
    .where('action', '=', 'block')
    .where('at', '>=', o.since);
  if (o.categories?.length) q = q.where('category', 'in', o.categories);
  if (o.client) q = q.where('client', '=', o.client);
  const rows = await q
    .orderBy('at', 'desc')
    .limit(o.limit ?? 500)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    client: r.client,
    groupId: r.group_id,
    name: r.name,
    category: r.category,
    reason: r.reason,
    count: r.count,
  }));
}

/** Deletes every school's entries older than its retention period (the maintenance job). */
export async function purgeQueryLog(ctx: AppContext): Promise<number> {
  const schools = await ctx.db.selectFrom('schools').select('id').execute();
  let purged = 0;
  for (const s of schools) {
    const { value } = await filterSettingsOf(ctx, ctx.db, s.id);
    const before = iso(addDays(ctx.clock.now(), -value.queryLogRetentionDays));
    const r = await ctx.db
      .deleteFrom('filter_query_log')
      .where('school_id', '=', s.id)
      .where('at', '<', before)
      .executeTakeFirst();
    const n = Number(r.numDeletedRows);
    purged += n;
    if (n > 0)
      await appendAudit(ctx, {
        schoolId: s.id,
        actorAccountId: null,
        action: 'filter.query_log.purge',
        entityType: 'filter_query_log',
        details: { before, rows: n, retentionDays: value.queryLogRetentionDays },
      });
  }
  // Batch ids are kept as long as the longest retention, so a retried batch is still recognised.
  await ctx.db
    .deleteFrom('filter_log_batches')
    .where('received_at', '<', iso(addDays(ctx.clock.now(), -730)))
    .execute();
  return purged;
}
