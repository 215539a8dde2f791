import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/** Image consents (policy 2.2, 3.4 [3.3]): append-only, one row per parent decision per channel. */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'image_consents', [
    'id:id',
    'school_id:ref',
    'pupil_id:ref',
    'channel:text!',
    'decision:text!',
    'parent_id:ref',
    'decided_on:text!',
    'recorded_at:text!',
    'recorded_by:text',
    'source:text!',
    'note:text',
  ]);
  await index(db, 'image_consents', ['school_id', 'pupil_id', 'channel']);
  await index(db, 'image_consents', ['school_id', 'recorded_at']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['image_consents']);
}
