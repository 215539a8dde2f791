import type { Executor } from '../../db/index.js';
import type { PersonTable } from '../../db/schema.js';

/**
 * The people module's read functions for other modules' services (architecture: services call services, never
 * another module's repo). Unscoped: callers have already checked their own permission and scope.
 */
export async function findPerson(
  db: Executor,
  schoolId: string,
  id: string,
): Promise<PersonTable | undefined> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('tombstoned_at', 'is', null)
    .executeTakeFirst();
}

export async function findPeople(db: Executor, schoolId: string, ids: string[]): Promise<PersonTable[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('people')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', 'in', ids)
    .where('tombstoned_at', 'is', null)
    .execute();
}

/**
 * The display names of the accounts among these that belong to a member of staff of this school (leavers too:
 * a record names who did what). Pupils, parents and other schools' accounts are left out.
 */
export async function staffNamesByAccount(
  db: Executor,
  schoolId: string,
  accountIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['account_id', 'given_name', 'family_name', 'preferred_name'])
    .where('school_id', '=', schoolId)
    .where('kind', '=', 'staff')
    .where('account_id', 'in', ids)
    .where('tombstoned_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.account_id!, displayName(r)]));
}

/** Still at the school: no leave time, or one still ahead. */
export const isCurrent = (p: Pick<PersonTable, 'left_at'>, nowIso: string): boolean =>
  p.left_at === null || p.left_at > nowIso;

export const displayName = (p: Pick<PersonTable, 'given_name' | 'family_name' | 'preferred_name'>): string =>
  `${p.preferred_name ?? p.given_name} ${p.family_name}`;

/** The link between a parent and a pupil, when the parent has parental responsibility and no no-contact flag. */
export async function responsibleParentLink(
  db: Executor,
  schoolId: string,
  parentId: string,
  pupilId: string,
) {
  return db
    .selectFrom('parent_links')
    .select(['id', 'relationship'])
    .where('school_id', '=', schoolId)
    .where('parent_id', '=', parentId)
    .where('pupil_id', '=', pupilId)
    .where('parental_responsibility', '=', 1)
    .where('no_contact', '=', 0)
    .executeTakeFirst();
}

/** A parent's children at the school (links without a no-contact flag). */
export async function childrenOf(db: Executor, schoolId: string, parentId: string): Promise<PersonTable[]> {
  return db
    .selectFrom('people')
    .innerJoin('parent_links', 'parent_links.pupil_id', 'people.id')
    .selectAll('people')
    .where('people.school_id', '=', schoolId)
    .where('parent_links.parent_id', '=', parentId)
    .where('parent_links.no_contact', '=', 0)
    .where('people.tombstoned_at', 'is', null)
    .orderBy('people.given_name')
    .execute();
}

/** A pupil's parents and carers. */
export async function parentsOf(db: Executor, schoolId: string, pupilId: string) {
  return db
    .selectFrom('people')
    .innerJoin('parent_links', 'parent_links.parent_id', 'people.id')
    .select([
      'people.id',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'people.email',
      'people.account_id',
      'parent_links.relationship',
      'parent_links.parental_responsibility',
      'parent_links.no_contact',
    ])
    .where('people.school_id', '=', schoolId)
    .where('parent_links.pupil_id', '=', pupilId)
    .execute();
}
