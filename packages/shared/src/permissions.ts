import type { Role } from './roles.js';

/**
 * The central permission table (clarification 5): role -> permission -> scope, deny rules beat grants.
 * Scopes narrow what a grant reaches; repos apply them in their queries so lists, counts and exports obey them.
 */
export const SCOPES = [
  'school',
  'own',
  'my_children',
  'my_class',
  'self',
  'named',
  'organisation_aggregate',
] as const;
export type Scope = (typeof SCOPES)[number];

interface PermissionInfo {
  description: string;
  /** Reads safeguarding data or administers accounts, roles, settings or approvals: TOTP required (clarification 9). */
  sensitive: boolean;
}

export const PERMISSIONS = {
  'people.read': { description: 'Search and view people in the register', sensitive: false },
  'people.write': { description: 'Add and edit people, mark leavers', sensitive: false },
  'people.import': { description: 'Import people from an MIS export', sensitive: false },
  'people.vulnerability': { description: 'See and set pupils’ vulnerability flags', sensitive: true },
  'accounts.admin': { description: 'Invite, disable and unlock accounts; request resets', sensitive: true },
  'accounts.approve': {
    description: 'Approve password/TOTP resets and safeguarding role grants',
    sensitive: true,
  },
  'roles.assign': { description: 'Grant and remove roles', sensitive: true },
  'audit.read': { description: 'Browse the audit trail', sensitive: true },
  'settings.read': { description: 'Read school settings', sensitive: false },
  'settings.write': { description: 'Change school settings', sensitive: true },
  'safeguarding.read': { description: 'Read safeguarding records (concerns, alerts)', sensitive: true },
  // Filtering (issue 4, policy 7.3): reading the policy and proposing changes administers nothing by itself;
  // approving, emergency unblocks, node tokens and a client's history do.
  'filtering.read': {
    description: 'See the filtering policy, its change history and self-tests',
    sensitive: false,
  },
  'filtering.propose': {
    description: 'Propose filtering changes (with a risk assessment) and run the self-test',
    sensitive: false,
  },
  'filtering.approve': {
    description: 'Approve or reject filtering change requests (not one’s own)',
    sensitive: true,
  },
  'filtering.emergency': { description: 'Make a time-limited emergency unblock', sensitive: true },
  'filtering.reports': { description: 'Work the block-page reports queue', sensitive: false },
  'filtering.querylog': {
    description: 'See query-log reports (top blocked names and categories)',
    sensitive: false,
  },
  'filtering.client_history': {
    description: 'See one client address’s query history (audited)',
    sensitive: true,
  },
  'filtering.nodes': { description: 'Issue and revoke resolver node tokens', sensitive: true },

  // Compliance (issue 5): the records the policy promises.
  'agreements.sign': {
    description: 'Read and sign the acceptable-use agreement for yourself or your child',
    sensitive: false,
  },
  'agreements.record': {
    description: 'Record paper AUP signatures and pupils’ discussed agreements; see who has not signed',
    sensitive: false,
  },
  'agreements.manage': {
    description: 'Write, version and publish acceptable-use agreements',
    sensitive: false,
  },
  'access.read': {
    description: 'See the access register (who has access to which school system)',
    sensitive: false,
  },
  'access.manage': {
    description: 'Record access granted to and removed from school systems',
    sensitive: false,
  },
  'training.read': { description: 'See training records', sensitive: false },
  'training.manage': { description: 'Record training, courses and certificates', sensitive: false },
  'consents.read': {
    description: 'See image consents and check whether pupils may be published',
    sensitive: false,
  },
  'consents.record': { description: 'Record a parent’s image consent or withdrawal', sensitive: false },
  'consents.import': { description: 'Import image consents from a CSV file', sensitive: false },
  'phones.record': { description: 'Keep the pupil phone register and confiscations', sensitive: false },
  'phones.police': { description: 'Record a phone handed to the police', sensitive: false },
  'devices.read': { description: 'See the school device inventory', sensitive: false },
  'devices.manage': { description: 'Keep the school device inventory', sensitive: false },
  'risk.read': { description: 'See technology risk assessments', sensitive: false },
  'risk.write': { description: 'Propose and edit technology risk assessments', sensitive: false },
  'risk.decide': {
    description: 'Record the data-protection check and the leadership decision',
    sensitive: false,
  },
  'policy.read': { description: 'Read the online-safety policy and its versions', sensitive: false },
  'policy.draft': { description: 'Prepare a new version of the online-safety policy', sensitive: false },
  'policy.approve': {
    description: 'Approve a policy version (headteacher, chair of governors)',
    sensitive: true,
  },
  'compliance.read': {
    description: 'See the compliance dashboard, checklists and self-reviews',
    sensitive: false,
  },
  'compliance.write': {
    description: 'Answer checklists, rate the self-review, keep the action plan',
    sensitive: false,
  },
  'reports.governor': { description: 'Produce the anonymised termly governor report', sensitive: false },

  // Monitoring (issue 6): alerts and events are the DSL team's alone, every view audited.
  'monitoring.read': { description: 'See monitoring alerts and the events behind them', sensitive: true },
  'monitoring.triage': {
    description: 'Triage monitoring alerts (false positive, note and watch, escalate)',
    sensitive: true,
  },
  'monitoring.library': {
    description: 'Add the school’s own monitoring phrases and innocent exclusions',
    sensitive: true,
  },
  'monitoring.import': {
    description: 'Import search and URL logs exported by another filtering product',
    sensitive: true,
  },
  'monitoring.sources': { description: 'Issue and revoke monitoring source tokens', sensitive: true },
  // Concerns (issue 3, policy 8 and 9). Recording and reading one's own reports reach nothing beyond what the
  // reporter wrote; the school-wide scope of concerns.read belongs to the DSL team, who hold safeguarding.read.
  'concerns.record': {
    description: 'Record an online-safety concern and add to one’s own reports',
    sensitive: false,
  },
  'concerns.read': {
    description: 'Read concerns (one’s own reports, or all for the DSL team)',
    sensitive: false,
  },
  'concerns.tell': { description: 'Tell a trusted adult through the “I’m worried” form', sensitive: false },
  'concerns.manage': {
    description: 'Triage and work concerns: playbooks, actions, referrals, closing; see who viewed one',
    sensitive: true,
  },
  'concerns.restricted': {
    description: 'Name the DSLs who may see an allegation about a member of staff',
    sensitive: true,
  },
  'concerns.imagery': { description: 'Record that suspected imagery was viewed, and why', sensitive: true },
  'concerns.reopen': { description: 'Reopen a closed concern, with a reason', sensitive: true },
  'concerns.agencies': { description: 'Keep the school’s agency directory', sensitive: true },
  'concerns.agencies_trust': {
    description: 'Keep the agency entries a trust’s or local authority’s schools inherit',
    sensitive: true,
  },
  'concerns.retention': {
    description: 'Review closed concerns past their retention date: keep them longer, or dispose of them',
    sensitive: true,
  },
  'concerns.trends': {
    description: 'See concern trends (aggregate; small numbers hidden outside the DSL team)',
    sensitive: false,
  },
} as const satisfies Record<string, PermissionInfo>;
export type Permission = keyof typeof PERMISSIONS;

