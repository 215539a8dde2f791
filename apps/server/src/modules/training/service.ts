import { TRAINING_KIND_LABELS } from '@harbour/shared';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { TrainingRecordTable } from '../../db/schema-compliance.js';
import { addDaysToDate, addMonthsToDate, auditAs, schoolToday, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { findPeople } from '../people/lookup.js';
import { openForSchool, sealForSchool } from '../schools/keys.js';
import * as repo from './repo.js';
import {
  CERTIFICATE_MAX_BYTES,
  type CertificateBody,
  type NewCourse,
  type NewRecord,
  type NewSession,
  type RecordsQuery,
} from './schema.js';

/** New staff: started within the last year. They need an induction record (policy 6.3). */
const NEW_STAFF_DAYS = 365;
const EXPIRING_DAYS = 30;
const reachesSchool = (c: Caller) => c.scopes.includes('school');

export async function listCourses(c: Caller) {
  const rows = await repo.courses(c.ctx.db, c.actor.schoolId);
  return {
    courses: rows.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      kindLabel: TRAINING_KIND_LABELS[r.kind],
      validityMonths: r.validity_months,
    })),
  };
}

export async function createCourse(c: Caller, body: z.infer<typeof NewCourse>) {
  return c.ctx.db.transaction().execute(async (tx) => {
    const id = newId();
    await repo.insertCourse(tx, {
      id,
      school_id: c.actor.schoolId,
      title: body.title,
      kind: body.kind,
      validity_months: body.validityMonths,
      created_by: c.actor.accountId,
      created_at: iso(c.ctx.clock.now()),
      archived_at: null,
    });
    await auditAs(c, tx, 'training.course_create', { type: 'training_course', id }, { kind: body.kind });
    return { id };
  });
}

export async function listRecords(c: Caller, q: z.infer<typeof RecordsQuery>) {
  // Staff without school-wide reach see their own training only.
  const personId = reachesSchool(c) ? q.personId : (c.actor.personId ?? '');
  const rows = await repo.records(c.ctx.db, c.actor.schoolId, { ...q, personId });
  return {
    records: rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      name: `${r.given_name} ${r.family_name}`,
      courseId: r.course_id,
      course: r.title,
      kind: r.kind,
      completedOn: r.completed_on,
      expiresOn: r.expires_on,
      provider: r.provider,
      notes: r.notes,
      certificateId: r.certificate_id,
      recordedAt: r.recorded_at,
    })),
  };
}

/** Adds completions for one person or a whole-staff session; all or nothing. */
async function addCompletions(
  c: Caller,
  personIds: string[],
  body: Omit<z.infer<typeof NewRecord>, 'personId'>,
): Promise<{ ids: string[]; batchId: string | null }> {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const course = await repo.getCourse(tx, schoolId, body.courseId);
    if (!course) throw new AppError('not_found', 'Not found');
    const unique = [...new Set(personIds)];
    const people = await findPeople(tx, schoolId, unique);
    const found = new Map(people.map((p) => [p.id, p]));
    const problems = unique
      .filter((id) => found.get(id)?.kind !== 'staff')
      .map((id) => ({ path: 'personIds', message: `${id} is not a member of staff of this school` }));
    if (problems.length) throw new AppError('validation', 'Training is recorded for staff only', problems);
    const today = await schoolToday(c.ctx, schoolId, tx);
    if (body.completedOn > today)
      throw new AppError('validation', 'The date cannot be in the future', [
        { path: 'completedOn', message: 'in the future' },
      ]);
    const expires =
      body.expiresOn !== undefined
        ? body.expiresOn
        : course.validity_months
          ? addMonthsToDate(body.completedOn, course.validity_months)
          : null;
    if (expires && expires <= body.completedOn)
      throw new AppError('validation', 'The expiry must be after the date of the training', [
        { path: 'expiresOn', message: 'not after the training' },
      ]);
    const batchId = unique.length > 1 ? newId() : null;
    const now = iso(c.ctx.clock.now());
    const rows: TrainingRecordTable[] = unique.map((personId) => ({
      id: newId(),
      school_id: schoolId,
      person_id: personId,
      course_id: course.id,
      completed_on: body.completedOn,
      expires_on: expires,
      provider: body.provider ?? null,
      notes: body.notes ?? null,
      batch_id: batchId,
      recorded_by: c.actor.accountId,
      recorded_at: now,
    }));
    await repo.insertRecords(tx, rows);
    await auditAs(
      c,
      tx,
      batchId ? 'training.session' : 'training.record',
      { type: batchId ? 'training_batch' : 'training_record', id: batchId ?? rows[0]!.id },
      { courseId: course.id, people: unique.length },
    );
    return { ids: rows.map((r) => r.id), batchId };
  });
}

