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
} as const satisfies Record<string, PermissionInfo>;
export type Permission = keyof typeof PERMISSIONS;

type Grants = Partial<Record<Permission, Scope>>;

const STAFF_BASE: Grants = { 'people.read': 'school', 'settings.read': 'school' };
const DSL_TEAM: Grants = {
  ...STAFF_BASE,
  'people.vulnerability': 'school',
  'safeguarding.read': 'school',
  'accounts.approve': 'school',
  'audit.read': 'school',
};

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
    ...FILTER_LEAD,
    'people.write': 'school',
    'settings.write': 'school',
  },
  dsl: { ...DSL_TEAM, ...FILTER_DSL },
  // Approval of resets and safeguarding roles is the head's or a DSL's (clarification 9), not a deputy's.
  deputy_dsl: {
    ...Object.fromEntries(Object.entries(DSL_TEAM).filter(([p]) => p !== 'accounts.approve')),
    ...FILTER_DSL,
  },
  online_safety_lead: { ...STAFF_BASE, ...FILTER_WORK },
  leadership: { ...STAFF_BASE, ...FILTER_LEAD, 'people.vulnerability': 'school' },
  // Governors oversee filtering (DfE standard 1): they read the policy and its history, change nothing.
  governor: { 'settings.read': 'school', ...FILTER_READ },
  chair_of_governors: { 'settings.read': 'school', ...FILTER_READ },
  teacher: { ...STAFF_BASE },
  support_staff: { ...STAFF_BASE },
  technical_staff: { 'people.read': 'school', 'settings.read': 'school', ...FILTER_WORK },
  volunteer: { 'people.read': 'school' },
  pupil: { 'people.read': 'self' },
  parent: { 'people.read': 'my_children' },
  visitor: {},
  trust_officer: {},
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
  },
};

/** Deny rules beat any grant from another role the same person holds. */
export const DENIES: Partial<Record<Role, Permission[]>> = {
  // Governors see aggregate reports only, never a pupil's record (brief, roles table).
  governor: ['safeguarding.read', 'people.vulnerability'],
  // Technical staff manage filtering and accounts but have no access to concerns (brief, roles table).
  technical_staff: ['safeguarding.read', 'people.vulnerability'],
  pupil: ['safeguarding.read'],
  parent: ['safeguarding.read'],
  visitor: ['safeguarding.read'],
};

/** Broadest first: when several roles grant a permission, the broadest scope wins. */
const SCOPE_ORDER: Scope[] = [
  'school',
  'organisation_aggregate',
  'my_class',
  'my_children',
  'own',
  'named',
  'self',
];

/** Scopes one person gets for a permission from all their roles; empty if denied or never granted. */
export function scopesFor(roles: readonly Role[], permission: Permission): Scope[] {
  if (roles.some((r) => DENIES[r]?.includes(permission))) return [];
  const scopes = new Set<Scope>();
  for (const role of roles) {
    const scope = GRANTS[role][permission];
    if (scope) scopes.add(scope);
  }
  return SCOPE_ORDER.filter((s) => scopes.has(s));
}

export function permissionsFor(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => scopesFor(roles, p).length > 0);
}

/** TOTP is required for any role whose grants include a sensitive permission (clarification 9). */
export function roleNeedsTotp(role: Role): boolean {
  return (Object.keys(GRANTS[role]) as Permission[]).some(
    (p) => GRANTS[role][p] !== undefined && PERMISSIONS[p].sensitive && !DENIES[role]?.includes(p),
  );
}

export function rolesNeedTotp(roles: readonly Role[]): boolean {
  return permissionsFor(roles).some((p) => PERMISSIONS[p].sensitive);
}

/** Reads safeguarding records (concerns, alerts) or pupils' vulnerability flags: the short idle lock applies. */
export function readsSafeguardingData(roles: readonly Role[]): boolean {
  return (
    scopesFor(roles, 'safeguarding.read').length > 0 || scopesFor(roles, 'people.vulnerability').length > 0
  );
}

/**
 * Safeguarding roles (headteacher, DSL, deputy DSL: derived from the table) may be granted only with the
 * approval of the head or a DSL who is not the person receiving them (clarification 9).
 */
export function isSafeguardingRole(role: Role): boolean {
  return (
    (GRANTS[role]['safeguarding.read'] !== undefined || GRANTS[role]['accounts.approve'] !== undefined) &&
    !DENIES[role]?.includes('safeguarding.read')
  );
}
