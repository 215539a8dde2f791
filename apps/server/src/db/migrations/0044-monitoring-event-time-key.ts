import type { Kysely } from 'kysely';
import { index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * An event is the same event when its source, its id and its time (stored canonical, UTC) are the same: a
 * retried batch carries all three unchanged. One unique index on (school, at, source, event key) replaces both
 * the unique (school, source, event key) and (school, at): retention and time ranges use its first two columns,
 * and because a batch's events are close in time its inserts land on a few neighbouring pages whatever ids the
 * source makes. Under (school, source, event key) a source sending random ids (UUIDv4) put every insert on a
 * random page of that index: measured 35.2 us a row beside 7.1 for ids in order at 320,000 rows, 8.5 with
 * this index (bench/monitoring `--ids random`). Rows already stored are unique under the wider key too; `down`
 * fails if events sharing a source and id at different times were stored since.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await index(db, 'monitor_events', ['school_id', 'at', 'source_id', 'event_key'], { unique: true });
  await db.schema.dropIndex('monitor_events_school_id_source_id_event_key').execute();
  await db.schema.dropIndex('monitor_events_school_id_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await index(db, 'monitor_events', ['school_id', 'at']);
  await index(db, 'monitor_events', ['school_id', 'source_id', 'event_key'], { unique: true });
  await db.schema.dropIndex('monitor_events_school_id_at_source_id_event_key').execute();
}
