/**
 * Table types of monitoring (issue 6; migration 0040). Same portable conventions as schema.ts: text ids,
 * ISO-8601 UTC times, 0/1 booleans, JSON as text. Event text and triage notes are sealed (clarification 12).
 */
export interface MonitorSourceTable {
  id: string;
  school_id: string;
  name: string;
  kind: 'agent' | 'import' | 'resolver';
  token_hash: string | null;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_seen_at: string | null;
  /** The ingestion rate limit's current one-minute window (its start, ISO) and the batches taken in it. */
  rate_window: string | null;
  rate_count: number;
}
export interface MonitorEventTable {
  id: string;
  school_id: string;
  source_id: string;
  event_key: string;
  at: string;
  received_at: string;
  person_id: string | null;
  device: string | null;
  client: string | null;
  kind: 'search' | 'url' | 'title' | 'typed' | 'blocked';
  payload_enc: string;
  category: string | null;
  severity: number;
  profile: string;
  match_ids: string;
  alert_id: string | null;
  concern_id: string | null;
}
export interface MonitorAlertTable {
  id: string;
  school_id: string;
  origin: 'classifier' | 'resolver';
  subject_kind: 'person' | 'device' | 'client';
  person_id: string | null;
  device: string | null;
  client: string | null;
  category: string;
  severity: number;
  event_count: number;
  first_at: string;
  last_at: string;
  status: 'open' | 'watching' | 'false_positive' | 'escalated';
  restricted: number;
  match_ids: string;
  notified_at: string | null;
  triaged_by: string | null;
  triaged_at: string | null;
  concern_id: string | null;
  created_at: string;
  updated_at: string;
}
export interface MonitorAlertNoteTable {
  id: string;
  school_id: string;
  alert_id: string;
  action: 'note' | 'watch' | 'false_positive' | 'reopen' | 'escalate' | 'viewer' | 'viewer_removed';
  body_enc: string | null;
  author_account_id: string | null;
  at: string;
}
export interface MonitorAlertViewerTable {
  id: string;
  school_id: string;
  alert_id: string;
  account_id: string;
  named_by: string | null;
  named_at: string;
}
export interface MonitorTermTable {
  id: string;
  school_id: string;
  kind: 'phrase' | 'exclusion' | 'disable';
  text: string;
  category: string | null;
  severity: number | null;
  lang: string;
  mode: 'word' | 'prefix' | 'suffix';
  categories: string | null;
  reason: string;
  created_by: string | null;
  created_at: string;
  removed_at: string | null;
  removed_by: string | null;
  removed_reason: string | null;
}

export interface MonitoringTables {
  monitor_sources: MonitorSourceTable;
  monitor_events: MonitorEventTable;
  monitor_alerts: MonitorAlertTable;
  monitor_alert_notes: MonitorAlertNoteTable;
  monitor_alert_viewers: MonitorAlertViewerTable;
  monitor_terms: MonitorTermTable;
}
