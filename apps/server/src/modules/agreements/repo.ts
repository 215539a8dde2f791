import type { AupAudience } from '@harbour/shared';
import type { Executor } from '../../db/index.js';
import type { AupSignatureTable, AupVersionTable } from '../../db/schema-compliance.js';

const KS1_YEARS = ['N1', 'N2', 'R', '1', '2'];
const KS2_YEARS = ['3', '4', '5', '6'];

export interface Member {
  id: string;
  given_name: string;
  family_name: string;
  kind: string;
  class_name: string | null;
  year_group: string | null;
  account_id: string | null;
  email: string | null;
}

/** The people an audience's agreement is for, now: current staff, pupils by key stage, parents, visitors on site. */
function audienceQuery(
  db: Executor,
  schoolId: string,
  audience: AupAudience,
  opts: { nowIso: string; publisherIds: string[]; className?: string | undefined },
) {
  let q = db
    .selectFrom('people')
    .where('people.school_id', '=', schoolId)
    .where('people.tombstoned_at', 'is', null)
    .where((eb) => eb.or([eb('people.left_at', 'is', null), eb('people.left_at', '>', opts.nowIso)]));
  if (audience === 'staff' || audience === 'staff_social_media') q = q.where('people.kind', '=', 'staff');
  if (audience === 'staff_social_media')
    q = q.where('people.id', 'in', opts.publisherIds.length ? opts.publisherIds : ['-']);
  if (audience === 'pupil_ks1')
    q = q.where('people.kind', '=', 'pupil').where('people.year_group', 'in', KS1_YEARS);
  if (audience === 'pupil_ks2')
    q = q.where('people.kind', '=', 'pupil').where('people.year_group', 'in', KS2_YEARS);
  if (audience === 'parent') q = q.where('people.kind', '=', 'parent');
  if (audience === 'visitor')
    q = q.where('people.kind', '=', 'visitor').where('people.access_ends_at', '>', opts.nowIso);
  if (opts.className) q = q.where('people.class_name', '=', opts.className);
  return q;
}

export async function audienceMembers(
  db: Executor,
  schoolId: string,
  audience: AupAudience,
  opts: { nowIso: string; publisherIds: string[]; className?: string | undefined },
): Promise<Member[]> {
  if (audience === 'staff_social_media' && opts.publisherIds.length === 0) return [];
  return audienceQuery(db, schoolId, audience, opts)
    .select(['id', 'given_name', 'family_name', 'kind', 'class_name', 'year_group', 'account_id', 'email'])
    .orderBy('class_name')
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('id')
    .execute();
}

/** How many of an audience there are, and how many have signed a version: two counts, for the dashboard. */
export async function audienceCounts(
  db: Executor,
  schoolId: string,
  audience: AupAudience,
  versionId: string | null,
  opts: { nowIso: string; publisherIds: string[] },
): Promise<{ members: number; signed: number }> {
  if (!versionId) {
    const members = await audienceQuery(db, schoolId, audience, opts)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return { members: Number(members?.n ?? 0), signed: 0 };
  }
  const row = await audienceQuery(db, schoolId, audience, opts)
    .select((eb) => [
      eb.fn.countAll<number>().as('members'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('aup_signatures')
                  .select('aup_signatures.id')
                  .where('aup_signatures.school_id', '=', schoolId)
                  .where('aup_signatures.version_id', '=', versionId)
                  .whereRef('aup_signatures.person_id', '=', 'people.id'),
              ),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('signed'),
    ])
    .executeTakeFirst();
  return { members: Number(row?.members ?? 0), signed: Number(row?.signed ?? 0) };
}

export async function versionsOf(db: Executor, schoolId: string) {
  return db
    .selectFrom('aup_versions')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('audience')
    .orderBy('version', 'desc')
    .execute();
}

export async function getVersion(db: Executor, schoolId: string, id: string) {
  return db
    .selectFrom('aup_versions')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The current version of an audience's agreement: the newest published one. */
export async function currentVersion(
  db: Executor,
  schoolId: string,
  audience: AupAudience,
): Promise<AupVersionTable | undefined> {
  return db
    .selectFrom('aup_versions')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('audience', '=', audience)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function maxVersion(db: Executor, schoolId: string, audience: AupAudience): Promise<number> {
  const row = await db
    .selectFrom('aup_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('school_id', '=', schoolId)
    .where('audience', '=', audience)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

export async function insertVersion(db: Executor, row: AupVersionTable): Promise<void> {
  await db.insertInto('aup_versions').values(row).execute();
}

export async function updateVersion(
  db: Executor,
  schoolId: string,
  id: string,
  set: Partial<AupVersionTable>,
): Promise<void> {
  await db
    .updateTable('aup_versions')
    .set(set)
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .execute();
}

/** Signatures are append-only: there is an insert and no update or delete anywhere. */
export async function insertSignature(db: Executor, row: AupSignatureTable): Promise<void> {
  await db.insertInto('aup_signatures').values(row).execute();
}

export async function signatureFor(db: Executor, schoolId: string, versionId: string, personId: string) {
  return db
    .selectFrom('aup_signatures')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('version_id', '=', versionId)
    .where('person_id', '=', personId)
    .orderBy('signed_at')
    .limit(1)
    .executeTakeFirst();
}

/** Who has signed a version, as a set of person ids. */
export async function signedIds(db: Executor, schoolId: string, versionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('aup_signatures')
    .select('person_id')
    .where('school_id', '=', schoolId)
    .where('version_id', '=', versionId)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function signaturesOf(db: Executor, schoolId: string, personId: string) {
  return db
    .selectFrom('aup_signatures')
    .innerJoin('aup_versions', 'aup_versions.id', 'aup_signatures.version_id')
    .select([
      'aup_signatures.id',
      'aup_signatures.audience',
      'aup_signatures.method',
      'aup_signatures.signed_at',
      'aup_signatures.signed_by_person_id',
      'aup_signatures.recorded_at',
      'aup_signatures.note',
      'aup_versions.version',
      'aup_versions.title',
      'aup_signatures.version_id',
    ])
    .where('aup_signatures.school_id', '=', schoolId)
    .where('aup_signatures.person_id', '=', personId)
    .orderBy('aup_signatures.signed_at', 'desc')
    .execute();
}
