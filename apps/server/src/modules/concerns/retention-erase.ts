import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * What disposing of a concern erases (retention review, product brief "Across everything"): every sealed text and
 * file of the concern and of the rows hanging off it, in the transaction that writes the tombstone. What stays is
 * the tombstone: the concern's category, dates and status, who was linked to it, the steps' playbook wording,
 * and the retention decisions themselves. A sealed column that may not be empty is overwritten with '' (nothing
 * to open: reads of a tombstoned concern answer 404 before anything is opened).
 *
 * The monitoring events carried into the concern (the searches it was escalated with) are deleted: they were
 * kept past the monitoring retention period only because the concern held them.
 */
const ERASE_CONCERN = {
  adult_description_enc: null,
  location_enc: null,
  account_enc: '',
  immediate_action_enc: null,
  outcome_enc: null,
  lessons_enc: null,
} as const;
/** The rows hanging off a concern (each by its concern_id) and what each loses. */
const ERASE_ROWS = {
  concern_notes: { body_enc: '' },
  concern_amendments: { previous_enc: null, new_enc: null, reason_enc: '' },
  concern_attachments: { filename_enc: '', data_enc: '', size: 0 },
  concern_custody: { device_enc: '', place_enc: null, handed_to_enc: null },
  concern_imagery_views: { reason_enc: '' },
  concern_status_events: { reason_enc: null, outcome_enc: null, lessons_enc: null },
  concern_steps: { note_enc: null },
  concern_actions: { title_enc: '', done_note_enc: null },
  concern_referrals: { reference_enc: null, reason_enc: null, response_enc: null },
  concern_parent_contacts: { reason_not_enc: null, note_enc: null },
  concern_sanctions: { detail_enc: null },
} as const;

export async function eraseConcern(tx: Transaction<DB>, schoolId: string, concernId: string): Promise<void> {
  await tx
    .updateTable('concerns')
    .set(ERASE_CONCERN)
    .where('school_id', '=', schoolId)
    .where('id', '=', concernId)
    .execute();
  for (const table of Object.keys(ERASE_ROWS) as (keyof typeof ERASE_ROWS)[])
    await tx
      .updateTable(table)
      .set(ERASE_ROWS[table] as never)
      .where('school_id', '=', schoolId)
      .where('concern_id', '=', concernId)
      .execute();
  await tx
    .deleteFrom('monitor_events')
    .where('school_id', '=', schoolId)
    .where('concern_id', '=', concernId)
    .execute();
  await tx
    .updateTable('filter_reports')
    .set({ details_enc: null })
    .where('school_id', '=', schoolId)
    .where('concern_id', '=', concernId)
    .execute();
}
