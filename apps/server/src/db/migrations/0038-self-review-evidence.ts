import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * A completed self-review keeps the dashboard as it stood that day (JSON), so its history reads the same later
 * (policy 5.1: the record of past reviews).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('self_reviews').addColumn('evidence_json', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('self_reviews').dropColumn('evidence_json').execute();
}
