import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * Concerns (issue 3, policy 8 and 9): the record and everything added to it. Columns ending in _enc hold text
 * sealed with AES-256-GCM under the school's key (clarification 12); category, dates and status stay plain.
 * Append-only apart from the concern's status and category columns, whose every change is kept beside them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'concerns', [
    'id:id',
    'school_id:ref',
    'category:text!',
    'subtype:text',
    'status:text!',
    // Allegations about a member of staff (clarification 6): subject_person_id never meets the record.
    'restricted:bool',
    'subject_person_id:text',
    'custodian_role:text',
    'adult_person_id:text',
    'adult_description_enc:text',
    'occurred_at:text!',
    'recorded_at:text!',
    'reporter_account_id:text',
    'reporter_person_id:text',
    'source:text!',
    'location_enc:text',
    'account_enc:text!',
    'immediate_action_enc:text',
    'dsl_told_in_person:bool',
    'dsl_told_person_id:text',
    'opened_at:text',
    'opened_by:text',
    'closed_at:text',
    'closed_by:text',
    'outcome_enc:text',
    'lessons_enc:text',
    'updated_at:text!',
    'retain_until:text',
    'tombstoned_at:text',
  ]);
  await index(db, 'concerns', ['school_id', 'status', 'recorded_at']);
  await index(db, 'concerns', ['school_id', 'reporter_account_id']);
  await index(db, 'concerns', ['school_id', 'occurred_at']);
  await createTable(db, 'concern_people', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'person_id:ref',
    'role:text!',
    'added_at:text!',
    'added_by:text',
  ]);
  await index(db, 'concern_people', ['school_id', 'person_id']);
  await index(db, 'concern_people', ['concern_id']);
  await createTable(db, 'concern_notes', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'kind:text!',
    'body_enc:text!',
    'event_at:text!',
    'created_at:text!',
    'created_by:text',
  ]);
  await index(db, 'concern_notes', ['concern_id']);
  await createTable(db, 'concern_amendments', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'field:text!',
    'previous_enc:text',
    'new_enc:text',
    'reason_enc:text!',
    'amended_at:text!',
    'amended_by:text',
  ]);
  await index(db, 'concern_amendments', ['concern_id']);
  await createTable(db, 'concern_attachments', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'filename_enc:text!',
    'content_type:text!',
    'size:int!',
    'data_enc:text!',
    'uploaded_at:text!',
    'uploaded_by:text',
  ]);
  await index(db, 'concern_attachments', ['concern_id']);
  await createTable(db, 'concern_custody', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'event:text!',
    'at:text!',
    'device_enc:text!',
    'place_enc:text',
    'handed_to_enc:text',
    'by_person_id:text',
    'recorded_at:text!',
    'recorded_by:text',
  ]);
  await index(db, 'concern_custody', ['concern_id']);
  await createTable(db, 'concern_imagery_views', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'viewed_by:ref',
    'viewed_at:text!',
    'reason_enc:text!',
    'recorded_at:text!',
  ]);
  await index(db, 'concern_imagery_views', ['concern_id']);
  await createTable(db, 'concern_viewers', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'account_id:ref',
    'named_at:text!',
    'named_by:text',
    'removed_at:text',
    'removed_by:text',
  ]);
  await index(db, 'concern_viewers', ['concern_id', 'account_id']);
  await createTable(db, 'concern_status_events', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'from_status:text',
    'to_status:text!',
    'reason_enc:text',
    'at:text!',
    'by_account_id:text',
  ]);
  await index(db, 'concern_status_events', ['concern_id']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, [
    'concern_status_events',
    'concern_viewers',
    'concern_imagery_views',
    'concern_custody',
    'concern_attachments',
    'concern_amendments',
    'concern_notes',
    'concern_people',
    'concerns',
  ]);
}
