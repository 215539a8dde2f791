import type { Role } from '@harbour/shared';
import type { Executor } from '../db/index.js';

/** Grants a role held in an organisation (a trust or local authority), not in one school (clarification 4). */
export async function grantOrganisationRole(
  db: Executor,
  accountId: string,
  organisationId: string,
  role: Role,
): Promise<void> {
  await db
    .insertInto('role_assignments')
    .values({
      id: `${role}-${accountId}`,
      account_id: accountId,
      school_id: null,
      organisation_id: organisationId,
      role,
      granted_at: new Date().toISOString(),
      granted_by: null,
      revoked_at: null,
      revoked_by: null,
    })
    .execute();
}
