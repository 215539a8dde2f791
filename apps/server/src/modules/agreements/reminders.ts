import { AUP_AUDIENCE_LABELS, type AupAudience } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { AupVersionTable } from '../../db/schema-compliance.js';
import { newId } from '../../lib/ids.js';
import { addDays, iso } from '../../lib/time.js';
import { enqueueEmail, enqueueInApp } from '../outbox/service.js';
import { getSetting } from '../settings/service.js';
import { SocialMedia } from '../policy/settings.js';
import { registerJob } from '../../worker.js';
import * as repo from './repo.js';

export const REMINDER_JOB = 'agreements.remind';
const REMINDER_DAYS = 7;
const MAX_ROUNDS = 4;

export async function scheduleReminders(
  ctx: AppContext,
  tx: Executor,
  schoolId: string,
  versionId: string,
  round: number,
): Promise<void> {
  await tx
    .insertInto('jobs')
    .values({
      id: newId(),
      school_id: schoolId,
      kind: REMINDER_JOB,
      run_at: iso(addDays(ctx.clock.now(), REMINDER_DAYS)),
      payload: JSON.stringify({ versionId, round }),
      status: 'pending',
      attempts: 0,
      last_error: null,
      locked_until: null,
      created_at: iso(ctx.clock.now()),
    })
    .execute();
}

/**
 * Tells everyone in the audience who has not signed that an agreement waits for them: in the app when they
 * have an account, by email otherwise (parents mostly). Pupils' agreements go to their parents. No narrative.
 */
export async function remindUnsigned(
  ctx: AppContext,
  tx: Executor,
  schoolId: string,
  v: AupVersionTable,
  subject: string,
): Promise<number> {
  const audience = v.audience as AupAudience;
  const publisherIds = (await getSetting(ctx, SocialMedia, schoolId, tx)).publisherPersonIds;
  const members = await repo.audienceMembers(tx, schoolId, audience, {
    nowIso: iso(ctx.clock.now()),
    publisherIds,
  });
  const signed = await repo.signedIds(tx, schoolId, v.id);
  const todo = members.filter((m) => !signed.has(m.id));
  const body = `${subject}. Open Harbour to read "${v.title}" (version ${v.version}) and sign it.`;
  let sent = 0;
  const pupil = audience === 'pupil_ks1' || audience === 'pupil_ks2';
  const recipients = new Map<string, { account: string | null; email: string | null }>();
  if (pupil && todo.length > 0) {
    const parents = await tx
      .selectFrom('parent_links')
      .innerJoin('people', 'people.id', 'parent_links.parent_id')
      .select(['people.id', 'people.account_id', 'people.email'])
      .where('parent_links.school_id', '=', schoolId)
      .where('parent_links.no_contact', '=', 0)
      .where('parent_links.parental_responsibility', '=', 1)
      .where(
        'parent_links.pupil_id',
        'in',
        todo.map((m) => m.id),
      )
      .execute();
    for (const p of parents) recipients.set(p.id, { account: p.account_id, email: p.email });
  } else for (const m of todo) recipients.set(m.id, { account: m.account_id, email: m.email });
  for (const r of recipients.values()) {
    const common = { schoolId, subject, body, link: '/agreements/mine' };
    if (r.account) await enqueueInApp(ctx, tx, { ...common, recipientAccountId: r.account });
    else if (r.email) await enqueueEmail(ctx, tx, { ...common, toAddress: r.email });
    else continue;
    sent++;
  }
  return sent;
}

export async function notifyPublished(ctx: AppContext, tx: Executor, schoolId: string, v: AupVersionTable) {
  const label = AUP_AUDIENCE_LABELS[v.audience as AupAudience] ?? v.audience;
  return remindUnsigned(ctx, tx, schoolId, v, `A new acceptable-use agreement needs signing (${label})`);
}

registerJob(REMINDER_JOB, async (ctx, payload, schoolId) => {
  const { versionId, round } = payload as { versionId: string; round: number };
  if (!schoolId) return;
  await ctx.db.transaction().execute(async (tx) => {
    const v = await repo.getVersion(tx, schoolId, versionId);
    if (!v || v.status !== 'published') return;
    const current = await repo.currentVersion(tx, schoolId, v.audience as AupAudience);
    if (current?.id !== v.id) return; // superseded: the newer version has reminders of its own
    const sent = await remindUnsigned(
      ctx,
      tx,
      schoolId,
      v,
      'Reminder: an acceptable-use agreement is waiting for your signature',
    );
    if (sent > 0 && round < MAX_ROUNDS) await scheduleReminders(ctx, tx, schoolId, v.id, round + 1);
  });
});
