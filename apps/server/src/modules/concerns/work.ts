import { CONCERN_SANCTIONS } from '@harbour/shared';
import type { z } from 'zod';
import type { Executor } from '../../db/index.js';
import { auditAs, schoolToday, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { addMinutes, iso } from '../../lib/time.js';
import { findPerson } from '../people/lookup.js';
import { managed } from './additions.js';
import { agencyOf, ensureDirectory } from './agencies.js';
import type {
  ActionDone,
  NewAction,
  NoReferral,
  ParentContact,
  Referral,
  ReferralResponse,
  Sanction,
} from './schema-response.js';
import { sealer } from './seal.js';

const invalid = (path: string, message: string, text = 'The request is not valid') =>
  new AppError('validation', text, [{ path, message }]);
const conflict = (msg: string) => new AppError('conflict', msg);

async function workable(c: Caller, id: string) {
  const a = await managed(c, id);
  if (a.row.status === 'closed') throw conflict('The concern is closed: a DSL can reopen it with a reason');
  return a;
}

function notFuture(c: Caller, at: string, path: string): string {
  if (new Date(at) > addMinutes(c.ctx.clock.now(), 5)) throw invalid(path, 'cannot be in the future');
  return iso(new Date(at));
}

/** One of the concern's pupils, or a validation error. */
async function pupilOfConcern(db: Executor, schoolId: string, concernId: string, pupilId: string) {
  const r = await db
    .selectFrom('concern_people')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('concern_id', '=', concernId)
    .where('person_id', '=', pupilId)
    .executeTakeFirst();
  if (!r) throw invalid('pupilId', 'not one of the pupils on this concern');
}

/** Marks the first pending step of the concern expecting this kind of referral as done (or not applicable). */
async function settleReferralStep(
  tx: Executor,
  c: Caller,
  concernId: string,
  kind: string,
  status: 'done' | 'not_applicable',
  noteSealed: (stepId: string) => string | null,
) {
  const step = await tx
    .selectFrom('concern_steps')
    .select('id')
    .where('school_id', '=', c.actor.schoolId)
    .where('concern_id', '=', concernId)
    .where('referral_kind', '=', kind)
    .where('status', '=', 'pending')
    .orderBy('position')
    .executeTakeFirst();
  if (!step) return null;
  await tx
    .updateTable('concern_steps')
    .set({
      status,
      note_enc: noteSealed(step.id),
      done_at: iso(c.ctx.clock.now()),
      done_by: c.actor.accountId,
    })
    .where('id', '=', step.id)
    .execute();
  return step.id;
}

/** An action for a person, with a due date; overdue ones are flagged on the dashboard. */
export async function addAction(c: Caller, id: string, body: z.infer<typeof NewAction>) {
  const { row } = await workable(c, id);
  const schoolId = c.actor.schoolId;
  const person = await findPerson(c.ctx.db, schoolId, body.assigneePersonId);
  if (!person || person.kind !== 'staff' || person.id === row.subject_person_id)
    throw invalid('assigneePersonId', 'not a member of staff who can take this action');
  const seal = await sealer(c.ctx, schoolId);
  const actionId = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('concern_actions')
      .values({
        id: actionId,
        school_id: schoolId,
        concern_id: id,
        title_enc: seal.text(actionId, 'title', body.title),
        assignee_person_id: person.id,
        due_on: body.dueOn,
        created_at: iso(c.ctx.clock.now()),
        created_by: c.actor.accountId,
        done_at: null,
        done_by: null,
        done_note_enc: null,
      })
      .execute();
    await auditAs(c, tx, 'concern.action', { type: 'concern', id }, { actionId, assignee: person.id });
  });
  return { id: actionId };
}

