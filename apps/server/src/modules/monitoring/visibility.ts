import { ROLES, scopesFor, type Role } from '@harbour/shared';
import type { Executor } from '../../db/index.js';
import type { MonitorAlertTable } from '../../db/schema-monitoring.js';
import { accountsWithRoles } from '../filtering/people.js';

/**
 * Who meets a monitoring alert (issue 6; clarification 6). Alerts about pupils and devices: the DSL team (every
 * role granted monitoring.read school-wide). Alerts about a member of staff follow the allegation route: only
 * the head, or the chair of governors when the head is the subject, and the DSLs they name; the subject never
 * meets it, whatever roles they hold.
 */
export const DSL_TEAM_ROLES: Role[] = ROLES.filter((r) =>
  scopesFor([r], 'monitoring.read').includes('school'),
);

export interface Viewer {
  accountId: string;
  roles: readonly Role[];
}

export interface RestrictedSubject {
  /** The subject's own account, if any. */
  accountId: string | null;
  subjectIsHead: boolean;
}

/** The subject of each restricted alert: their account and whether they are a head of this school. */
export async function restrictedSubjects(
  db: Executor,
  schoolId: string,
  alerts: Pick<MonitorAlertTable, 'id' | 'person_id' | 'restricted'>[],
): Promise<Map<string, RestrictedSubject>> {
  const out = new Map<string, RestrictedSubject>();
  const personIds = [...new Set(alerts.filter((a) => a.restricted && a.person_id).map((a) => a.person_id!))];
  if (personIds.length === 0) return out;
  const people = await db
    .selectFrom('people')
    .select(['id', 'account_id'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', personIds)
    .execute();
  const heads = new Set(await accountsWithRoles(db, schoolId, ['headteacher']));
  const accountOf = new Map(people.map((p) => [p.id, p.account_id]));
  for (const a of alerts) {
    if (!a.restricted || !a.person_id) continue;
    const accountId = accountOf.get(a.person_id) ?? null;
    out.set(a.id, { accountId, subjectIsHead: accountId !== null && heads.has(accountId) });
  }
  return out;
}

/** Whether these roles hold the route of an alert about staff: the head, or the chair when the head is the subject. */
export const holdsRoute = (roles: readonly Role[], subject: RestrictedSubject | undefined): boolean =>
  subject?.subjectIsHead ? roles.includes('chair_of_governors') : roles.includes('headteacher');

/** Whether this viewer may know the alert exists. `named`: the accounts the head or chair named on it. */
export function maySee(
  v: Viewer,
  alert: Pick<MonitorAlertTable, 'restricted'>,
  subject: RestrictedSubject | undefined,
  named: ReadonlySet<string>,
): boolean {
  const team = scopesFor(v.roles, 'monitoring.read').includes('school');
  if (!alert.restricted) return team;
  if (!subject || subject.accountId === v.accountId) return false;
  if (named.has(v.accountId) && team) return true;
  return holdsRoute(v.roles, subject);
}

/** The accounts an alert goes to at once: the DSL team, or for staff the head (the chair if it is the head). */
export async function recipientsOf(
  db: Executor,
  schoolId: string,
  alert: Pick<MonitorAlertTable, 'restricted'>,
  subject: RestrictedSubject | undefined,
): Promise<string[]> {
  if (!alert.restricted) return accountsWithRoles(db, schoolId, DSL_TEAM_ROLES);
  const roles: Role[] = subject?.subjectIsHead ? ['chair_of_governors'] : ['headteacher'];
  return (await accountsWithRoles(db, schoolId, roles)).filter((id) => id !== subject?.accountId);
}
