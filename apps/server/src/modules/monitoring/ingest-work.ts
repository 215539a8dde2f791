import { MonitorClassifier } from '@harbour/shared';
import type { MonitorTermTable } from '../../db/schema-monitoring.js';
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
  type RowColumns,
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
  /** Whose classifier: the worker keeps one per school. */
  schoolId: string;
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
    const columns = buildRows({ events, key, classifier: this.classifierFor(o.schoolId, o.terms) });
    rejected.sort((a, b) => a.index - b.index);
    return { columns, rejected, prepared: events.length };
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
