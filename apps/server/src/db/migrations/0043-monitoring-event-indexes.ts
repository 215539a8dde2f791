import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * Ingestion (issue 6) writes every event row into each of monitor_events' indexes, yet only one event in twenty
 * or so belongs to an alert and none to a concern when stored. The (school, alert) index becomes a partial one
 * holding only the rows that have an alert, with their time, so an alert's events come from it already in order
 * (SQLite chose the school's whole time index for the alert page and escalation before). Erasing a concern's
 * events gets a partial index of its own, which costs ingestion nothing. `x = ?` implies `x is not null`, so
 * SQLite and PostgreSQL answer those queries from these.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('monitor_events_school_id_alert_id').execute();
  await db.schema
    .createIndex('monitor_events_school_alerted')
    .on('monitor_events')
    .columns(['school_id', 'alert_id', 'at'])
    .where(sql.ref('alert_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('monitor_events_school_in_concern')
    .on('monitor_events')
    .columns(['school_id', 'concern_id'])
    .where(sql.ref('concern_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('monitor_events_school_in_concern').ifExists().execute();
  await db.schema.dropIndex('monitor_events_school_alerted').ifExists().execute();
  await db.schema
    .createIndex('monitor_events_school_id_alert_id')
    .on('monitor_events')
    .columns(['school_id', 'alert_id'])
    .execute();
}
