import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { addDaysToDate } from '../../http/caller.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { enqueueEmail, enqueueInApp } from '../outbox/service.js';
import { SafeguardingContacts } from '../settings/registry.js';
import { getSetting } from '../settings/service.js';
import { registerJob } from '../../worker.js';
import { roleHolders } from './data.js';
import { PolicyReview } from './settings.js';

export const POLICY_REVIEW_JOB = 'policy.review_reminder';

/** Reminders at each of the school's chosen days before the review date (policy 1.2: reviewed at least yearly). */
export async function scheduleReviewReminders(
  ctx: AppContext,
  tx: Executor,
  schoolId: string,
  versionId: string,
  dueOn: string,
  daysBefore: number[],
): Promise<void> {
  const now = iso(ctx.clock.now());
  for (const d of [...new Set([...daysBefore, 0])]) {
    const runAt = `${addDaysToDate(dueOn, -d)}T08:00:00.000Z`;
    if (runAt <= now) continue;
    await tx
      .insertInto('jobs')
      .values({
        id: newId(),
        school_id: schoolId,
        kind: POLICY_REVIEW_JOB,
        run_at: runAt,
        payload: JSON.stringify({ versionId, dueOn, daysBefore: d }),
        status: 'pending',
        attempts: 0,
        last_error: null,
        locked_until: null,
        created_at: now,
      })
      .execute();
  }
}

/** The people told about the policy: the headteacher, the DSLs and the online-safety leads. */
async function policyPeople(ctx: AppContext, tx: Executor, schoolId: string) {
  const contacts = await getSetting(ctx, SafeguardingContacts, schoolId, tx);
  const leads = await getSetting(ctx, PolicyReview, schoolId, tx);
  const heads = await roleHolders(tx, schoolId, 'headteacher');
  const ids = [
    ...new Set([...heads.map((h) => h.id), ...contacts.dslPersonIds, ...leads.onlineSafetyLeadPersonIds]),
  ];
  if (ids.length === 0) return [];
  return tx
    .selectFrom('people')
    .select(['id', 'account_id', 'email'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', ids)
    .execute();
}

async function tell(
  ctx: AppContext,
  tx: Executor,
  schoolId: string,
  to: { account_id: string | null; email: string | null }[],
  msg: { subject: string; body: string; link: string },
) {
  for (const p of to) {
    if (p.account_id) await enqueueInApp(ctx, tx, { schoolId, recipientAccountId: p.account_id, ...msg });
    else if (p.email) await enqueueEmail(ctx, tx, { schoolId, toAddress: p.email, ...msg });
  }
}

/** A new draft waits for the headteacher's and the chair's approval. */
export async function tellApprovers(
  ctx: AppContext,
  tx: Executor,
  schoolId: string,
  versionId: string,
  version: number,
) {
  const approvers = [
    ...(await roleHolders(tx, schoolId, 'headteacher')),
    ...(await roleHolders(tx, schoolId, 'chair_of_governors')),
  ];
  await tell(
    ctx,
    tx,
    schoolId,
    approvers.map((a) => ({ account_id: a.account_id, email: null })),
    {
      subject: `Online-safety policy version ${version} is waiting for your approval`,
      body: `A new version (${version}) of the online-safety policy has been prepared from the school's settings. Open Harbour to read it and record your approval.`,
      link: `/policy/versions/${versionId}`,
    },
  );
}

registerJob(POLICY_REVIEW_JOB, async (ctx, payload, schoolId) => {
  const { versionId, dueOn, daysBefore } = payload as {
    versionId: string;
    dueOn: string;
    daysBefore: number;
  };
  if (!schoolId) return;
  await ctx.db.transaction().execute(async (tx) => {
    const v = await tx
      .selectFrom('policy_versions')
      .select(['status', 'review_due_on'])
      .where('school_id', '=', schoolId)
      .where('id', '=', versionId)
      .executeTakeFirst();
    // Replaced by a newer version, or given a new date: this reminder no longer applies.
    if (!v || v.status !== 'published' || v.review_due_on !== dueOn) return;
    await tell(ctx, tx, schoolId, await policyPeople(ctx, tx, schoolId), {
      subject:
        daysBefore > 0
          ? `The online-safety policy is due for review in ${daysBefore} days`
          : 'The online-safety policy is due for review today',
      body: `The online-safety policy must be reviewed by ${dueOn} (policy 1.2: at least once a year). Prepare a new version from the settings and ask the headteacher and the chair of governors to approve it.`,
      link: '/policy',
    });
  });
});
