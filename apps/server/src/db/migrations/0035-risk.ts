import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/** Technology risk assessments (policy 5.1, 7.4): assessed and approved before use, reviewed on a date. */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'risk_assessments', [
    'id:id',
    'school_id:ref',
    'name:text!',
    'supplier:text',
    'purpose:text!',
    'stores_personal_data:bool',
    'stores_pupil_images:bool',
    'data_description:text',
    'risks:text!',
    'mitigations:text!',
    'dp_check:text!',
    'dp_notes:text',
    'dp_checked_by:text',
    'dp_checked_at:text',
    'status:text!',
    'decided_by:text',
    'decided_at:text',
    'decision_notes:text',
    'review_on:text',
    'last_reviewed_at:text',
    'created_by:text',
    'created_at:text!',
    'updated_at:text!',
  ]);
  await index(db, 'risk_assessments', ['school_id', 'status']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['risk_assessments']);
}
