import { CONCERN_CATEGORY_INFO, type ConcernCategory } from '@harbour/shared';
import type { ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { ConcernTable } from '../../db/schema-concerns.js';
import { addDaysToDate, addMonthsToDate, auditAs, schoolToday, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { displayName } from '../people/lookup.js';
import { managed } from './additions.js';
import { auditConcernList } from './audit-list.js';
import { eraseConcern } from './retention-erase.js';
import { opener, sealer } from './seal.js';
import { isCustodian, viewerOf, visibleTo } from './visibility.js';

/**
 * Retention review of concerns (product brief, "Across everything": child-protection records are kept until the
 * child is 25; nothing is hard-deleted by a person; expiry puts a record in a review queue, a DSL decides, and a
 * tombstone stays). A closed concern comes up for review:
 * - about pupils: when the youngest of them turns 25 (a pupil without a date of birth counts from the day it was
 *   recorded, so never earlier than 25 years on);
 * - an allegation about a member of staff: 10 years after it was recorded (the DSL or head then decides whether
 *   the person's retirement age, or anything else, means keeping it longer);
 * - about no pupil (an adult): 25 years after it was recorded;
 * - kept at an earlier review: on the date that review chose.
 * Open concerns are never due. The decision is to keep it until a later date, or to dispose of it: the concern
 * is then tombstoned (gone from every list, count, chronology and export), its sealed texts and files are erased
 * (retention-erase.ts), and the decision row stays.
 */
export const CHILD_RECORD_YEARS = 25;
export const STAFF_ALLEGATION_YEARS = 10;

export const RetentionDecision = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('keep'),
    keepUntil: z.iso.date('use the date format YYYY-MM-DD'),
    reason: z.string().trim().min(1).max(2000),
  }),
  z.strictObject({ decision: z.literal('dispose'), reason: z.string().trim().min(1).max(2000) }),
]);

type Rule = 'kept_until' | 'staff_allegation' | 'pupils_25' | 'recorded_25';

/** The first day the concern is due for review, and which rule says so. */
export function reviewDate(
  row: Pick<ConcernTable, 'restricted' | 'recorded_at' | 'retain_until'>,
  birthDates: (string | null)[],
): { on: string; rule: Rule } {
  const recorded = row.recorded_at.slice(0, 10);
  if (row.retain_until) return { on: row.retain_until, rule: 'kept_until' };
  if (row.restricted)
    return { on: addMonthsToDate(recorded, STAFF_ALLEGATION_YEARS * 12), rule: 'staff_allegation' };
  const years = CHILD_RECORD_YEARS * 12;
  if (birthDates.length === 0) return { on: addMonthsToDate(recorded, years), rule: 'recorded_25' };
  const latest = birthDates
    .map((d) => d ?? recorded)
    .sort()
    .at(-1)!;
  return { on: addMonthsToDate(latest, years), rule: 'pupils_25' };
}

/** The same rules as a query predicate: closed concerns whose review date is today or earlier. */
export function dueBy(today: string) {
  const before = (years: number) => `${addDaysToDate(addMonthsToDate(today, -years * 12), 1)}T00:00:00.000Z`;
  const born25 = addMonthsToDate(today, -CHILD_RECORD_YEARS * 12);
  return (eb: ExpressionBuilder<DB, 'concerns'>) => {
    const pupils = eb
      .selectFrom('concern_people')
      .select('concern_people.id')
      .whereRef('concern_people.concern_id', '=', 'concerns.id');
    const young = eb
      .selectFrom('concern_people')
      .innerJoin('people', 'people.id', 'concern_people.person_id')
      .select('concern_people.id')
      .whereRef('concern_people.concern_id', '=', 'concerns.id')
      .where((w) =>
        w.or([
          w.and([w('people.date_of_birth', 'is not', null), w('people.date_of_birth', '>', born25)]),
          w.and([
            w('people.date_of_birth', 'is', null),
            w('concerns.recorded_at', '>=', before(CHILD_RECORD_YEARS)),
          ]),
        ]),
      );
    return eb.and([
      eb('concerns.status', '=', 'closed'),
      eb.or([
        eb.and([eb('concerns.retain_until', 'is not', null), eb('concerns.retain_until', '<=', today)]),
        eb.and([
          eb('concerns.retain_until', 'is', null),
          eb('concerns.restricted', '=', 1),
          eb('concerns.recorded_at', '<', before(STAFF_ALLEGATION_YEARS)),
        ]),
        eb.and([
          eb('concerns.retain_until', 'is', null),
          eb('concerns.restricted', '=', 0),
          eb.or([
            eb.and([eb.exists(pupils), eb.not(eb.exists(young))]),
            eb.and([eb.not(eb.exists(pupils)), eb('concerns.recorded_at', '<', before(CHILD_RECORD_YEARS))]),
          ]),
        ]),
      ]),
    ]);
  };
}

