import { MonitorClassifier, type AgeProfile } from '@harbour/shared';
import type { MonitorEventTable, MonitorTermTable } from '../../db/schema-monitoring.js';
import { zodDetails } from '../../http/errors.js';
import { builtIn, customisationOf } from './classify.js';
import {
  buildRows,
  checkEvents,
  checkTimes,
  lookupsOf,
  namePeople,
  type Checked,
  type PersonRef,
  type Rejection,
  type StoredEvent,
} from './ingest-rows.js';
import { IngestBatch } from './schema.js';

/**
 * One batch's CPU work in two steps around the main thread's database reads, kept by job number in between:
 * `check` parses the body and checks each event (zod); the main thread then names the people and reads the
 * school's key and terms; `finish` refuses out-of-date events, names people, classifies and seals. The same
 * code runs in the ingestion worker (ingest-thread.ts) and, with no worker, on the main thread (ingest-pool.ts).
 */
export type CheckResult =
  | { kind: 'bad_json' }
  | { kind: 'invalid'; details: { path: string; message: string }[] }
  | { kind: 'ok'; rejected: Rejection[]; ids: string[]; users: string[] };

export interface FinishInput {
  schoolId: string;
  sourceId: string;
  nowMs: number;
  oldestMs: number;
  retentionDays: number;
  byId: [string, PersonRef][];
  byUser: [string, PersonRef][];
  /** The school's data key: handed over in memory with each batch, never stored by the worker. */
  key: Uint8Array;
  /** The school's own phrases, exclusions and switched-off phrases (monitor_terms), and their stamp. */
  terms: { stamp: string; rows: MonitorTermTable[] };
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

export interface FinishResult {
  columns: RowColumns;
  /** Every refused event of the batch (both steps), in batch order. */
  rejected: Rejection[];
  /** Events that passed every check (before repeats within the batch were dropped). */
  prepared: number;
}

export class IngestWork {
  private readonly jobs = new Map<number, { good: Checked[]; rejected: Rejection[] }>();
  private readonly classifiers = new Map<string, { stamp: string; classifier: MonitorClassifier }>();
  private shared: MonitorClassifier | null = null;

  /** Compiles the built-in classifier now (about half a second), not on the first batch. */
  warm(): void {
    this.shared ??= new MonitorClassifier(builtIn());
  }

  check(job: number, body: unknown): CheckResult {
    let value: unknown = body;
    if (body instanceof Uint8Array) {
      const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
      // As the app's JSON parser: an empty body is an empty object.
      if (text === '') value = {};
      else
        try {
          value = JSON.parse(text);
        } catch {
          return { kind: 'bad_json' };
        }
    }
    const batch = IngestBatch.safeParse(value ?? {});
    if (!batch.success) return { kind: 'invalid', details: zodDetails(batch.error) };
    const { good, rejected } = checkEvents(batch.data.events);
    this.jobs.set(job, { good, rejected });
    return { kind: 'ok', rejected, ...lookupsOf(good) };
  }

  finish(job: number, o: FinishInput): FinishResult {
    const held = this.jobs.get(job);
    if (!held) throw new Error(`ingestion job ${job} was not checked here`);
    this.jobs.delete(job);
    const rejected = [...held.rejected];
    const timely = checkTimes(held.good, o, rejected);
    const events = namePeople(timely, new Map(o.byId), new Map(o.byUser), rejected);
    const key = Buffer.from(o.key.buffer, o.key.byteOffset, o.key.byteLength);
    const { rows } = buildRows({
      schoolId: o.schoolId,
      sourceId: o.sourceId,
      events,
      key,
      now: new Date(o.nowMs).toISOString(),
      classifier: this.classifierFor(o.schoolId, o.terms),
    });
    rejected.sort((a, b) => a.index - b.index);
    return { columns: toColumns(rows), rejected, prepared: events.length };
  }

  drop(job: number): void {
    this.jobs.delete(job);
  }

  /** The school's classifier, compiled again only when its terms' stamp moves; no terms: the built-in one. */
  private classifierFor(schoolId: string, terms: FinishInput['terms']): MonitorClassifier {
    if (terms.rows.length === 0) return (this.shared ??= new MonitorClassifier(builtIn()));
    const hit = this.classifiers.get(schoolId);
    if (hit?.stamp === terms.stamp) return hit.classifier;
    const classifier = new MonitorClassifier(builtIn(), customisationOf(terms.rows));
    this.classifiers.set(schoolId, { stamp: terms.stamp, classifier });
    return classifier;
  }
}

function toColumns(rows: MonitorEventTable[]): RowColumns {
  const pick = <K extends keyof MonitorEventTable>(k: K) => rows.map((r) => r[k]);
  return {
    id: pick('id'),
    key: pick('event_key'),
    at: pick('at'),
    person: pick('person_id'),
    device: pick('device'),
    client: pick('client'),
    kind: pick('kind'),
    payload: pick('payload_enc'),
    category: pick('category'),
    severity: pick('severity'),
    profile: pick('profile') as AgeProfile[],
    matches: pick('match_ids'),
  };
}

/** The rows and their descriptions again, on the main thread; `kindOf`: each named person's kind. */
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
