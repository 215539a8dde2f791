import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/** Self-review (policy 5.1, 1.3.2): DfE and UKSIC checklists, 360-degree-safe-style ratings, action plan. */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'compliance_checks', [
    'id:id',
    'school_id:ref',
    'framework:text!',
    'item_key:text!',
    'status:text!',
    'evidence:text',
    'notes:text',
    'updated_by:text',
    'updated_at:text!',
  ]);
  await index(db, 'compliance_checks', ['school_id', 'framework', 'item_key'], { unique: true });
  await createTable(db, 'self_reviews', [
    'id:id',
    'school_id:ref',
    'title:text!',
    'status:text!',
    'started_at:text!',
    'started_by:text',
    'completed_at:text',
    'completed_by:text',
    'summary:text',
  ]);
  await index(db, 'self_reviews', ['school_id', 'started_at']);
  await createTable(db, 'self_review_ratings', [
    'id:id',
    'school_id:ref',
    'review_id:ref',
    'aspect_key:text!',
    'level:int!',
    'commentary:text!',
    'evidence:text',
    'rated_by:text',
    'rated_at:text!',
  ]);
  await index(db, 'self_review_ratings', ['review_id', 'aspect_key'], { unique: true });
  await createTable(db, 'review_actions', [
    'id:id',
    'school_id:ref',
    'review_id:text',
    'aspect_key:text',
    'title:text!',
    'owner_person_id:text',
    'due_on:text',
    'status:text!',
    'done_at:text',
    'done_by:text',
    'created_by:text',
    'created_at:text!',
  ]);
  await index(db, 'review_actions', ['school_id', 'status']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['review_actions', 'self_review_ratings', 'self_reviews', 'compliance_checks']);
}
