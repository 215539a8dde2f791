import { CONSENT_CHANNEL_LABELS, type ConsentChannel } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { enqueueEmail, enqueueInApp } from '../outbox/service.js';
import { getSetting } from '../settings/service.js';
import { SocialMedia } from '../policy/settings.js';

/**
 * A withdrawal takes effect at once and is flagged to the staff who publish (issue 5): the publishers named
 * in the social-media setting, and the headteacher, who has editorial responsibility for what the school
 * publishes (policy 2.1). The notice names no pupil: it links to the record.
 */
export async function flagWithdrawal(
  ctx: AppContext,
  tx: Executor,
  schoolId: string,
  w: { pupilId: string; channels: ConsentChannel[] },
): Promise<number> {
  const { publisherPersonIds } = await getSetting(ctx, SocialMedia, schoolId, tx);
  const heads = await tx
    .selectFrom('role_assignments')
    .innerJoin('people', 'people.account_id', 'role_assignments.account_id')
    .select(['people.id'])
    .where('role_assignments.school_id', '=', schoolId)
    .where('role_assignments.role', '=', 'headteacher')
    .where('role_assignments.revoked_at', 'is', null)
    .where('people.school_id', '=', schoolId)
    .execute();
  const ids = [...new Set([...publisherPersonIds, ...heads.map((h) => h.id)])];
  if (ids.length === 0) return 0;
  const people = await tx
    .selectFrom('people')
    .select(['id', 'account_id', 'email'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', ids)
    .where('left_at', 'is', null)
    .execute();
  const channels = w.channels.map((c) => CONSENT_CHANNEL_LABELS[c]).join(', ');
  const msg = {
    schoolId,
    subject: 'Image consent withdrawn: check before you publish',
    body: `A parent or carer has withdrawn consent for a pupil's images (${channels}). It applies now: open Harbour to see which pupil, and remove anything already published.`,
    link: `/consents/pupils/${w.pupilId}`,
  };
  let n = 0;
  for (const p of people) {
    if (p.account_id) await enqueueInApp(ctx, tx, { ...msg, recipientAccountId: p.account_id });
    else if (p.email) await enqueueEmail(ctx, tx, { ...msg, toAddress: p.email });
    else continue;
    n++;
  }
  return n;
}
