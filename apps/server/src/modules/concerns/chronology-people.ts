import type { Executor } from '../../db/index.js';
import { prepared } from '../../db/prepared.js';
import type { PersonTable } from '../../db/schema.js';
import { findPerson, staffNamesByAccount } from '../people/lookup.js';

/**
 * What a chronology reads besides its rows: the pupil, and the names of the staff who did what it lists. Both come
 * from the people table only, so they are kept per school until the school's people revision moves (triggers on
 * every insert, update or delete of a person, migration 0003, whoever writes): a rename, a leaver or a tombstone
 * is seen at the next view. Names are kept as read, ids that are not a member of staff as null.
 */
interface Kept {
  rev: number;
  pupils: Map<string, Promise<PersonTable | undefined>>;
  names: Map<string, string | null>;
}
const MAX_SCHOOLS = 64;
/** A school's whole register is a few thousand people: past this the kept ones are dropped and read again. */
const MAX_PEOPLE = 10_000;
const kept = new WeakMap<Executor, Map<string, Kept>>();

/** Both revisions a chronology depends on, in one round trip (0 for a school with none yet). */
const revisions = prepared((db, schoolId) =>
  db.selectNoFrom((eb) => [
    eb.selectFrom('concern_revisions').select('rev').where('school_id', '=', schoolId).as('concerns'),
    eb.selectFrom('people_revisions').select('rev').where('school_id', '=', schoolId).as('people'),
  ]),
);

export async function chronologyRevisions(
  db: Executor,
  schoolId: string,
  /** As the session's query read them at the start of the request, when it came through one. */
  known: { concernRev?: number | undefined; peopleRev?: number | undefined },
) {
  if (known.concernRev !== undefined && known.peopleRev !== undefined)
    return { concerns: known.concernRev, people: known.peopleRev };
  const [row] = await revisions(db, schoolId);
  return { concerns: Number(row?.concerns ?? 0), people: Number(row?.people ?? 0) };
}

/** The school's kept people as of `rev` (read before the people themselves, so a later change reads afresh). */
export function peopleAt(db: Executor, schoolId: string, rev: number): Kept {
  let bySchool = kept.get(db);
  if (!bySchool) kept.set(db, (bySchool = new Map<string, Kept>()));
  let k = bySchool.get(schoolId);
  if (!k || k.rev !== rev || k.pupils.size + k.names.size > MAX_PEOPLE) {
    k = { rev, pupils: new Map(), names: new Map() };
    bySchool.delete(schoolId);
    if (bySchool.size >= MAX_SCHOOLS) bySchool.delete(bySchool.keys().next().value!);
    bySchool.set(schoolId, k);
  }
  return k;
}

export function keptPerson(k: Kept, db: Executor, schoolId: string, id: string) {
  let p = k.pupils.get(id);
  if (!p) {
    const read = findPerson(db, schoolId, id);
    k.pupils.set(id, (p = read));
    read.catch(() => {
      if (k.pupils.get(id) === read) k.pupils.delete(id);
    });
  }
  return p;
}

/** Names of the accounts that are members of this school's staff (the others are left out, as before). */
export async function keptStaffNames(
  k: Kept,
  db: Executor,
  schoolId: string,
  accountIds: readonly string[],
): Promise<Map<string, string>> {
  const missing = [...new Set(accountIds)].filter((a) => !k.names.has(a));
  if (missing.length) {
    const found = await staffNamesByAccount(db, schoolId, missing);
    for (const a of missing) k.names.set(a, found.get(a) ?? null);
  }
  const names = new Map<string, string>();
  for (const a of accountIds) {
    const n = k.names.get(a);
    if (n) names.set(a, n);
  }
  return names;
}
