import { sql } from 'kysely';
import type { AgeProfile } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { insertIgnoring } from '../../db/prepared.js';
import type { MonitorAlertTable, MonitorEventTable, MonitorSourceTable } from '../../db/schema-monitoring.js';
import type { PersonTable } from '../../db/schema.js';
import { seal } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { randomBytes } from 'node:crypto';
import { addDays, iso } from '../../lib/time.js';
import { parse } from '../../http/validate.js';
import { appendAudit } from '../audit/service.js';
import { schoolKey } from '../schools/keys.js';
import { getSetting } from '../settings/service.js';
import { planAlerts } from './alerts.js';
import { classifierFor, classifyEvent, profileOf, searchOf } from './classify.js';
import { IngestBatch, IngestEvent } from './schema.js';
import { MonitoringSettings } from './settings.js';

/**
 * Ingestion (issue 6): a batch of activity events is checked event by event (a malformed one is rejected with
 * its reason, the good ones are kept), classified, sealed under the school key and stored with its matches in
 * one transaction with the alerts it raises and one audit entry for the batch (clarification 8). Event ids are
 * the source's: a retried batch stores nothing twice.
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
const insertEvents = insertIgnoring('monitor_events', EVENT_COLUMNS, ['school_id', 'source_id', 'event_key']);

/**
 * A UUID version 7 (RFC 9562): time-ordered, so a batch's rows go to the end of the primary-key index instead of
 * random places in it (SQLite writes far fewer pages per insert).
 */
