import { yearGroupsIn } from '@harbour/shared';
import type { Executor } from '../../db/index.js';
import { prepared } from '../../db/prepared.js';
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
  /** Every entry's search_name, in order, joined by newlines (no name holds one: words split on whitespace). */
  haystack: string;
  /** Where each entry's name starts in the haystack. */
  starts: Int32Array;
}

const MAX_SCHOOLS = 64;
const indexes = new WeakMap<Executor, Map<string, SchoolIndex>>();

const revisionOf = prepared((db, schoolId) =>
  db.selectFrom('people_revisions').select('rev').where('school_id', '=', schoolId),
);

async function indexFor(db: Executor, schoolId: string, knownRev: number | undefined): Promise<SchoolIndex> {
  let bySchool = indexes.get(db);
  if (!bySchool) indexes.set(db, (bySchool = new Map<string, SchoolIndex>()));
  const rev = knownRev ?? Number((await revisionOf(db, schoolId))[0]?.rev ?? 0);
  const have = bySchool.get(schoolId);
  if (have && have.rev === rev) return have;
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
  const starts = new Int32Array(entries.length);
  let at = 0;
  entries.forEach((e, i) => {
    starts[i] = at;
    at += e.search_name.length + 1;
  });
  const index = { rev, entries, haystack: entries.map((e) => e.search_name).join('\n'), starts };
  bySchool.set(schoolId, index);
  return index;
}

/** The entry whose name holds haystack position `pos` (binary search over the starts). */
function entryAt(starts: Int32Array, pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Indexes of the entries, in order, whose name contains `word`: String.indexOf over one string of every name
 * finds the few that match without visiting the thousands that don't.
 */
function* containing(index: SchoolIndex, word: string): Generator<number> {
  const { haystack, starts } = index;
  let from = 0;
  for (;;) {
    const pos = haystack.indexOf(word, from);
    if (pos < 0) return;
    const i = entryAt(starts, pos);
    yield i;
    if (i + 1 >= starts.length) return;
    from = starts[i + 1]!;
  }
}

/**
 * The same answer as the SQL search in repo.listPeople for a reader with school scope, in the same order.
 * `knownRev`: the school's people revision as this request already read it (with its session), if it did.
 */
export async function searchSchool(
  db: Executor,
  schoolId: string,
  q: ListQuery,
  nowIso: string,
  knownRev?: number,
): Promise<readonly Entry[]> {
  const index = await indexFor(db, schoolId, knownRev);
  const { entries } = index;
  const words = q.q
    ? q.q
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 4)
        .map((w) => w.replace(/[%_\\]/g, ''))
        .filter(Boolean)
    : [];
  const stages = q.keyStage ? new Set<string | null>(yearGroupsIn(q.keyStage)) : null;
  const want = q.offset + q.limit + 1;
  const found: Entry[] = [];
  // With words, only the entries holding the longest word are visited (the longest is usually the rarest).
  const longest = words.reduce((a, w) => (w.length > a.length ? w : a), '');
  const others = words.filter((w) => w !== longest);
  const candidates = longest ? containing(index, longest) : entries.keys();
  for (const i of candidates) {
    const e = entries[i]!;
    if (e.tombstoned_at !== null) continue;
    if (q.kind && e.kind !== q.kind) continue;
    if (q.year && e.year_group !== q.year) continue;
    if (stages && !stages.has(e.year_group)) continue;
    if (q.className && e.class_name !== q.className) continue;
    if (q.status === 'current' && e.left_at !== null && e.left_at <= nowIso) continue;
    if (q.status === 'leavers' && e.left_at === null) continue;
    let all = true;
    for (const w of others) if (!e.search_name.includes(w)) all = false;
    if (!all) continue;
    found.push(e);
    if (found.length >= want) break;
  }
  return found.slice(q.offset);
}
