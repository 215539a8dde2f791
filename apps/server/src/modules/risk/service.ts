import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { RiskAssessmentTable } from '../../db/schema-compliance.js';
import { addDaysToDate, addMonthsToDate, auditAs, schoolToday, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { enqueueInApp } from '../outbox/service.js';
import { registerJob } from '../../worker.js';
import type { DecideBody, DpCheckBody, NewAssessment, PatchAssessment, ReviewBody } from './schema.js';

/**
 * Technology risk assessments (policy 5.1: new technologies are risk assessed "before use in school is
 * allowed"; 7.4: apps that store personal data are risk assessed before use). A tool is in use only once the
 * leadership has approved it, after a data-protection check when it holds personal data or pupils' images;
 * every approval carries a review date at most a year ahead.
 */
export const REVIEW_JOB = 'risk.review_due';
const DUE_SOON_DAYS = 30;

function present(r: RiskAssessmentTable, today: string) {
  const inUse = r.status === 'approved';
  return {
    id: r.id,
    name: r.name,
    supplier: r.supplier,
    purpose: r.purpose,
    storesPersonalData: r.stores_personal_data === 1,
    storesPupilImages: r.stores_pupil_images === 1,
    dataDescription: r.data_description,
    risks: r.risks,
    mitigations: r.mitigations,
    dpCheck: r.dp_check,
    dpNotes: r.dp_notes,
    dpCheckedAt: r.dp_checked_at,
    status: r.status,
    inUse,
    decidedAt: r.decided_at,
    decisionNotes: r.decision_notes,
    reviewOn: r.review_on,
    lastReviewedAt: r.last_reviewed_at,
    reviewDue: inUse && !!r.review_on && r.review_on <= addDaysToDate(today, DUE_SOON_DAYS),
    reviewOverdue: inUse && !!r.review_on && r.review_on < today,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const get = (db: Executor, schoolId: string, id: string) =>
  db
    .selectFrom('risk_assessments')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();

async function mustGet(db: Executor, schoolId: string, id: string) {
  const r = await get(db, schoolId, id);
  if (!r) throw new AppError('not_found', 'Not found');
  return r;
}

export async function list(c: Caller, status: string | undefined) {
  const today = await schoolToday(c.ctx, c.actor.schoolId);
  const rows = await c.ctx.db
    .selectFrom('risk_assessments')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .orderBy('name')
    .execute();
  const all = rows.map((r) => present(r, today));
  const filtered = all.filter((a) =>
    !status
      ? true
      : status === 'in_use'
        ? a.inUse
        : status === 'review_due'
          ? a.reviewDue
          : a.status === status,
  );
  return { today, assessments: filtered };
}

export async function getOne(c: Caller, id: string) {
  const today = await schoolToday(c.ctx, c.actor.schoolId);
  return { assessment: present(await mustGet(c.ctx.db, c.actor.schoolId, id), today) };
}

export async function create(c: Caller, b: z.infer<typeof NewAssessment>) {
  return c.ctx.db.transaction().execute(async (tx) => {
    const now = iso(c.ctx.clock.now());
    const row: RiskAssessmentTable = {
      id: newId(),
      school_id: c.actor.schoolId,
      name: b.name,
      supplier: b.supplier ?? null,
      purpose: b.purpose,
      stores_personal_data: b.storesPersonalData ? 1 : 0,
      stores_pupil_images: b.storesPupilImages ? 1 : 0,
      data_description: b.dataDescription ?? null,
      risks: b.risks,
      mitigations: b.mitigations,
      dp_check: 'not_done',
      dp_notes: null,
      dp_checked_by: null,
      dp_checked_at: null,
      status: 'draft',
      decided_by: null,
      decided_at: null,
      decision_notes: null,
      review_on: null,
      last_reviewed_at: null,
      created_by: c.actor.accountId,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('risk_assessments').values(row).execute();
    await auditAs(c, tx, 'risk.create', { type: 'risk_assessment', id: row.id });
    return { assessment: present(row, await schoolToday(c.ctx, c.actor.schoolId, tx)) };
  });
}

async function change(
  c: Caller,
  id: string,
  action: string,
  fn: (r: RiskAssessmentTable, tx: Executor, today: string) => Promise<Partial<RiskAssessmentTable>>,
) {
  return c.ctx.db.transaction().execute(async (tx) => {
    const r = await mustGet(tx, c.actor.schoolId, id);
    const today = await schoolToday(c.ctx, c.actor.schoolId, tx);
    const set = { ...(await fn(r, tx, today)), updated_at: iso(c.ctx.clock.now()) };
    await tx
      .updateTable('risk_assessments')
      .set(set)
      .where('school_id', '=', c.actor.schoolId)
      .where('id', '=', id)
      .execute();
    await auditAs(c, tx, action, { type: 'risk_assessment', id }, { status: set.status ?? r.status });
    return { assessment: present({ ...r, ...set }, today) };
  });
}

export const edit = (c: Caller, id: string, b: z.infer<typeof PatchAssessment>) =>
  change(c, id, 'risk.edit', async (r) => {
    if (r.status === 'approved' || r.status === 'retired')
      throw new AppError(
        'conflict',
        'An approved or retired assessment does not change: record a review, or start a new assessment',
      );
    const set: Partial<RiskAssessmentTable> = {};
    if (b.name !== undefined) set.name = b.name;
    if (b.supplier !== undefined) set.supplier = b.supplier;
    if (b.purpose !== undefined) set.purpose = b.purpose;
    if (b.storesPersonalData !== undefined) set.stores_personal_data = b.storesPersonalData ? 1 : 0;
    if (b.storesPupilImages !== undefined) set.stores_pupil_images = b.storesPupilImages ? 1 : 0;
    if (b.dataDescription !== undefined) set.data_description = b.dataDescription;
    if (b.risks !== undefined) set.risks = b.risks;
    if (b.mitigations !== undefined) set.mitigations = b.mitigations;
    // A changed assessment goes back for a fresh check and decision.
    return {
      ...set,
      status: r.status === 'rejected' ? 'draft' : r.status,
      dp_check: 'not_done',
      dp_notes: null,
    };
  });

export const submit = (c: Caller, id: string) =>
  change(c, id, 'risk.submit', async (r) => {
    if (r.status !== 'draft') throw new AppError('conflict', 'Only a draft is submitted for a decision');
    return { status: 'submitted' };
  });

export const dpCheck = (c: Caller, id: string, b: z.infer<typeof DpCheckBody>) =>
  change(c, id, 'risk.dp_check', async (r) => {
    if (r.status !== 'submitted' && r.status !== 'draft')
      throw new AppError('conflict', 'The data-protection check comes before the decision');
    return {
      dp_check: b.outcome,
      dp_notes: b.notes,
      dp_checked_by: c.actor.accountId,
      dp_checked_at: iso(c.ctx.clock.now()),
    };
  });

async function scheduleReview(c: Caller, tx: Executor, id: string, reviewOn: string) {
  const runOn = addDaysToDate(reviewOn, -DUE_SOON_DAYS);
  await tx
    .insertInto('jobs')
    .values({
      id: newId(),
      school_id: c.actor.schoolId,
      kind: REVIEW_JOB,
      run_at: `${runOn}T08:00:00.000Z`,
      payload: JSON.stringify({ id, reviewOn }),
      status: 'pending',
      attempts: 0,
      last_error: null,
      locked_until: null,
      created_at: iso(c.ctx.clock.now()),
    })
    .execute();
}

function checkReviewDate(reviewOn: string, today: string) {
  if (reviewOn <= today || reviewOn > addMonthsToDate(today, 12))
    throw new AppError('validation', 'The review date must be within the next year', [
      { path: 'reviewOn', message: 'after today and within a year' },
    ]);
}

export const decide = (c: Caller, id: string, b: z.infer<typeof DecideBody>) =>
  change(c, id, `risk.${b.decision === 'approved' ? 'approve' : 'reject'}`, async (r, tx, today) => {
    if (r.status !== 'submitted') throw new AppError('conflict', 'Only a submitted assessment is decided');
    if (r.created_by === c.actor.accountId)
      throw new AppError('forbidden', 'Someone other than the person who proposed the tool decides on it');
    if (b.decision === 'rejected')
      return {
        status: 'rejected',
        decided_by: c.actor.accountId,
        decided_at: iso(c.ctx.clock.now()),
        decision_notes: b.notes,
      };
    const personal = r.stores_personal_data === 1 || r.stores_pupil_images === 1;
    if (personal && r.dp_check !== 'passed')
      throw new AppError(
        'conflict',
        'A tool that stores personal data or pupils’ images needs a passed data-protection check first',
      );
    const reviewOn = b.reviewOn ?? addMonthsToDate(today, 12);
    checkReviewDate(reviewOn, today);
    await scheduleReview(c, tx, id, reviewOn);
    return {
      status: 'approved',
      decided_by: c.actor.accountId,
      decided_at: iso(c.ctx.clock.now()),
      decision_notes: b.notes,
      review_on: reviewOn,
    };
  });

export const review = (c: Caller, id: string, b: z.infer<typeof ReviewBody>) =>
  change(c, id, 'risk.review', async (r, tx, today) => {
    if (r.status !== 'approved') throw new AppError('conflict', 'Only a tool in use is reviewed');
    const now = iso(c.ctx.clock.now());
    if (b.outcome === 'retire') return { status: 'retired', last_reviewed_at: now, decision_notes: b.notes };
    const reviewOn = b.reviewOn ?? addMonthsToDate(today, 12);
    checkReviewDate(reviewOn, today);
    await scheduleReview(c, tx, id, reviewOn);
    return { last_reviewed_at: now, review_on: reviewOn, decision_notes: b.notes };
  });

/** For the dashboard. */
export async function riskFigures(ctx: AppContext, schoolId: string) {
  const today = await schoolToday(ctx, schoolId);
  const rows = await ctx.db
    .selectFrom('risk_assessments')
    .select(['status', 'review_on'])
    .where('school_id', '=', schoolId)
    .execute();
  const inUse = rows.filter((r) => r.status === 'approved');
  return {
    inUse: inUse.length,
    awaitingDecision: rows.filter((r) => r.status === 'submitted').length,
    reviewOverdue: inUse.filter((r) => r.review_on && r.review_on < today).length,
    reviewDueSoon: inUse.filter(
      (r) => r.review_on && r.review_on >= today && r.review_on <= addDaysToDate(today, DUE_SOON_DAYS),
    ).length,
  };
}

registerJob(REVIEW_JOB, async (ctx, payload, schoolId) => {
  const { id, reviewOn } = payload as { id: string; reviewOn: string };
  if (!schoolId) return;
  await ctx.db.transaction().execute(async (tx) => {
    const r = await get(tx, schoolId, id);
    // Reviewed since (a new date) or retired: this reminder is stale.
    if (!r || r.status !== 'approved' || r.review_on !== reviewOn || !r.decided_by) return;
    await enqueueInApp(ctx, tx, {
      schoolId,
      recipientAccountId: r.decided_by,
      subject: 'A technology risk assessment is due for review',
      body: `The risk assessment for a tool in use is due for review by ${reviewOn}.`,
      link: `/risk/${id}`,
    });
  });
});
