import { REVIEW_ASPECTS } from '@harbour/shared';
import type { z } from 'zod';
import type { Executor } from '../../db/index.js';
import type { ReviewActionTable } from '../../db/schema-compliance.js';
import { auditAs, schoolToday, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { displayName } from '../people/lookup.js';
import type { NewAction, PatchAction } from './schema.js';

/** The self-review's action plan (policy 5.1): what will be done, by whom, by when; done items stay listed. */
const bad = (path: string, message: string) => new AppError('validation', message, [{ path, message }]);

async function checkOwner(db: Executor, schoolId: string, personId: string | null | undefined) {
  if (!personId) return;
  const p = await db
    .selectFrom('people')
    .select(['id'])
    .where('school_id', '=', schoolId)
    .where('id', '=', personId)
    .where('kind', '=', 'staff')
    .where('tombstoned_at', 'is', null)
    .executeTakeFirst();
  if (!p) throw bad('ownerPersonId', 'The owner must be a member of staff');
}

export async function listActions(
  c: Caller,
  q: { status?: 'open' | 'done' | 'all' | undefined; reviewId?: string },
) {
  const schoolId = c.actor.schoolId;
  const today = await schoolToday(c.ctx, schoolId);
  let query = c.ctx.db
    .selectFrom('review_actions')
    .leftJoin('people', (j) =>
      j.onRef('people.id', '=', 'review_actions.owner_person_id').on('people.school_id', '=', schoolId),
    )
    .selectAll('review_actions')
    .select(['people.given_name', 'people.family_name', 'people.preferred_name'])
    .where('review_actions.school_id', '=', schoolId);
  if (q.reviewId) query = query.where('review_actions.review_id', '=', q.reviewId);
  if (q.status && q.status !== 'all') query = query.where('review_actions.status', '=', q.status);
  const rows = await query
    .orderBy('review_actions.status', 'desc')
    .orderBy('review_actions.due_on')
    .execute();
  return {
    today,
    actions: rows.map((r) => ({
      id: r.id,
      title: r.title,
      reviewId: r.review_id,
      aspect: r.aspect_key,
      ownerPersonId: r.owner_person_id,
      owner:
        r.given_name && r.family_name
          ? displayName({ ...r, given_name: r.given_name, family_name: r.family_name })
          : null,
      dueOn: r.due_on,
      status: r.status,
      overdue: r.status === 'open' && !!r.due_on && r.due_on < today,
      doneAt: r.done_at,
      createdAt: r.created_at,
    })),
  };
}

export async function createAction(c: Caller, b: z.infer<typeof NewAction>) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    await checkOwner(tx, schoolId, b.ownerPersonId);
    if (b.reviewId) {
      const r = await tx
        .selectFrom('self_reviews')
        .select('id')
        .where('school_id', '=', schoolId)
        .where('id', '=', b.reviewId)
        .executeTakeFirst();
      if (!r) throw bad('reviewId', 'No such self-review');
    }
    if (b.aspect && !REVIEW_ASPECTS.some((a) => a.key === b.aspect)) throw bad('aspect', 'No such aspect');
    const row: ReviewActionTable = {
      id: newId(),
      school_id: schoolId,
      review_id: b.reviewId ?? null,
      aspect_key: b.aspect ?? null,
      title: b.title,
      owner_person_id: b.ownerPersonId ?? null,
      due_on: b.dueOn ?? null,
      status: 'open',
      done_at: null,
      done_by: null,
      created_by: c.actor.accountId,
      created_at: iso(c.ctx.clock.now()),
    };
    await tx.insertInto('review_actions').values(row).execute();
    await auditAs(c, tx, 'review_action.create', { type: 'review_action', id: row.id });
    return { id: row.id, status: row.status };
  });
}

export async function updateAction(c: Caller, id: string, b: z.infer<typeof PatchAction>) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .selectFrom('review_actions')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw new AppError('not_found', 'Not found');
    if (b.ownerPersonId !== undefined) await checkOwner(tx, schoolId, b.ownerPersonId);
    const now = iso(c.ctx.clock.now());
    const set: Partial<ReviewActionTable> = {
      ...(b.title !== undefined ? { title: b.title } : {}),
      ...(b.ownerPersonId !== undefined ? { owner_person_id: b.ownerPersonId } : {}),
      ...(b.dueOn !== undefined ? { due_on: b.dueOn } : {}),
      ...(b.status === 'done' && r.status !== 'done'
        ? { status: 'done' as const, done_at: now, done_by: c.actor.accountId }
        : {}),
      ...(b.status === 'open' && r.status !== 'open'
        ? { status: 'open' as const, done_at: null, done_by: null }
        : {}),
    };
    if (Object.keys(set).length > 0)
      await tx
        .updateTable('review_actions')
        .set(set)
        .where('school_id', '=', schoolId)
        .where('id', '=', id)
        .execute();
    await auditAs(c, tx, 'review_action.update', { type: 'review_action', id }, { fields: Object.keys(b) });
    return { id, status: set.status ?? r.status };
  });
}
