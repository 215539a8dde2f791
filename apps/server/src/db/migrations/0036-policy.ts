import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/** The online-safety policy's lifecycle (policy 1.2): rendered versions, two approvals, publication, review. */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'policy_versions', [
    'id:id',
    'school_id:ref',
    'version:int!',
    'status:text!',
    'settings_json:text!',
    'html:text!',
    'template_version:text!',
    'notes:text',
    'created_by:text',
    'created_at:text!',
    'head_approved_by:text',
    'head_approved_at:text',
    'chair_approved_by:text',
    'chair_approved_at:text',
    'published_at:text',
    'review_due_on:text',
  ]);
  await index(db, 'policy_versions', ['school_id', 'version'], { unique: true });
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['policy_versions']);
}
