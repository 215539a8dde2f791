import type { Kysely } from 'kysely';
import { createRevisions, dropRevisions, type Revisions } from './_revisions.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * A revision number per school for its concerns: the DSL dashboard keeps its last answer per viewer and
 * recounts when any concern table has changed (modules/concerns/dashboard-cache.ts).
 */
export const CONCERN_REVISIONS: Revisions = {
  table: 'concern_revisions',
  prefix: 'conrev',
  watched: [
    'concerns',
    'concern_people',
    'concern_notes',
    'concern_amendments',
    'concern_attachments',
    'concern_custody',
    'concern_imagery_views',
    'concern_viewers',
    'concern_status_events',
    'concern_steps',
    'concern_actions',
    'concern_agencies',
    'concern_referrals',
    'concern_parent_contacts',
    'concern_sanctions',
  ],
};

export const up = (db: Kysely<any>) => createRevisions(db, CONCERN_REVISIONS);
export const down = (db: Kysely<any>) => dropRevisions(db, CONCERN_REVISIONS);
