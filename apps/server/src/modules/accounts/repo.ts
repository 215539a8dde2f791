import type { Executor } from '../../db/index.js';
import { newId } from '../../lib/ids.js';

/**
 * Accounts are not school-owned rows (one account may act in several schools, clarification 4): an account
 * belongs to a school's list when its person is on that school's register or it holds a role there. Every
 * query here takes the school and keeps to those accounts.
 */
export async function accountIdsInSchool(
  db: Executor,
  schoolId: string,
  q?: string,
  limit = 500,
): Promise<string[]> {
  let query = db
    .selectFrom('accounts')
    .leftJoin('people', (j) =>
      j.onRef('people.account_id', '=', 'accounts.id').on('people.school_id', '=', schoolId),
    )
    .select('accounts.id')
    .where((eb) =>
      eb.or([
        eb('people.id', 'is not', null),
        eb.exists(
          eb
            .selectFrom('role_assignments')
            .select('role_assignments.id')
            .whereRef('role_assignments.account_id', '=', 'accounts.id')
            .where('role_assignments.school_id', '=', schoolId),
        ),
      ]),
    );
  if (q) {
    const like = `%${q.toLowerCase().replace(/[%_\\]/g, '')}%`;
    query = query.where((eb) =>
      eb.or([eb('accounts.username', 'like', like), eb('people.search_name', 'like', like)]),
    );
  }
  const rows = await query.orderBy('accounts.username').limit(limit).execute();
  return [...new Set(rows.map((r) => r.id))];
}

export async function accountInSchool(db: Executor, schoolId: string, accountId: string) {
  const account = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!account) return undefined;
  const person = await db
    .selectFrom('people')
    .select('id')
    .where('account_id', '=', accountId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  const role = await db
    .selectFrom('role_assignments')
    .select('id')
    .where('account_id', '=', accountId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  return person || role ? account : undefined;
}

export async function accountsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('username')
    .execute();
}

export async function peopleOfAccounts(db: Executor, schoolId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('people')
    .select([
      'id',
      'account_id',
      'kind',
      'given_name',
      'family_name',
      'preferred_name',
      'year_group',
      'left_at',
      'email',
    ])
    .where('school_id', '=', schoolId)
    .where('account_id', 'in', [...ids])
    .execute();
}

export async function rolesOfAccounts(db: Executor, schoolId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('role_assignments')
    .select(['account_id', 'role'])
    .where('school_id', '=', schoolId)
    .where('account_id', 'in', [...ids])
    .where('revoked_at', 'is', null)
    .execute();
}

export async function lastSignIns(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('sessions')
    .select(['account_id', (eb) => eb.fn.max('created_at').as('at')])
    .where('account_id', 'in', [...ids])
    .groupBy('account_id')
    .execute();
  return new Map(rows.map((r) => [r.account_id, String(r.at)]));
}

export async function pendingApprovals(db: Executor, schoolId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('approvals')
    .select(['id', 'kind', 'target_account_id', 'payload', 'requested_at'])
    .where('school_id', '=', schoolId)
    .where('status', '=', 'pending')
    .where('target_account_id', 'in', [...ids])
    .execute();
}

export async function holdsRole(db: Executor, schoolId: string, accountId: string, role: string) {
  return db
    .selectFrom('role_assignments')
    .select('id')
    .where('account_id', '=', accountId)
    .where('school_id', '=', schoolId)
    .where('role', '=', role)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function insertRole(
  db: Executor,
  schoolId: string,
  accountId: string,
  role: string,
  by: string | null,
  at: string,
): Promise<void> {
  await db
    .insertInto('role_assignments')
    .values({
      id: newId(),
      account_id: accountId,
      school_id: schoolId,
      organisation_id: null,
      role,
      granted_at: at,
      granted_by: by,
      revoked_at: null,
      revoked_by: null,
    })
    .execute();
}