/** The person an action is assigned to, or the DSL team, marks it done (once). */
export async function completeAction(c: Caller, actionId: string, body: z.infer<typeof ActionDone>) {
  const schoolId = c.actor.schoolId;
  const action = await c.ctx.db
    .selectFrom('concern_actions')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', actionId)
    .executeTakeFirst();
  const mine = !!action && !!c.actor.personId && action.assignee_person_id === c.actor.personId;
  if (!action) throw new AppError('not_found', 'Not found');
  if (!mine)
    await managed(c, action.concern_id).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'forbidden' ? e : new AppError('not_found', 'Not found');
    });
  if (action.done_at) throw conflict('This action is already done');
  const seal = await sealer(c.ctx, schoolId);
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('concern_actions')
      .set({
        done_at: iso(c.ctx.clock.now()),
        done_by: c.actor.accountId,
        done_note_enc: seal.maybe(actionId, 'done_note', body.note),
      })
      .where('id', '=', actionId)
      .where('done_at', 'is', null)
      .execute();
    await auditAs(c, tx, 'concern.action.done', { type: 'concern', id: action.concern_id }, { actionId });
  });
  return { id: actionId, done: true };
}

/** A referral to an agency of the school's directory: when, the agency's reference, when a reply is due. */
export async function refer(c: Caller, id: string, body: z.infer<typeof Referral>) {
  await workable(c, id);
  const schoolId = c.actor.schoolId;
  const referredAt = notFuture(c, body.referredAt, 'referredAt');
  const today = await schoolToday(c.ctx, schoolId);
  if (body.responseDueOn && body.responseDueOn < referredAt.slice(0, 10))
    throw invalid('responseDueOn', 'cannot be before the referral');
  const seal = await sealer(c.ctx, schoolId);
  const rid = newId();
  const at = iso(c.ctx.clock.now());
  await c.ctx.db.transaction().execute(async (tx) => {
    await ensureDirectory(tx, schoolId, at);
    const agency = await agencyOf(tx, schoolId, body.agencyId);
    if (!agency) throw invalid('agencyId', 'not an agency in this school’s directory');
    await tx
      .insertInto('concern_referrals')
      .values({
        id: rid,
        school_id: schoolId,
        concern_id: id,
        decision: 'referred',
        agency_id: agency.id,
        agency_kind: agency.kind,
        agency_name: agency.name,
        referred_at: referredAt,
        reference_enc: seal.maybe(rid, 'reference', body.reference),
        reason_enc: null,
        response_due_on: body.responseDueOn ?? null,
        response_enc: null,
        response_at: null,
        response_by: null,
        recorded_at: at,
        recorded_by: c.actor.accountId,
      })
      .execute();
    const stepId = await settleReferralStep(tx, c, id, agency.kind, 'done', (sid) =>
      seal.text(sid, 'note', `Referred to ${agency.name}`),
    );
    await auditAs(
      c,
      tx,
      'concern.referral',
      { type: 'concern', id },
      { referralId: rid, agencyId: agency.id, stepId },
    );
  });
  return { id: rid, overdue: !!body.responseDueOn && body.responseDueOn < today };
}

/** The agency's reply, recorded once. */
export async function referralResponse(c: Caller, id: string, body: z.infer<typeof ReferralResponse>) {
  await workable(c, id);
  const seal = await sealer(c.ctx, c.actor.schoolId);
  const at = body.respondedAt ? notFuture(c, body.respondedAt, 'respondedAt') : iso(c.ctx.clock.now());
  await c.ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('concern_referrals')
      .set({
        response_enc: seal.text(body.referralId, 'response', body.response),
        response_at: at,
        response_by: c.actor.accountId,
      })
      .where('school_id', '=', c.actor.schoolId)
      .where('concern_id', '=', id)
      .where('id', '=', body.referralId)
      .where('decision', '=', 'referred')
      .where('response_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw invalid('referralId', 'not an unanswered referral of this concern');
    await auditAs(
      c,
      tx,
      'concern.referral.response',
      { type: 'concern', id },
      { referralId: body.referralId },
    );
  });
  return { id: body.referralId };
}

