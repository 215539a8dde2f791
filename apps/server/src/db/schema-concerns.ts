/**
 * Table types of concerns (issue 3; migration 0010). Same portable conventions as schema.ts. Columns ending in
 * _enc are sealed under the school's key with "<row id>:<column>" as associated data (modules/concerns/seal.ts).
 */
export interface ConcernTable {
  id: string;
  school_id: string;
  category: string;
  subtype: string | null;
  status: 'new' | 'open' | 'closed';
  restricted: number;
  subject_person_id: string | null;
  /** Who holds a restricted record: 'headteacher', or 'chair_of_governors' when the head is its subject. */
  custodian_role: string | null;
  adult_person_id: string | null;
  adult_description_enc: string | null;
  occurred_at: string;
  recorded_at: string;
  reporter_account_id: string | null;
  reporter_person_id: string | null;
  source: 'staff' | 'pupil';
  location_enc: string | null;
  account_enc: string;
  immediate_action_enc: string | null;
  dsl_told_in_person: number;
  dsl_told_person_id: string | null;
  opened_at: string | null;
  opened_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
  outcome_enc: string | null;
  lessons_enc: string | null;
  updated_at: string;
  retain_until: string | null;
  tombstoned_at: string | null;
}
export interface ConcernPersonTable {
  id: string;
  school_id: string;
  concern_id: string;
  person_id: string;
  role: 'subject' | 'involved';
  added_at: string;
  added_by: string | null;
}
export interface ConcernNoteTable {
  id: string;
  school_id: string;
  concern_id: string;
  /** addition: the reporter adds to their report; note: the DSL team's working notes. */
  kind: 'addition' | 'note';
  body_enc: string;
  event_at: string;
  created_at: string;
  created_by: string | null;
}
export interface ConcernAmendmentTable {
  id: string;
  school_id: string;
  concern_id: string;
  field: string;
  previous_enc: string | null;
  new_enc: string | null;
  reason_enc: string;
  amended_at: string;
  amended_by: string | null;
}
export interface ConcernAttachmentTable {
  id: string;
  school_id: string;
  concern_id: string;
  filename_enc: string;
  content_type: string;
  size: number;
  data_enc: string;
  uploaded_at: string;
  uploaded_by: string | null;
}
export interface ConcernCustodyTable {
  id: string;
  school_id: string;
  concern_id: string;
  event: 'secured' | 'handed_over' | 'returned';
  at: string;
  device_enc: string;
  place_enc: string | null;
  handed_to_enc: string | null;
  by_person_id: string | null;
  recorded_at: string;
  recorded_by: string | null;
}
export interface ConcernImageryViewTable {
  id: string;
  school_id: string;
  concern_id: string;
  viewed_by: string;
  viewed_at: string;
  reason_enc: string;
  recorded_at: string;
}
export interface ConcernViewerTable {
  id: string;
  school_id: string;
  concern_id: string;
  account_id: string;
  named_at: string;
  named_by: string | null;
  removed_at: string | null;
  removed_by: string | null;
}
export interface ConcernStatusEventTable {
  id: string;
  school_id: string;
  concern_id: string;
  from_status: string | null;
  to_status: string;
  reason_enc: string | null;
  at: string;
  by_account_id: string | null;
  /** Set on closing (migration 0011): each closing keeps its own outcome and lessons learnt. */
  outcome_enc?: string | null;
  lessons_enc?: string | null;
}
export interface ConcernStepTable {
  id: string;
  school_id: string;
  concern_id: string;
  playbook: string;
  step_key: string;
  position: number;
  text: string;
  role: string;
  time_limit: string | null;
  due_at: string | null;
  /** An agency kind: this step is a referral, and marking it not applicable records a decision not to refer. */
  referral_kind: string | null;
  status: 'pending' | 'done' | 'not_applicable';
  note_enc: string | null;
  done_at: string | null;
  done_by: string | null;
  created_at: string;
}
export interface ConcernActionTable {
  id: string;
  school_id: string;
  concern_id: string;
  title_enc: string;
  assignee_person_id: string;
  due_on: string;
  created_at: string;
  created_by: string | null;
  done_at: string | null;
  done_by: string | null;
  done_note_enc: string | null;
}
export interface ConcernAgencyTable {
  id: string;
  school_id: string;
  kind: string;
  name: string;
  phone: string | null;
  website: string | null;
  email: string | null;
  notes: string | null;
  national: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  /** The trust's or local authority's entry this school's copy overrides (migration 0013). */
  inherits_id: string | null;
}
/** An agency entry of a trust or local authority, inherited by its schools (migration 0013). */
export interface ConcernOrgAgencyTable {
  id: string;
  organisation_id: string;
  kind: string;
  name: string;
  phone: string | null;
  website: string | null;
  email: string | null;
  notes: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}
export interface ConcernReferralTable {
  id: string;
  school_id: string;
  concern_id: string;
  decision: 'referred' | 'not_referred';
  agency_id: string | null;
  agency_kind: string | null;
  /** The agency's name when referred, kept even if the directory entry changes later. */
  agency_name: string | null;
  referred_at: string;
  reference_enc: string | null;
  reason_enc: string | null;
  response_due_on: string | null;
  response_enc: string | null;
  response_at: string | null;
  response_by: string | null;
  recorded_at: string;
  recorded_by: string | null;
}
export interface ConcernParentContactTable {
  id: string;
  school_id: string;
  concern_id: string;
  pupil_id: string;
  informed: number;
  parent_person_id: string | null;
  method: string | null;
  at: string | null;
  reason_not_enc: string | null;
  note_enc: string | null;
  recorded_at: string;
  recorded_by: string | null;
}
export interface ConcernSanctionTable {
  id: string;
  school_id: string;
  concern_id: string;
  pupil_id: string;
  sanction: string;
  detail_enc: string | null;
  from_on: string;
  until_on: string | null;
  recorded_at: string;
  recorded_by: string | null;
}
/** A retention review's decision (migration 0012): keep until a later date, or dispose (a tombstone stays). */
export interface ConcernRetentionReviewTable {
  id: string;
  school_id: string;
  concern_id: string;
  decision: 'keep' | 'dispose';
  keep_until: string | null;
  reason_enc: string;
  decided_at: string;
  decided_by: string;
}

export interface ConcernTables {
  concerns: ConcernTable;
  concern_people: ConcernPersonTable;
  concern_notes: ConcernNoteTable;
  concern_amendments: ConcernAmendmentTable;
  concern_attachments: ConcernAttachmentTable;
  concern_custody: ConcernCustodyTable;
  concern_imagery_views: ConcernImageryViewTable;
  concern_viewers: ConcernViewerTable;
  concern_status_events: ConcernStatusEventTable;
  concern_steps: ConcernStepTable;
  concern_actions: ConcernActionTable;
  concern_agencies: ConcernAgencyTable;
  concern_org_agencies: ConcernOrgAgencyTable;
  concern_referrals: ConcernReferralTable;
  concern_parent_contacts: ConcernParentContactTable;
  concern_sanctions: ConcernSanctionTable;
  /** Bumped by triggers on every change to a school's concern tables (migration 0018): the dashboard's cache. */
  concern_revisions: { school_id: string; rev: number };
  concern_retention_reviews: ConcernRetentionReviewTable;
}
