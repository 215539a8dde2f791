import { CONCERN_CATEGORY_INFO, isStaffAllegation } from '@harbour/shared';
import type { z } from 'zod';
import type { ConcernPersonTable, ConcernTable } from '../../db/schema-concerns.js';
import type { Executor } from '../../db/index.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { addMinutes, iso } from '../../lib/time.js';
import { findPeople, findPerson } from '../people/lookup.js';
import { alertNewConcern } from './alerts.js';
import * as repo from './repo.js';
import type { RecordConcern, RecordWorry } from './schema.js';
import { sealer } from './seal.js';

const invalid = (path: string, message: string, text = 'The concern is not complete') =>
  new AppError('validation', text, [{ path, message }]);

/** A member of staff of this school, or a validation error naming the field (a missing id and another school's alike). */
async function staffMember(db: Executor, schoolId: string, id: string, path: string) {
  const p = await findPerson(db, schoolId, id);
  if (!p || p.kind !== 'staff') throw invalid(path, 'not a member of staff of this school');
  return p;
}

/** Does this person's account hold the headteacher role here? Then the chair takes the head's place. */
async function isHead(db: Executor, schoolId: string, accountId: string | null): Promise<boolean> {
  if (!accountId) return false;
  const r = await db
    .selectFrom('role_assignments')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('account_id', '=', accountId)
    .where('role', '=', 'headteacher')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return !!r;
}

/**
 * Records a concern (policy 8): any member of staff, volunteer or contractor. `within` runs in the same
 * transaction once the concern is written (monitoring marks its alert there): if it throws, nothing is kept.
 */
export async function recordConcern(
  c: Caller,
  body: z.infer<typeof RecordConcern>,
  within?: (tx: Executor, concernId: string) => Promise<void>,
) {
  const schoolId = c.actor.schoolId;
  const info = CONCERN_CATEGORY_INFO[body.category];
  const subtype = body.subtype ?? null;
  if (info.subtypes && (!subtype || !(subtype in info.subtypes)))
    throw invalid('subtype', `choose one of: ${Object.keys(info.subtypes).join(', ')}`);
  if (!info.subtypes && subtype) throw invalid('subtype', 'this category has no variants');
  const now = c.ctx.clock.now();
  if (body.occurredAt && new Date(body.occurredAt) > addMinutes(now, 5))
    throw invalid('occurredAt', 'cannot be in the future');
  const restricted = isStaffAllegation(body.category, subtype);
  if (restricted && !body.staffSubjectPersonId)
    throw invalid('staffSubjectPersonId', 'say which member of staff the allegation is about');
  if (!restricted && body.staffSubjectPersonId)
    throw invalid('staffSubjectPersonId', 'only an allegation about a member of staff names one');
  const pupilIds = [...new Set(body.pupils.map((p) => p.personId))];
  if (pupilIds.length !== body.pupils.length) throw invalid('pupils', 'a pupil is listed twice');
  const subjects = body.pupils.filter((p) => p.subject);
  if (subjects.length > 1) throw invalid('pupils', 'mark one pupil as the subject');
  const adult = body.adult ?? null;
  if (!restricted && pupilIds.length === 0 && !adult?.personId && !adult?.description)
    throw invalid('pupils', 'name the pupils involved, or describe the adult it is about');

  const id = newId();
  const seal = await sealer(c.ctx, schoolId);
  return c.ctx.db.transaction().execute(async (tx) => {
    const found = await findPeople(tx, schoolId, pupilIds);
    const pupils = new Map(found.filter((p) => p.kind === 'pupil').map((p) => [p.id, p]));
    const unknown = pupilIds.filter((p) => !pupils.has(p));
    if (unknown.length)
      throw new AppError(
        'validation',
        'The concern is not complete',
        unknown.map((u) => ({ path: 'pupils', message: `${u} is not a pupil of this school` })),
      );
    if (adult?.personId) {
      const p = await findPerson(tx, schoolId, adult.personId);
      if (!p || p.kind === 'pupil') throw invalid('adult.personId', 'not an adult of this school');
    }
    let subjectPersonId: string | null = null;
    let custodian: string | null = null;
    if (restricted) {
      const staff = await staffMember(tx, schoolId, body.staffSubjectPersonId!, 'staffSubjectPersonId');
      if (staff.id === c.actor.personId)
        throw invalid('staffSubjectPersonId', 'you cannot record an allegation about yourself');
      subjectPersonId = staff.id;
      custodian = (await isHead(tx, schoolId, staff.account_id)) ? 'chair_of_governors' : 'headteacher';
    }
    if (body.dslToldPersonId) await staffMember(tx, schoolId, body.dslToldPersonId, 'dslToldPersonId');
    const at = iso(now);
    const subjectId = subjects[0]?.personId ?? pupilIds[0];
    const row: ConcernTable = {
      id,
      school_id: schoolId,
      category: body.category,
      subtype,
      status: 'new',
      restricted: restricted ? 1 : 0,
      subject_person_id: subjectPersonId,
      custodian_role: custodian,
      adult_person_id: adult?.personId ?? null,
      adult_description_enc: seal.maybe(id, 'adult_description', adult?.description),
      occurred_at: iso(new Date(body.occurredAt)),
      recorded_at: at,
      reporter_account_id: c.actor.accountId,
      reporter_person_id: c.actor.personId,
      source: 'staff',
      location_enc: seal.maybe(id, 'location', body.location),
      account_enc: seal.text(id, 'account', body.account),
      immediate_action_enc: seal.maybe(id, 'immediate_action', body.immediateAction),
      dsl_told_in_person: body.dslToldInPerson ? 1 : 0,
      dsl_told_person_id: body.dslToldPersonId ?? null,
      opened_at: null,
      opened_by: null,
      closed_at: null,
      closed_by: null,
      outcome_enc: null,
      lessons_enc: null,
      updated_at: at,
      retain_until: null,
      tombstoned_at: null,
    };
    const people: ConcernPersonTable[] = pupilIds.map((personId) => ({
      id: newId(),
      school_id: schoolId,
      concern_id: id,
      person_id: personId,
      role: personId === subjectId ? 'subject' : 'involved',
      added_at: at,
      added_by: c.actor.accountId,
    }));
    await repo.insertConcern(tx, row, people, statusEvent(schoolId, id, at, c.actor.accountId));
    const alerted = await alertNewConcern(c.ctx, tx, schoolId, row);
    await auditAs(
      c,
      tx,
      'concern.create',
      { type: 'concern', id },
      { category: row.category, subtype, pupilIds, alerted },
    );
    await within?.(tx, id);
    return { concern: { id, status: row.status, category: row.category, restricted } };
  });
}

