import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * Responding to a concern (issue 3): the playbook's steps, actions, the agency directory and referrals (or the
 * decision not to refer), parents informed, sanctions, and the outcome and lessons of each closing. Every row is
 * written once; a step or action is completed once, a referral answered once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'concern_steps', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'playbook:text!',
    'step_key:text!',
    'position:int!',
    'text:text!',
    'role:text!',
    'time_limit:text',
    'due_at:text',
    'referral_kind:text',
    'status:text!',
    'note_enc:text',
    'done_at:text',
    'done_by:text',
    'created_at:text!',
  ]);
  await index(db, 'concern_steps', ['concern_id', 'position']);
  await index(db, 'concern_steps', ['school_id', 'status', 'due_at']);
  await createTable(db, 'concern_actions', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'title_enc:text!',
    'assignee_person_id:ref',
    'due_on:text!',
    'created_at:text!',
    'created_by:text',
    'done_at:text',
    'done_by:text',
    'done_note_enc:text',
  ]);
  await index(db, 'concern_actions', ['concern_id']);
  await index(db, 'concern_actions', ['school_id', 'done_at', 'due_on']);
  await createTable(db, 'concern_agencies', [
    'id:id',
    'school_id:ref',
    'kind:text!',
    'name:text!',
    'phone:text',
    'website:text',
    'email:text',
    'notes:text',
    'national:bool',
    'archived_at:text',
    'created_at:text!',
    'updated_at:text!',
    'updated_by:text',
  ]);
  await index(db, 'concern_agencies', ['school_id', 'kind']);
  await createTable(db, 'concern_referrals', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'decision:text!',
    'agency_id:text',
    'agency_kind:text',
    'agency_name:text',
    'referred_at:text!',
    'reference_enc:text',
    'reason_enc:text',
    'response_due_on:text',
    'response_enc:text',
    'response_at:text',
    'response_by:text',
    'recorded_at:text!',
    'recorded_by:text',
  ]);
  await index(db, 'concern_referrals', ['concern_id']);
  await index(db, 'concern_referrals', ['school_id', 'response_at', 'response_due_on']);
  await createTable(db, 'concern_parent_contacts', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'pupil_id:ref',
    'informed:bool',
    'parent_person_id:text',
    'method:text',
    'at:text',
    'reason_not_enc:text',
    'note_enc:text',
    'recorded_at:text!',
    'recorded_by:text',
  ]);
  await index(db, 'concern_parent_contacts', ['concern_id']);
  await createTable(db, 'concern_sanctions', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'pupil_id:ref',
    'sanction:text!',
    'detail_enc:text',
    'from_on:text!',
    'until_on:text',
    'recorded_at:text!',
    'recorded_by:text',
  ]);
  await index(db, 'concern_sanctions', ['concern_id']);
  await db.schema.alterTable('concern_status_events').addColumn('outcome_enc', 'text').execute();
  await db.schema.alterTable('concern_status_events').addColumn('lessons_enc', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('concern_status_events').dropColumn('lessons_enc').execute();
  await db.schema.alterTable('concern_status_events').dropColumn('outcome_enc').execute();
  await dropTables(db, [
    'concern_sanctions',
    'concern_parent_contacts',
    'concern_referrals',
    'concern_agencies',
    'concern_actions',
    'concern_steps',
  ]);
}
