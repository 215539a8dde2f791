import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { addMinutes, iso } from '../../lib/time.js';
import { registerJob } from '../../worker.js';
import { appendAudit } from '../audit/service.js';
import { enqueueInApp } from '../outbox/service.js';
import type { Caller } from './caller.js';
import { nextNumber } from './changes.js';
import { checkAllowable, kindsOf } from './guards.js';
import { bumpVersion, livePolicy } from './live.js';
import { accountsWithRoles } from './people.js';
import { loadSchoolState } from './state.js';

/**
 * The emergency unblock (policy 7.3): only a leadership member, only for a limited time, logged as a change
 * request of kind "emergency" (it cannot wait for a second person), ended by a job at its expiry. It can never
 * allow illegal content or loosen the trust baseline.
 */
export const UNBLOCK_END_JOB = 'filtering.unblock_end';

export async function emergencyUnblock(
  c: Caller,
  body: { domain: string; groupId: string | null; reason: string; minutes: number },
) {
  const s = await loadSchoolState(c.ctx, c.ctx.db, c.actor.schoolId);
  if (!c.actor.roles.some((r) => r === 'headteacher' || r === 'leadership'))
    throw new AppError('forbidden', 'Only a member of the leadership team can make an emergency unblock');
  if (body.groupId !== null && !s.groups.some((g) => g.id === body.groupId))
    throw new AppError('validation', 'That group is not part of this school’s policy', [
      { path: 'groupId', message: 'not found' },
    ]);
  if (body.minutes > s.settings.emergencyMaxMinutes)
    throw new AppError(
      'validation',
      `An emergency unblock lasts at most ${s.settings.emergencyMaxMinutes} minutes`,
      [{ path: 'minutes', message: 'too long' }],
    );
  await checkAllowable(c.ctx.db, s, body.domain, kindsOf(s, body.groupId), 'domain');
  const now = c.ctx.clock.now();
  const expiresAt = iso(addMinutes(now, body.minutes));
  const id = newId();
  const crId = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    const number = await nextNumber(tx, c.actor.schoolId);
    const version = await bumpVersion(c.ctx, tx, {
      schoolId: c.actor.schoolId,
      cause: 'emergency',
      refId: id,
    });
    const op = {
      op: 'entry.add',
      groupId: body.groupId,
      domain: body.domain,
      effect: 'allow',
      note: `until ${expiresAt}`,
    };
    await tx
      .insertInto('filter_change_requests')
      .values({
        id: crId,
        school_id: c.actor.schoolId,
        number,
        kind: 'emergency',
        title: `Emergency unblock of ${body.domain} for ${body.minutes} minutes`,
        reason: body.reason,
        risk_educational: 'Emergency unblock: assessed by the leadership member making it',
        risk_technical: `Ends by itself at ${expiresAt}`,
        ops: JSON.stringify([op]),
        status: 'applied',
        requested_by: c.actor.accountId,
        requested_at: iso(now),
        decided_by: c.actor.accountId,
        decided_at: iso(now),
        decision_note: 'emergency',
        applied_at: iso(now),
        diff: JSON.stringify([
          { op: 'unblock', entity: 'unblock', id, before: null, after: { ...op, expiresAt } },
        ]),
        policy_version: version,
      })
      .execute();
    await tx
      .insertInto('filter_unblocks')
      .values({
        id,
        school_id: c.actor.schoolId,
        group_id: body.groupId,
        domain: body.domain,
        created_by: c.actor.accountId,
        created_at: iso(now),
        expires_at: expiresAt,
        ended_at: null,
        ended_by: null,
        change_request_id: crId,
      })
      .execute();
    await tx
      .insertInto('jobs')
      .values({
        id: newId(),
        school_id: c.actor.schoolId,
        kind: UNBLOCK_END_JOB,
        run_at: expiresAt,
        payload: JSON.stringify({ unblockId: id }),
        status: 'pending',
        attempts: 0,
        last_error: null,
        locked_until: null,
        created_at: iso(now),
      })
      .execute();
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: 'filter.unblock.emergency',
        entityType: 'filter_unblock',
        entityId: id,
        ip: c.ip,
        details: {
          changeRequest: crId,
          number,
          groupId: body.groupId,
          minutes: body.minutes,
          policyVersion: version,
        },
      },
      tx,
    );
    // The rest of the leadership team and the DSLs hear of it at once.
    for (const a of await accountsWithRoles(tx, c.actor.schoolId, ['headteacher', 'leadership', 'dsl']))
      if (a !== c.actor.accountId)
        await enqueueInApp(c.ctx, tx, {
          schoolId: c.actor.schoolId,
          recipientAccountId: a,
          subject: 'An emergency filtering unblock was made',
          body: `A site was unblocked for ${body.minutes} minutes by a leadership member; it ends by itself.`,
          link: `/filtering/changes/${crId}`,
        });
  });
  await livePolicy(c.ctx).refresh();
  return { unblock: { id, domain: body.domain, groupId: body.groupId, expiresAt, changeRequestId: crId } };
}

/** Ends an unblock (at its expiry, or early by a leadership member); a no-op when already ended. */
export async function endUnblock(
  ctx: AppContext,
  o: { schoolId: string; unblockId: string; actorAccountId: string | null; ip?: string | null },
): Promise<boolean> {
  const ended = await ctx.db.transaction().execute(async (tx) => {
    const u = await tx
      .selectFrom('filter_unblocks')
      .selectAll()
      .where('school_id', '=', o.schoolId)
      .where('id', '=', o.unblockId)
      .executeTakeFirst();
    if (!u) throw new AppError('not_found', 'Not found');
    if (u.ended_at) return false;
    const now = iso(ctx.clock.now());
    await tx
      .updateTable('filter_unblocks')
      .set({ ended_at: now, ended_by: o.actorAccountId })
      .where('id', '=', u.id)
      .execute();
    const version = await bumpVersion(ctx, tx, { schoolId: o.schoolId, cause: 'unblock_end', refId: u.id });
    await appendAudit(
      ctx,
      {
        schoolId: o.schoolId,
        actorAccountId: o.actorAccountId,
        action: o.actorAccountId ? 'filter.unblock.end' : 'filter.unblock.expire',
        entityType: 'filter_unblock',
        entityId: u.id,
        ip: o.ip ?? null,
        details: { changeRequest: u.change_request_id, policyVersion: version },
      },
      tx,
    );
    return true;
  });
  if (ended) await livePolicy(ctx).refresh();
  return ended;
}

export async function endUnblockEarly(c: Caller, id: string) {
  if (!c.actor.roles.some((r) => r === 'headteacher' || r === 'leadership'))
    throw new AppError('forbidden', 'Only a member of the leadership team can end an emergency unblock');
  const ended = await endUnblock(c.ctx, {
    schoolId: c.actor.schoolId,
    unblockId: id,
    actorAccountId: c.actor.accountId,
    ip: c.ip,
  });
  return { ended };
}

registerJob(UNBLOCK_END_JOB, async (ctx, payload, schoolId) => {
  const { unblockId } = payload as { unblockId: string };
  if (schoolId) await endUnblock(ctx, { schoolId, unblockId, actorAccountId: null });
});
