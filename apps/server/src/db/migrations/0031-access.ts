import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/** The access register (policy 5.3, 2.4, 2.5 [All Souls']): who has access to which school system. */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'access_entries', [
    'id:id',
    'school_id:ref',
    'person_id:ref',
    'system:text!',
    'detail:text',
    'granted_at:text!',
    'granted_by:text',
    'ends_at:text',
    'removed_at:text',
    'removed_by:text',
    'removal_reason:text',
    'aup_signature_id:text',
  ]);
  await index(db, 'access_entries', ['school_id', 'person_id']);
  await index(db, 'access_entries', ['school_id', 'removed_at']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['access_entries']);
}
