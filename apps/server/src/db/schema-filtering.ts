/** Filtering tables (migration 0020-filtering). JSON columns are text; booleans 0/1; times ISO UTC. */
export interface FilterGroupTable {
  id: string;
  school_id: string;
  kind: 'eyfs_ks1' | 'ks2' | 'staff' | 'guests' | 'custom';
  name: string;
  mode: 'blocklist' | 'allowlist';
  is_default: number;
  aup_only: number;
  subnets: string;
  resolver_address: string | null;
  test_address: string;
  blocked_categories: string;
  safe_search: string;
  allow_lists: string;
  position: number;
  created_at: string;
  updated_at: string;
}
export interface FilterListTable {
  id: string;
  school_id: string | null;
  organisation_id: string | null;
  name: string;
  kind: 'block' | 'allow';
  category: string | null;
  source: 'upload' | 'url' | 'file';
  url: string | null;
  format: string;
  refresh_hours: number | null;
  licensed: number;
  enabled: number;
  current_version_id: string | null;
  next_refresh_at: string | null;
  created_at: string;
  change_request_id: string | null;
  removed_at: string | null;
}
export interface FilterListVersionTable {
  id: string;
  school_id: string;
  list_id: string | null;
  created_at: string;
  created_by: string | null;
  status: 'staged' | 'active' | 'superseded' | 'failed' | 'kept_old' | 'unchanged' | 'discarded';
  cause: 'proposal' | 'refresh';
  lines: number;
  entries: number;
  bad_lines: number;
  path_entries: number;
  added: number | null;
  removed: number | null;
  sha256: string | null;
  keys: string;
  samples: string;
  bad_examples: string;
  meta: string;
  message: string | null;
}
export interface FilterEntryTable {
  id: string;
  school_id: string;
  group_id: string | null;
  domain: string;
  effect: 'allow' | 'deny';
  note: string;
  created_at: string;
  change_request_id: string | null;
}
export interface FilterScheduleTable {
  id: string;
  school_id: string;
  group_id: string;
  label: string;
  effect: 'allow' | 'block';
  categories: string;
  domains: string;
  windows: string;
  created_at: string;
  change_request_id: string | null;
}
export interface FilterSettingsTable {
  school_id: string;
  value: string;
  version: number;
  updated_at: string;
  change_request_id: string | null;
}
export interface FilterBaselineTable {
  organisation_id: string;
  value: string;
  version: number;
  updated_at: string;
  change_request_id: string | null;
}
export interface FilterChangeRequestTable {
  id: string;
  school_id: string;
  number: number;
  kind: 'change' | 'emergency';
  title: string;
  reason: string;
  risk_educational: string;
  risk_technical: string;
  ops: string;
  status: 'pending' | 'applied' | 'rejected' | 'withdrawn';
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  applied_at: string | null;
  diff: string | null;
  policy_version: number | null;
}
export interface FilterUnblockTable {
  id: string;
  school_id: string;
  group_id: string | null;
  domain: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  ended_at: string | null;
  ended_by: string | null;
  change_request_id: string;
}
export interface FilterPolicyVersionTable {
  version: number;
  created_at: string;
  school_id: string | null;
  cause: 'change' | 'emergency' | 'unblock_end' | 'list_refresh' | 'binding' | 'start';
  ref_id: string | null;
}
export interface FilterBindingTable {
  id: string;
  school_id: string;
  address: string;
  group_id: string;
  expires_at: string;
  source: string;
  created_at: string;
}
export interface FilterNodeTable {
  id: string;
  school_id: string;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_seen_at: string | null;
  last_version: number | null;
  last_agent: string | null;
}
export interface FilterLogBatchTable {
  batch_id: string;
  node_id: string;
  received_at: string;
  records: number;
  dropped: number;
  policy_version: number;
}
export interface FilterQueryLogTable {
  school_id: string;
  at: string;
  client: string;
  group_id: string;
  name: string;
  qtype: string;
  action: string;
  reason: string | null;
  category: string | null;
  count: number;
  identified_by: string;
  node_id: string;
}
export interface FilterReportTable {
  id: string;
  school_id: string;
  kind: 'wrongly_blocked' | 'unsuitable';
  name: string;
  group_id: string | null;
  category: string | null;
  reason: string | null;
  client: string;
  details_enc: string | null;
  status: 'open' | 'resolved' | 'concern';
  created_at: string;
  handled_by: string | null;
  handled_at: string | null;
  outcome: string | null;
  concern_id: string | null;
}
export interface FilterSelfTestTable {
  id: string;
  school_id: string;
  started_at: string;
  finished_at: string;
  run_by: string | null;
  run_by_label: string;
  via: 'web' | 'cli';
  resolver: string;
  policy_version: number | null;
  passed: number;
  failures: number;
  checks: number;
}
export interface FilterSelfTestResultTable {
  id: string;
  test_id: string;
  school_id: string;
  group_id: string;
  subject: string;
  name: string;
  expected: string;
  observed: string;
  answer: string;
  pass: number;
}
export interface FilterBlockCaTable {
  id: string;
  cert_pem: string;
  key_enc: string;
  created_at: string;
}

export interface FilteringTables {
  filter_groups: FilterGroupTable;
  filter_lists: FilterListTable;
  filter_list_versions: FilterListVersionTable;
  filter_entries: FilterEntryTable;
  filter_schedules: FilterScheduleTable;
  filter_settings: FilterSettingsTable;
  filter_baselines: FilterBaselineTable;
  filter_change_requests: FilterChangeRequestTable;
  filter_unblocks: FilterUnblockTable;
  filter_policy_versions: FilterPolicyVersionTable;
  filter_bindings: FilterBindingTable;
  filter_nodes: FilterNodeTable;
  filter_log_batches: FilterLogBatchTable;
  filter_query_log: FilterQueryLogTable;
  filter_reports: FilterReportTable;
  filter_self_tests: FilterSelfTestTable;
  filter_self_test_results: FilterSelfTestResultTable;
  filter_block_ca: FilterBlockCaTable;
}
