import type { Executor } from '../../db/index.js';
import type { ImageConsentTable } from '../../db/schema-compliance.js';

/** Append-only: consents are inserted, never updated or deleted (a withdrawal is a new row). */
export async function insertConsents(db: Executor, rows: ImageConsentTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('image_consents')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function consentsOf(db: Executor, schoolId: string, pupilIds: string[]) {
  if (pupilIds.length === 0) return [];
  return db
    .selectFrom('image_consents')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('pupil_id', 'in', pupilIds)
    .orderBy('decided_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
}

export async function recentWithdrawals(db: Executor, schoolId: string, sinceIso: string) {
  return db
    .selectFrom('image_consents')
    .innerJoin('people', 'people.id', 'image_consents.pupil_id')
    .select([
      'image_consents.id',
      'image_consents.pupil_id',
      'image_consents.channel',
      'image_consents.decided_on',
      'image_consents.recorded_at',
      'people.given_name',
      'people.family_name',
      'people.class_name',
    ])
    .where('image_consents.school_id', '=', schoolId)
    .where('image_consents.decision', '=', 'withdrawn')
    .where('image_consents.recorded_at', '>=', sinceIso)
    .orderBy('image_consents.recorded_at', 'desc')
    .limit(500)
    .execute();
}

export async function pupilsOfClass(db: Executor, schoolId: string, className: string, nowIso: string) {
  return db
    .selectFrom('people')
    .select(['id', 'given_name', 'family_name', 'preferred_name', 'class_name', 'year_group'])
    .where('school_id', '=', schoolId)
    .where('kind', '=', 'pupil')
    .where('class_name', '=', className)
    .where('tombstoned_at', 'is', null)
    .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>', nowIso)]))
    .orderBy('family_name')
    .orderBy('given_name')
    .execute();
}
