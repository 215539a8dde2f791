import type { Executor } from '../../db/index.js';
import type {
  ConcernAmendmentTable,
  ConcernAttachmentTable,
  ConcernCustodyTable,
  ConcernImageryViewTable,
  ConcernNoteTable,
  ConcernPersonTable,
  ConcernStatusEventTable,
  ConcernTable,
  ConcernViewerTable,
} from '../../db/schema-concerns.js';
import { visibleTo, type Viewer } from './visibility.js';

/** Concern rows are inserted and never deleted; only status, category and closing fields move (with history). */
export async function insertConcern(
  db: Executor,
  row: ConcernTable,
  people: ConcernPersonTable[],
  status: ConcernStatusEventTable,
): Promise<void> {
  await db.insertInto('concerns').values(row).execute();
  if (people.length) await db.insertInto('concern_people').values(people).execute();
  await db.insertInto('concern_status_events').values(status).execute();
}

/** One concern, if this viewer may see it (otherwise nothing, exactly as for a missing one). */
export async function visibleConcern(db: Executor, schoolId: string, v: Viewer, id: string) {
  return db
    .selectFrom('concerns')
    .selectAll()
    .where('concerns.school_id', '=', schoolId)
    .where('concerns.id', '=', id)
    .where(visibleTo(v))
    .executeTakeFirst();
}

