import { CONSENT_CHANNEL_LABELS, CONSENT_CHANNELS, type ConsentChannel } from '@harbour/shared';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { ImageConsentTable } from '../../db/schema-compliance.js';
import { auditAs, schoolToday, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { addDays, iso } from '../../lib/time.js';
import {
  childrenOf,
  displayName,
  findPeople,
  findPerson,
  parentsOf,
  responsibleParentLink,
} from '../people/lookup.js';
import { decideAll } from './decide.js';
import { flagWithdrawal } from './notify.js';
import * as repo from './repo.js';
import type { CheckQuery, RecordConsent } from './schema.js';

const reachesSchool = (c: Caller) => c.scopes.includes('school');

/** A parent without school-wide reach sees and records only their own children. */
async function reachablePupils(c: Caller, ids: string[]): Promise<Set<string>> {
  if (reachesSchool(c)) return new Set(ids);
  if (!c.actor.personId) return new Set();
  const mine = new Set((await childrenOf(c.ctx.db, c.actor.schoolId, c.actor.personId)).map((p) => p.id));
  return new Set(ids.filter((id) => mine.has(id)));
}

/** Records a decision for one or more channels: one new row each (append-only). */
export async function record(c: Caller, body: z.infer<typeof RecordConsent>) {
  const schoolId = c.actor.schoolId;
  const asParent = !reachesSchool(c);
  const parentId = asParent ? c.actor.personId : body.parentId;
  if (!parentId)
    throw new AppError('validation', 'Say which parent or carer made this decision', [
      { path: 'parentId', message: 'required' },
    ]);
  return c.ctx.db.transaction().execute(async (tx) => {
    const pupil = await findPerson(tx, schoolId, body.pupilId);
    const link = pupil ? await responsibleParentLink(tx, schoolId, parentId, body.pupilId) : undefined;
    // A parent naming a child who is not theirs meets the same answer as a missing record.
    if (!pupil || pupil.kind !== 'pupil' || (asParent && !link)) throw new AppError('not_found', 'Not found');
    if (!link)
      throw new AppError(
        'validation',
        'That person is not a parent or carer of this pupil with parental responsibility',
        [{ path: 'parentId', message: 'not a parent of the pupil' }],
      );
    const today = await schoolToday(c.ctx, schoolId, tx);
    const decidedOn = body.decidedOn ?? today;
    if (decidedOn > today)
      throw new AppError('validation', 'The date cannot be in the future', [
        { path: 'decidedOn', message: 'in the future' },
      ]);
    const now = iso(c.ctx.clock.now());
    const channels = [...new Set(body.channels)];
    const rows: ImageConsentTable[] = channels.map((channel) => ({
      id: newId(),
      school_id: schoolId,
      pupil_id: pupil.id,
      channel,
      decision: body.decision,
      parent_id: parentId,
      decided_on: decidedOn,
      recorded_at: now,
      recorded_by: c.actor.accountId,
      source: asParent ? 'app' : body.source,
      note: body.note ?? null,
    }));
    await repo.insertConsents(tx, rows);
    const flagged =
      body.decision === 'withdrawn'
        ? await flagWithdrawal(c.ctx, tx, schoolId, { pupilId: pupil.id, channels })
        : 0;
    await auditAs(
      c,
      tx,
      `consent.${body.decision}`,
      { type: 'person', id: pupil.id },
      { parentId, channels, ids: rows.map((r) => r.id) },
    );
    return { ids: rows.map((r) => r.id), flagged };
  });
}

/** One pupil: the answer per channel and every entry ever recorded, newest first. */
export async function pupilConsents(c: Caller, pupilId: string) {
  const schoolId = c.actor.schoolId;
  const pupil = await findPerson(c.ctx.db, schoolId, pupilId);
  if (!pupil || pupil.kind !== 'pupil' || !(await reachablePupils(c, [pupilId])).has(pupilId))
    throw new AppError('not_found', 'Not found');
  const entries = await repo.consentsOf(c.ctx.db, schoolId, [pupilId]);
  const parents = await parentsOf(c.ctx.db, schoolId, pupilId);
  const names = new Map(parents.map((p) => [p.id, displayName(p)]));
  const visibleParents = reachesSchool(c) ? parents : parents.filter((p) => p.id === c.actor.personId);
  return {
    pupil: {
      id: pupil.id,
      name: displayName(pupil),
      className: pupil.class_name,
      yearGroup: pupil.year_group,
    },
    answers: decideAll(entries).map((a) => ({
      ...a,
      label: CONSENT_CHANNEL_LABELS[a.channel],
      parentName: a.parentId ? (names.get(a.parentId) ?? null) : null,
    })),
    parents: visibleParents.map((p) => ({
      id: p.id,
      name: displayName(p),
      relationship: p.relationship,
      parentalResponsibility: p.parental_responsibility === 1,
      noContact: p.no_contact === 1,
    })),
    entries: entries.map((e) => ({
      id: e.id,
      channel: e.channel,
      decision: e.decision,
      parentId: e.parent_id,
      parentName: names.get(e.parent_id) ?? null,
      decidedOn: e.decided_on,
      recordedAt: e.recorded_at,
      source: e.source,
      note: e.note,
    })),
  };
}

/** "May I publish these pupils?": yes or no per pupil and per channel (clarification 16). */
export async function check(c: Caller, q: z.infer<typeof CheckQuery>) {
  const schoolId = c.actor.schoolId;
  const nowIso = iso(c.ctx.clock.now());
  const listed = q.pupilIds ? await findPeople(c.ctx.db, schoolId, q.pupilIds) : [];
  const ofClass = q.className ? await repo.pupilsOfClass(c.ctx.db, schoolId, q.className, nowIso) : [];
  const byId = new Map([...listed.filter((p) => p.kind === 'pupil'), ...ofClass].map((p) => [p.id, p]));
  const reachable = await reachablePupils(c, [...byId.keys()]);
  const pupils = [...byId.values()].filter((p) => reachable.has(p.id));
  const entries = await repo.consentsOf(
    c.ctx.db,
    schoolId,
    pupils.map((p) => p.id),
  );
  const channels: readonly ConsentChannel[] = q.channel ? [q.channel] : CONSENT_CHANNELS;
  const result = pupils.map((p) => {
    const answers = decideAll(
      entries.filter((e) => e.pupil_id === p.id),
      channels,
    );
    return {
      pupilId: p.id,
      name: displayName(p),
      className: p.class_name,
      answers: answers.map((a) => ({ channel: a.channel, allowed: a.allowed, reason: a.reason })),
      allowed: answers.every((a) => a.allowed),
    };
  });
  // Ids asked about that this reader cannot see (or that are not pupils) are reported, never described.
  const unknown = (q.pupilIds ?? []).filter((id) => !reachable.has(id) || !byId.has(id));
  return { channels, pupils: result, unknown };
}

export async function withdrawals(c: Caller, days: number) {
  const since = iso(addDays(c.ctx.clock.now(), -days));
  const rows = await repo.recentWithdrawals(c.ctx.db, c.actor.schoolId, since);
  const reachable = await reachablePupils(
    c,
    rows.map((r) => r.pupil_id),
  );
  return {
    withdrawals: rows
      .filter((r) => reachable.has(r.pupil_id))
      .map((r) => ({
        id: r.id,
        pupilId: r.pupil_id,
        name: `${r.given_name} ${r.family_name}`,
        className: r.class_name,
        channel: r.channel,
        decidedOn: r.decided_on,
        recordedAt: r.recorded_at,
      })),
  };
}

/** For the dashboard: withdrawals in the last 30 days, and pupils on roll with no consent recorded at all. */
export async function consentFigures(ctx: AppContext, schoolId: string) {
  const nowIso = iso(ctx.clock.now());
  const since = iso(addDays(ctx.clock.now(), -30));
  const w = await ctx.db
    .selectFrom('image_consents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('decision', '=', 'withdrawn')
    .where('recorded_at', '>=', since)
    .executeTakeFirst();
  const none = await ctx.db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('kind', '=', 'pupil')
    .where('tombstoned_at', 'is', null)
    .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>', nowIso)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('image_consents')
            .select('image_consents.id')
            .where('image_consents.school_id', '=', schoolId)
            .whereRef('image_consents.pupil_id', '=', 'people.id'),
        ),
      ),
    )
    .executeTakeFirst();
  return { withdrawals30d: Number(w?.n ?? 0), pupilsWithoutConsent: Number(none?.n ?? 0) };
}