/** A decision not to refer, recorded as such with its reason (KCSIE). */
export async function noReferral(c: Caller, id: string, body: z.infer<typeof NoReferral>) {
  await workable(c, id);
  const seal = await sealer(c.ctx, c.actor.schoolId);
  const rid = newId();
  const at = iso(c.ctx.clock.now());
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('concern_referrals')
      .values({
        id: rid,
        school_id: c.actor.schoolId,
        concern_id: id,
        decision: 'not_referred',
        agency_id: null,
        agency_kind: body.agencyKind,
        agency_name: null,
        referred_at: at,
        reference_enc: null,
        reason_enc: seal.text(rid, 'reason', body.reason),
        response_due_on: null,
        response_enc: null,
        response_at: null,
        response_by: null,
        recorded_at: at,
        recorded_by: c.actor.accountId,
      })
      .execute();
    const stepId = await settleReferralStep(tx, c, id, body.agencyKind, 'not_applicable', (sid) =>
      seal.text(sid, 'note', body.reason),
    );
    await auditAs(c, tx, 'concern.no_referral', { type: 'concern', id }, { referralId: rid, stepId });
  });
  return { id: rid };
}

/** Parents or carers informed: who, when, how; or why not. */
export async function parentContact(c: Caller, id: string, body: z.infer<typeof ParentContact>) {
  await workable(c, id);
  const schoolId = c.actor.schoolId;
  await pupilOfConcern(c.ctx.db, schoolId, id, body.pupilId);
  if (body.informed && body.parentPersonId) {
    const link = await c.ctx.db
      .selectFrom('parent_links')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('pupil_id', '=', body.pupilId)
      .where('parent_id', '=', body.parentPersonId)
      .executeTakeFirst();
    if (!link) throw invalid('parentPersonId', 'not a parent or carer of this pupil');
  }
  const seal = await sealer(c.ctx, schoolId);
  const pid = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('concern_parent_contacts')
      .values({
        id: pid,
        school_id: schoolId,
        concern_id: id,
        pupil_id: body.pupilId,
        informed: body.informed ? 1 : 0,
        parent_person_id: body.informed ? (body.parentPersonId ?? null) : null,
        method: body.informed ? body.method : null,
        at: body.informed ? notFuture(c, body.at, 'at') : null,
        reason_not_enc: body.informed ? null : seal.text(pid, 'reason_not', body.reason),
        note_enc: body.informed ? seal.maybe(pid, 'note', body.note) : null,
        recorded_at: iso(c.ctx.clock.now()),
        recorded_by: c.actor.accountId,
      })
      .execute();
    await auditAs(
      c,
      tx,
      'concern.parents',
      { type: 'concern', id },
      { contactId: pid, informed: body.informed },
    );
  });
  return { id: pid };
}

/** A sanction from the policy's list (9.5, 9.6) against one of the concern's pupils. */
export async function addSanction(c: Caller, id: string, body: z.infer<typeof Sanction>) {
  await workable(c, id);
  const schoolId = c.actor.schoolId;
  await pupilOfConcern(c.ctx.db, schoolId, id, body.pupilId);
  if (body.sanction === 'internet_suspended' && !body.untilOn)
    throw invalid('untilOn', 'say until when internet access is suspended');
  if (body.untilOn && body.untilOn < body.fromOn) throw invalid('untilOn', 'cannot be before fromOn');
  const seal = await sealer(c.ctx, schoolId);
  const sid = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('concern_sanctions')
      .values({
        id: sid,
        school_id: schoolId,
        concern_id: id,
        pupil_id: body.pupilId,
        sanction: body.sanction,
        detail_enc: seal.maybe(sid, 'detail', body.detail),
        from_on: body.fromOn,
        until_on: body.untilOn ?? null,
        recorded_at: iso(c.ctx.clock.now()),
        recorded_by: c.actor.accountId,
      })
      .execute();
    await auditAs(
      c,
      tx,
      'concern.sanction',
      { type: 'concern', id },
      { sanctionId: sid, pupilId: body.pupilId },
    );
  });
  return { id: sid, label: CONCERN_SANCTIONS[body.sanction] };
}
