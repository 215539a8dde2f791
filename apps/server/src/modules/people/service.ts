import { scopesFor, type Scope } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { PersonTable } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { endOfLocalDay, iso, localDate } from '../../lib/time.js';
import type { Actor } from '../auth/sessions.js';
import { endSessionsOf } from '../auth/sessions.js';
import { appendAudit } from '../audit/service.js';
import { getSchool } from '../schools/service.js';
import { registerJob } from '../../worker.js';
import { presentPerson } from './present.js';
import * as repo from './repo.js';
import { blankPerson, searchName } from './rows.js';

export { blankPerson, searchName };
import type { CreatePerson, ListQuery, PatchPerson } from './schema.js';

type SchoolActor = Actor & { schoolId: string };
export interface Caller {
  ctx: AppContext;
  actor: SchoolActor;
  scopes: Scope[];
  ip: string | null;
}

const seesVulnerability = (actor: Actor): boolean =>
  scopesFor(actor.roles, 'people.vulnerability').length > 0;
const reader = (c: Caller): repo.Reader => ({ scopes: c.scopes, personId: c.actor.personId });

export async function listPeople(c: Caller, q: ListQuery) {
  const rows = await repo.listPeople(c.ctx.db, c.actor.schoolId, reader(c), q, iso(c.ctx.clock.now()));
  const page = rows.slice(0, q.limit);
  const vulnerability = seesVulnerability(c.actor);
  const pupils = page.filter((p) => p.kind === 'pupil');
  // A list showing vulnerability flags is a sensitive read: one entry with the filter and the ids (clarification 8).
  if (vulnerability && pupils.length > 0) {
    await appendAudit(c.ctx, {
      schoolId: c.actor.schoolId,
      actorAccountId: c.actor.accountId,
      action: 'person.list_vulnerability',
      entityType: 'person',
      ip: c.ip,
      details: { filter: { ...q, q: q.q ? '(text)' : undefined }, ids: pupils.map((p) => p.id) },
    });
  }
  return { people: page.map((p) => presentPerson(p, { vulnerability })), hasMore: rows.length > q.limit };
}

export async function getPerson(c: Caller, id: string) {
  const row = await repo.getPerson(c.ctx.db, c.actor.schoolId, reader(c), id);
  if (!row) throw new AppError('not_found', 'Not found');
  const vulnerability = seesVulnerability(c.actor) && row.kind === 'pupil';
  if (vulnerability) {
    await appendAudit(c.ctx, {
      schoolId: c.actor.schoolId,
      actorAccountId: c.actor.accountId,
      action: 'person.read_vulnerability',
      entityType: 'person',
      entityId: id,
      ip: c.ip,
    });
  }
  const links = await repo.parentLinksOf(c.ctx.db, c.actor.schoolId, id);
  // Parents without school-wide reach see only their own links.
  const visibleLinks = c.scopes.includes('school')
    ? links
    : links.filter((l) => l.parent_id === c.actor.personId || l.pupil_id === c.actor.personId);
  return {
    person: presentPerson(row, { vulnerability }),
    links: visibleLinks.map((l) => ({
      id: l.id,
      parentId: l.parent_id,
      parentName: `${l.parent_given} ${l.parent_family}`,
      pupilId: l.pupil_id,
      pupilName: `${l.pupil_given} ${l.pupil_family}`,
      relationship: l.relationship,
      parentalResponsibility: l.parental_responsibility === 1,
      noContact: l.no_contact === 1,
    })),
  };
}

function checkVulnerabilityWrite(
  c: Caller,
  body: {
    send?: boolean | undefined;
    lookedAfter?: boolean | undefined;
    otherVulnerability?: boolean | undefined;
  },
) {
  const touches =
    body.send !== undefined || body.lookedAfter !== undefined || body.otherVulnerability !== undefined;
  if (touches && !seesVulnerability(c.actor))
    throw new AppError('forbidden', 'Only the safeguarding team and leadership may set vulnerability flags');
}

function checkKindRules(
  kind: PersonTable['kind'],
  p: { yearGroup?: string | null | undefined; accessEndsAt?: string | null | undefined },
) {
  if (kind === 'pupil' && !p.yearGroup)
    throw new AppError('validation', 'A pupil needs a year group', [
      { path: 'yearGroup', message: 'required for pupils' },
    ]);
  if (kind === 'visitor' && !p.accessEndsAt)
    throw new AppError('validation', 'A visitor needs an access end time', [
      { path: 'accessEndsAt', message: 'required for visitors' },
    ]);
}

