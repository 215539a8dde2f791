import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { auditAs, schoolToday, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { displayName, findPerson, isCurrent, responsibleParentLink } from '../people/lookup.js';
import { getSetting } from '../settings/service.js';
import { PhoneRules } from '../policy/settings.js';
import type { ConfiscateBody, PoliceBody } from './schema.js';

/**
 * The office's phone register (policy 4.3): pupils' phones handed in at the start of the day and collected at
 * the end; and confiscations (All Souls' 4.3): why, who, where held, released to which parent and when, or
 * handed to the police when the content may be illegal or evidence of an offence.
 */
export async function register(c: Caller, day: string | undefined) {
  const db = c.ctx.db;
  const schoolId = c.actor.schoolId;
  const today = await schoolToday(c.ctx, schoolId);
  const d = day ?? today;
  const rules = await getSetting(c.ctx, PhoneRules, schoolId);
  const rows = await db
    .selectFrom('phone_handins')
    .innerJoin('people', 'people.id', 'phone_handins.pupil_id')
    .selectAll('phone_handins')
    .select(['people.given_name', 'people.family_name', 'people.class_name', 'people.year_group'])
    .where('phone_handins.school_id', '=', schoolId)
    .where((eb) => eb.or([eb('phone_handins.day', '=', d), eb('phone_handins.collected_at', 'is', null)]))
    .orderBy('phone_handins.day', 'desc')
    .orderBy('people.family_name')
    .execute();
  const present = (r: (typeof rows)[number]) => ({
    id: r.id,
    pupilId: r.pupil_id,
    name: `${r.given_name} ${r.family_name}`,
    className: r.class_name,
    yearGroup: r.year_group,
    day: r.day,
    handedInAt: r.handed_in_at,
    collectedAt: r.collected_at,
    note: r.note,
  });
  const years = rules.pupilPhones === 'any_year' ? null : rules.yearsAllowed;
  let pupils = db
    .selectFrom('people')
    .select(['id', 'given_name', 'family_name', 'class_name', 'year_group'])
    .where('school_id', '=', schoolId)
    .where('kind', '=', 'pupil')
    .where('tombstoned_at', 'is', null)
    .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>', iso(c.ctx.clock.now()))]));
  if (years) pupils = pupils.where('year_group', 'in', years.length ? years : ['-']);
  const eligible = await pupils.orderBy('class_name').orderBy('family_name').execute();
  return {
    day: d,
    today,
    rules,
    handins: rows.filter((r) => r.day === d).map(present),
    // Phones from any day still waiting in the office: "who has not collected".
    notCollected: rows
      .filter((r) => r.collected_at === null && (r.day < today || d < today || r.day === d))
      .map(present),
    eligible: eligible.map((p) => ({
      id: p.id,
      name: `${p.given_name} ${p.family_name}`,
      className: p.class_name,
      yearGroup: p.year_group,
    })),
  };
}

export async function handIn(c: Caller, pupilId: string, note: string | null | undefined) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const pupil = await findPerson(tx, schoolId, pupilId);
    const nowIso = iso(c.ctx.clock.now());
    if (!pupil || pupil.kind !== 'pupil') throw new AppError('not_found', 'Not found');
    if (!isCurrent(pupil, nowIso)) throw new AppError('conflict', 'This pupil has left the school');
    const day = await schoolToday(c.ctx, schoolId, tx);
    const dup = await tx
      .selectFrom('phone_handins')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('pupil_id', '=', pupilId)
      .where('day', '=', day)
      .executeTakeFirst();
    if (dup) throw new AppError('conflict', `${displayName(pupil)}’s phone is already in today’s register`);
    const id = newId();
    await tx
      .insertInto('phone_handins')
      .values({
        id,
        school_id: schoolId,
        pupil_id: pupilId,
        day,
        handed_in_at: nowIso,
        received_by: c.actor.accountId,
        collected_at: null,
        collected_by: null,
        note: note ?? null,
      })
      .execute();
    await auditAs(c, tx, 'phone.hand_in', { type: 'phone_handin', id }, { pupilId, day });
    return { id, day, handedInAt: nowIso };
  });
}

export async function collect(c: Caller, id: string) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('phone_handins')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'Not found');
    if (row.collected_at) throw new AppError('conflict', 'This phone has already been collected');
    const nowIso = iso(c.ctx.clock.now());
    await tx
      .updateTable('phone_handins')
      .set({ collected_at: nowIso, collected_by: c.actor.accountId })
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .execute();
    await auditAs(c, tx, 'phone.collect', { type: 'phone_handin', id }, { pupilId: row.pupil_id });
    return { id, collectedAt: nowIso };
  });
}

