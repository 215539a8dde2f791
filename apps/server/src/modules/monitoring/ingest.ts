import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { insertIgnoring, prepared, preparedOf } from '../../db/prepared.js';
import type { MonitorAlertTable, MonitorEventTable, MonitorSourceTable } from '../../db/schema-monitoring.js';
import { AppError } from '../../lib/errors.js';
import { addDays, iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { schoolKey } from '../schools/keys.js';
import { getSetting } from '../settings/service.js';
import { planAlerts } from './alerts.js';
import { classifierFor } from './classify.js';
import { inThreadRunner, type IngestRunner } from './ingest-pool.js';
import {
  buildRows,
  checkEvents,
  fromColumns,
  checkTimes,
  lookupsOf,
  namePeople,
  type PersonRef,
  type PreparedEvent,
  type Rejection,
  type StoredEvent,
} from './ingest-rows.js';
import { MonitoringSettings } from './settings.js';

/**
 * Ingestion (issue 6): a batch of activity events is checked event by event (a malformed one is rejected with
 * its reason, the good ones are kept), classified, sealed under the school key and stored with its matches in
 * one transaction with the alerts it raises and one audit entry for the batch (clarification 8). Event ids are
 * the source's: a retried batch (the same ids and times) stores nothing twice.
 */
const EVENT_COLUMNS = [
  'id',
  'school_id',
  'source_id',
  'event_key',
  'at',
  'received_at',
  'person_id',
  'device',
  'client',
  'kind',
  'payload_enc',
  'category',
  'severity',
  'profile',
  'match_ids',
  'alert_id',
  'concern_id',
] as const satisfies readonly (keyof MonitorEventTable)[];
const insertEvents = insertIgnoring('monitor_events', EVENT_COLUMNS, [
  'school_id',
  'at',
  'source_id',
  'event_key',
]);

export { timeOrderedId, type PreparedEvent, type Rejection, type StoredEvent } from './ingest-rows.js';

/**
 * Fixed one-minute windows per source, counted in the source's row (migration 0042), so every process serving
 * the API and a restarted one share one count: batches beyond the school's limit get 429. One statement, on its
 * own and before the batch's transaction, so batches of one source never wait on each other for it.
 */
const countBatch = preparedOf<{ rate_count: number }, [string, string]>((db, window, sourceId) =>
  db
    .updateTable('monitor_sources')
    .set({
      // The right-hand sides read the row as it was: a new window starts the count again.
      rate_count: sql<number>`case when rate_window = ${window} then rate_count + 1 else 1 end`,
      rate_window: window,
    })
    .where('id', '=', sourceId)
    .returning('rate_count'),
);
async function takeBatch(ctx: AppContext, sourceId: string, limit: number): Promise<void> {
  const now = ctx.clock.now().getTime();
  const window = iso(new Date(now - (now % 60_000)));
  const [row] = await countBatch(ctx.db, window, sourceId);
  if (Number(row?.rate_count ?? 0) > limit)
    throw new AppError(
      'too_many_requests',
      `At most ${limit} batches a minute from one source: try again shortly`,
    );
}

/** Stores prepared events for one school and source (key: the school's, read before `tx`); returns the new ones. */
export async function storeEvents(
  ctx: AppContext,
  tx: Executor,
  o: {
    schoolId: string;
    sourceId: string;
    events: PreparedEvent[];
    key: Buffer;
    /** A classification decided by the caller (resolver signals), instead of the classifier's. */
    fixed?: (e: PreparedEvent) => { category: string; severity: number } | null;
    /** Raise alerts of this origin for the new events (inserted already linked to their alerts). */
    alerts?: MonitorAlertTable['origin'];
  },
): Promise<{ stored: StoredEvent[]; duplicates: number; alertIds: string[] }> {
  const classifier = await classifierFor(ctx, tx, o.schoolId);
  const kindOf = new Map(o.events.flatMap((e) => (e.person ? [[e.person.id, e.person.kind] as const] : [])));
  const columns = buildRows({ ...o, classifier });
  const now = iso(ctx.clock.now());
  const built = fromColumns(columns, { schoolId: o.schoolId, sourceId: o.sourceId, now, kindOf });
  return storeRows(ctx, tx, { schoolId: o.schoolId, ...built, total: o.events.length, alerts: o.alerts });
}

/** Inserts built rows (`stored[i]` describing `rows[i]`) and raises their alerts; `total`: events before repeats. */
async function storeRows(
  ctx: AppContext,
  tx: Executor,
  o: {
    schoolId: string;
    rows: MonitorEventTable[];
    stored: StoredEvent[];
    total: number;
    alerts?: MonitorAlertTable['origin'] | undefined;
  },
): Promise<{ stored: StoredEvent[]; duplicates: number; alertIds: string[] }> {
  const byId = new Map(o.stored.map((e) => [e.id, e]));
  // Each row is inserted already linked to its planned alert (one write per event, no update after); the
  // alerts are then written for the rows the insert took, so a retried event is never counted twice.
  const plan = o.alerts ? await planAlerts(ctx, tx, o.schoolId, o.stored, o.alerts) : null;
  if (plan) for (const row of o.rows) row.alert_id = plan.assigned.get(row.id) ?? null;
  const stored = (await insertEvents(tx, o.rows)).map((id) => byId.get(id)!);
  const alertIds = plan ? (await plan.apply(stored)).ids : [];
  return { stored, duplicates: o.total - stored.length, alertIds };
}

/** People named by id, or by a username, email or UPN the school holds (lower-cased). */
async function resolvePeople(db: Executor, schoolId: string, ids: string[], users: string[]) {
  const byId = new Map<string, PersonRef>();
  const byUser = new Map<string, PersonRef>();
  if (ids.length > 0)
    for (const p of await db
      .selectFrom('people')
      .select(['id', 'kind', 'year_group'])
      .where('school_id', '=', schoolId)
      .where('id', 'in', ids)
      .execute())
      byId.set(p.id, p);
  if (users.length > 0) {
    const rows = await db
      .selectFrom('people')
      .leftJoin('accounts', 'accounts.id', 'people.account_id')
      .select([
        'people.id',
        'people.kind',
        'people.year_group',
        'people.email',
        'people.upn',
        'accounts.username',
      ])
      .where('people.school_id', '=', schoolId)
      .where((eb) =>
        eb.or([
          eb(sql<string>`lower(people.email)`, 'in', users),
          eb(sql<string>`lower(people.upn)`, 'in', users),
          eb(sql<string>`lower(accounts.username)`, 'in', users),
        ]),
      )
      .execute();
    for (const r of rows)
      for (const k of [r.email, r.upn, r.username])
        if (k) byUser.set(k.toLowerCase(), { id: r.id, kind: r.kind, year_group: r.year_group });
  }
  return { byId, byUser };
}

/** Checks raw events one by one and names their people: good ones prepared, bad ones with the reason. */
export async function prepareEvents(
  ctx: AppContext,
  schoolId: string,
  raw: unknown[],
): Promise<{ events: PreparedEvent[]; rejected: Rejection[] }> {
  const { retentionDays } = await getSetting(ctx, MonitoringSettings, schoolId);
  const { good, rejected } = checkEvents(raw);
  const nowMs = ctx.clock.now().getTime();
  const oldestMs = addDays(ctx.clock.now(), -retentionDays).getTime();
  const timely = checkTimes(good, { nowMs, oldestMs, retentionDays }, rejected);
  const { ids, users } = lookupsOf(timely);
  const { byId, byUser } = await resolvePeople(ctx.db, schoolId, ids, users);
  const events = namePeople(timely, byId, byUser, rejected);
  rejected.sort((a, b) => a.index - b.index);
  return { events, rejected };
}

/** The school's own terms (monitor_terms) and a stamp that moves whenever one is added or removed. */
const termRows = prepared((db, schoolId) =>
  db.selectFrom('monitor_terms').selectAll().where('school_id', '=', schoolId),
);
async function termsOf(db: Executor, schoolId: string) {
  const rows = await termRows(db, schoolId);
  const stamp = rows
    .map((r) => `${r.id}:${r.removed_at ?? ''}`)
    .sort()
    .join(',');
  return { stamp, rows };
}

type Source = Pick<MonitorSourceTable, 'id' | 'school_id'>;
/** The batch's statements that have one shape, built and compiled once (db/prepared.ts), not by Kysely each time. */
const markSeen = prepared((db, at, sourceId) =>
  db.updateTable('monitor_sources').set({ last_seen_at: at }).where('id', '=', sourceId),
);
let inThread: IngestRunner | null = null;

/**
 * POST /api/monitoring/events: one source's batch. The source is authenticated first (a refused token never
 * has its body handed to the runner); the runner (the ingestion worker pool, or this thread) then parses and
 * checks the body while this thread reads the school's settings and counts the batch; this thread then names
 * the people and reads the school's key and terms, the runner classifies and seals, and this thread stores the
 * rows, alerts and audit entry in one transaction. A body that is not JSON is refused before it is counted.
 */
export async function ingestBatch(
  ctx: AppContext,
  source: Source | (() => Promise<Source>),
  body: unknown,
  ip: string | null,
  runner: IngestRunner = (inThread ??= inThreadRunner()),
) {
  const src = typeof source === 'function' ? await source() : source;
  const job = runner.job();
  try {
    const [checked, read] = await Promise.allSettled([
      job.check(body),
      getSetting(ctx, MonitoringSettings, src.school_id),
    ]);
    if (checked.status === 'fulfilled' && checked.value.kind === 'bad_json')
      throw new AppError('bad_request', 'The request is malformed');
    if (read.status === 'rejected') throw read.reason;
    const settings = read.value;
    await takeBatch(ctx, src.id, settings.maxBatchesPerMinute);
    if (checked.status === 'rejected') throw checked.reason;
    const c = checked.value;
    if (c.kind === 'invalid') throw new AppError('validation', 'The request is not valid', c.details);
    if (c.kind !== 'ok') throw new AppError('bad_request', 'The request is malformed');
    const people = await resolvePeople(ctx.db, src.school_id, c.ids, c.users);
    // Read before the transaction: on SQLite a query outside it would wait for it.
    const key = await schoolKey(ctx, src.school_id);
    const terms = await termsOf(ctx.db, src.school_id);
    const now = ctx.clock.now();
    const done = await job.finish({
      schoolId: src.school_id,
      nowMs: now.getTime(),
      oldestMs: addDays(now, -settings.retentionDays).getTime(),
      retentionDays: settings.retentionDays,
      byId: [...people.byId],
      byUser: [...people.byUser],
      key,
      terms,
    });
    const kindOf = new Map([...people.byId.values(), ...people.byUser.values()].map((p) => [p.id, p.kind]));
    const built = {
      ...done,
      ...fromColumns(done.columns, { schoolId: src.school_id, sourceId: src.id, now: iso(now), kindOf }),
    };
    const result = await ctx.db.transaction().execute(async (tx) => {
      const { stored, duplicates, alertIds } = await storeRows(ctx, tx, {
        schoolId: src.school_id,
        rows: built.rows,
        stored: built.stored,
        total: built.prepared,
        alerts: 'classifier',
      });
      await markSeen(tx, iso(ctx.clock.now()), src.id);
      await appendAudit(
        ctx,
        {
          schoolId: src.school_id,
          actorAccountId: null,
          action: 'monitor.events.batch',
          entityType: 'monitor_source',
          entityId: src.id,
          ip,
          // A count only: an alert about a member of staff must not show up here as an id (clarification 6).
          details: {
            accepted: stored.length,
            duplicates,
            rejected: built.rejected.length,
            alerts: alertIds.length,
          },
        },
        tx,
      );
      return { accepted: stored.length, duplicates, alerts: alertIds.length };
    });
    return { ...result, rejected: built.rejected };
  } finally {
    job.drop();
  }
}
