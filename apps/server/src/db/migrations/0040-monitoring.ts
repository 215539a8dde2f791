import type { Kysely } from 'kysely';
import { createTable, dropTables, index } from './_columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * Monitoring (issue 6, policy 6.1, 6.3, 7.3): sources with hashed tokens, activity events (text and URL
 * sealed under the school key; category, severity, times and status plain: clarification 12), alerts
 * grouping events per subject and theme, their triage trail and named viewers (clarification 6), and a
 * school's own phrases and exclusions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'monitor_sources', [
    'id:id',
    'school_id:ref',
    'name:text!',
    // agent (sends events with its token), import (CSV files), resolver (the filtering module's signals)
    'kind:text!',
    'token_hash:text',
    'created_by:text',
    'created_at:text!',
    'revoked_at:text',
    'revoked_by:text',
    'last_seen_at:text',
  ]);
  await index(db, 'monitor_sources', ['token_hash']);
  await index(db, 'monitor_sources', ['school_id', 'kind']);

  await createTable(db, 'monitor_events', [
    'id:id',
    'school_id:ref',
    'source_id:ref',
    // The source's own id for the event: a retried batch stores nothing twice.
    'event_key:text!',
    'at:text!',
    'received_at:text!',
    'person_id:text',
    'device:text',
    'client:text',
    'kind:text!',
    // Sealed JSON { text, url, search }: what the pupil typed or visited.
    'payload_enc:text!',
    'category:text',
    'severity:int!',
    'profile:text!',
    // JSON array of the library's phrase and rule ids that matched (never the pupil's text).
    'match_ids:text!',
    'alert_id:text',
    'concern_id:text',
  ]);
  await index(db, 'monitor_events', ['school_id', 'source_id', 'event_key'], { unique: true });
  await index(db, 'monitor_events', ['school_id', 'alert_id']);
  await index(db, 'monitor_events', ['school_id', 'at']);

  await createTable(db, 'monitor_alerts', [
    'id:id',
    'school_id:ref',
    // classifier (events' text) or resolver (repeated blocked names in a high-risk category)
    'origin:text!',
    'subject_kind:text!',
    'person_id:text',
    'device:text',
    'client:text',
    'category:text!',
    'severity:int!',
    'event_count:int!',
    'first_at:text!',
    'last_at:text!',
    // open, watching, false_positive, escalated
    'status:text!',
    // About a member of staff: only the head (the chair when it is the head) and who they name see it.
    'restricted:bool',
    'match_ids:text!',
    'notified_at:text',
    'triaged_by:text',
    'triaged_at:text',
    'concern_id:text',
    'created_at:text!',
    'updated_at:text!',
  ]);
  await index(db, 'monitor_alerts', ['school_id', 'status', 'last_at']);
  await index(db, 'monitor_alerts', ['school_id', 'subject_kind', 'category', 'last_at']);

  await createTable(db, 'monitor_alert_notes', [
    'id:id',
    'school_id:ref',
    'alert_id:ref',
    // note, watch, false_positive, reopen, escalate, viewer
    'action:text!',
    'body_enc:text',
    'author_account_id:text',
    'at:text!',
  ]);
  await index(db, 'monitor_alert_notes', ['school_id', 'alert_id']);

  await createTable(db, 'monitor_alert_viewers', [
    'id:id',
    'school_id:ref',
    'alert_id:ref',
    'account_id:ref',
    'named_by:text',
    'named_at:text!',
  ]);
  await index(db, 'monitor_alert_viewers', ['school_id', 'alert_id', 'account_id'], { unique: true });

  await createTable(db, 'monitor_terms', [
    'id:id',
    'school_id:ref',
    // phrase (a school's own), exclusion (an innocent phrase), disable (a built-in phrase switched off)
    'kind:text!',
    'text:text!',
    'category:text',
    'severity:int',
    'lang:text!',
    'mode:text!',
    // JSON array of categories an exclusion covers, or null for all
    'categories:text',
    'reason:text!',
    'created_by:text',
    'created_at:text!',
    'removed_at:text',
    'removed_by:text',
  ]);
  await index(db, 'monitor_terms', ['school_id', 'kind']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, [
    'monitor_terms',
    'monitor_alert_viewers',
    'monitor_alert_notes',
    'monitor_alerts',
    'monitor_events',
    'monitor_sources',
  ]);
}