/** Closed concerns due for review that this caller holds as the team (restricted ones: custodian or named). */
async function dueRows(c: Caller, today: string, onlyId?: string) {
  const schoolId = c.actor.schoolId;
  const v = viewerOf(c);
  let q = c.ctx.db
    .selectFrom('concerns')
    .selectAll()
    .where('concerns.school_id', '=', schoolId)
    .where(visibleTo(v))
    .where(dueBy(today));
  if (onlyId) q = q.where('concerns.id', '=', onlyId);
  const rows = await q.orderBy('concerns.recorded_at').limit(200).execute();
  const restricted = rows.filter((r) => r.restricted).map((r) => r.id);
  const named = new Set(
    restricted.length
      ? (
          await c.ctx.db
            .selectFrom('concern_viewers')
            .select('concern_id')
            .where('school_id', '=', schoolId)
            .where('account_id', '=', v.accountId)
            .where('removed_at', 'is', null)
            .where('concern_id', 'in', restricted)
            .execute()
        ).map((r) => r.concern_id)
      : [],
  );
  return rows.filter((r) => !r.restricted || isCustodian(v, r) || named.has(r.id));
}

const label = (category: string) => CONCERN_CATEGORY_INFO[category as ConcernCategory]?.label ?? category;

/** The DSL's review queue, and the tombstones of what was disposed of (audited as one list read). */
export async function retentionQueue(c: Caller) {
  const schoolId = c.actor.schoolId;
  const today = await schoolToday(c.ctx, schoolId);
  const rows = await dueRows(c, today);
  const ids = rows.map((r) => r.id);
  const people = ids.length
    ? await c.ctx.db
        .selectFrom('concern_people')
        .innerJoin('people', 'people.id', 'concern_people.person_id')
        .select([
          'concern_people.concern_id',
          'people.given_name',
          'people.family_name',
          'people.preferred_name',
          'people.date_of_birth',
        ])
        .where('concern_people.school_id', '=', schoolId)
        .where('concern_people.concern_id', 'in', ids)
        .execute()
    : [];
  const due = rows.map((r) => {
    const mine = people.filter((p) => p.concern_id === r.id);
    const review = reviewDate(
      r,
      mine.map((p) => p.date_of_birth),
    );
    return {
      id: r.id,
      category: r.category,
      categoryLabel: label(r.category),
      restricted: r.restricted === 1,
      recordedAt: r.recorded_at,
      closedAt: r.closed_at,
      reviewFrom: review.on,
      rule: review.rule,
      pupils: mine.map((p) => displayName(p)),
    };
  });
  // Tombstones: what was disposed of, when, by whom and why (never the record itself).
  const v = viewerOf(c);
  const o = await opener(c.ctx, schoolId);
  const disposed = (
    await c.ctx.db
      .selectFrom('concern_retention_reviews as r')
      .innerJoin('concerns', 'concerns.id', 'r.concern_id')
      .select([
        'r.id',
        'r.concern_id',
        'r.decided_at',
        'r.decided_by',
        'r.reason_enc',
        'concerns.category',
        'concerns.recorded_at',
        'concerns.restricted',
        'concerns.custodian_role',
      ])
      .where('r.school_id', '=', schoolId)
      .where('r.decision', '=', 'dispose')
      .orderBy('r.decided_at', 'desc')
      .limit(50)
      .execute()
  )
    .filter((t) => !t.restricted || isCustodian(v, t))
    .map((t) => ({
      concernId: t.concern_id,
      category: t.category,
      categoryLabel: label(t.category),
      recordedAt: t.recorded_at,
      disposedAt: t.decided_at,
      disposedBy: t.decided_by,
      reason: o.text(t.id, 'reason', t.reason_enc),
    }));
  await auditConcernList(c, 'concern.retention.list', { type: 'concern' }, { today }, due);
  return { today, due, disposed };
}

/** A DSL's decision on a concern due for review: keep it until a later date, or dispose of it (a tombstone). */
export async function decideRetention(c: Caller, id: string, body: z.infer<typeof RetentionDecision>) {
  await managed(c, id);
  const schoolId = c.actor.schoolId;
  const today = await schoolToday(c.ctx, schoolId);
  if ((await dueRows(c, today, id)).length === 0)
    throw new AppError(
      'conflict',
      'This concern is not due for retention review: only a closed concern past its retention date is reviewed',
    );
  if (body.decision === 'keep' && body.keepUntil <= today)
    throw new AppError('validation', 'Keep it until a date after today', [
      { path: 'keepUntil', message: 'must be after today' },
    ]);
  const seal = await sealer(c.ctx, schoolId);
  const reviewId = newId();
  const at = iso(c.ctx.clock.now());
  const keepUntil = body.decision === 'keep' ? body.keepUntil : null;
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('concern_retention_reviews')
      .values({
        id: reviewId,
        school_id: schoolId,
        concern_id: id,
        decision: body.decision,
        keep_until: keepUntil,
        reason_enc: seal.text(reviewId, 'reason', body.reason),
        decided_at: at,
        decided_by: c.actor.accountId,
      })
      .execute();
    const r = await tx
      .updateTable('concerns')
      .set(
        body.decision === 'keep'
          ? { retain_until: keepUntil, updated_at: at }
          : { tombstoned_at: at, updated_at: at },
      )
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .where('tombstoned_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new AppError('conflict', 'The concern changed meanwhile: reload it');
    if (body.decision === 'dispose') await eraseConcern(tx, schoolId, id);
    await auditAs(
      c,
      tx,
      'concern.retention',
      { type: 'concern', id },
      { reviewId, decision: body.decision, keepUntil },
    );
  });
  return { id, decision: body.decision, keepUntil };
}