type Grants = Partial<Record<Permission, Scope>>;

/** What every member of staff does in the compliance registers (issue 5). */
const STAFF_COMPLIANCE: Grants = {
  'agreements.sign': 'self',
  'agreements.record': 'school',
  'training.read': 'self',
  'consents.read': 'school',
  'phones.record': 'school',
  'risk.read': 'school',
  'risk.write': 'school',
  'policy.read': 'school',
};
/** Leadership and the online-safety lead run the registers and the self-review. */
const COMPLIANCE_LEADS: Grants = {
  ...STAFF_COMPLIANCE,
  'agreements.manage': 'school',
  'access.read': 'school',
  'training.read': 'school',
  'training.manage': 'school',
  'consents.record': 'school',
  'devices.read': 'school',
  'policy.draft': 'school',
  'compliance.read': 'school',
  'compliance.write': 'school',
  'reports.governor': 'school',
  // Anonymised concern trends with small numbers suppressed (policy 1.3.2; clarification 16).
  'concerns.trends': 'organisation_aggregate',
};
/** Any member of staff, volunteer or contractor records concerns and sees what they reported (clarification 7). */
const REPORTER: Grants = { 'concerns.record': 'own', 'concerns.read': 'own' };
const STAFF_BASE: Grants = {
  'people.read': 'school',
  'settings.read': 'school',
  ...STAFF_COMPLIANCE,
  ...REPORTER,
};
const DSL_TEAM: Grants = {
  ...STAFF_BASE,
  ...COMPLIANCE_LEADS,
  'phones.police': 'school',
  'people.vulnerability': 'school',
  'safeguarding.read': 'school',
  'accounts.approve': 'school',
  'audit.read': 'school',
  'concerns.record': 'school',
  'concerns.read': 'school',
  'concerns.manage': 'school',
  'concerns.agencies': 'school',
  'concerns.trends': 'school',
};

