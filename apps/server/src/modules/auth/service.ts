import { rolesNeedTotp } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { verifyPassword } from './passwords.js';
import { createSession, rolesIn, schoolsOf, type Actor } from './sessions.js';

export interface SignInResult {
  token: string;
  next: 'done' | 'totp' | 'enrol_totp';
}

const BAD_CREDENTIALS = 'That username and password do not match';

/** Password step of signing in (policy 7.2). Roles that read safeguarding data go on to TOTP. */
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
  const ok = await verifyPassword(account?.password_hash ?? null, opts.password);
  if (!account || !ok) {
    await appendAudit(ctx, {
      schoolId: null,
      actorAccountId: account?.id ?? null,
      action: 'auth.sign_in.failed',
      entityType: 'account',
      entityId: account?.id,
      ip: opts.ip,
    });
    throw new AppError('unauthenticated', BAD_CREDENTIALS);
  }
  if (account.disabled_at) {
    await appendAudit(ctx, {
      schoolId: null,
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
  const needsTotp = rolesNeedTotp(roles);
  const next: SignInResult['next'] = !needsTotp ? 'done' : account.totp_enrolled_at ? 'totp' : 'enrol_totp';
  const state = next === 'done' ? 'active' : next === 'totp' ? 'needs_totp' : 'needs_enrolment';
  const { token } = await createSession(ctx, {
    accountId: account.id,
    schoolId,
    state,
    ip: opts.ip,
    userAgent: opts.userAgent,
  });
  await appendAudit(ctx, {
    schoolId,
    actorAccountId: account.id,
    action: next === 'done' ? 'auth.sign_in' : 'auth.sign_in.password_ok',
    entityType: 'account',
    entityId: account.id,
    ip: opts.ip,
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
