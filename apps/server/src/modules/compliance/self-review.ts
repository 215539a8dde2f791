import { REVIEW_ASPECTS, REVIEW_LEVELS, type DashboardItem } from '@harbour/shared';
import type { z } from 'zod';
import type { SelfReviewTable } from '../../db/schema-compliance.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { listActions } from './actions.js';
import { dashboard } from './dashboard.js';
import type { CompleteBody, RatingBody } from './schema.js';

/**
 * The self-review (policy 5.1), in the style of 360 degree safe: each aspect rated 1 (strongest) to 5, with
 * commentary and evidence, beside the live figures Harbour holds for it. One review is open at a time; a
 * completed review is kept as it was, with the dashboard of the day, as the history of past reviews.
 */
const getReview = (c: Caller, id: string) =>
  c.ctx.db
    .selectFrom('self_reviews')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .where('id', '=', id)
    .executeTakeFirst();

const ratingsOf = (c: Caller, reviewId: string) =>
  c.ctx.db
    .selectFrom('self_review_ratings')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .where('review_id', '=', reviewId)
    .execute();

function presentReview(r: SelfReviewTable, rated: number, levels: number[]) {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    summary: r.summary,
    aspectsRated: rated,
    aspects: REVIEW_ASPECTS.length,
    averageLevel: levels.length
      ? Math.round((levels.reduce((a, b) => a + b, 0) / levels.length) * 10) / 10
      : null,
  };
}

/** Every review, newest first: the history. */
export async function listReviews(c: Caller) {
  const reviews = await c.ctx.db
    .selectFrom('self_reviews')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .orderBy('started_at', 'desc')
    .execute();
  const ratings = await c.ctx.db
    .selectFrom('self_review_ratings')
    .select(['review_id', 'level'])
    .where('school_id', '=', c.actor.schoolId)
    .execute();
  return {
    levels: REVIEW_LEVELS,
    reviews: reviews.map((r) => {
      const mine = ratings.filter((x) => x.review_id === r.id).map((x) => x.level);
      return presentReview(r, mine.length, mine);
    }),
  };
}

export async function startReview(c: Caller, title: string) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const open = await tx
      .selectFrom('self_reviews')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open)
      throw new AppError('conflict', 'A self-review is already open: complete it before starting another');
    const row: SelfReviewTable = {
      id: newId(),
      school_id: schoolId,
      title,
      status: 'open',
      started_at: iso(c.ctx.clock.now()),
      started_by: c.actor.accountId,
      completed_at: null,
      completed_by: null,
      summary: null,
      evidence_json: null,
    };
    await tx.insertInto('self_reviews').values(row).execute();
    await auditAs(c, tx, 'self_review.start', { type: 'self_review', id: row.id });
    return { review: presentReview(row, 0, []) };
  });
}

/** A review with its aspects, ratings, evidence (live while open, as kept when completed) and actions. */
export async function getReviewDetail(c: Caller, id: string) {
  const r = await getReview(c, id);
  if (!r) throw new AppError('not_found', 'Not found');
  const ratings = await ratingsOf(c, id);
  const items: DashboardItem[] = r.evidence_json
    ? (JSON.parse(r.evidence_json) as DashboardItem[])
    : (await dashboard(c.ctx, c.actor.schoolId)).items;
  const byKey = new Map(items.map((i) => [i.key, i]));
  const actions = (await listActions(c, { reviewId: id })).actions;
  return {
    review: presentReview(
      r,
      ratings.length,
      ratings.map((x) => x.level),
    ),
    levels: REVIEW_LEVELS,
    evidenceAsOf: r.evidence_json ? r.completed_at : 'live',
    aspects: REVIEW_ASPECTS.map((a) => {
      const rating = ratings.find((x) => x.aspect_key === a.key);
      return {
        ...a,
        evidence: a.evidence.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : [])),
        rating: rating
          ? {
              level: rating.level,
              commentary: rating.commentary,
              evidence: rating.evidence,
              ratedAt: rating.rated_at,
            }
          : null,
        actions: actions.filter((x) => x.aspect === a.key),
      };
    }),
    actions,
  };
}

export async function rate(c: Caller, id: string, b: z.infer<typeof RatingBody>) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .selectFrom('self_reviews')
      .select(['status'])
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw new AppError('not_found', 'Not found');
    if (r.status !== 'open')
      throw new AppError('conflict', 'This self-review is completed: its ratings are kept as they were');
    const now = iso(c.ctx.clock.now());
    const fields = {
      level: b.level,
      commentary: b.commentary,
      evidence: b.evidence ?? null,
      rated_by: c.actor.accountId,
      rated_at: now,
    };
    const existing = await tx
      .selectFrom('self_review_ratings')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('review_id', '=', id)
      .where('aspect_key', '=', b.aspect)
      .executeTakeFirst();
    if (existing)
      await tx
        .updateTable('self_review_ratings')
        .set(fields)
        .where('school_id', '=', schoolId)
        .where('id', '=', existing.id)
        .execute();
    else
      await tx
        .insertInto('self_review_ratings')
        .values({ id: newId(), school_id: schoolId, review_id: id, aspect_key: b.aspect, ...fields })
        .execute();
    await auditAs(
      c,
      tx,
      'self_review.rate',
      { type: 'self_review', id },
      { aspect: b.aspect, level: b.level },
    );
    return { aspect: b.aspect, level: b.level, ratedAt: now };
  });
}

/** Completing needs every aspect rated; the dashboard of the day is kept with the review. */
export async function completeReview(c: Caller, id: string, b: z.infer<typeof CompleteBody>) {
  const schoolId = c.actor.schoolId;
  const items = (await dashboard(c.ctx, schoolId)).items;
  return c.ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .selectFrom('self_reviews')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw new AppError('not_found', 'Not found');
    if (r.status !== 'open') throw new AppError('conflict', 'This self-review is already completed');
    const rated = new Set(
      (
        await tx
          .selectFrom('self_review_ratings')
          .select('aspect_key')
          .where('school_id', '=', schoolId)
          .where('review_id', '=', id)
          .execute()
      ).map((x) => x.aspect_key),
    );
    const missing = REVIEW_ASPECTS.filter((a) => !rated.has(a.key));
    if (missing.length > 0)
      throw new AppError(
        'validation',
        `Rate every aspect before completing the review: ${missing.map((a) => a.title).join(', ')}`,
        missing.map((a) => ({ path: `aspects.${a.key}`, message: 'not rated' })),
      );
    const now = iso(c.ctx.clock.now());
    await tx
      .updateTable('self_reviews')
      .set({
        status: 'completed',
        completed_at: now,
        completed_by: c.actor.accountId,
        summary: b.summary ?? null,
        evidence_json: JSON.stringify(items),
      })
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .execute();
    await auditAs(c, tx, 'self_review.complete', { type: 'self_review', id });
    return { id, status: 'completed' as const, completedAt: now };
  });
}
