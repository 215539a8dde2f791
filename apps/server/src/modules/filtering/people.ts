import type { Role } from '@harbour/shared';
import type { Executor } from '../../db/index.js';

/**
 * The two questions filtering asks of people and accounts (whose name is this account; who holds these
 * roles here), read-only. There is no people service function for either yet; if one appears, use it.
 */
export async function accountNames(
  db: Executor,
  schoolId: string,
  ids: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('accounts')
    .leftJoin('people', (j) =>
      j.onRef('people.account_id', '=', 'accounts.id').on('people.school_id', '=', schoolId),
    )
    .select([
      'accounts.id',
      'accounts.username',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
    ])
    .where('accounts.id', 'in', unique)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      r.given_name ? `${r.preferred_name ?? r.given_name} ${r.family_name ?? ''}`.trim() : r.username,
    ]),
  );
}

/** Accounts holding any of these roles in the school (not revoked, not disabled). */
export async function accountsWithRoles(db: Executor, schoolId: string, roles: Role[]): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('accounts', 'accounts.id', 'role_assignments.account_id')
    .select('role_assignments.account_id')
    .where('role_assignments.school_id', '=', schoolId)
    .where('role_assignments.role', 'in', roles)
    .where('role_assignments.revoked_at', 'is', null)
    .where('accounts.disabled_at', 'is', null)
    .distinct()
    .execute();
  return rows.map((r) => r.account_id);
}

/** The trust or local-authority officers of the school's organisation (not revoked, not disabled). */
export async function trustOfficersOf(db: Executor, schoolId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('accounts', 'accounts.id', 'role_assignments.account_id')
    .innerJoin('schools', 'schools.organisation_id', 'role_assignments.organisation_id')
    .select('role_assignments.account_id')
    .where('schools.id', '=', schoolId)
    .where('role_assignments.role', '=', 'trust_officer')
    .where('role_assignments.revoked_at', 'is', null)
    .where('accounts.disabled_at', 'is', null)
    .distinct()
    .execute();
  return rows.map((r) => r.account_id);
}
