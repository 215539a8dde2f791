import type { Executor } from '../../db/index.js';
import type {
  TrainingCertificateTable,
  TrainingCourseTable,
  TrainingRecordTable,
} from '../../db/schema-compliance.js';

export const courses = (db: Executor, schoolId: string) =>
  db
    .selectFrom('training_courses')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('archived_at', 'is', null)
    .orderBy('title')
    .execute();

export const getCourse = (db: Executor, schoolId: string, id: string) =>
  db
    .selectFrom('training_courses')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();

export async function insertCourse(db: Executor, row: TrainingCourseTable): Promise<void> {
  await db.insertInto('training_courses').values(row).execute();
}

export async function insertRecords(db: Executor, rows: TrainingRecordTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('training_records')
      .values(rows.slice(i, i + 200))
      .execute();
}

export function records(
  db: Executor,
  schoolId: string,
  q: { personId?: string | undefined; courseId?: string | undefined; limit: number },
) {
  let query = db
    .selectFrom('training_records')
    .innerJoin('training_courses', 'training_courses.id', 'training_records.course_id')
    .innerJoin('people', 'people.id', 'training_records.person_id')
    .selectAll('training_records')
    .select([
      'training_courses.title',
      'training_courses.kind',
      'people.given_name',
      'people.family_name',
      (eb) =>
        eb
          .selectFrom('training_certificates')
          .select('training_certificates.id')
          .whereRef('training_certificates.record_id', '=', 'training_records.id')
          .limit(1)
          .as('certificate_id'),
    ])
    .where('training_records.school_id', '=', schoolId);
  if (q.personId) query = query.where('training_records.person_id', '=', q.personId);
  if (q.courseId) query = query.where('training_records.course_id', '=', q.courseId);
  return query
    .orderBy('training_records.completed_on', 'desc')
    .orderBy('training_records.id')
    .limit(q.limit)
    .execute();
}

export const getRecord = (db: Executor, schoolId: string, id: string) =>
  db
    .selectFrom('training_records')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Per staff member: the latest expiry of an online-safety or safeguarding course, and whether inducted. */
export function staffTraining(db: Executor, schoolId: string, nowIso: string) {
  return db
    .selectFrom('people')
    .select([
      'people.id',
      'people.given_name',
      'people.family_name',
      'people.job_title',
      'people.start_date',
      (eb) =>
        eb
          .selectFrom('training_records')
          .innerJoin('training_courses', 'training_courses.id', 'training_records.course_id')
          .select((e) => e.fn.max('training_records.completed_on').as('c'))
          .whereRef('training_records.person_id', '=', 'people.id')
          .where('training_courses.kind', 'in', ['online_safety', 'safeguarding'])
          .as('last_completed'),
      (eb) =>
        eb
          .selectFrom('training_records')
          .innerJoin('training_courses', 'training_courses.id', 'training_records.course_id')
          .select((e) => e.fn.max(e.fn.coalesce('training_records.expires_on', e.val('9999-12-31'))).as('x'))
          .whereRef('training_records.person_id', '=', 'people.id')
          .where('training_courses.kind', 'in', ['online_safety', 'safeguarding'])
          .as('latest_expiry'),
      (eb) =>
        eb
          .selectFrom('training_records')
          .innerJoin('training_courses', 'training_courses.id', 'training_records.course_id')
          .select((e) => e.fn.max('training_records.completed_on').as('i'))
          .whereRef('training_records.person_id', '=', 'people.id')
          .where('training_courses.kind', '=', 'induction')
          .as('inducted_on'),
    ])
    .where('people.school_id', '=', schoolId)
    .where('people.kind', '=', 'staff')
    .where('people.tombstoned_at', 'is', null)
    .where((eb) => eb.or([eb('people.left_at', 'is', null), eb('people.left_at', '>', nowIso)]))
    .orderBy('people.family_name')
    .orderBy('people.given_name')
    .execute();
}

export async function insertCertificate(db: Executor, row: TrainingCertificateTable): Promise<void> {
  await db.insertInto('training_certificates').values(row).execute();
}

export const getCertificate = (db: Executor, schoolId: string, id: string) =>
  db
    .selectFrom('training_certificates')
    .innerJoin('training_records', 'training_records.id', 'training_certificates.record_id')
    .selectAll('training_certificates')
    .select('training_records.person_id')
    .where('training_certificates.school_id', '=', schoolId)
    .where('training_certificates.id', '=', id)
    .executeTakeFirst();
