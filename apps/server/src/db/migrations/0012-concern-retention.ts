import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * Retention review of concerns (issue 3; product brief, "Across everything"): a closed concern past its
 * retention date waits in the DSL's review queue; each decision (keep until a later date, or dispose, leaving a
 * tombstone) is a row written once, with its reason sealed. concerns.retain_until and tombstoned_at (0010) carry
 * the latest decision.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'concern_retention_reviews', [
    'id:id',
    'school_id:ref',
    'concern_id:ref',
    'decision:text!',
    'keep_until:text',
    'reason_enc:text!',
    'decided_at:text!',
    'decided_by:ref',
  ]);
  await index(db, 'concern_retention_reviews', ['school_id', 'concern_id']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['concern_retention_reviews']);
}
