import { ROLES, ROLE_LABELS, isSafeguardingRole, rolesNeedTotp, type Role } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import type { Actor } from '../auth/sessions.js';
import { endSessionsOf } from '../auth/sessions.js';
import { locksOf, unlockAccount } from '../auth/throttle.js';
import { requestApproval } from './approvals.js';
import * as repo from './repo.js';
import type { ListAccountsQuery } from './schema.js';

export interface Caller {
  ctx: AppContext;
  actor: Actor & { schoolId: string };
  ip: string | null;
}

const notFound = () => new AppError('not_found', 'Not found');

export async function findAccount(c: Caller, id: string) {
  const account = await repo.accountInSchool(c.ctx.db, c.actor.schoolId, id);
  if (!account) throw notFound();
  return account;
}

async function audit(c: Caller, action: string, accountId: string, details?: Record<string, unknown>) {
  await appendAudit(c.ctx, {
    schoolId: c.actor.schoolId,
    actorAccountId: c.actor.accountId,
    action,
    entityType: 'account',
    entityId: accountId,
    ip: c.ip,
    details,
  });
}

/** The accounts admin list (issue 2, section 4): roles, TOTP status, locks and their end, pending requests. */
export async function listAccounts(c: Caller, q: ListAccountsQuery) {
  const db = c.ctx.db;
  const school = c.actor.schoolId;
  const ids = await repo.accountIdsInSchool(db, school, q.q, q.limit + 1);
  const page = ids.slice(0, q.limit);
  const now = iso(c.ctx.clock.now());
  const [accounts, people, roles, locks, lastSeen, pending] = await Promise.all([
    repo.accountsByIds(db, page),
    repo.peopleOfAccounts(db, school, page),
    repo.rolesOfAccounts(db, school, page),
    locksOf(db, page, now),
    repo.lastSignIns(db, page),
    repo.pendingApprovals(db, school, page),
  ]);
  return {
    accounts: accounts.map((a) => {
      const held = ROLES.filter((r) => roles.some((x) => x.account_id === a.id && x.role === r));
      const person = people.find((p) => p.account_id === a.id);
      return {
        id: a.id,
        username: a.username,
        person: person
          ? {
              id: person.id,
              name: `${person.preferred_name ?? person.given_name} ${person.family_name}`,
              kind: person.kind,
              yearGroup: person.year_group,
              leftAt: person.left_at,
            }
          : null,
        roles: held.map((r) => ({ role: r, label: ROLE_LABELS[r] })),
        hasPassword: a.password_hash !== null,
        mustChangePassword: a.must_change_password === 1,
        disabled: a.disabled_at ? { at: a.disabled_at, reason: a.disabled_reason } : null,
        totp: {
          required: rolesNeedTotp(held),
          enrolled: a.totp_enrolled_at !== null,
          enrolledAt: a.totp_enrolled_at,
        },
        locks: locks.get(a.id) ?? [],
        lastSignInAt: lastSeen.get(a.id) ?? null,
        pending: pending
          .filter((p) => p.target_account_id === a.id)
          .map((p) => ({
            id: p.id,
            kind: p.kind,
            requestedAt: p.requested_at,
            ...(JSON.parse(p.payload) as object),
          })),
      };
    }),
    hasMore: ids.length > q.limit,
  };
}

/** Disabling ends every session of the account at once (issue 2, section 4). */
export async function disableAccount(c: Caller, id: string, reason: string | undefined) {
  const account = await findAccount(c, id);
  if (account.id === c.actor.accountId)
    throw new AppError('conflict', 'You cannot disable your own account: ask another administrator');
  if (account.disabled_at) return { disabled: true, sessionsEnded: 0 };
  const now = iso(c.ctx.clock.now());
  const ended = await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('accounts')
      .set({ disabled_at: now, disabled_reason: reason ?? 'disabled by an administrator', updated_at: now })
      .where('id', '=', id)
      .execute();
    const n = await endSessionsOf(tx, id, 'account_disabled', now);
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: 'account.disable',
        entityType: 'account',
        entityId: id,
        ip: c.ip,
        details: { sessionsEnded: n },
      },
      tx,
    );
    return n;
  });
  return { disabled: true, sessionsEnded: ended };
}

export async function enableAccount(c: Caller, id: string) {
  const account = await findAccount(c, id);
  if (!account.disabled_at) return { disabled: false };
  await c.ctx.db
    .updateTable('accounts')
    .set({ disabled_at: null, disabled_reason: null, updated_at: iso(c.ctx.clock.now()) })
    .where('id', '=', id)
    .execute();
  await audit(c, 'account.enable', id);
  return { disabled: false };
}

/** Lifts every sign-in lock on the account, from every address. */
export async function unlockSignIn(c: Caller, id: string) {
  await findAccount(c, id);
  const cleared = await unlockAccount(c.ctx.db, id);
  await audit(c, 'account.unlock', id, { cleared });
  return { cleared };
}

/**
 * Grants a role in the acting school. Safeguarding roles (head, DSL, deputy DSL) wait for the approval of the
 * head or a DSL who is not the person receiving them, self included (clarification 9).
 */
export async function grantRole(c: Caller, id: string, role: Role) {
  await findAccount(c, id);
  if (await repo.holdsRole(c.ctx.db, c.actor.schoolId, id, role))
    throw new AppError('conflict', `This account already holds the role ${ROLE_LABELS[role]}`);
  if (isSafeguardingRole(role)) {
    const approval = await requestApproval(c, { kind: 'role_grant', targetAccountId: id, payload: { role } });
    return { status: 'pending' as const, approval };
  }
  await repo.insertRole(c.ctx.db, c.actor.schoolId, id, role, c.actor.accountId, iso(c.ctx.clock.now()));
  await audit(c, 'role.grant', id, { role });
  return { status: 'granted' as const };
}

export async function revokeRole(c: Caller, id: string, role: Role) {
  await findAccount(c, id);
  const held = await repo.holdsRole(c.ctx.db, c.actor.schoolId, id, role);
  if (!held) throw notFound();
  await c.ctx.db
    .updateTable('role_assignments')
    .set({ revoked_at: iso(c.ctx.clock.now()), revoked_by: c.actor.accountId })
    .where('id', '=', held.id)
    .execute();
  await audit(c, 'role.revoke', id, { role });
  return { revoked: true };
}

/** An administrator asks for a password or TOTP reset; it happens only once approved (clarification 9). */
export async function requestReset(c: Caller, id: string, kind: 'password_reset' | 'totp_reset') {
  const account = await findAccount(c, id);
  if (kind === 'totp_reset' && !account.totp_enrolled_at)
    throw new AppError('conflict', 'This account has no authenticator to reset');
  if (kind === 'password_reset' && !account.password_hash)
    throw new AppError('conflict', 'This account has no password yet: send an invitation instead');
  return {
    status: 'pending' as const,
    approval: await requestApproval(c, { kind, targetAccountId: id, payload: {} }),
  };
}
