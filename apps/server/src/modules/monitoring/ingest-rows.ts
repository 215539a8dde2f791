import { randomBytes } from 'node:crypto';
import type { AgeProfile, MonitorClassifier } from '@harbour/shared';
import type { MonitorEventTable } from '../../db/schema-monitoring.js';
import type { PersonTable } from '../../db/schema.js';
import { seal } from '../../lib/crypto.js';
import { classifyEvent, profileOf, searchOf } from './classify.js';
import { IngestEvent } from './schema.js';

/**
 * The pure per-event work of ingestion (issue 6): checking each event, naming its person from a lookup the
 * caller made, classifying, sealing and shaping the rows. No database and no context, so it runs the same on
 * the main thread (imports, resolver signals) and in the ingestion worker (ingest-thread.ts).
 */

/**
 * A UUID version 7 (RFC 9562): time-ordered, so a batch's rows go to the end of the primary-key index instead of
 * random places in it (SQLite writes far fewer pages per insert). Each thread keeps its own sequence; the 62
 * random bits keep ids from two threads in one millisecond apart.
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

export type PersonRef = Pick<PersonTable, 'id' | 'kind' | 'year_group'>;

/**
 * A person as an object of this literal's one shape. People arrive as database rows or structured clones, whose
 * hidden classes V8 builds afresh and drops at a full GC: code optimised against them (buildRows, with
 * classification and sealing inlined, about 150 ms of TurboFan each time) was thrown away at every full GC
 * ("weak objects") and compiled again, which cost the in-thread path about 10 us an event.
 */
export const personRef = (p: PersonRef): PersonRef => ({ id: p.id, kind: p.kind, year_group: p.year_group });

export interface PreparedEvent {
  key: string;
  at: string;
  kind: MonitorEventTable['kind'];
  person: PersonRef | null;
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

export interface Checked {
  index: number;
  e: IngestEvent;
}

/** A time as `toISOString` writes it (what most sources send): stored as given, without a Date made and written. */
const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const reasonOf = (issues: { path: PropertyKey[]; message: string }[]): string =>
  issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');

/** Checks raw events one by one with zod: the good ones, and the bad ones with the reason. */
export function checkEvents(raw: unknown[]): { good: Checked[]; rejected: Rejection[] } {
  const rejected: Rejection[] = [];
  const good: Checked[] = [];
  raw.forEach((item, index) => {
    const r = IngestEvent.safeParse(item);
    if (r.success) return void good.push({ index, e: r.data });
    const id =
      item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
        ? String((item as { id: string }).id).slice(0, 200)
        : null;
    rejected.push({ index, id, reason: reasonOf(r.error.issues) });
  });
  return { good, rejected };
}

/** Refuses events from the future or from before the retention period (into `rejected`); returns the rest. */
export function checkTimes(
  good: Checked[],
  o: { nowMs: number; oldestMs: number; retentionDays: number },
  rejected: Rejection[],
): Checked[] {
  return good.filter(({ index, e }) => {
    const t = Date.parse(e.time);
    const reason =
      t > o.nowMs + FUTURE_SLACK_MS
        ? 'time: in the future'
        : t < o.oldestMs
          ? `time: older than the ${o.retentionDays}-day retention period`
          : null;
    if (reason) rejected.push({ index, id: e.id, reason });
    return !reason;
  });
}

/** The people to look up for checked events: person ids, and usernames, emails or UPNs (lower-cased). */
export const lookupsOf = (good: Checked[]): { ids: string[]; users: string[] } => ({
  ids: [...new Set(good.flatMap((g) => (g.e.personId ? [g.e.personId] : [])))],
  users: [...new Set(good.flatMap((g) => (g.e.user && !g.e.personId ? [g.e.user.toLowerCase()] : [])))],
});

/** Names each event's person from the lookup; an event naming no one the school holds is refused. */
export function namePeople(
  good: Checked[],
  byId: Map<string, PersonRef>,
  byUser: Map<string, PersonRef>,
  rejected: Rejection[],
): PreparedEvent[] {
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
      at: CANONICAL_TIME.test(e.time) ? e.time : new Date(e.time).toISOString(),
      kind: e.kind,
      // A copy of one shape: see personRef.
      person: person ? personRef(person) : null,
      device: e.device ?? null,
      client: e.client ?? null,
      text: e.text,
      url: e.url,
    });
  }
  return events;
}