export async function confiscations(c: Caller, status: 'held' | 'all') {
  let q = c.ctx.db
    .selectFrom('phone_confiscations')
    .innerJoin('people', 'people.id', 'phone_confiscations.pupil_id')
    .leftJoin('people as parent', 'parent.id', 'phone_confiscations.released_to_parent_id')
    .selectAll('phone_confiscations')
    .select([
      'people.given_name',
      'people.family_name',
      'people.class_name',
      'parent.given_name as parent_given',
      'parent.family_name as parent_family',
    ])
    .where('phone_confiscations.school_id', '=', c.actor.schoolId);
  if (status === 'held') q = q.where('phone_confiscations.status', '=', 'held');
  const rows = await q.orderBy('phone_confiscations.confiscated_at', 'desc').limit(500).execute();
  return {
    confiscations: rows.map((r) => ({
      id: r.id,
      pupilId: r.pupil_id,
      name: `${r.given_name} ${r.family_name}`,
      className: r.class_name,
      device: r.device,
      reason: r.reason,
      confiscatedAt: r.confiscated_at,
      heldWhere: r.held_where,
      status: r.status,
      releasedAt: r.released_at,
      releasedTo: r.parent_given ? `${r.parent_given} ${r.parent_family}` : null,
      policeAt: r.police_at,
      policeReference: r.police_reference,
      notes: r.notes,
    })),
  };
}

export async function confiscate(c: Caller, body: z.infer<typeof ConfiscateBody>) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const pupil = await findPerson(tx, schoolId, body.pupilId);
    if (!pupil || pupil.kind !== 'pupil') throw new AppError('not_found', 'Not found');
    const id = newId();
    const nowIso = iso(c.ctx.clock.now());
    await tx
      .insertInto('phone_confiscations')
      .values({
        id,
        school_id: schoolId,
        pupil_id: pupil.id,
        device: body.device,
        reason: body.reason,
        confiscated_at: nowIso,
        confiscated_by: c.actor.accountId,
        held_where: body.heldWhere,
        status: 'held',
        released_at: null,
        released_to_parent_id: null,
        released_by: null,
        police_at: null,
        police_reference: null,
        police_by: null,
        notes: body.notes ?? null,
      })
      .execute();
    await auditAs(c, tx, 'phone.confiscate', { type: 'phone_confiscation', id }, { pupilId: pupil.id });
    return { id, confiscatedAt: nowIso };
  });
}

async function heldConfiscation(c: Caller, tx: AppContext['db'], id: string) {
  const row = await tx
    .selectFrom('phone_confiscations')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Not found');
  if (row.status !== 'held')
    throw new AppError(
      'conflict',
      row.status === 'police'
        ? 'This device was handed to the police'
        : 'This device has already been released',
    );
  return row;
}

/** Released to a parent or carer with parental responsibility (All Souls' 4.3). */
export async function release(c: Caller, id: string, parentId: string) {
  return c.ctx.db.transaction().execute(async (tx) => {
    const row = await heldConfiscation(c, tx, id);
    if (!(await responsibleParentLink(tx, c.actor.schoolId, parentId, row.pupil_id)))
      throw new AppError(
        'validation',
        'A device is released to a parent or carer of the pupil with parental responsibility',
        [{ path: 'parentId', message: 'not a parent of the pupil' }],
      );
    const nowIso = iso(c.ctx.clock.now());
    await tx
      .updateTable('phone_confiscations')
      .set({
        status: 'released',
        released_at: nowIso,
        released_to_parent_id: parentId,
        released_by: c.actor.accountId,
      })
      .where('school_id', '=', c.actor.schoolId)
      .where('id', '=', id)
      .execute();
    await auditAs(c, tx, 'phone.release', { type: 'phone_confiscation', id }, { parentId });
    return { id, releasedAt: nowIso };
  });
}

/** Handed to the police (policy 4.3 [All Souls']; 9.x): the school keeps the reference, never the content. */
export async function toPolice(c: Caller, id: string, body: z.infer<typeof PoliceBody>) {
  return c.ctx.db.transaction().execute(async (tx) => {
    const row = await heldConfiscation(c, tx, id);
    const nowIso = iso(c.ctx.clock.now());
    const notes =
      [row.notes, body.officer ? `Officer: ${body.officer}` : null, body.notes].filter(Boolean).join('\n') ||
      null;
    await tx
      .updateTable('phone_confiscations')
      .set({
        status: 'police',
        police_at: nowIso,
        police_reference: body.reference,
        police_by: c.actor.accountId,
        notes,
      })
      .where('school_id', '=', c.actor.schoolId)
      .where('id', '=', id)
      .execute();
    await auditAs(c, tx, 'phone.police', { type: 'phone_confiscation', id });
    return { id, policeAt: nowIso };
  });
}

/** For the dashboard: phones handed in on an earlier day and never collected, and confiscations still held. */
export async function phoneFigures(ctx: AppContext, schoolId: string) {
  const today = await schoolToday(ctx, schoolId);
  const nc = await ctx.db
    .selectFrom('phone_handins')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('collected_at', 'is', null)
    .where('day', '<', today)
    .executeTakeFirst();
  const held = await ctx.db
    .selectFrom('phone_confiscations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('status', '=', 'held')
    .executeTakeFirst();
  return { notCollectedEarlierDays: Number(nc?.n ?? 0), confiscationsHeld: Number(held?.n ?? 0) };
}
