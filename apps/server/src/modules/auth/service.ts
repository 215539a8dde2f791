import { rolesNeedTotp } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { AccountTable, SessionTable } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { verifyPassword } from './passwords.js';
import { createSession, rolesIn, schoolsOf, type Actor } from './sessions.js';
import { checkThrottle, clearPair, recordFailure, type ThrottleSubject } from './throttle.js';

export type NextStep = 'done' | 'totp' | 'enrol_totp' | 'change_password';

export interface SignInResult {
  token: string;
  next: NextStep;
}

const BAD_CREDENTIALS = 'That username and password do not match';

export const NEXT_OF_STATE: Record<SessionTable['state'], NextStep | 'locked'> = {
  active: 'done',
  needs_totp: 'totp',
  needs_enrolment: 'enrol_totp',
  needs_password: 'change_password',
  locked: 'locked',
};

/** Where a session goes once the password (and, if required, the second factor) are through. */
export function stateAfterPassword(
  account: Pick<AccountTable, 'totp_enrolled_at'> & { must_change_password: number },
  needsTotp: boolean,
): SessionTable['state'] {
  if (needsTotp) return account.totp_enrolled_at ? 'needs_totp' : 'needs_enrolment';
  return account.must_change_password ? 'needs_password' : 'active';
}

/** After the second factor the one-time password, if any, must still be replaced before anything else. */
export const stateAfterSecondFactor = (mustChange: number): SessionTable['state'] =>
  mustChange ? 'needs_password' : 'active';

/** The school whose audit chain records an account's sign-ins (its first school), or none. */
async function auditSchoolOf(ctx: AppContext, accountId: string | undefined): Promise<string | null> {
  if (!accountId) return null;
  return (await schoolsOf(ctx.db, accountId))[0]?.id ?? null;
}

/** Counts a failure, audits it and any lock it starts; the caller then throws. */
export async function failedAttempt(
  ctx: AppContext,
  subject: ThrottleSubject,
  action: string,
  reason: string,
): Promise<void> {
  const locks = await recordFailure(ctx, subject);
  const schoolId = await auditSchoolOf(ctx, subject.accountId ?? undefined);
  await appendAudit(ctx, {
    schoolId,
    actorAccountId: subject.accountId,
    action,
    entityType: 'account',
    entityId: subject.accountId ?? undefined,
    ip: subject.ip,
    details: { reason },
  });
  for (const lock of locks) {
    await appendAudit(ctx, {
      schoolId,
      actorAccountId: subject.accountId,
      action: 'auth.throttle.locked',
      entityType: 'account',
      entityId: subject.accountId ?? undefined,
      ip: subject.ip,
      details: { scope: lock.scope, until: lock.until },
    });
  }
}

/** Checks the throttle, auditing a refused attempt before passing the 429 on. */
export async function throttled(ctx: AppContext, subject: ThrottleSubject, action: string): Promise<void> {
  try {
    await checkThrottle(ctx, subject);
  } catch (err) {
    if (err instanceof AppError) {
      await appendAudit(ctx, {
        schoolId: await auditSchoolOf(ctx, subject.accountId ?? undefined),
        actorAccountId: subject.accountId,
        action,
        entityType: 'account',
        entityId: subject.accountId ?? undefined,
        ip: subject.ip,
        details: { reason: 'throttled', ...(err.details as object) },
      });
    }
    throw err;
  }
}

/** Password step of signing in (policy 7.2). Roles with sensitive permissions go on to TOTP. */
export async function signIn(
  ctx: AppContext,
  opts: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<SignInResult> {
  const username = opts.username.trim().toLowerCase();
  const account = await ctx.db
    .selectFrom('accounts')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  const subject: ThrottleSubject = { username, accountId: account?.id ?? null, ip: opts.ip };
  await throttled(ctx, subject, 'auth.sign_in.failed');
  const ok = await verifyPassword(account?.password_hash ?? null, opts.password);
  if (!account || !ok) {
    await failedAttempt(ctx, subject, 'auth.sign_in.failed', account ? 'password' : 'unknown_username');
    throw new AppError('unauthenticated', BAD_CREDENTIALS);
  }
  if (account.disabled_at) {
    await appendAudit(ctx, {
      schoolId: await auditSchoolOf(ctx, account.id),
      actorAccountId: account.id,
      action: 'auth.sign_in.disabled',
      entityType: 'account',
      entityId: account.id,
      ip: opts.ip,
    });
    throw new AppError('unauthenticated', 'This account is disabled: ask your school’s administrator');
  }
  const schools = await schoolsOf(ctx.db, account.id);
  const schoolId = schools[0]?.id ?? null;
  const roles = await rolesIn(ctx.db, account.id, schoolId);
  const state = stateAfterPassword(account, rolesNeedTotp(roles));
  const next = NEXT_OF_STATE[state] as NextStep;
  const { token } = await createSession(ctx, {
    accountId: account.id,
    schoolId,
    state,
    ip: opts.ip,
    userAgent: opts.userAgent,
  });
  // The pair's failures are forgotten only once the whole sign-in (second factor included) is through.
  if (state === 'active' || state === 'needs_password') await clearPair(ctx.db, subject);
  await appendAudit(ctx, {
    schoolId,
    actorAccountId: account.id,
    action: next === 'done' ? 'auth.sign_in' : 'auth.sign_in.password_ok',
    entityType: 'account',
    entityId: account.id,
    ip: opts.ip,
    details: { next },
  });
  return { token, next };
}

export async function signOut(ctx: AppContext, actor: Actor, ip: string | null): Promise<void> {
  await ctx.db
    .updateTable('sessions')
    .set({ ended_at: iso(ctx.clock.now()), end_reason: 'signed_out' })
    .where('id', '=', actor.sessionId)
    .execute();
  await appendAudit(ctx, {
    schoolId: actor.schoolId,
    actorAccountId: actor.accountId,
    action: 'auth.sign_out',
    entityType: 'account',
    entityId: actor.accountId,
    ip,
  });
}

/** Acting in another school the account holds a role in (clarification 4). */
export async function switchSchool(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  ip: string | null,
): Promise<void> {
  const schools = await schoolsOf(ctx.db, actor.accountId);
  if (!schools.some((s) => s.id === schoolId)) throw new AppError('not_found', 'Not found');
  const roles = await rolesIn(ctx.db, actor.accountId, schoolId);
  // Moving into a school where a role needs TOTP asks for it again unless this session already passed it.
  const state = rolesNeedTotp(roles) && !actor.totpEnrolled ? 'needs_enrolment' : actor.state;
  await ctx.db
    .updateTable('sessions')
    .set({ school_id: schoolId, state })
    .where('id', '=', actor.sessionId)
    .execute();
  await appendAudit(ctx, {
    schoolId,
    actorAccountId: actor.accountId,
    action: 'auth.switch_school',
    entityType: 'school',
    entityId: schoolId,
    ip,
  });
}