/**
 * The built rows as one array per column, without the columns every row shares: a structured clone of 500 row
 * objects cost the main thread about 13 µs an event to read, of these columns about 1.3 (same machine, same rows).
 */
export interface RowColumns {
  id: string[];
  key: string[];
  at: string[];
  person: (string | null)[];
  device: (string | null)[];
  client: (string | null)[];
  kind: MonitorEventTable['kind'][];
  payload: string[];
  category: (string | null)[];
  severity: number[];
  profile: AgeProfile[];
  /** match_ids as stored (JSON text). */
  matches: string[];
}

/**
 * Classifies and seals prepared events into rows for one school and source, as columns; repeats within the batch
 * go at once (events stored before are refused later by the insert's conflict clause).
 */
export function buildRows(o: {
  events: PreparedEvent[];
  key: Buffer;
  classifier: MonitorClassifier;
  /** A classification decided by the caller (resolver signals), instead of the classifier's. */
  fixed?: ((e: PreparedEvent) => { category: string; severity: number } | null) | undefined;
}): RowColumns {
  const seen = new Set<string>();
  const fresh = o.events.filter((e) => !seen.has(e.key) && seen.add(e.key));
  const c: RowColumns = {
    id: [],
    key: [],
    at: [],
    person: [],
    device: [],
    client: [],
    kind: [],
    payload: [],
    category: [],
    severity: [],
    profile: [],
    matches: [],
  };
  for (const e of fresh) {
    const id = timeOrderedId();
    const profile = profileOf(e.person ?? undefined);
    const search = e.kind === 'search' ? (e.text?.trim() ?? null) : searchOf(e);
    const given = o.fixed?.(e);
    const r = given
      ? { ...given, matches: [] }
      : classifyEvent(o.classifier, e.kind === 'search' ? { url: e.url } : e, search, profile);
    const payload = {
      text: e.text ?? null,
      url: e.url ?? null,
      search,
      ...(e.names ? { names: e.names } : {}),
    };
    c.id.push(id);
    c.key.push(e.key);
    c.at.push(e.at);
    c.person.push(e.person?.id ?? null);
    c.device.push(e.device);
    c.client.push(e.client);
    c.kind.push(e.kind);
    c.payload.push(seal(o.key, JSON.stringify(payload), id));
    c.category.push(r.category);
    c.severity.push(r.severity);
    c.profile.push(profile);
    c.matches.push(JSON.stringify(r.matches.map((m) => m.id)));
  }
  return c;
}

/** The rows and their descriptions (`stored[i]` describes `rows[i]`); `kindOf`: each named person's kind. */
export function fromColumns(
  c: RowColumns,
  o: { schoolId: string; sourceId: string; now: string; kindOf: Map<string, PersonRef['kind']> },
): { rows: MonitorEventTable[]; stored: StoredEvent[] } {
  const rows: MonitorEventTable[] = [];
  const stored: StoredEvent[] = [];
  for (let i = 0; i < c.id.length; i++) {
    const person = c.person[i]!;
    rows.push({
      id: c.id[i]!,
      school_id: o.schoolId,
      source_id: o.sourceId,
      event_key: c.key[i]!,
      at: c.at[i]!,
      received_at: o.now,
      person_id: person,
      device: c.device[i]!,
      client: c.client[i]!,
      kind: c.kind[i]!,
      payload_enc: c.payload[i]!,
      category: c.category[i]!,
      severity: c.severity[i]!,
      profile: c.profile[i]!,
      match_ids: c.matches[i]!,
      alert_id: null,
      concern_id: null,
    });
    stored.push({
      id: c.id[i]!,
      at: c.at[i]!,
      personId: person,
      personKind: person === null ? null : (o.kindOf.get(person) ?? null),
      device: c.device[i]!,
      client: c.client[i]!,
      category: c.category[i]!,
      severity: c.severity[i]!,
      matchIds: c.matches[i] === '[]' ? [] : (JSON.parse(c.matches[i]!) as string[]),
      profile: c.profile[i]!,
    });
  }
  return { rows, stored };
}