export const addRecord = (c: Caller, body: z.infer<typeof NewRecord>) =>
  addCompletions(c, [body.personId], body);
export const addSession = (c: Caller, body: z.infer<typeof NewSession>) =>
  addCompletions(c, body.personIds, body);

export type TrainingState = 'current' | 'expiring' | 'expired' | 'never';

/** Each current member of staff: online-safety training current, expiring, expired or never; induction. */
export async function trainingStatus(ctx: AppContext, schoolId: string, onlyPersonId?: string) {
  const today = await schoolToday(ctx, schoolId);
  const rows = await repo.staffTraining(ctx.db, schoolId, iso(ctx.clock.now()));
  const soon = addDaysToDate(today, EXPIRING_DAYS);
  const newSince = addDaysToDate(today, -NEW_STAFF_DAYS);
  const staff = rows
    .filter((r) => !onlyPersonId || r.id === onlyPersonId)
    .map((r) => {
      const expiry = r.latest_expiry ? String(r.latest_expiry) : null;
      const state: TrainingState = !r.last_completed
        ? 'never'
        : expiry && expiry < today
          ? 'expired'
          : expiry && expiry <= soon
            ? 'expiring'
            : 'current';
      const isNew = !!r.start_date && r.start_date >= newSince;
      return {
        personId: r.id,
        name: `${r.given_name} ${r.family_name}`,
        jobTitle: r.job_title,
        startDate: r.start_date,
        lastCompleted: r.last_completed ? String(r.last_completed) : null,
        expiresOn: expiry === '9999-12-31' ? null : expiry,
        state,
        newStaff: isNew,
        inductedOn: r.inducted_on ? String(r.inducted_on) : null,
        inductionDue: isNew && !r.inducted_on,
      };
    });
  const count = (s: TrainingState) => staff.filter((x) => x.state === s).length;
  return {
    today,
    summary: {
      staff: staff.length,
      current: count('current') + count('expiring'),
      expiring: count('expiring'),
      expired: count('expired'),
      never: count('never'),
      inductionDue: staff.filter((s) => s.inductionDue).length,
    },
    staff,
  };
}

export async function status(c: Caller) {
  return trainingStatus(c.ctx, c.actor.schoolId, reachesSchool(c) ? undefined : (c.actor.personId ?? ''));
}

/** The file's first bytes must match its declared type: a certificate is a PDF or an image, nothing else. */
function looksLike(contentType: string, bytes: Buffer): boolean {
  if (contentType === 'application/pdf') return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
  if (contentType === 'image/png')
    return bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  if (contentType === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return false;
}

export async function uploadCertificate(c: Caller, recordId: string, body: z.infer<typeof CertificateBody>) {
  const bytes = Buffer.from(body.dataBase64, 'base64');
  if (bytes.length > CERTIFICATE_MAX_BYTES)
    throw new AppError('payload_too_large', 'A certificate can be at most 2 MB');
  if (!looksLike(body.contentType, bytes))
    throw new AppError('validation', 'The file is not the type it says it is', [
      { path: 'dataBase64', message: `not a ${body.contentType} file` },
    ]);
  const id = newId();
  const sealed = await sealForSchool(c.ctx, c.actor.schoolId, id, bytes.toString('base64'));
  return c.ctx.db.transaction().execute(async (tx) => {
    const record = await repo.getRecord(tx, c.actor.schoolId, recordId);
    if (!record) throw new AppError('not_found', 'Not found');
    await repo.insertCertificate(tx, {
      id,
      school_id: c.actor.schoolId,
      record_id: record.id,
      filename: body.filename,
      content_type: body.contentType,
      size: bytes.length,
      data_sealed: sealed,
      uploaded_by: c.actor.accountId,
      uploaded_at: iso(c.ctx.clock.now()),
    });
    await auditAs(
      c,
      tx,
      'training.certificate',
      { type: 'training_certificate', id },
      { recordId, size: bytes.length },
    );
    return { id, size: bytes.length };
  });
}

export async function certificate(c: Caller, id: string) {
  const row = await repo.getCertificate(c.ctx.db, c.actor.schoolId, id);
  if (!row || (!reachesSchool(c) && row.person_id !== c.actor.personId))
    throw new AppError('not_found', 'Not found');
  const data = Buffer.from(await openForSchool(c.ctx, c.actor.schoolId, id, row.data_sealed), 'base64');
  return { filename: row.filename, contentType: row.content_type, data };
}

/** For the dashboard: the share of current staff whose online-safety training is current. */
export async function trainingFigures(ctx: AppContext, schoolId: string) {
  const s = await trainingStatus(ctx, schoolId);
  return { ...s.summary };
}
