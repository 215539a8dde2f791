import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * The ingestion rate limit per source (issue 6) counted in the database, not in one process's memory: the
 * current one-minute window and the batches taken in it, so every process serving the API (and a restart)
 * sees the same count.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('monitor_sources').addColumn('rate_window', 'text').execute();
  await db.schema
    .alterTable('monitor_sources')
    .addColumn('rate_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('monitor_sources').dropColumn('rate_count').execute();
  await db.schema.alterTable('monitor_sources').dropColumn('rate_window').execute();
}
