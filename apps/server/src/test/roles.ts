import type { Role } from '@harbour/shared';
import type { Executor } from '../db/index.js';
import { newId } from '../lib/ids.js';

/** Grants a role in a school or in an organisation (a trust or local authority), straight into the table. */
export async function grantRole(
  db: Executor,
  accountId: string,
  role: Role,
  where: { schoolId?: string; organisationId?: string },
  id = newId(),
): Promise<void> {
  await db
    .insertInto('role_assignments')
    .values({
      id,
      account_id: accountId,
      school_id: where.schoolId ?? null,
      organisation_id: where.organisationId ?? null,
      role,
      granted_at: new Date().toISOString(),
      granted_by: null,
      revoked_at: null,
      revoked_by: null,
    })
    .execute();
}

/** Grants a role held in an organisation (a trust or local authority), not in one school (clarification 4). */
export async function grantOrganisationRole(
  db: Executor,
  accountId: string,
  organisationId: string,
  role: Role,
): Promise<void> {
  await grantRole(db, accountId, role, { organisationId }, `${role}-${accountId}`);
}
