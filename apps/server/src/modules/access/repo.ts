import type { Executor } from '../../db/index.js';
import type { AccessEntryTable } from '../../db/schema-compliance.js';

export async function insertEntry(db: Executor, row: AccessEntryTable): Promise<void> {
  await db.insertInto('access_entries').values(row).execute();
}

export async function getEntry(db: Executor, schoolId: string, id: string) {
  return db
    .selectFrom('access_entries')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markRemoved(
  db: Executor,
  schoolId: string,
  id: string,
  set: { removed_at: string; removed_by: string | null; removal_reason: string },
): Promise<boolean> {
  const r = await db
    .updateTable('access_entries')
    .set(set)
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Entries with the person's name, newest first; "active" means not removed and not past a visit's end. */
export async function listEntries(
  db: Executor,
  schoolId: string,
  q: { personId?: string | undefined; system?: string | undefined; status: string; limit: number },
  nowIso: string,
) {
  let query = db
    .selectFrom('access_entries')
    .innerJoin('people', 'people.id', 'access_entries.person_id')
    .selectAll('access_entries')
    .select(['people.given_name', 'people.family_name', 'people.kind', 'people.left_at', 'people.class_name'])
    .where('access_entries.school_id', '=', schoolId);
  if (q.personId) query = query.where('access_entries.person_id', '=', q.personId);
  if (q.system) query = query.where('access_entries.system', '=', q.system);
  if (q.status === 'active')
    query = query
      .where('access_entries.removed_at', 'is', null)
      .where((eb) =>
        eb.or([eb('access_entries.ends_at', 'is', null), eb('access_entries.ends_at', '>', nowIso)]),
      );
  if (q.status === 'removed')
    query = query.where((eb) =>
      eb.or([eb('access_entries.removed_at', 'is not', null), eb('access_entries.ends_at', '<=', nowIso)]),
    );
  return query
    .orderBy('access_entries.granted_at', 'desc')
    .orderBy('access_entries.id')
    .limit(q.limit)
    .execute();
}

/** Leavers (left_at passed) who still have entries not removed: the "access to remove" list (policy 2.4). */
export async function leaversWithAccess(db: Executor, schoolId: string, nowIso: string) {
  return db
    .selectFrom('access_entries')
    .innerJoin('people', 'people.id', 'access_entries.person_id')
    .select([
      'access_entries.id',
      'access_entries.system',
      'access_entries.detail',
      'access_entries.granted_at',
      'people.id as person_id',
      'people.given_name',
      'people.family_name',
      'people.kind',
      'people.left_at',
    ])
    .where('access_entries.school_id', '=', schoolId)
    .where('access_entries.removed_at', 'is', null)
    .where((eb) =>
      eb.or([eb('access_entries.ends_at', 'is', null), eb('access_entries.ends_at', '>', nowIso)]),
    )
    .where('people.left_at', 'is not', null)
    .where('people.left_at', '<=', nowIso)
    .orderBy('people.left_at')
    .orderBy('people.id')
    .execute();
}

/** The same as leaversWithAccess, counted in SQL (the dashboard): leavers, and their entries still open. */
export async function leaversWithAccessCounts(db: Executor, schoolId: string, nowIso: string) {
  // From the leavers (few, by the people (school, left_at) index of migration 0039) to their open entries.
  const row = await db
    .selectFrom('access_entries')
    .select((eb) => [
      eb.fn.count<number>('access_entries.person_id').distinct().as('people'),
      eb.fn.countAll<number>().as('entries'),
    ])
    .where('access_entries.school_id', '=', schoolId)
    .where('access_entries.person_id', 'in', (eb) =>
      eb
        .selectFrom('people')
        .select('people.id')
        .where('people.school_id', '=', schoolId)
        .where('people.left_at', 'is not', null)
        .where('people.left_at', '<=', nowIso),
    )
    .where('access_entries.removed_at', 'is', null)
    .where((eb) =>
      eb.or([eb('access_entries.ends_at', 'is', null), eb('access_entries.ends_at', '>', nowIso)]),
    )
    .executeTakeFirst();
  return { leaversWithAccess: Number(row?.people ?? 0), entriesToRemove: Number(row?.entries ?? 0) };
}

export async function activeFor(
  db: Executor,
  schoolId: string,
  personId: string,
  system: string,
  nowIso: string,
) {
  return db
    .selectFrom('access_entries')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('system', '=', system)
    .where('removed_at', 'is', null)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', nowIso)]))
    .executeTakeFirst();
}

/** Counts for the dashboard: active entries whose holder has not signed the current agreement is computed by the caller. */
export async function activeHolders(db: Executor, schoolId: string, nowIso: string) {
  return db
    .selectFrom('access_entries')
    .innerJoin('people', 'people.id', 'access_entries.person_id')
    .select(['people.id', 'people.kind', 'people.year_group'])
    .distinct()
    .where('access_entries.school_id', '=', schoolId)
    .where('access_entries.removed_at', 'is', null)
    .where((eb) =>
      eb.or([eb('access_entries.ends_at', 'is', null), eb('access_entries.ends_at', '>', nowIso)]),
    )
    .where((eb) => eb.or([eb('people.left_at', 'is', null), eb('people.left_at', '>', nowIso)]))
    .execute();
}
