/**
 * Table types of the compliance registers (issue 5; migrations 0030-0037). Same portable conventions as
 * schema.ts: text ids, ISO-8601 UTC times, YYYY-MM-DD dates, 0/1 booleans, JSON as text.
 */
export interface AupVersionTable {
  id: string;
  school_id: string;
  audience: string;
  version: number;
  title: string;
  body: string;
  status: 'draft' | 'published';
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_by: string | null;
}
/** Append-only: a signature is never changed or removed (issue 5, bad input and integrity). */
export interface AupSignatureTable {
  id: string;
  school_id: string;
  version_id: string;
  audience: string;
  person_id: string;
  /** self (in the app), parent (a parent for their child), discussed (staff for a young pupil), paper. */
  method: 'self' | 'parent' | 'discussed' | 'paper';
  signed_at: string;
  /** The parent who signed for a pupil, when method is parent (or a paper sheet signed by one). */
  signed_by_person_id: string | null;
  recorded_by: string | null;
  recorded_at: string;
  note: string | null;
}
export interface AccessEntryTable {
  id: string;
  school_id: string;
  person_id: string;
  system: string;
  detail: string | null;
  granted_at: string;
  granted_by: string | null;
  /** Visitors: their access ends at the end of the visit. */
  ends_at: string | null;
  removed_at: string | null;
  removed_by: string | null;
  removal_reason: string | null;
  aup_signature_id: string | null;
}
export interface TrainingCourseTable {
  id: string;
  school_id: string;
  title: string;
  kind: 'online_safety' | 'safeguarding' | 'induction' | 'dsl' | 'other';
  /** Months a completion stays current; null never expires. */
  validity_months: number | null;
  created_by: string | null;
  created_at: string;
  archived_at: string | null;
}
export interface TrainingRecordTable {
  id: string;
  school_id: string;
  person_id: string;
  course_id: string;
  completed_on: string;
  expires_on: string | null;
  provider: string | null;
  notes: string | null;
  batch_id: string | null;
  recorded_by: string | null;
  recorded_at: string;
}
export interface TrainingCertificateTable {
  id: string;
  school_id: string;
  record_id: string;
  filename: string;
  content_type: string;
  size: number;
  /** The file, base64, sealed under the school's key. */
  data_sealed: string;
  uploaded_by: string | null;
  uploaded_at: string;
}
/** Append-only: a withdrawal is a new entry (policy 2.2, 3.4 [3.3]). */
export interface ImageConsentTable {
  id: string;
  school_id: string;
  pupil_id: string;
  channel: 'website' | 'newsletter' | 'press' | 'social_media';
  decision: 'given' | 'withdrawn';
  parent_id: string;
  decided_on: string;
  recorded_at: string;
  recorded_by: string | null;
  source: 'app' | 'paper' | 'import';
  note: string | null;
}
export interface PhoneHandinTable {
  id: string;
  school_id: string;
  pupil_id: string;
  day: string;
  handed_in_at: string;
  received_by: string | null;
  collected_at: string | null;
  collected_by: string | null;
  note: string | null;
}
export interface PhoneConfiscationTable {
  id: string;
  school_id: string;
  pupil_id: string;
  device: string;
  reason: string;
  confiscated_at: string;
  confiscated_by: string | null;
  held_where: string;
  status: 'held' | 'released' | 'police';
  released_at: string | null;
  released_to_parent_id: string | null;
  released_by: string | null;
  police_at: string | null;
  police_reference: string | null;
  police_by: string | null;
  notes: string | null;
}
export interface SchoolDeviceTable {
  id: string;
  school_id: string;
  asset_tag: string;
  kind: string;
  description: string | null;
  serial: string | null;
  assignee_person_id: string | null;
  encrypted: number;
  antivirus_status: 'up_to_date' | 'out_of_date' | 'none' | 'not_applicable';
  antivirus_checked_on: string | null;
  off_site: number;
  off_site_since: string | null;
  retired_at: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}
export interface RiskAssessmentTable {
  id: string;
  school_id: string;
  name: string;
  supplier: string | null;
  purpose: string;
  stores_personal_data: number;
  stores_pupil_images: number;
  data_description: string | null;
  risks: string;
  mitigations: string;
  dp_check: 'not_done' | 'passed' | 'concerns';
  dp_notes: string | null;
  dp_checked_by: string | null;
  dp_checked_at: string | null;
  status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'retired';
  decided_by: string | null;
  decided_at: string | null;
  decision_notes: string | null;
  review_on: string | null;
  last_reviewed_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export interface PolicyVersionTable {
  id: string;
  school_id: string;
  version: number;
  status: 'draft' | 'published' | 'superseded';
  /** The settings the version was rendered from (JSON), so it reads the same forever. */
  settings_json: string;
  html: string;
  template_version: string;
  notes: string | null;
  created_by: string | null;
  created_at: string;
  head_approved_by: string | null;
  head_approved_at: string | null;
  chair_approved_by: string | null;
  chair_approved_at: string | null;
  published_at: string | null;
  review_due_on: string | null;
}
export interface ComplianceCheckTable {
  id: string;
  school_id: string;
  framework: 'dfe' | 'uksic';
  item_key: string;
  status: 'not_assessed' | 'met' | 'partly' | 'not_met' | 'not_applicable';
  evidence: string | null;
  notes: string | null;
  updated_by: string | null;
  updated_at: string;
}
export interface SelfReviewTable {
  id: string;
  school_id: string;
  title: string;
  status: 'open' | 'completed';
  started_at: string;
  started_by: string | null;
  completed_at: string | null;
  completed_by: string | null;
  summary: string | null;
  /** The dashboard's items when the review was completed (migration 0038). */
  evidence_json: string | null;
}
export interface SelfReviewRatingTable {
  id: string;
  school_id: string;
  review_id: string;
  aspect_key: string;
  level: number;
  commentary: string;
  evidence: string | null;
  rated_by: string | null;
  rated_at: string;
}
export interface ReviewActionTable {
  id: string;
  school_id: string;
  review_id: string | null;
  aspect_key: string | null;
  title: string;
  owner_person_id: string | null;
  due_on: string | null;
  status: 'open' | 'done';
  done_at: string | null;
  done_by: string | null;
  created_by: string | null;
  created_at: string;
}

export interface ComplianceTables {
  aup_versions: AupVersionTable;
  aup_signatures: AupSignatureTable;
  access_entries: AccessEntryTable;
  training_courses: TrainingCourseTable;
  training_records: TrainingRecordTable;
  training_certificates: TrainingCertificateTable;
  image_consents: ImageConsentTable;
  phone_handins: PhoneHandinTable;
  phone_confiscations: PhoneConfiscationTable;
  school_devices: SchoolDeviceTable;
  risk_assessments: RiskAssessmentTable;
  policy_versions: PolicyVersionTable;
  compliance_checks: ComplianceCheckTable;
  self_reviews: SelfReviewTable;
  self_review_ratings: SelfReviewRatingTable;
  review_actions: ReviewActionTable;
  /** Bumped by triggers on the dashboard's tables (migration 0050). */
  compliance_revisions: { school_id: string; rev: number };
}
