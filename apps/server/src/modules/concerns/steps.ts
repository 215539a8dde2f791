import { CONCERN_CATEGORY_INFO, isStaffAllegation, type ConcernCategory } from '@harbour/shared';
import type { z } from 'zod';
import type { Executor } from '../../db/index.js';
import type { ConcernStepTable } from '../../db/schema-concerns.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { addMinutes, iso } from '../../lib/time.js';
import { managed } from './additions.js';
import { playbookFor } from './playbooks.js';
import type { Close, Recategorise, Reopen, StepUpdate } from './schema-response.js';
import { sealer } from './seal.js';

const conflict = (msg: string, details?: unknown) => new AppError('conflict', msg, details);

async function setStatus(
  tx: Executor,
  c: Caller,
  concernId: string,
  from: string,
  to: 'open' | 'closed',
  extra: {
    eventId: string;
    reason_enc?: string | null;
    outcome_enc?: string | null;
    lessons_enc?: string | null;
    /** The same texts sealed for the concern row (its id as associated data): the latest closing. */
    row?: { outcome_enc: string; lessons_enc: string };
  },
) {
  const at = iso(c.ctx.clock.now());
  const r = await tx
    .updateTable('concerns')
    .set({
      status: to,
      updated_at: at,
      ...(to === 'open' && from === 'new' ? { opened_at: at, opened_by: c.actor.accountId } : {}),
      ...(to === 'closed'
        ? {
            closed_at: at,
            closed_by: c.actor.accountId,
            outcome_enc: extra.row?.outcome_enc ?? null,
            lessons_enc: extra.row?.lessons_enc ?? null,
          }
        : {}),
    })
    .where('school_id', '=', c.actor.schoolId)
    .where('id', '=', concernId)
    .where('status', '=', from as 'new')
    .executeTakeFirst();
  // Someone else changed it first: answer as a conflict, change nothing.
  if (Number(r.numUpdatedRows) !== 1) throw conflict('The concern changed meanwhile: reload it');
  await tx
    .insertInto('concern_status_events')
    .values({
      id: extra.eventId,
      school_id: c.actor.schoolId,
      concern_id: concernId,
      from_status: from,
      to_status: to,
      reason_enc: extra.reason_enc ?? null,
      outcome_enc: extra.outcome_enc ?? null,
      lessons_enc: extra.lessons_enc ?? null,
      at,
      by_account_id: c.actor.accountId,
    })
    .execute();
}

/** Opening a concern (new -> open) instantiates its category's playbook. */
export async function openConcern(c: Caller, id: string) {
  const { row } = await managed(c, id);
  if (row.status !== 'new') throw conflict(`The concern is already ${row.status}`);
  const playbook = playbookFor(row.category as ConcernCategory, row.subtype);
  const recorded = new Date(row.recorded_at);
  const at = iso(c.ctx.clock.now());
  const steps: ConcernStepTable[] = playbook.steps.map((s, i) => {
    // What the recording itself already shows is done: the report, and a DSL told in person.
    const already =
      (s.key === 'record' && row.source === 'staff') ||
      (s.key === 'notify_dsl' && row.dsl_told_in_person === 1);
    return {
      id: newId(),
      school_id: c.actor.schoolId,
      concern_id: id,
      playbook: playbook.key,
      step_key: s.key,
      position: i + 1,
      text: s.text,
      role: s.role,
      time_limit: s.limit?.label ?? null,
      due_at: s.limit ? iso(addMinutes(recorded, s.limit.minutes)) : null,
      referral_kind: s.referral ?? null,
      status: already ? 'done' : 'pending',
      note_enc: null,
      done_at: already ? row.recorded_at : null,
      done_by: already ? row.reporter_account_id : null,
      created_at: at,
    };
  });
  await c.ctx.db.transaction().execute(async (tx) => {
    await setStatus(tx, c, id, 'new', 'open', { eventId: newId() });
    await tx.insertInto('concern_steps').values(steps).execute();
    await auditAs(
      c,
      tx,
      'concern.open',
      { type: 'concern', id },
      { playbook: playbook.key, steps: steps.length },
    );
  });
  return { status: 'open', playbook: playbook.key, steps: steps.length };
}

