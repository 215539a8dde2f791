import type { Generated } from 'kysely';
import type { FilteringTables } from './schema-filtering.js';
import type { ComplianceTables } from './schema-compliance.js';
import type { MonitoringTables } from './schema-monitoring.js';
import type { ConcernTables } from './schema-concerns.js';

/**
 * Table types. Portable across SQLite and PostgreSQL: ids are text, times are ISO-8601 UTC text
 * (sortable, stored UTC; shown in the school's time zone), booleans are 0/1 integers, JSON is text.
 */
export interface OrganisationTable {
  id: string;
  name: string;
  kind: string;
  created_at: string;
}
export interface SchoolTable {
  id: string;
  organisation_id: string | null;
  name: string;
  slug: string;
  time_zone: string;
  created_at: string;
}
export interface SchoolKeyTable {
  school_id: string;
  wrapped_key: string;
  created_at: string;
}
export interface PersonTable {
  id: string;
  school_id: string;
  kind: 'staff' | 'pupil' | 'parent' | 'visitor';
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  /** Lower-cased "given family preferred" for search. */
  search_name: string;
  date_of_birth: string | null;
  year_group: string | null;
  class_name: string | null;
  upn: string | null;
  mis_id: string | null;
  job_title: string | null;
  email: string | null;
  phone: string | null;
  start_date: string | null;
  leave_date: string | null;
  left_at: string | null;
  access_ends_at: string | null;
  send: number;
  looked_after: number;
  other_vulnerability: number;
  account_id: string | null;
  created_at: string;
  updated_at: string;
  retain_until: string | null;
  tombstoned_at: string | null;
}
export interface ParentLinkTable {
  id: string;
  school_id: string;
  parent_id: string;
  pupil_id: string;
  relationship: string;
  parental_responsibility: number;
  no_contact: number;
  created_at: string;
}
export interface AccountTable {
  id: string;
  username: string;
  password_hash: string | null;
  password_changed_at: string | null;
  /** Set for one-time passwords (the first administrator's): the next sign-in must choose a new one. */
  must_change_password: Generated<number>;
  totp_secret_enc: string | null;
  totp_pending_secret_enc: string | null;
  totp_enrolled_at: string | null;
  recovery_codes: string | null;
  /** The last TOTP time step accepted (replay guard). */
  totp_last_step: number | null;
  disabled_at: string | null;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}
export interface RoleAssignmentTable {
  id: string;
  account_id: string;
  school_id: string | null;
  organisation_id: string | null;
  role: string;
  granted_at: string;
  granted_by: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}
export interface InvitationTable {
  id: string;
  school_id: string;
  person_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** 'account' (a new account for the person) or 'password_reset' (an approved reset of account_id). */
  purpose: 'account' | 'password_reset';
  /** JSON array of the roles accepting grants. */
  roles: string;
  account_id: string | null;
}
export interface SessionTable {
  id: string;
  account_id: string;
  school_id: string | null;
  state: 'active' | 'needs_totp' | 'needs_enrolment' | 'needs_password' | 'locked';
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
  end_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}
export interface SignInThrottleTable {
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
  last_failure_at: string;
  last_ip: string | null;
  account_id: string | null;
  /** 'pair' (account or username + address), 'account' (every address) or 'address' (every account). */
  scope: 'pair' | 'account' | 'address';
}
export interface ApprovalTable {
  id: string;
  school_id: string;
  kind: string;
  target_account_id: string;
  payload: string;
  requested_by: string;
  requested_at: string;
  status: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
}
export interface AuditEntryTable {
  id: string;
  chain: string;
  seq: number;
  at: string;
  school_id: string | null;
  actor_account_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}
export interface AuditChainHeadTable {
  chain: string;
  seq: number;
  hash: string;
}
export interface SettingTable {
  school_id: string;
  key: string;
  value: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
}
export interface SettingHistoryTable {
  id: string;
  school_id: string;
  key: string;
  value: string;
  version: number;
  changed_at: string;
  changed_by: string | null;
}
export interface JobTable {
  id: string;
  school_id: string | null;
  kind: string;
  run_at: string;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  last_error: string | null;
  locked_until: string | null;
  created_at: string;
}
export interface OutboxTable {
  id: string;
  school_id: string | null;
  channel: 'email' | 'in_app';
  recipient_account_id: string | null;
  to_address: string | null;
  subject: string;
  body: string;
  link: string | null;
  created_at: string;
  sent_at: string | null;
  read_at: string | null;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

export interface DB extends FilteringTables, ComplianceTables, MonitoringTables, ConcernTables {
  organisations: OrganisationTable;
  schools: SchoolTable;
  school_keys: SchoolKeyTable;
  people: PersonTable;
  /** Bumped by triggers on every change to a school's people (migration 0003). */
  people_revisions: { school_id: string; rev: number };
  parent_links: ParentLinkTable;
  accounts: AccountTable;
  role_assignments: RoleAssignmentTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  sign_in_throttle: SignInThrottleTable;
  approvals: ApprovalTable;
  audit_entries: AuditEntryTable;
  audit_chain_heads: AuditChainHeadTable;
  settings: SettingTable;
  settings_history: SettingHistoryTable;
  jobs: JobTable;
  outbox: OutboxTable;
}
export type { Generated };
