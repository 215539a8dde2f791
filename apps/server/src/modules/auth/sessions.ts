import type { Role } from '@harbour/shared';
import { ROLES, readsSafeguardingData, rolesNeedTotp } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { SessionTable } from '../../db/schema.js';
import { prepared } from '../../db/prepared.js';
import { appendAudit } from '../audit/service.js';
import { newToken, sha256 } from '../../lib/ids.js';
import { addMinutes, iso } from '../../lib/time.js';

export interface Actor {
  sessionId: string;
  accountId: string;
  username: string;
  schoolId: string | null;
  roles: Role[];
  personId: string | null;
  state: SessionTable['state'];
  csrfToken: string;
  idleMinutes: number;
  totpEnrolled: boolean;
  /**
   * The acting school's people revision (migration 0003), read in the same query as the session: the people
   * search compares its kept register with it instead of asking again (0 when the school has none yet).
   * Absent on an actor made in code (the demo seed): the search then reads the revision itself.
   */
  peopleRev?: number | undefined;
  /**
   * Likewise the acting school's concern revision (migration 0018) and time zone, for the kept concern dashboard
   * and chronologies (modules/concerns/*-cache.ts). Absent on an actor made in code: those read them themselves.
   */
  concernRev?: number | undefined;
  timeZone?: string | undefined;
}

const rolesInSchool = prepared((db, accountId, schoolId) =>
  db
    .selectFrom('role_assignments')
    .select('role')
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('school_id', '=', schoolId),
);

const rolesInSchoolOrTrust = prepared((db, accountId, schoolId, organisationId) =>
  db
    .selectFrom('role_assignments')
    .select('role')
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('school_id', '=', schoolId), eb('organisation_id', '=', organisationId)])),
);

/** Roles an account holds in one school, including organisation roles of that school's trust. */
export async function rolesIn(
  db: Executor,
  accountId: string,
  schoolId: string | null,
  /** The school's organisation, when the caller has already read it (undefined: look it up). */
  organisationId?: string | null,
): Promise<Role[]> {
  if (!schoolId) return [];
  const school =
    organisationId !== undefined
      ? { organisation_id: organisationId }
      : await db
          .selectFrom('schools')
          .select('organisation_id')
          .where('id', '=', schoolId)
          .executeTakeFirst();
  const rows = school?.organisation_id
    ? await rolesInSchoolOrTrust(db, accountId, schoolId, school.organisation_id)
    : await rolesInSchool(db, accountId, schoolId);
  const set = new Set(rows.map((r) => r.role));
  return ROLES.filter((r: Role) => set.has(r));
}

/**
 * Schools in which an account holds any role, and every school of an organisation in which it holds one (a
 * trust officer acts in each of the trust's schools); the first is where a new session acts.
 */
export async function schoolsOf(db: Executor, accountId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('schools', (j) =>
      j.on((eb) =>
        eb.or([
          eb('schools.id', '=', eb.ref('role_assignments.school_id')),
          eb('schools.organisation_id', '=', eb.ref('role_assignments.organisation_id')),
        ]),
      ),
    )
    .select(['schools.id', 'schools.name'])
    .where('role_assignments.account_id', '=', accountId)
    .where('role_assignments.revoked_at', 'is', null)
    .distinct()
    .orderBy('schools.name')
    .execute();
  return rows;
}

/** Idle lock (issue 2, section 4): shorter for roles that read safeguarding records. */
export function idleMinutesFor(ctx: AppContext, roles: readonly Role[]): number {
  return readsSafeguardingData(roles)
    ? ctx.config.HARBOUR_IDLE_LOCK_SENSITIVE_MINUTES
    : ctx.config.HARBOUR_IDLE_LOCK_MINUTES;
}

