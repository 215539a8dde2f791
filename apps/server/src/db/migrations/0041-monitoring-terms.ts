import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/** Why a school's own monitoring phrase or exclusion was removed (a logged change, issue 6). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('monitor_terms').addColumn('removed_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('monitor_terms').dropColumn('removed_reason').execute();
}
