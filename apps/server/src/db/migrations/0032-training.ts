import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/** Staff training (policy 6.3): courses, completions with expiry, certificates kept in the database. */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'training_courses', [
    'id:id',
    'school_id:ref',
    'title:text!',
    'kind:text!',
    'validity_months:int',
    'created_by:text',
    'created_at:text!',
    'archived_at:text',
  ]);
  await index(db, 'training_courses', ['school_id']);
  await createTable(db, 'training_records', [
    'id:id',
    'school_id:ref',
    'person_id:ref',
    'course_id:ref',
    'completed_on:text!',
    'expires_on:text',
    'provider:text',
    'notes:text',
    'batch_id:text',
    'recorded_by:text',
    'recorded_at:text!',
  ]);
  await index(db, 'training_records', ['school_id', 'person_id']);
  await index(db, 'training_records', ['school_id', 'course_id']);
  await createTable(db, 'training_certificates', [
    'id:id',
    'school_id:ref',
    'record_id:ref',
    'filename:text!',
    'content_type:text!',
    'size:int!',
    'data_sealed:text!',
    'uploaded_by:text',
    'uploaded_at:text!',
  ]);
  await index(db, 'training_certificates', ['school_id', 'record_id']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['training_certificates', 'training_records', 'training_courses']);
}
