import type { Role } from './roles.js';
import { DENIES, GRANTS, PERMISSIONS, type Permission, type Scope } from './permissions.js';

/** Questions asked of the roles table (permissions.ts) on every request. */

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
function computeScopes(roles: readonly Role[], permission: Permission): Scope[] {
  if (roles.some((r) => DENIES[r]?.includes(permission))) return [];
  const scopes = new Set<Scope>();
  for (const role of roles) {
    const scope = GRANTS[role][permission];
    if (scope) scopes.add(scope);
  }
  return SCOPE_ORDER.filter((s) => scopes.has(s));
}

/**
 * Every request asks for several permissions of the same few role sets, so the answers are kept per role set
 * (the tables above are constants). Answers are frozen: a caller that tried to change one would throw.
 */
interface RoleSetAnswers {
  scopes: Map<Permission, readonly Scope[]>;
  permissions?: Permission[];
}
const answers = new Map<string, RoleSetAnswers>();
function answersFor(roles: readonly Role[]): RoleSetAnswers {
  const key = roles.length === 1 ? roles[0]! : [...roles].sort().join(',');
  let a = answers.get(key);
  if (!a) {
    if (answers.size > 1000) answers.clear(); // role sets are few; this only bounds a pathological caller
    answers.set(key, (a = { scopes: new Map() }));
  }
  return a;
}

export function scopesFor(roles: readonly Role[], permission: Permission): Scope[] {
  const a = answersFor(roles);
  let s = a.scopes.get(permission);
  if (!s) a.scopes.set(permission, (s = Object.freeze(computeScopes(roles, permission))));
  return s as Scope[];
}

export function permissionsFor(roles: readonly Role[]): Permission[] {
  const a = answersFor(roles);
  a.permissions ??= Object.freeze(
    (Object.keys(PERMISSIONS) as Permission[]).filter((p) => scopesFor(roles, p).length > 0),
  ) as Permission[];
  return a.permissions;
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
