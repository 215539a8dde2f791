import type { Executor } from '../../db/index.js';
import type { PasswordRule } from './password-policy.js';

/**
 * Which password rule an account follows: a pupil's (KS2, clarification 10) if its person is a pupil, an
 * adult's otherwise; with the person's names, which a password may not contain.
 */
export async function passwordRuleOf(
  db: Executor,
  accountId: string,
): Promise<{ rule: PasswordRule; names: string[] }> {
  const people = await db
    .selectFrom('people')
    .select(['kind', 'given_name', 'family_name'])
    .where('account_id', '=', accountId)
    .execute();
  return {
    rule: people.some((p) => p.kind === 'pupil') ? 'pupil' : 'adult',
    names: people.flatMap((p) => [p.given_name, p.family_name]),
  };
}
