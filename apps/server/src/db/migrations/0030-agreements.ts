import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/** Acceptable-use agreements (policy 5.3, 6.1): versions per audience and append-only signatures. */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'aup_versions', [
    'id:id',
    'school_id:ref',
    'audience:text!',
    'version:int!',
    'title:text!',
    'body:text!',
    'status:text!',
    'created_by:text',
    'created_at:text!',
    'updated_at:text!',
    'published_at:text',
    'published_by:text',
  ]);
  await index(db, 'aup_versions', ['school_id', 'audience', 'version'], { unique: true });
  await createTable(db, 'aup_signatures', [
    'id:id',
    'school_id:ref',
    'version_id:ref',
    'audience:text!',
    'person_id:ref',
    'method:text!',
    'signed_at:text!',
    'signed_by_person_id:text',
    'recorded_by:text',
    'recorded_at:text!',
    'note:text',
  ]);
  await index(db, 'aup_signatures', ['school_id', 'version_id', 'person_id']);
  await index(db, 'aup_signatures', ['school_id', 'person_id']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['aup_signatures', 'aup_versions']);
}