let lastMs = 0;
let counter = 0;
// Random bytes drawn 4 KiB at a time: one system call per 256 ids instead of one each.
let pool = Buffer.alloc(0);
let poolAt = 0;
export function timeOrderedId(nowMs = Date.now()): string {
  if (nowMs <= lastMs) counter++;
  else {
    lastMs = nowMs;
    counter = 0;
  }
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  const b = Buffer.from(pool.subarray(poolAt, (poolAt += 16)));
  const ms = lastMs;
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  // 12 bits of sequence in rand_a keep ids made in one millisecond in order.
  b[6] = 0x70 | ((counter >>> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const FUTURE_SLACK_MS = 10 * 60_000;

export interface PreparedEvent {
  key: string;
  at: string;
  kind: MonitorEventTable['kind'];
  person: Pick<PersonTable, 'id' | 'kind' | 'year_group'> | null;
  device: string | null;
  client: string | null;
  text?: string | undefined;
  url?: string | undefined;
  /** Blocked names (resolver signals). */
  names?: string[] | undefined;
}

export interface StoredEvent {
  id: string;
  at: string;
  personId: string | null;
  personKind: PersonTable['kind'] | null;
  device: string | null;
  client: string | null;
  category: string | null;
  severity: number;
  matchIds: string[];
  profile: AgeProfile;
}

export interface Rejection {
  index: number;
  id: string | null;
  reason: string;
}

/**
 * Fixed one-minute windows per source, counted in the source's row (migration 0042), so every process serving
 * the API and a restarted one share one count: batches beyond the school's limit get 429. One statement, on its
 * own and before the batch's transaction, so batches of one source never wait on each other for it.
 */
async function takeBatch(ctx: AppContext, sourceId: string, limit: number): Promise<void> {
  const now = ctx.clock.now().getTime();
  const window = iso(new Date(now - (now % 60_000)));
  const row = await ctx.db
    .updateTable('monitor_sources')
    .set({
      // The right-hand sides read the row as it was: a new window starts the count again.
      rate_count: sql<number>`case when rate_window = ${window} then rate_count + 1 else 1 end`,
      rate_window: window,
    })
    .where('id', '=', sourceId)
    .returning('rate_count')
    .executeTakeFirst();
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
  const seen = new Set<string>();
  // Repeats within the batch go at once; events stored before are refused by the insert (its conflict clause).
  const fresh = o.events.filter((e) => !seen.has(e.key) && seen.add(e.key));
  const classifier = await classifierFor(ctx, tx, o.schoolId);
  const key = o.key;
  const now = iso(ctx.clock.now());
  const rows: MonitorEventTable[] = [];
  const byId = new Map<string, StoredEvent>();
  for (const e of fresh) {
    const id = timeOrderedId();
    const profile = profileOf(e.person ?? undefined);
    const search = e.kind === 'search' ? (e.text?.trim() ?? null) : searchOf(e);
    const given = o.fixed?.(e);
    const r = given
      ? { ...given, matches: [] }
      : classifyEvent(classifier, e.kind === 'search' ? { url: e.url } : e, search, profile);
    const matchIds = r.matches.map((m) => m.id);
    rows.push({
      id,
      school_id: o.schoolId,
      source_id: o.sourceId,
      event_key: e.key,
      at: e.at,
      received_at: now,
      person_id: e.person?.id ?? null,
      device: e.device,
      client: e.client,
      kind: e.kind,
      payload_enc: seal(
        key,
        JSON.stringify({
          text: e.text ?? null,
          url: e.url ?? null,
          search,
          ...(e.names ? { names: e.names } : {}),
        }),
        id,
      ),
      category: r.category,
      severity: r.severity,
      profile,
      match_ids: JSON.stringify(matchIds),
      alert_id: null,
      concern_id: null,
    });
    byId.set(id, {
      id,
      at: e.at,
      personId: e.person?.id ?? null,
      personKind: e.person?.kind ?? null,
      device: e.device,
      client: e.client,
      category: r.category,
      severity: r.severity,
      matchIds,
      profile,
    });
  }
  // Each row is inserted already linked to its planned alert (one write per event, no update after); the
  // alerts are then written for the rows the insert took, so a retried event is never counted twice.
  const plan = o.alerts ? await planAlerts(ctx, tx, o.schoolId, [...byId.values()], o.alerts) : null;
  if (plan) for (const row of rows) row.alert_id = plan.assigned.get(row.id) ?? null;
  const stored = (await insertEvents(tx, rows)).map((id) => byId.get(id)!);
  const alertIds = plan ? (await plan.apply(stored)).ids : [];
  return { stored, duplicates: o.events.length - stored.length, alertIds };
}

type PersonRef = Pick<PersonTable, 'id' | 'kind' | 'year_group'>;

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

const reasonOf = (issues: { path: PropertyKey[]; message: string }[]): string =>
  issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');

/** Checks raw events one by one and names their people: good ones prepared, bad ones with the reason. */
export async function prepareEvents(
  ctx: AppContext,
  schoolId: string,
  raw: unknown[],
): Promise<{ events: PreparedEvent[]; rejected: Rejection[] }> {
  const { retentionDays } = await getSetting(ctx, MonitoringSettings, schoolId);
  const nowMs = ctx.clock.now().getTime();
  const oldest = addDays(ctx.clock.now(), -retentionDays).getTime();
  const rejected: Rejection[] = [];
  const good: { index: number; e: IngestEvent }[] = [];
  raw.forEach((item, index) => {
    const r = IngestEvent.safeParse(item);
    const id =
      item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
        ? String((item as { id: string }).id).slice(0, 200)
        : null;
    if (!r.success) return void rejected.push({ index, id, reason: reasonOf(r.error.issues) });
    const t = Date.parse(r.data.time);
    if (t > nowMs + FUTURE_SLACK_MS) return void rejected.push({ index, id, reason: 'time: in the future' });
    if (t < oldest)
      return void rejected.push({
        index,
        id,
        reason: `time: older than the ${retentionDays}-day retention period`,
      });
    good.push({ index, e: r.data });
  });
  const { byId, byUser } = await resolvePeople(
    ctx.db,
    schoolId,
    [...new Set(good.flatMap((g) => (g.e.personId ? [g.e.personId] : [])))],
    [...new Set(good.flatMap((g) => (g.e.user && !g.e.personId ? [g.e.user.toLowerCase()] : [])))],
  );
  const events: PreparedEvent[] = [];
  for (const { index, e } of good) {
    const person = e.personId ? byId.get(e.personId) : e.user ? byUser.get(e.user.toLowerCase()) : undefined;
    if ((e.personId || e.user) && !person) {
      rejected.push({
        index,
        id: e.id,
        reason: `${e.personId ? 'personId' : 'user'}: no such person in this school`,
      });
      continue;
    }
    events.push({
      key: e.id,
      at: new Date(e.time).toISOString(),
      kind: e.kind,
      person: person ?? null,
      device: e.device ?? null,
      client: e.client ?? null,
      text: e.text,
      url: e.url,
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  return { events, rejected };
}

/** POST /api/monitoring/events: one source's batch. */
export async function ingestBatch(
  ctx: AppContext,
  source: Pick<MonitorSourceTable, 'id' | 'school_id'>,
  body: unknown,
  ip: string | null,
) {
  const { maxBatchesPerMinute } = await getSetting(ctx, MonitoringSettings, source.school_id);
  await takeBatch(ctx, source.id, maxBatchesPerMinute);
  const batch = parse(IngestBatch, body);
  const { events, rejected } = await prepareEvents(ctx, source.school_id, batch.events);
  // Read before the transaction: on SQLite a query outside it would wait for it.
  const key = await schoolKey(ctx, source.school_id);
  const result = await ctx.db.transaction().execute(async (tx) => {
    const { stored, duplicates, alertIds } = await storeEvents(ctx, tx, {
      schoolId: source.school_id,
      sourceId: source.id,
      events,
      key,
      alerts: 'classifier',
    });
    const alerts = { ids: alertIds };
    await tx
      .updateTable('monitor_sources')
      .set({ last_seen_at: iso(ctx.clock.now()) })
      .where('id', '=', source.id)
      .execute();
    await appendAudit(
      ctx,
      {
        schoolId: source.school_id,
        actorAccountId: null,
        action: 'monitor.events.batch',
        entityType: 'monitor_source',
        entityId: source.id,
        ip,
        // A count only: an alert about a member of staff must not show up here as an id (clarification 6).
        details: {
          accepted: stored.length,
          duplicates,
          rejected: rejected.length,
          alerts: alerts.ids.length,
        },
      },
      tx,
    );
    return { accepted: stored.length, duplicates, alerts: alerts.ids.length };
  });
  return { ...result, rejected };
}