export async function createSession(
  ctx: AppContext,
  opts: {
    accountId: string;
    schoolId: string | null;
    state: SessionTable['state'];
    ip: string | null;
    userAgent: string | null;
  },
): Promise<{ token: string; id: string }> {
  const token = newToken();
  const id = sha256(token);
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('sessions')
    .values({
      id,
      account_id: opts.accountId,
      school_id: opts.schoolId,
      state: opts.state,
      csrf_token: newToken(),
      created_at: iso(now),
      last_seen_at: iso(now),
      expires_at: iso(addMinutes(now, ctx.config.HARBOUR_SESSION_MAX_HOURS * 60)),
      ended_at: null,
      end_reason: null,
      ip: opts.ip,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, id };
}

export async function endSessionsOf(
  db: Executor,
  accountId: string,
  reason: string,
  at: string,
): Promise<number> {
  const res = await db
    .updateTable('sessions')
    .set({ ended_at: at, end_reason: reason })
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function setSessionState(db: Executor, id: string, state: SessionTable['state']): Promise<void> {
  await db.updateTable('sessions').set({ state }).where('id', '=', id).execute();
}

/**
 * The session, its account, the person it is in the session's school, that school's organisation and people
 * revision, and the roles the account holds there (the school's and its trust's): one row per role assignment
 * (one row with a null role when there is none), so a request pays one round trip for all of it.
 */
const sessionRows = prepared((db, id) =>
  db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .leftJoin('people', (j) =>
      j
        .onRef('people.account_id', '=', 'sessions.account_id')
        .onRef('people.school_id', '=', 'sessions.school_id'),
    )
    .leftJoin('schools', 'schools.id', 'sessions.school_id')
    .leftJoin('people_revisions', 'people_revisions.school_id', 'sessions.school_id')
    .leftJoin('concern_revisions', 'concern_revisions.school_id', 'sessions.school_id')
    .leftJoin('role_assignments', (j) =>
      j
        .onRef('role_assignments.account_id', '=', 'sessions.account_id')
        .on('role_assignments.revoked_at', 'is', null)
        .on((eb) =>
          eb.or([
            eb('role_assignments.school_id', '=', eb.ref('sessions.school_id')),
            eb('role_assignments.organisation_id', '=', eb.ref('schools.organisation_id')),
          ]),
        ),
    )
    .select([
      'people.id as person_id',
      'people.left_at as person_left_at',
      'schools.organisation_id',
      'sessions.id',
      'sessions.account_id',
      'sessions.school_id',
      'sessions.state',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.created_at',
      'sessions.expires_at',
      'sessions.ended_at',
      'accounts.username',
      'accounts.disabled_at',
      'accounts.totp_enrolled_at',
      'role_assignments.role',
      'people_revisions.rev as people_rev',
      'concern_revisions.rev as concern_rev',
      'schools.time_zone',
    ])
    .where('sessions.id', '=', id),
);

/** The roles in the rows of sessionRows, in ROLES order, each once. */
function rolesOfRows(rows: readonly { role: string | null }[]): Role[] {
  if (rows.length === 1) {
    const only = rows[0]!.role;
    return only && (ROLES as readonly string[]).includes(only) ? [only as Role] : [];
  }
  const set = new Set<string | null>();
  for (const r of rows) set.add(r.role);
  return ROLES.filter((r: Role) => set.has(r));
}

/** Minutes a session may wait in a sign-in step (second factor, enrolment, new password). */
const PENDING_MINUTES = 15;

/**
 * Loads the session behind a cookie token, enforcing expiry, disabled accounts, leavers and the idle lock
 * (clarification 9: enforced by the server). Returns undefined for any session that is no longer valid.
 */
export async function loadActor(
  ctx: AppContext,
  token: string,
  opts: { touch: boolean },
): Promise<Actor | undefined> {
  const id = sha256(token);
  // One query for the session, its account, the person it is in the session's school, that school's
  // organisation and the account's roles there: every request pays for this lookup.
  const rows = await sessionRows(ctx.db, id);
  const row = rows[0];
  if (!row || row.ended_at) return undefined;
  const now = ctx.clock.now();
  const nowIso = iso(now);
  if (row.expires_at <= nowIso) {
    await ctx.db
      .updateTable('sessions')
      .set({ ended_at: nowIso, end_reason: 'expired' })
      .where('id', '=', id)
      .execute();
    return undefined;
  }
  if (row.disabled_at) {
    await endSessionsOf(ctx.db, row.account_id, 'account_disabled', nowIso);
    return undefined;
  }
  const person = row.person_id ? { id: row.person_id, left_at: row.person_left_at } : undefined;
  if (person?.left_at && person.left_at <= nowIso) {
    await endSessionsOf(ctx.db, row.account_id, 'leaver', nowIso);
    return undefined;
  }
  if (
    row.state !== 'active' &&
    row.state !== 'locked' &&
    addMinutes(new Date(row.created_at), PENDING_MINUTES) <= now
  ) {
    // A sign-in left half-way (second factor, enrolment, new password) does not wait for ever.
    await ctx.db
      .updateTable('sessions')
      .set({ ended_at: nowIso, end_reason: 'sign_in_timeout' })
      .where('id', '=', id)
      .execute();
    return undefined;
  }
  const roles = row.school_id ? rolesOfRows(rows) : [];
  const idleMinutes = idleMinutesFor(ctx, roles);
  let state = row.state;
  if (state === 'active' && rolesNeedTotp(roles) && row.totp_enrolled_at === null) {
    // A role needing TOTP was granted, or the authenticator was reset, while this session was open.
    state = 'needs_enrolment';
    await setSessionState(ctx.db, id, state);
  } else if (state === 'active' && addMinutes(new Date(row.last_seen_at), idleMinutes) <= now) {
    state = 'locked';
    await setSessionState(ctx.db, id, 'locked');
    await appendAudit(ctx, {
      schoolId: row.school_id,
      actorAccountId: row.account_id,
      action: 'auth.lock',
      entityType: 'account',
      entityId: row.account_id,
      details: { reason: 'idle', idleMinutes },
    });
  }
  // Touch at most every 10 s: enough precision for an idle lock counted in minutes, far fewer writes.
  if (opts.touch && state === 'active' && now.getTime() - new Date(row.last_seen_at).getTime() > 10_000) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: nowIso }).where('id', '=', id).execute();
  }
  return {
    sessionId: id,
    accountId: row.account_id,
    username: row.username,
    schoolId: row.school_id,
    roles,
    personId: person?.id ?? null,
    state,
    csrfToken: row.csrf_token,
    idleMinutes,
    totpEnrolled: row.totp_enrolled_at !== null,
    peopleRev: Number(row.people_rev ?? 0),
    concernRev: Number(row.concern_rev ?? 0),
    timeZone: row.time_zone ?? undefined,
  };
}