/** Each step is done (who, when, note) or not applicable with a reason; a referral step's "not applicable" is a decision not to refer. */
export async function updateStep(c: Caller, id: string, body: z.infer<typeof StepUpdate>) {
  const { row } = await managed(c, id);
  if (row.status !== 'open') throw conflict('Open the concern to work its playbook');
  const schoolId = c.actor.schoolId;
  const seal = await sealer(c.ctx, schoolId);
  const at = iso(c.ctx.clock.now());
  await c.ctx.db.transaction().execute(async (tx) => {
    const step = await tx
      .selectFrom('concern_steps')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('concern_id', '=', id)
      .where('id', '=', body.stepId)
      .executeTakeFirst();
    if (!step)
      throw new AppError('validation', 'No such step on this concern', [
        { path: 'stepId', message: 'unknown' },
      ]);
    if (step.status !== 'pending') throw conflict('This step has already been recorded; add a note instead');
    const note = body.status === 'done' ? body.note : body.reason;
    await tx
      .updateTable('concern_steps')
      .set({
        status: body.status,
        note_enc: seal.maybe(step.id, 'note', note),
        done_at: at,
        done_by: c.actor.accountId,
      })
      .where('id', '=', step.id)
      .where('status', '=', 'pending')
      .execute();
    if (body.status === 'not_applicable' && step.referral_kind) {
      const rid = newId();
      await tx
        .insertInto('concern_referrals')
        .values({
          id: rid,
          school_id: schoolId,
          concern_id: id,
          decision: 'not_referred',
          agency_id: null,
          agency_kind: step.referral_kind,
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
    }
    await auditAs(c, tx, 'concern.step', { type: 'concern', id }, { stepId: step.id, status: body.status });
  });
  return { stepId: body.stepId, status: body.status };
}

/** A new concern may move to a better-fitting category before its playbook starts; the original is kept. */
export async function recategorise(c: Caller, id: string, body: z.infer<typeof Recategorise>) {
  const { row } = await managed(c, id);
  if (row.status !== 'new')
    throw conflict('Only a new concern can change category: its playbook has started');
  const info = CONCERN_CATEGORY_INFO[body.category];
  const subtype = body.subtype ?? null;
  if (info.subtypes ? !subtype || !(subtype in info.subtypes) : subtype)
    throw new AppError('validation', 'Choose a variant of this category', [
      { path: 'subtype', message: 'invalid' },
    ]);
  if (isStaffAllegation(body.category, subtype) !== (row.restricted === 1))
    throw new AppError(
      'validation',
      'An allegation about a member of staff is a separate, restricted record: record it as a new concern',
      [{ path: 'category', message: 'cannot move into or out of a restricted category' }],
    );
  const seal = await sealer(c.ctx, c.actor.schoolId);
  const aid = newId();
  const at = iso(c.ctx.clock.now());
  const was = row.subtype ? `${row.category}/${row.subtype}` : row.category;
  const now = subtype ? `${body.category}/${subtype}` : body.category;
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('concern_amendments')
      .values({
        id: aid,
        school_id: c.actor.schoolId,
        concern_id: id,
        field: 'category',
        previous_enc: seal.text(aid, 'previous', was),
        new_enc: seal.text(aid, 'new', now),
        reason_enc: seal.text(aid, 'reason', body.reason),
        amended_at: at,
        amended_by: c.actor.accountId,
      })
      .execute();
    await tx
      .updateTable('concerns')
      .set({ category: body.category, subtype, updated_at: at })
      .where('school_id', '=', c.actor.schoolId)
      .where('id', '=', id)
      .execute();
    await auditAs(c, tx, 'concern.recategorise', { type: 'concern', id }, { from: was, to: now });
  });
  return { category: body.category, subtype };
}

/** Closing needs the outcome and the lessons learnt (policy 8: debrief), and every step done or not applicable. */
export async function closeConcern(c: Caller, id: string, body: z.infer<typeof Close>) {
  const { row } = await managed(c, id);
  if (row.status !== 'open')
    throw conflict(row.status === 'new' ? 'Open the concern first' : 'It is already closed');
  const pending = await c.ctx.db
    .selectFrom('concern_steps')
    .select(['id', 'step_key'])
    .where('school_id', '=', c.actor.schoolId)
    .where('concern_id', '=', id)
    .where('status', '=', 'pending')
    .orderBy('position')
    .execute();
  if (pending.length)
    throw conflict(
      'Every step must be done or marked not applicable with a reason before closing',
      pending.map((p) => ({ stepId: p.id, step: p.step_key })),
    );
  const seal = await sealer(c.ctx, c.actor.schoolId);
  const eventId = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    await setStatus(tx, c, id, 'open', 'closed', {
      eventId,
      outcome_enc: seal.text(eventId, 'outcome', body.outcome),
      lessons_enc: seal.text(eventId, 'lessons', body.lessonsLearnt),
      row: {
        outcome_enc: seal.text(id, 'outcome', body.outcome),
        lessons_enc: seal.text(id, 'lessons', body.lessonsLearnt),
      },
    });
    await auditAs(c, tx, 'concern.close', { type: 'concern', id }, { eventId });
  });
  return { status: 'closed' };
}

/** Only a DSL reopens a closed concern, with a reason; the earlier closing stays on record. */
export async function reopenConcern(c: Caller, id: string, body: z.infer<typeof Reopen>) {
  const { row } = await managed(c, id);
  if (row.status !== 'closed') throw conflict('Only a closed concern can be reopened');
  const seal = await sealer(c.ctx, c.actor.schoolId);
  const eventId = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    await setStatus(tx, c, id, 'closed', 'open', {
      eventId,
      reason_enc: seal.text(eventId, 'reason', body.reason),
    });
    await auditAs(c, tx, 'concern.reopen', { type: 'concern', id }, { eventId });
  });
  return { status: 'open' };
}