const statusEvent = (schoolId: string, concernId: string, at: string, by: string) => ({
  id: newId(),
  school_id: schoolId,
  concern_id: concernId,
  from_status: null,
  to_status: 'new',
  reason_enc: null,
  at,
  by_account_id: by,
});

/**
 * A pupil tells a trusted adult (policy 1.3.5, 6.1): the message becomes a concern for the DSL team, in the
 * child's own words. The pupil has no access to any record; the answer says only that it was received.
 */
export async function recordWorry(c: Caller, body: z.infer<typeof RecordWorry>) {
  const schoolId = c.actor.schoolId;
  const me = c.actor.personId ? await findPerson(c.ctx.db, schoolId, c.actor.personId) : undefined;
  const id = newId();
  const seal = await sealer(c.ctx, schoolId);
  const at = iso(c.ctx.clock.now());
  await c.ctx.db.transaction().execute(async (tx) => {
    const row: ConcernTable = {
      id,
      school_id: schoolId,
      category: 'other',
      subtype: null,
      status: 'new',
      restricted: 0,
      subject_person_id: null,
      custodian_role: null,
      adult_person_id: null,
      adult_description_enc: null,
      occurred_at: at,
      recorded_at: at,
      reporter_account_id: c.actor.accountId,
      reporter_person_id: c.actor.personId,
      source: 'pupil',
      location_enc: null,
      account_enc: seal.text(id, 'account', body.message),
      immediate_action_enc: null,
      dsl_told_in_person: 0,
      dsl_told_person_id: null,
      opened_at: null,
      opened_by: null,
      closed_at: null,
      closed_by: null,
      outcome_enc: null,
      lessons_enc: null,
      updated_at: at,
      retain_until: null,
      tombstoned_at: null,
    };
    const people: ConcernPersonTable[] =
      me?.kind === 'pupil'
        ? [
            {
              id: newId(),
              school_id: schoolId,
              concern_id: id,
              person_id: me.id,
              role: body.about === 'me' ? 'subject' : 'involved',
              added_at: at,
              added_by: c.actor.accountId,
            },
          ]
        : [];
    await repo.insertConcern(tx, row, people, statusEvent(schoolId, id, at, c.actor.accountId));
    const alerted = await alertNewConcern(c.ctx, tx, schoolId, row);
    await auditAs(c, tx, 'concern.worry', { type: 'concern', id }, { about: body.about, alerted });
  });
  return {
    received: true,
    message:
      'Thank you for telling us. A grown-up who keeps children safe at school will read this and talk to you soon.',
  };
}
