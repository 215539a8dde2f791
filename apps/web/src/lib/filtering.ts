import { useCallback, useEffect, useState } from 'react';
import { CATEGORY_INFO, type FilterCategory } from '@harbour/shared';
import { ApiError, get } from './api';

/** Shapes the filtering API returns (apps/server/src/modules/filtering: service.ts, changes.ts, ...). */
export interface SafeSearch {
  google: boolean;
  youtube: 'off' | 'moderate' | 'strict';
  bing: boolean;
  duckduckgo: boolean;
}
export interface TimeWindow {
  days: number[];
  from: string;
  to: string;
}
export interface FilterGroup {
  id: string;
  kind: 'eyfs_ks1' | 'ks2' | 'staff' | 'guests' | 'custom';
  name: string;
  mode: 'blocklist' | 'allowlist';
  isDefault: boolean;
  aupOnly: boolean;
  subnets: string[];
  resolverAddress: string | null;
  testAddress: string;
  blockedCategories: FilterCategory[];
  safeSearch: SafeSearch;
  allowLists: string[];
}
export interface FilterList {
  id: string;
  name: string;
  kind: 'block' | 'allow';
  category: FilterCategory | null;
  source: string;
  url: string | null;
  format: string;
  refreshHours: number | null;
  licensed: boolean;
  enabled: boolean;
  entries: number;
  trust: boolean;
}
export interface FilterEntry {
  id: string;
  groupId: string | null;
  domain: string;
  effect: 'allow' | 'deny';
  note: string;
}
export interface FilterSchedule {
  id: string;
  groupId: string;
  label: string;
  effect: 'allow' | 'block';
  categories: FilterCategory[];
  domains: string[];
  windows: TimeWindow[];
}
export interface FilterUnblock {
  id: string;
  groupId: string | null;
  domain: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}
export interface FilterSettings {
  blockAnswer: { mode: 'block-page' | 'nxdomain'; ipv4: string[]; ipv6: string[] };
  queryLogRetentionDays: number;
  emergencyMaxMinutes: number;
  staffSocialMedia: { mode: 'never' | 'break-times' | 'always'; breakTimes: TimeWindow[] };
  [key: string]: unknown;
}
export interface FilterPolicy {
  categories: { id: FilterCategory; label: string; uksic: boolean; description: string }[];
  groups: FilterGroup[];
  lists: FilterList[];
  entries: FilterEntry[];
  schedules: FilterSchedule[];
  settings: FilterSettings;
  unblocks: FilterUnblock[];
  baseline: Baseline;
  policyVersion: number | null;
}

/** The trust baseline (clarification 13): what every school of the trust blocks, per kind of group. */
export interface Baseline {
  blockedCategories: Partial<Record<FilterGroup['kind'], FilterCategory[]>>;
  deny: string[];
}
export const GROUP_KIND_LABELS: Record<FilterGroup['kind'], string> = {
  eyfs_ks1: 'EYFS and KS1',
  ks2: 'KS2',
  staff: 'Staff',
  guests: 'Guests and visitors',
  custom: 'Groups a school adds',
};

export interface DiffItem {
  op: string;
  entity: string;
  id: string;
  before: unknown;
  after: unknown;
}
export interface ChangeRequest {
  id: string;
  number: number;
  kind: 'change' | 'emergency';
  title: string;
  reason: string;
  riskEducational: string;
  riskTechnical: string;
  status: 'pending' | 'applied' | 'rejected' | 'withdrawn';
  requestedBy: { accountId: string; name: string };
  requestedAt: string;
  decidedBy: { accountId: string; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  appliedAt: string | null;
  policyVersion: number | null;
  ops: { op: string; [k: string]: unknown }[];
  diff: DiffItem[] | null;
}

export interface SelfTestSummary {
  id: string;
  startedAt: string;
  finishedAt: string;
  by: string;
  via: string;
  resolver: string;
  policyVersion: number | null;
  passed: boolean;
  failures: number;
  checks: number;
}
export interface SelfTestResult {
  groupId: string;
  subject: string;
  name: string;
  expected: string;
  observed: string;
  answer: string;
  pass: boolean;
}
export interface Dashboard {
  evidence: { pendingChanges: number; emergencyUnblocks: number; changesApplied: number };
  selfTest: {
    lastTest: {
      id: string;
      at: string;
      by: string;
      via: string;
      passed: boolean;
      failures: number;
      checks: number;
    } | null;
    failing: { groupId: string; subject: string; at: string; name: string; observed: string }[];
  };
  openReports: number;
}

export const STATUS_LABELS: Record<ChangeRequest['status'], string> = {
  pending: 'Waiting for a decision',
  applied: 'Approved and applied',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

export const categoryLabel = (c: string | null): string =>
  c === null ? '' : c in CATEGORY_INFO ? CATEGORY_INFO[c as FilterCategory].label : c;

/** A self-test subject ("gambling", "safe-search:google") in words. */
export const subjectLabel = (s: string): string =>
  s.startsWith('safe-search:') ? `Safe search (${s.slice(12)})` : categoryLabel(s);

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export function windowLabel(w: TimeWindow): string {
  const days = [...w.days].sort((a, b) => a - b);
  const weekdays = days.join() === '1,2,3,4,5';
  const dayText = weekdays ? 'Mon–Fri' : days.map((d) => DAY_NAMES[d - 1]).join(', ');
  return `${dayText} ${w.from}–${w.to}`;
}

export function safeSearchLabel(s: SafeSearch): string {
  const on = [
    s.google ? 'Google' : '',
    s.youtube !== 'off' ? `YouTube (${s.youtube})` : '',
    s.bing ? 'Bing' : '',
    s.duckduckgo ? 'DuckDuckGo' : '',
  ].filter(Boolean);
  return on.length ? on.join(', ') : 'Off';
}

export const groupNameOf = (groups: FilterGroup[], id: string | null): string =>
  id === null ? 'Every group' : (groups.find((g) => g.id === id)?.name ?? 'A removed group');

/** Loads JSON from the API on mount and on `reload()`; keeps the last error as text. */
export function useApi<T>(url: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const reload = useCallback(async () => {
    if (!url) return;
    try {
      setData(await get<T>(url));
      setError('');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not load this page');
    }
  }, [url]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload };
}

export const errorText = (err: unknown, fallback: string): string =>
  err instanceof ApiError ? err.message : fallback;
