import { CONCERN_CATEGORY_INFO, type ConcernCategory } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { ConcernTable } from '../../db/schema-concerns.js';
import { enqueueEmail, enqueueInApp } from '../outbox/service.js';
import * as repo from './repo.js';

/** The DSL team: who hears of every concern that is not restricted. */
const DSL_TEAM_ROLES = ['dsl', 'deputy_dsl', 'headteacher'];

/**
 * Who is told of a new concern: the DSL team; for a restricted one only its custodian (the head, or the chair
 * when the head is the subject), never its subject (clarification 6).
 */
export async function alertRecipients(
  db: Executor,
  schoolId: string,
  c: Pick<ConcernTable, 'restricted' | 'custodian_role' | 'subject_person_id'>,
): Promise<string[]> {
  const roles = c.restricted ? [c.custodian_role ?? 'headteacher'] : DSL_TEAM_ROLES;
  const rows = await repo.accountsWithRoles(db, schoolId, roles);
  let subjectAccount: string | null = null;
  if (c.subject_person_id) {
    const p = await db
      .selectFrom('people')
      .select('account_id')
      .where('school_id', '=', schoolId)
      .where('id', '=', c.subject_person_id)
      .executeTakeFirst();
    subjectAccount = p?.account_id ?? null;
  }
  return [...new Set(rows.map((r) => r.account_id))].filter((a) => a !== subjectAccount).sort();
}

/**
 * Tells the recipients at once, in the app and by email, in the submission's transaction (clarification 11).
 * The messages carry no detail: that a concern of a category was raised, and a link (clarification 8).
 */
export async function alertNewConcern(
  ctx: AppContext,
  tx: Executor,
  schoolId: string,
  c: Pick<ConcernTable, 'id' | 'category' | 'restricted' | 'custodian_role' | 'subject_person_id' | 'source'>,
): Promise<number> {
  const recipients = await alertRecipients(tx, schoolId, c);
  const label = CONCERN_CATEGORY_INFO[c.category as ConcernCategory]?.label ?? 'Concern';
  const subject = c.restricted
    ? 'A restricted concern needs your attention'
    : c.source === 'pupil'
      ? 'A pupil has told Harbour they are worried'
      : `New concern: ${label}`;
  const body =
    `A concern of the category “${label}” has been raised in Harbour. ` +
    'Sign in to read it: this message carries no details.';
  const link = `/concerns/${c.id}`;
  for (const recipientAccountId of recipients) {
    await enqueueInApp(ctx, tx, { schoolId, recipientAccountId, subject, body, link });
    await enqueueEmail(ctx, tx, { schoolId, recipientAccountId, subject, body, link });
  }
  return recipients.length;
}
