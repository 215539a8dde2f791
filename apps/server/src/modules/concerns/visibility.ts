import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { scopesFor, type Role, type Scope } from '@harbour/shared';
import type { DB } from '../../db/schema.js';
import type { ConcernTable } from '../../db/schema-concerns.js';
import type { Caller } from '../../http/caller.js';

/**
 * Who may see which concern (clarifications 5, 6 and 7), applied in the queries themselves so lists, counts,
 * chronologies and exports obey it:
 * - the reporter sees what they reported;
 * - the DSL team (concerns.read over the school) sees every concern that is not restricted;
 * - a restricted record (an allegation about a member of staff) is seen by its custodian (the headteacher, or
 *   the chair of governors when the head is its subject) and the DSLs the custodian named on it;
 * - the subject of an allegation never meets it, whatever roles they hold.
 */
export interface Viewer {
  accountId: string;
  personId: string | null;
  roles: readonly Role[];
  scopes: readonly Scope[];
}

/** The roles that can hold a restricted record. */
export const CUSTODIAN_ROLES: readonly Role[] = ['headteacher', 'chair_of_governors'];

export const viewerOf = (c: Caller): Viewer => ({
  accountId: c.actor.accountId,
  personId: c.actor.personId,
  roles: c.actor.roles,
  scopes: scopesFor(c.actor.roles, 'concerns.read'),
});

export function visibleTo(v: Viewer) {
  return (eb: ExpressionBuilder<DB, 'concerns'>): Expression<SqlBool> => {
    const school = v.scopes.includes('school');
    const named = school || v.scopes.includes('named');
    const ors: Expression<SqlBool>[] = [eb('concerns.reporter_account_id', '=', v.accountId)];
    if (school) ors.push(eb('concerns.restricted', '=', 0));
    const custodianOf = v.roles.filter((r) => CUSTODIAN_ROLES.includes(r));
    if (named && custodianOf.length > 0)
      ors.push(eb.and([eb('concerns.restricted', '=', 1), eb('concerns.custodian_role', 'in', custodianOf)]));
    if (named)
      ors.push(
        eb.and([
          eb('concerns.restricted', '=', 1),
          eb.exists(
            eb
              .selectFrom('concern_viewers')
              .select('concern_viewers.id')
              .whereRef('concern_viewers.concern_id', '=', 'concerns.id')
              .where('concern_viewers.account_id', '=', v.accountId)
              .where('concern_viewers.removed_at', 'is', null),
          ),
        ]),
      );
    const ands: Expression<SqlBool>[] = [eb('concerns.tombstoned_at', 'is', null), eb.or(ors)];
    if (v.personId)
      ands.push(
        eb.or([
          eb('concerns.restricted', '=', 0),
          eb('concerns.subject_person_id', 'is', null),
          eb('concerns.subject_person_id', '!=', v.personId),
        ]),
      );
    if (v.scopes.length === 0) ands.push(sql<SqlBool>`1 = 0`);
    return eb.and(ands);
  };
}

/**
 * How much of a visible concern this viewer may read: the whole file ("team"), or only what they reported and
 * its status ("reporter", clarification 7).
 */
export type Level = 'team' | 'reporter';

/** Does this viewer hold the restricted record as its custodian (the head, or the chair for the head)? */
export const isCustodian = (v: Viewer, c: Pick<ConcernTable, 'custodian_role'>): boolean =>
  !!c.custodian_role &&
  (v.scopes.includes('school') || v.scopes.includes('named')) &&
  v.roles.includes(c.custodian_role as Role);

export function levelOf(
  v: Viewer,
  c: Pick<ConcernTable, 'restricted' | 'custodian_role' | 'reporter_account_id'>,
  namedOnIt: boolean,
): Level {
  const school = v.scopes.includes('school');
  if (c.restricted === 0 && school) return 'team';
  if (c.restricted === 1 && (v.scopes.includes('named') || school)) {
    if (c.custodian_role && v.roles.includes(c.custodian_role as Role)) return 'team';
    if (namedOnIt) return 'team';
  }
  return 'reporter';
}