/** Monitoring (issue 6): the DSL team reads, triages and tunes; an administrator issues source tokens. */
const MONITOR_DSL: Grants = {
  'monitoring.read': 'school',
  'monitoring.triage': 'school',
  'monitoring.library': 'school',
  'monitoring.import': 'school',
};
const MONITOR_DENY: Permission[] = [
  'monitoring.read',
  'monitoring.triage',
  'monitoring.library',
  'monitoring.import',
];

/** Filtering: technical staff propose, leadership approves (policy 7.3), the DSL team reads client history. */
const FILTER_READ: Grants = { 'filtering.read': 'school' };
const FILTER_WORK: Grants = {
  ...FILTER_READ,
  'filtering.propose': 'school',
  'filtering.reports': 'school',
  'filtering.querylog': 'school',
};
const FILTER_LEAD: Grants = {
  ...FILTER_WORK,
  'filtering.approve': 'school',
  'filtering.emergency': 'school',
};
const FILTER_DSL: Grants = { ...FILTER_WORK, 'filtering.client_history': 'school' };

export const GRANTS: Record<Role, Grants> = {
  headteacher: {
    ...DSL_TEAM,
    ...FILTER_DSL,
    ...MONITOR_DSL,
    ...FILTER_LEAD,
    'people.write': 'school',
    'settings.write': 'school',
    'access.manage': 'school',
    'consents.import': 'school',
    'devices.manage': 'school',
    'risk.decide': 'school',
    'policy.approve': 'school',
    // The head holds allegations about staff (policy 8; clarification 6).
    'concerns.restricted': 'school',
    // ... and so reviews their retention too, with the DSLs.
    'concerns.retention': 'school',
  },
  // Suspected imagery is viewed only by a DSL, only where unavoidable (policy 9.1).
  dsl: {
    ...DSL_TEAM,
    ...FILTER_DSL,
    ...MONITOR_DSL,
    'concerns.imagery': 'school',
    'concerns.reopen': 'school',
    'concerns.retention': 'school',
  },
  // Approval of resets and safeguarding roles is the head's or a DSL's (clarification 9), not a deputy's.
  deputy_dsl: {
    ...Object.fromEntries(Object.entries(DSL_TEAM).filter(([p]) => p !== 'accounts.approve')),
    ...FILTER_DSL,
    ...MONITOR_DSL,
    'concerns.imagery': 'school',
    'concerns.reopen': 'school',
    'concerns.retention': 'school',
  },
  online_safety_lead: { ...STAFF_BASE, ...COMPLIANCE_LEADS, ...FILTER_WORK },
  leadership: {
    ...STAFF_BASE,
    ...COMPLIANCE_LEADS,
    ...FILTER_LEAD,
    'people.vulnerability': 'school',
    'access.manage': 'school',
    'consents.import': 'school',
    'phones.police': 'school',
    'risk.decide': 'school',
  },
  // Governors oversee filtering (DfE standard 1) and see the policy, the compliance dashboard and aggregate
  // reports: they change nothing and never see a pupil's record.
  governor: {
    'settings.read': 'school',
    ...FILTER_READ,
    'policy.read': 'school',
    'compliance.read': 'school',
    'reports.governor': 'school',
    'concerns.trends': 'organisation_aggregate',
  },
  chair_of_governors: {
    // Monitoring alerts about the head only (clarification 6): 'named' reaches no other alert.
    'monitoring.read': 'named',
    'monitoring.triage': 'named',
    'settings.read': 'school',
    ...FILTER_READ,
    'policy.read': 'school',
    'policy.approve': 'school',
    'compliance.read': 'school',
    'reports.governor': 'school',
    // Only allegations about the headteacher, where the chair takes the head's place (clarification 6).
    'concerns.read': 'named',
    'concerns.restricted': 'named',
    'concerns.trends': 'organisation_aggregate',
  },
  teacher: { ...STAFF_BASE },
  // The school office keeps image consents and the phone register.
  support_staff: { ...STAFF_BASE, 'consents.record': 'school' },
  technical_staff: {
    'people.read': 'school',
    'settings.read': 'school',
    ...FILTER_WORK,
    ...STAFF_COMPLIANCE,
    ...REPORTER,
    'access.read': 'school',
    'access.manage': 'school',
    'devices.read': 'school',
    'devices.manage': 'school',
  },
  volunteer: { 'people.read': 'school', 'agreements.sign': 'self', 'policy.read': 'school', ...REPORTER },
  pupil: { 'people.read': 'self', 'agreements.sign': 'self', 'concerns.tell': 'self' },
  // A parent signs the parent AUP and a young child's AUP, and gives or withdraws consent, for their own children.
  parent: {
    'people.read': 'my_children',
    'agreements.sign': 'my_children',
    'consents.read': 'my_children',
    'consents.record': 'my_children',
  },
  visitor: { 'agreements.sign': 'self' },
  // Acting in one of its schools, a trust or local-authority officer keeps the entries all its schools inherit,
  // reads the school's filtering policy and proposes and approves changes to the trust baseline (clarification
  // 13; the handlers refuse them any other filtering change). Nothing about pupils or concerns: none is granted.
  trust_officer: {
    'concerns.agencies_trust': 'school',
    'filtering.read': 'school',
    'filtering.propose': 'school',
    'filtering.approve': 'school',
  },
  system_admin: {
    'people.read': 'school',
    'people.write': 'school',
    'people.import': 'school',
    'accounts.admin': 'school',
    'roles.assign': 'school',
    'audit.read': 'school',
    'settings.read': 'school',
    'settings.write': 'school',
    ...FILTER_WORK,
    'filtering.nodes': 'school',
    'monitoring.sources': 'school',
    ...COMPLIANCE_LEADS,
    'access.manage': 'school',
    'consents.import': 'school',
    'devices.manage': 'school',
    ...REPORTER,
  },
};

/** Deny rules beat any grant from another role the same person holds. */
export const DENIES: Partial<Record<Role, Permission[]>> = {
  // Governors see aggregate reports only, never a pupil's record (brief, roles table).
  governor: ['safeguarding.read', 'people.vulnerability', ...MONITOR_DENY],
  // Technical staff manage filtering and accounts but have no access to concerns (brief, roles table).
  technical_staff: ['safeguarding.read', 'people.vulnerability', ...MONITOR_DENY],
  // A pupil tells a trusted adult through the "I'm worried" form, with no access to any record.
  pupil: ['safeguarding.read', 'concerns.read', 'concerns.manage', ...MONITOR_DENY],
  parent: ['safeguarding.read', 'concerns.read', 'concerns.manage', ...MONITOR_DENY],
  visitor: ['safeguarding.read', 'concerns.read', 'concerns.manage', ...MONITOR_DENY],
};
