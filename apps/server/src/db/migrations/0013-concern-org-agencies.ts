import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * Agency entries of a trust or local authority (issue 3; product brief: the directory is "editable per school
 * and per local authority"; clarification 4: organisation rows carry no school). Its schools inherit them; a
 * school's own copy (concern_agencies.inherits_id) overrides one for that school alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'concern_org_agencies', [
    'id:id',
    'organisation_id:ref',
    'kind:text!',
    'name:text!',
    'phone:text',
    'website:text',
    'email:text',
    'notes:text',
    'archived_at:text',
    'created_at:text!',
    'updated_at:text!',
    'updated_by:text',
  ]);
  await index(db, 'concern_org_agencies', ['organisation_id']);
  await db.schema.alterTable('concern_agencies').addColumn('inherits_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('concern_agencies').dropColumn('inherits_id').execute();
  await dropTables(db, ['concern_org_agencies']);
}
