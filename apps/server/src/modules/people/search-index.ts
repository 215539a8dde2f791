import { yearGroupsIn } from '@harbour/shared';
import type { Executor } from '../../db/index.js';
import type { PersonTable } from '../../db/schema.js';
import type { ListQuery } from './schema.js';

/**
 * The people search for readers who see the whole school (staff), kept in memory per school. A LIKE '%word%'
 * over the register scans every row and sorts the matches: about a millisecond for 2,000 people, which caps a
 * search at a few hundred answers a second. Here the school's register (about 1 MB for 2,000 people) sits in an
 * array already in the database's own order (so PostgreSQL's collation is kept) and the filter runs over it in
 * JavaScript. The array is reloaded whenever the school's revision (bumped by triggers on
 * every change to its people, by any process: migration 0003) has moved, so it is never stale.
 */
type Entry = Readonly<PersonTable>;
interface SchoolIndex {
  rev: number;
  entries: Entry[];
}

const MAX_SCHOOLS = 64;
const indexes = new WeakMap<Executor, Map<string, SchoolIndex>>();

async function indexFor(db: Executor, schoolId: string): Promise<Entry[]> {
  let bySchool = indexes.get(db);
  if (!bySchool) indexes.set(db, (bySchool = new Map<string, SchoolIndex>()));
  const revRow = await db
    .selectFrom('people_revisions')
    .select('rev')
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  const rev = Number(revRow?.rev ?? 0);
  const have = bySchool.get(schoolId);
  if (have && have.rev === rev) return have.entries;
  // Read the revision first: a change committed while loading moves it again and the next search reloads.
  const entries = await db
    .selectFrom('people')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('id')
    .execute();
  if (bySchool.size >= MAX_SCHOOLS && !have) bySchool.delete(bySchool.keys().next().value!);
  bySchool.set(schoolId, { rev, entries });
  return entries;
}

/** The same answer as the SQL search in repo.listPeople for a reader with school scope, in the same order. */
export async function searchSchool(
  db: Executor,
  schoolId: string,
  q: ListQuery,
  nowIso: string,
): Promise<readonly Entry[]> {
  const entries = await indexFor(db, schoolId);
  const words = q.q
    ? q.q
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 4)
        .map((w) => w.replace(/[%_\\]/g, ''))
    : [];
  const stages = q.keyStage ? new Set<string | null>(yearGroupsIn(q.keyStage)) : null;
  const want = q.offset + q.limit + 1;
  const found: Entry[] = [];
  for (const e of entries) {
    if (e.tombstoned_at !== null) continue;
    if (q.kind && e.kind !== q.kind) continue;
    if (q.year && e.year_group !== q.year) continue;
    if (stages && !stages.has(e.year_group)) continue;
    if (q.className && e.class_name !== q.className) continue;
    if (q.status === 'current' && e.left_at !== null && e.left_at <= nowIso) continue;
    if (q.status === 'leavers' && e.left_at === null) continue;
    if (words.length && !words.every((w) => e.search_name.includes(w))) continue;
    found.push(e);
    if (found.length >= want) break;
  }
  return found.slice(q.offset);
}
