import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { yearGroupsIn, type Scope } from '@harbour/shared';
import type { Executor } from '../../db/index.js';
import type { DB, PersonTable } from '../../db/schema.js';
import type { ListQuery } from './schema.js';
import { searchSchool } from './search-index.js';

/** Who the reader is, for applying scopes in the query itself (clarification 5). */
export interface Reader {
  scopes: Scope[];
  personId: string | null;
}

/** Restricts a people query to what the reader's scopes reach; no scope reaches nothing (clarification 5). */
function scopeFilter(reader: Reader) {
  const me = reader.personId ?? '';
  return (eb: ExpressionBuilder<DB, 'people'>) => {
    const ors: Expression<SqlBool>[] = [];
    if (reader.scopes.includes('self') || reader.scopes.includes('my_children'))
      ors.push(eb('people.id', '=', me));
    if (reader.scopes.includes('my_children')) {
      ors.push(
        eb(
          'people.id',
          'in',
          eb
            .selectFrom('parent_links')
            .select('pupil_id')
            .where('parent_id', '=', me)
            .where('no_contact', '=', 0),
        ),
      );
    }
    return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
  };
}

const reachesSchool = (reader: Reader): boolean => reader.scopes.includes('school');

export async function listPeople(
  db: Executor,
  schoolId: string,
  reader: Reader,
  q: ListQuery,
  nowIso: string,
  /** The school's people revision, when the request has read it already (with the session). */
  knownRev?: number,
) {
  return reachesSchool(reader)
    ? searchSchool(db, schoolId, q, nowIso, knownRev)
    : listPeopleSql(db, schoolId, reader, q, nowIso);
}

/** The search in SQL: for readers with a narrower scope, and the reference the in-memory search is tested against. */
export async function listPeopleSql(
  db: Executor,
  schoolId: string,
  reader: Reader,
  q: ListQuery,
  nowIso: string,
) {
  let query = db
    .selectFrom('people')
    .selectAll('people')
    .where('people.school_id', '=', schoolId)
    .where('people.tombstoned_at', 'is', null);
  if (!reachesSchool(reader)) query = query.where(scopeFilter(reader));
  if (q.q) {
    const words = q.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 4);
    for (const w of words) query = query.where('people.search_name', 'like', `%${w.replace(/[%_\\]/g, '')}%`);
  }
  if (q.kind) query = query.where('people.kind', '=', q.kind);
  if (q.year) query = query.where('people.year_group', '=', q.year);
  if (q.keyStage) query = query.where('people.year_group', 'in', yearGroupsIn(q.keyStage));
  if (q.className) query = query.where('people.class_name', '=', q.className);
  if (q.status === 'current')
    query = query.where((eb) => eb.or([eb('people.left_at', 'is', null), eb('people.left_at', '>', nowIso)]));
  if (q.status === 'leavers') query = query.where('people.left_at', 'is not', null);
  return query
    .orderBy('people.family_name')
    .orderBy('people.given_name')
    .orderBy('people.id')
    .limit(q.limit + 1)
    .offset(q.offset)
    .execute();
}

export async function getPerson(db: Executor, schoolId: string, reader: Reader, id: string) {
  let q = db
    .selectFrom('people')
    .selectAll('people')
    .where('people.school_id', '=', schoolId)
    .where('people.id', '=', id);
  if (!reachesSchool(reader)) q = q.where(scopeFilter(reader));
  return q.executeTakeFirst();
}

/** Unscoped, for writers who hold a school-wide write permission. */
export async function getPersonForWrite(db: Executor, schoolId: string, id: string) {
  return db
    .selectFrom('people')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertPerson(db: Executor, row: PersonTable): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

export async function updatePerson(
  db: Executor,
  schoolId: string,
  id: string,
  set: Partial<PersonTable>,
): Promise<void> {
  await db.updateTable('people').set(set).where('school_id', '=', schoolId).where('id', '=', id).execute();
}

export async function parentLinksOf(db: Executor, schoolId: string, personId: string) {
  return db
    .selectFrom('parent_links')
    .innerJoin('people as parent', 'parent.id', 'parent_links.parent_id')
    .innerJoin('people as pupil', 'pupil.id', 'parent_links.pupil_id')
    .select([
      'parent_links.id',
      'parent_links.parent_id',
      'parent_links.pupil_id',
      'parent_links.relationship',
      'parent_links.parental_responsibility',
      'parent_links.no_contact',
      'parent.given_name as parent_given',
      'parent.family_name as parent_family',
      'pupil.given_name as pupil_given',
      'pupil.family_name as pupil_family',
    ])
    .where('parent_links.school_id', '=', schoolId)
    .where((eb) =>
      eb.or([eb('parent_links.parent_id', '=', personId), eb('parent_links.pupil_id', '=', personId)]),
    )
    .execute();
}

export async function leavers(db: Executor, schoolId: string, from: string | undefined, limit: number) {
  let q = db
    .selectFrom('people')
    .leftJoin('accounts', 'accounts.id', 'people.account_id')
    .select([
      'people.id',
      'people.kind',
      'people.given_name',
      'people.family_name',
      'people.leave_date',
      'people.left_at',
      'accounts.username',
      'accounts.disabled_at',
    ])
    .where('people.school_id', '=', schoolId)
    .where('people.left_at', 'is not', null);
  if (from) q = q.where('people.left_at', '>=', from);
  return q.orderBy('people.left_at', 'desc').limit(limit).execute();
}
