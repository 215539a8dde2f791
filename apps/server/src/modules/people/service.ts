import { scopesFor, type Scope } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { PersonTable } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import type { Actor } from '../auth/sessions.js';
import { appendAudit } from '../audit/service.js';
import { presentPerson, presentPersonJson } from './present.js';
import * as repo from './repo.js';
import { blankPerson, searchName } from './rows.js';

export { blankPerson, searchName };
export { applyLeaveDate, endAccess, leaversReport, LEAVER_JOB, markLeaver } from './leavers.js';
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
  const nowIso = iso(c.ctx.clock.now());
  const rows = await repo.listPeople(c.ctx.db, c.actor.schoolId, reader(c), q, nowIso, c.actor.peopleRev);
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
  // JSON text put together from each row's kept text: the same body JSON.stringify would give, for less work.
  const people = page.map((p) => presentPersonJson(p, { vulnerability })).join(',');
  return { json: `{"people":[${people}],"hasMore":${rows.length > q.limit}}` };
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