export async function isNamedViewer(db: Executor, schoolId: string, concernId: string, accountId: string) {
  const row = await db
    .selectFrom('concern_viewers')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('concern_id', '=', concernId)
    .where('account_id', '=', accountId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

export interface ListFilter {
  status?: string | undefined;
  category?: string | undefined;
  pupilId?: string | undefined;
  reporterAccountId?: string | undefined;
  before?: string | undefined;
  limit: number;
}

export async function listVisible(db: Executor, schoolId: string, v: Viewer, f: ListFilter) {
  let q = db
    .selectFrom('concerns')
    .select([
      'concerns.id',
      'concerns.category',
      'concerns.subtype',
      'concerns.status',
      'concerns.restricted',
      'concerns.occurred_at',
      'concerns.recorded_at',
      'concerns.source',
      'concerns.reporter_account_id',
      'concerns.custodian_role',
    ])
    .where('concerns.school_id', '=', schoolId)
    .where(visibleTo(v));
  if (f.status) q = q.where('concerns.status', '=', f.status as ConcernTable['status']);
  if (f.category) q = q.where('concerns.category', '=', f.category);
  if (f.reporterAccountId) q = q.where('concerns.reporter_account_id', '=', f.reporterAccountId);
  if (f.before) q = q.where('concerns.recorded_at', '<', f.before);
  if (f.pupilId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('concern_people')
          .select('concern_people.id')
          .whereRef('concern_people.concern_id', '=', 'concerns.id')
          .where('concern_people.person_id', '=', f.pupilId!),
      ),
    );
  return q.orderBy('concerns.recorded_at', 'desc').orderBy('concerns.id').limit(f.limit).execute();
}

export async function peopleOf(db: Executor, schoolId: string, concernIds: string[]) {
  if (concernIds.length === 0) return [];
  return db
    .selectFrom('concern_people')
    .innerJoin('people', 'people.id', 'concern_people.person_id')
    .select([
      'concern_people.concern_id',
      'concern_people.person_id',
      'concern_people.role',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'people.year_group',
      'people.class_name',
    ])
    .where('concern_people.school_id', '=', schoolId)
    .where('concern_people.concern_id', 'in', concernIds)
    .orderBy('concern_people.role', 'desc')
    .orderBy('people.family_name')
    .execute();
}

type Child = 'concern_notes' | 'concern_amendments' | 'concern_attachments' | 'concern_custody';

export async function childrenOf<T extends Child>(
  db: Executor,
  table: T,
  schoolId: string,
  concernId: string,
) {
  return db
    .selectFrom(table as 'concern_notes')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('concern_id', '=', concernId)
    .execute() as unknown as Promise<
    T extends 'concern_notes'
      ? ConcernNoteTable[]
      : T extends 'concern_amendments'
        ? ConcernAmendmentTable[]
        : T extends 'concern_attachments'
          ? ConcernAttachmentTable[]
          : ConcernCustodyTable[]
  >;
}

export async function attachmentMeta(db: Executor, schoolId: string, concernId: string) {
  return db
    .selectFrom('concern_attachments')
    .select(['id', 'filename_enc', 'content_type', 'size', 'uploaded_at', 'uploaded_by'])
    .where('school_id', '=', schoolId)
    .where('concern_id', '=', concernId)
    .orderBy('uploaded_at')
    .execute();
}

export async function attachment(db: Executor, schoolId: string, id: string) {
  return db
    .selectFrom('concern_attachments')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function imageryViews(db: Executor, schoolId: string, concernId: string) {
  return db
    .selectFrom('concern_imagery_views')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('concern_id', '=', concernId)
    .orderBy('viewed_at')
    .execute();
}

export async function statusEvents(db: Executor, schoolId: string, concernId: string) {
  return db
    .selectFrom('concern_status_events')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('concern_id', '=', concernId)
    .orderBy('at')
    .execute();
}

export async function viewersOf(db: Executor, schoolId: string, concernId: string) {
  return db
    .selectFrom('concern_viewers')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('concern_id', '=', concernId)
    .orderBy('named_at')
    .execute();
}

export const insertNote = (db: Executor, r: ConcernNoteTable) =>
  db.insertInto('concern_notes').values(r).execute();
export const insertAmendment = (db: Executor, r: ConcernAmendmentTable) =>
  db.insertInto('concern_amendments').values(r).execute();
export const insertAttachment = (db: Executor, r: ConcernAttachmentTable) =>
  db.insertInto('concern_attachments').values(r).execute();
export const insertCustody = (db: Executor, r: ConcernCustodyTable) =>
  db.insertInto('concern_custody').values(r).execute();
export const insertImageryView = (db: Executor, r: ConcernImageryViewTable) =>
  db.insertInto('concern_imagery_views').values(r).execute();
export const insertViewer = (db: Executor, r: ConcernViewerTable) =>
  db.insertInto('concern_viewers').values(r).execute();

export async function removeViewer(
  db: Executor,
  schoolId: string,
  concernId: string,
  accountId: string,
  by: string,
  at: string,
) {
  await db
    .updateTable('concern_viewers')
    .set({ removed_at: at, removed_by: by })
    .where('school_id', '=', schoolId)
    .where('concern_id', '=', concernId)
    .where('account_id', '=', accountId)
    .where('removed_at', 'is', null)
    .execute();
}

/** Accounts holding any of these roles in the school, enabled: who an alert goes to. */
export async function accountsWithRoles(db: Executor, schoolId: string, roles: string[]) {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('accounts', 'accounts.id', 'role_assignments.account_id')
    .select(['role_assignments.account_id', 'role_assignments.role'])
    .where('role_assignments.school_id', '=', schoolId)
    .where('role_assignments.revoked_at', 'is', null)
    .where('role_assignments.role', 'in', roles)
    .where('accounts.disabled_at', 'is', null)
    .execute();
  return rows;
}

/** Restricted concerns of a school: the audit trail hides those a reader may not see (clarification 6). */
export async function restrictedIds(db: Executor, schoolId: string) {
  const rows = await db
    .selectFrom('concerns')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('restricted', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

export async function visibleAmong(db: Executor, schoolId: string, v: Viewer, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('concerns')
    .select('concerns.id')
    .where('concerns.school_id', '=', schoolId)
    .where('concerns.id', 'in', ids)
    .where(visibleTo(v))
    .execute();
  return new Set(rows.map((r) => r.id));
}