/** Maps API fields to columns; only the fields present are set. */
export function columnsFrom(b: Partial<CreatePerson>): Partial<PersonTable> {
  const set: Partial<PersonTable> = {};
  const map: [keyof CreatePerson, keyof PersonTable][] = [
    ['givenName', 'given_name'],
    ['familyName', 'family_name'],
    ['preferredName', 'preferred_name'],
    ['dateOfBirth', 'date_of_birth'],
    ['yearGroup', 'year_group'],
    ['className', 'class_name'],
    ['upn', 'upn'],
    ['misId', 'mis_id'],
    ['jobTitle', 'job_title'],
    ['email', 'email'],
    ['phone', 'phone'],
    ['startDate', 'start_date'],
    ['accessEndsAt', 'access_ends_at'],
  ];
  for (const [from, to] of map) if (b[from] !== undefined) (set as Record<string, unknown>)[to] = b[from];
  if (b.send !== undefined) set.send = b.send ? 1 : 0;
  if (b.lookedAfter !== undefined) set.looked_after = b.lookedAfter ? 1 : 0;
  if (b.otherVulnerability !== undefined) set.other_vulnerability = b.otherVulnerability ? 1 : 0;
  return set;
}

async function uniqueIdentifiers(
  db: Executor,
  schoolId: string,
  kind: PersonTable['kind'],
  upn: string | null | undefined,
  misId: string | null | undefined,
  exceptId?: string,
) {
  if (upn) {
    const other = await db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('upn', '=', upn)
      .executeTakeFirst();
    if (other && other.id !== exceptId)
      throw new AppError('conflict', 'Another person in this school has that UPN');
  }
  if (misId) {
    const other = await db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('kind', '=', kind)
      .where('mis_id', '=', misId)
      .executeTakeFirst();
    if (other && other.id !== exceptId)
      throw new AppError('conflict', 'Another person in this school has that MIS id');
  }
}

export async function createPerson(c: Caller, body: CreatePerson) {
  checkVulnerabilityWrite(c, body);
  checkKindRules(body.kind, body);
  const now = iso(c.ctx.clock.now());
  const row: PersonTable = { ...blankPerson(c.actor.schoolId, body.kind, now), ...columnsFrom(body) };
  row.search_name = searchName(row.given_name, row.family_name, row.preferred_name);
  await c.ctx.db.transaction().execute(async (tx) => {
    await uniqueIdentifiers(tx, c.actor.schoolId, body.kind, body.upn, body.misId);
    await repo.insertPerson(tx, row);
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: 'person.create',
        entityType: 'person',
        entityId: row.id,
        ip: c.ip,
        details: { kind: body.kind },
      },
      tx,
    );
  });
  return presentPerson(row, { vulnerability: seesVulnerability(c.actor) });
}

export async function updatePerson(c: Caller, id: string, body: PatchPerson) {
  checkVulnerabilityWrite(c, body);
  return c.ctx.db.transaction().execute(async (tx) => {
    const existing = await repo.getPersonForWrite(tx, c.actor.schoolId, id);
    if (!existing) throw new AppError('not_found', 'Not found');
    const set = columnsFrom(body);
    const next = { ...existing, ...set };
    checkKindRules(existing.kind, { yearGroup: next.year_group, accessEndsAt: next.access_ends_at });
    await uniqueIdentifiers(tx, c.actor.schoolId, existing.kind, body.upn, body.misId, id);
    set.search_name = searchName(next.given_name, next.family_name, next.preferred_name);
    set.updated_at = iso(c.ctx.clock.now());
    await repo.updatePerson(tx, c.actor.schoolId, id, set);
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: 'person.update',
        entityType: 'person',
        entityId: id,
        ip: c.ip,
        details: { fields: Object.keys(body) },
      },
      tx,
    );
    return presentPerson({ ...next, ...set }, { vulnerability: seesVulnerability(c.actor) });
  });
}

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

export async function linkParent(
  c: Caller,
  pupilId: string,
  body: { parentId: string; relationship: string; parentalResponsibility: boolean; noContact: boolean },
) {
  return c.ctx.db.transaction().execute(async (tx) => {
    const pupil = await repo.getPersonForWrite(tx, c.actor.schoolId, pupilId);
    const parent = await repo.getPersonForWrite(tx, c.actor.schoolId, body.parentId);
    if (!pupil || !parent) throw new AppError('not_found', 'Not found');
    if (pupil.kind !== 'pupil')
      throw new AppError('validation', 'Parents are linked to pupils', [
        { path: 'id', message: 'not a pupil' },
      ]);
    if (parent.kind !== 'parent')
      throw new AppError('validation', 'That person is not a parent or carer', [
        { path: 'parentId', message: 'not a parent' },
      ]);
    const existing = await tx
      .selectFrom('parent_links')
      .select('id')
      .where('parent_id', '=', parent.id)
      .where('pupil_id', '=', pupil.id)
      .executeTakeFirst();
    if (existing) throw new AppError('conflict', 'They are already linked');
    const id = newId();
    await tx
      .insertInto('parent_links')
      .values({
        id,
        school_id: c.actor.schoolId,
        parent_id: parent.id,
        pupil_id: pupil.id,
        relationship: body.relationship,
        parental_responsibility: body.parentalResponsibility ? 1 : 0,
        no_contact: body.noContact ? 1 : 0,
        created_at: iso(c.ctx.clock.now()),
      })
      .execute();
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: 'person.link_parent',
        entityType: 'person',
        entityId: pupil.id,
        ip: c.ip,
        details: { parentId: parent.id, linkId: id },
      },
      tx,
    );
    return { id };
  });
}

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
