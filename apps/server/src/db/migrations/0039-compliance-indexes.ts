import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * The dashboard's "phones not collected on an earlier day" (policy 4.3) must not walk five years of the phone
 * register: with only (school, day, pupil) and (school, collected_at), SQLite chose the day index and read every
 * row before today (bench/compliance: about 110 ms for 175,000 rows); this one answers from the few open rows.
 * The people index serves the dashboard's leavers with access still to remove.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('phone_handins_school_open_day')
    .on('phone_handins')
    .columns(['school_id', 'collected_at', 'day'])
    .execute();
  // Leavers whose access is still to remove (policy 5.3, 2.4): from the few who have left, not every entry.
  await db.schema
    .createIndex('people_school_left_at')
    .on('people')
    .columns(['school_id', 'left_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_school_left_at').ifExists().execute();
  await db.schema.dropIndex('phone_handins_school_open_day').ifExists().execute();
}
