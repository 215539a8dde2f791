import type { Role } from '@harbour/shared';
import type { ConcernTable, ConcernViewerTable } from '../../db/schema-concerns.js';
import type { Caller } from '../../http/caller.js';
import { staffNamesByAccount } from '../people/lookup.js';
import * as repo from './repo.js';

/** Who can be named on a restricted record: the school's DSLs and deputies (clarification 6). */
export const NAMEABLE_ROLES = ['dsl', 'deputy_dsl'];

/**
 * The named viewers of a restricted record, by name, and, for its custodian (the head, or the chair when the
 * head is the subject), the DSLs and deputies they may still name: never the subject, nor the custodian.
 */
export async function viewerNames(
  c: Caller,
  row: Pick<ConcernTable, 'id' | 'restricted' | 'custodian_role' | 'subject_person_id'>,
  viewers: Pick<ConcernViewerTable, 'account_id' | 'named_at' | 'removed_at'>[],
) {
  const schoolId = c.actor.schoolId;
  const current = viewers.filter((v) => !v.removed_at);
  const manages =
    row.restricted === 1 && !!row.custodian_role && c.actor.roles.includes(row.custodian_role as Role);
  let candidates: string[] = [];
  if (manages) {
    const subject = row.subject_person_id
      ? await c.ctx.db
          .selectFrom('people')
          .select('account_id')
          .where('school_id', '=', schoolId)
          .where('id', '=', row.subject_person_id)
          .executeTakeFirst()
      : undefined;
    const named = new Set(current.map((v) => v.account_id));
    candidates = [
      ...new Set((await repo.accountsWithRoles(c.ctx.db, schoolId, NAMEABLE_ROLES)).map((r) => r.account_id)),
    ].filter((a) => a !== subject?.account_id && a !== c.actor.accountId && !named.has(a));
  }
  const names = await staffNamesByAccount(c.ctx.db, schoolId, [
    ...current.map((v) => v.account_id),
    ...candidates,
  ]);
  const nameOf = (a: string) => names.get(a) ?? 'A member of staff';
  return {
    namedViewers: current.map((v) => ({
      accountId: v.account_id,
      name: nameOf(v.account_id),
      namedAt: v.named_at,
    })),
    /** For the custodian only: may name and remove who sees this record. */
    managesViewers: manages,
    mayName: candidates
      .map((accountId) => ({ accountId, name: nameOf(accountId) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
