import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { PersonTable } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { endOfLocalDay, iso, localDate } from '../../lib/time.js';
import { endSessionsOf } from '../auth/sessions.js';
import { appendAudit } from '../audit/service.js';
import { getSchool } from '../schools/service.js';
import { registerJob } from '../../worker.js';
import * as repo from './repo.js';
import type { Caller } from './service.js';

/** Leavers (policy 5.3): a leave date, access ended on the day, and the report of who has gone. */

/**
 * Ends a person's access at once (policy 5.3: access removed when they leave): their roles in this school are
 * revoked, every session ends, and the account is disabled unless it still holds roles in another school.
 */
export async function endAccess(
  ctx: AppContext,
  tx: Executor,
  schoolId: string,
  person: PersonTable,
  actorAccountId: string | null,
  ip: string | null,
) {
  if (!person.account_id) return;
  const now = iso(ctx.clock.now());
  await tx
    .updateTable('role_assignments')
    .set({ revoked_at: now, revoked_by: actorAccountId })
    .where('account_id', '=', person.account_id)
    .where('school_id', '=', schoolId)
    .where('revoked_at', 'is', null)
    .execute();
  const elsewhere = await tx
    .selectFrom('role_assignments')
    .select('id')
    .where('account_id', '=', person.account_id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!elsewhere) {
    await tx
      .updateTable('accounts')
      .set({ disabled_at: now, disabled_reason: 'leaver', updated_at: now })
      .where('id', '=', person.account_id)
      .where('disabled_at', 'is', null)
      .execute();
  }
  const ended = await endSessionsOf(tx, person.account_id, 'leaver', now);
  await appendAudit(
    ctx,
    {
      schoolId,
      actorAccountId,
      action: 'account.access_ended',
      entityType: 'account',
      entityId: person.account_id,
      ip,
      details: { personId: person.id, sessionsEnded: ended, disabled: !elsewhere },
    },
    tx,
  );
}

export const LEAVER_JOB = 'people.leaver_end_access';

/**
 * Records a leave date. Today or earlier: access ends now. Later: at the end of that day in the school's time
 * zone, by a job (clarification 10); loadActor also refuses a leaver's session once that time has passed.
 */
export async function applyLeaveDate(
  ctx: AppContext,
  tx: Executor,
  opts: {
    schoolId: string;
    person: PersonTable;
    leaveDate: string;
    actorAccountId: string | null;
    ip: string | null;
  },
): Promise<{ leftAt: string; immediate: boolean }> {
  const school = await getSchool(ctx, opts.schoolId, tx);
  const tz = school?.time_zone ?? 'Europe/London';
  const now = ctx.clock.now();
  const immediate = opts.leaveDate <= localDate(now, tz);
  const leftAt = immediate ? iso(now) : iso(endOfLocalDay(opts.leaveDate, tz));
  await repo.updatePerson(tx, opts.schoolId, opts.person.id, {
    leave_date: opts.leaveDate,
    left_at: leftAt,
    updated_at: iso(now),
  });
  await appendAudit(
    ctx,
    {
      schoolId: opts.schoolId,
      actorAccountId: opts.actorAccountId,
      action: 'person.leaver',
      entityType: 'person',
      entityId: opts.person.id,
      ip: opts.ip,
      details: { leaveDate: opts.leaveDate, immediate },
    },
    tx,
  );
  if (immediate)
    await endAccess(
      ctx,
      tx,
      opts.schoolId,
      { ...opts.person, left_at: leftAt },
      opts.actorAccountId,
      opts.ip,
    );
  else {
    await tx
      .insertInto('jobs')
      .values({
        id: newId(),
        school_id: opts.schoolId,
        kind: LEAVER_JOB,
        run_at: leftAt,
        payload: JSON.stringify({ personId: opts.person.id }),
        status: 'pending',
        attempts: 0,
        last_error: null,
        locked_until: null,
        created_at: iso(now),
      })
      .execute();
  }
  return { leftAt, immediate };
}

export async function markLeaver(c: Caller, id: string, leaveDate: string) {
  return c.ctx.db.transaction().execute(async (tx) => {
    const person = await repo.getPersonForWrite(tx, c.actor.schoolId, id);
    if (!person) throw new AppError('not_found', 'Not found');
    if (person.left_at && person.left_at <= iso(c.ctx.clock.now()))
      throw new AppError('conflict', 'This person has already left');
    return applyLeaveDate(c.ctx, tx, {
      schoolId: c.actor.schoolId,
      person,
      leaveDate,
      actorAccountId: c.actor.accountId,
      ip: c.ip,
    });
  });
}

registerJob(LEAVER_JOB, async (ctx, payload, schoolId) => {
  const { personId } = payload as { personId: string };
  if (!schoolId) return;
  await ctx.db.transaction().execute(async (tx) => {
    const person = await repo.getPersonForWrite(tx, schoolId, personId);
    // The leave date may have been changed since the job was queued: act only if it has really passed.
    if (!person?.left_at || person.left_at > iso(ctx.clock.now())) return;
    await endAccess(ctx, tx, schoolId, person, null, null);
  });
});

export async function leaversReport(c: Caller, from: string | undefined, limit: number) {
  const rows = await repo.leavers(c.ctx.db, c.actor.schoolId, from, limit);
  const now = iso(c.ctx.clock.now());
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: `${r.given_name} ${r.family_name}`,
    leaveDate: r.leave_date,
    leftAt: r.left_at,
    pending: r.left_at !== null && r.left_at > now,
    username: r.username,
    accessEndedAt: r.disabled_at ?? (r.left_at !== null && r.left_at <= now ? r.left_at : null),
  }));
}
