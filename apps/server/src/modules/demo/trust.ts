import type { AppContext } from '../../context.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { hashPassword } from '../auth/passwords.js';
import { createOrganisation } from '../schools/service.js';
import { demoAccountRow } from './seed.js';

/** The demo school's fictional trust and its two officers (clarification 4: roles held in the organisation). */
export const DEMO_TRUST_NAME = 'Harbourside Learning Trust';
export const DEMO_TRUST_OFFICERS = ['trust1', 'trust2'] as const;

/** Puts the school in the trust and creates the officers; with no password they cannot sign in yet. */
export async function seedDemoTrust(
  ctx: AppContext,
  schoolId: string,
  opts: { password?: string } = {},
): Promise<Record<string, { accountId: string }>> {
  const now = iso(ctx.clock.now());
  const hash = opts.password ? await hashPassword(opts.password) : null;
  return ctx.db.transaction().execute(async (tx) => {
    const organisationId = await createOrganisation(ctx, { name: DEMO_TRUST_NAME, kind: 'trust' }, tx);
    await tx
      .updateTable('schools')
      .set({ organisation_id: organisationId })
      .where('id', '=', schoolId)
      .execute();
    const accounts: Record<string, { accountId: string }> = {};
    for (const username of DEMO_TRUST_OFFICERS) {
      const accountId = newId();
      await tx
        .insertInto('accounts')
        .values({ ...demoAccountRow(accountId, username, now), password_hash: hash })
        .execute();
      await tx
        .insertInto('role_assignments')
        .values({
          id: newId(),
          account_id: accountId,
          school_id: null,
          organisation_id: organisationId,
          role: 'trust_officer',
          granted_at: now,
          granted_by: null,
          revoked_at: null,
          revoked_by: null,
        })
        .execute();
      accounts[username] = { accountId };
    }
    return accounts;
  });
}
