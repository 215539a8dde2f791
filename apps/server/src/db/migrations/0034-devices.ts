import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/** Phones and devices (policy 4.2-4.5 [4.6], 7.2, 7.4): the office phone register, confiscations, inventory. */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'phone_handins', [
    'id:id',
    'school_id:ref',
    'pupil_id:ref',
    'day:text!',
    'handed_in_at:text!',
    'received_by:text',
    'collected_at:text',
    'collected_by:text',
    'note:text',
  ]);
  await index(db, 'phone_handins', ['school_id', 'day', 'pupil_id'], { unique: true });
  await index(db, 'phone_handins', ['school_id', 'collected_at']);
  await createTable(db, 'phone_confiscations', [
    'id:id',
    'school_id:ref',
    'pupil_id:ref',
    'device:text!',
    'reason:text!',
    'confiscated_at:text!',
    'confiscated_by:text',
    'held_where:text!',
    'status:text!',
    'released_at:text',
    'released_to_parent_id:text',
    'released_by:text',
    'police_at:text',
    'police_reference:text',
    'police_by:text',
    'notes:text',
  ]);
  await index(db, 'phone_confiscations', ['school_id', 'status']);
  await createTable(db, 'school_devices', [
    'id:id',
    'school_id:ref',
    'asset_tag:text!',
    'kind:text!',
    'description:text',
    'serial:text',
    'assignee_person_id:text',
    'encrypted:bool',
    'antivirus_status:text!',
    'antivirus_checked_on:text',
    'off_site:bool',
    'off_site_since:text',
    'retired_at:text',
    'notes:text',
    'created_at:text!',
    'updated_at:text!',
    'updated_by:text',
  ]);
  await index(db, 'school_devices', ['school_id', 'asset_tag'], { unique: true });
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['school_devices', 'phone_confiscations', 'phone_handins']);
}
