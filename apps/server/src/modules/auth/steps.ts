import type { AppContext } from '../../context.js';
import type { SessionTable } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { assertStrongPassword } from './password-policy.js';
import { passwordRuleOf } from './rules.js';
import { failedAttempt, stateAfterSecondFactor, throttled } from './service.js';
import { setSessionState, type Actor } from './sessions.js';
import { clearPair, type ThrottleSubject } from './throttle.js';
import {
  acceptedStep,
  enrolmentFor,
  newRecoveryCodes,
  newTotpSecret,
  openTotpSecret,
  sealTotpSecret,
  useRecoveryCode,
  type Enrolment,
} from './totp.js';

/** The steps a signed-in session takes besides the password: second factor, lock and unlock, new password. */
type State = SessionTable['state'];

/** Refuses a session in the wrong state: a locked one always with 423 (clarification 9). */
export function requireState(actor: Actor, ...states: State[]): void {
  if (states.includes(actor.state)) return;
  if (actor.state === 'locked')
    throw new AppError('locked', 'The screen is locked: enter your password to continue');
  if (actor.state === 'active') throw new AppError('conflict', 'You are already signed in');
  throw new AppError(
    actor.state === 'needs_password' ? 'password_change_required' : 'totp_required',
    'Finish signing in first',
  );
}

const subjectOf = (actor: Actor, ip: string | null): ThrottleSubject => ({
  username: actor.username,
  accountId: actor.accountId,
  ip,
});

async function account(ctx: AppContext, id: string) {
  return ctx.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function audit(ctx: AppContext, actor: Actor, action: string, ip: string | null, details?: object) {
  await appendAudit(ctx, {
    schoolId: actor.schoolId,
    actorAccountId: actor.accountId,
    action,
    entityType: 'account',
    entityId: actor.accountId,
    ip,
    details: details as Record<string, unknown> | undefined,
  });
}

/** Starts (or restarts) TOTP enrolment: a new pending secret, its QR code and the secret as text. */
export async function startEnrolment(ctx: AppContext, actor: Actor, ip: string | null): Promise<Enrolment> {
  requireState(actor, 'needs_enrolment');
  const secret = newTotpSecret();
  await ctx.db
    .updateTable('accounts')
    .set({
      totp_pending_secret_enc: sealTotpSecret(ctx, actor.accountId, secret),
      updated_at: iso(ctx.clock.now()),
    })
    .where('id', '=', actor.accountId)
    .execute();
  await audit(ctx, actor, 'auth.totp.enrolment_started', ip);
  const school = actor.schoolId
    ? await ctx.db.selectFrom('schools').select('name').where('id', '=', actor.schoolId).executeTakeFirst()
    : undefined;
  return enrolmentFor(secret, actor.username, school?.name ?? null);
}

/** Confirms enrolment with a first code; returns the ten recovery codes, shown this once. */
export async function confirmEnrolment(
  ctx: AppContext,
  actor: Actor,
  code: string,
  ip: string | null,
): Promise<{ recoveryCodes: string[]; next: 'done' | 'change_password' }> {
  requireState(actor, 'needs_enrolment');
  const subject = subjectOf(actor, ip);
  await throttled(ctx, subject, 'auth.totp.enrolment_failed');
  const acc = await account(ctx, actor.accountId);
  if (!acc.totp_pending_secret_enc) throw new AppError('conflict', 'Start enrolment first');
  const secret = openTotpSecret(ctx, acc.id, acc.totp_pending_secret_enc);
  const step = acceptedStep(ctx, secret, code, null);
  if (step === null) {
    await failedAttempt(ctx, subject, 'auth.totp.enrolment_failed', 'code');
    throw wrongCode();
  }
  const { codes, stored } = newRecoveryCodes(ctx);
  const now = iso(ctx.clock.now());
  const state = stateAfterSecondFactor(acc.must_change_password);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('accounts')
      .set({
        totp_secret_enc: sealTotpSecret(ctx, acc.id, secret),
        totp_pending_secret_enc: null,
        totp_enrolled_at: now,
        totp_last_step: step,
        recovery_codes: stored,
        updated_at: now,
      })
      .where('id', '=', acc.id)
      .execute();
    await setSessionState(tx, actor.sessionId, state);
    await clearPair(tx, subject);
  });
  await audit(ctx, actor, 'auth.totp.enrolled', ip, { recoveryCodes: codes.length });
  await audit(ctx, actor, 'auth.sign_in', ip, { factor: 'totp_enrolment' });
  return { recoveryCodes: codes, next: state === 'active' ? 'done' : 'change_password' };
}

const wrongCode = () =>
  new AppError(
    'unauthenticated',
    'That code is not right: type the 6 digits your authenticator app shows now',
    [{ path: 'code', message: 'That code is not right' }],
  );

/** The code step of signing in: a TOTP code, or one of the recovery codes (each good once). */
export async function secondFactor(
  ctx: AppContext,
  actor: Actor,
  input: { code?: string | undefined; recoveryCode?: string | undefined },
  ip: string | null,
): Promise<{ next: 'done' | 'change_password'; recoveryCodesLeft?: number }> {
  requireState(actor, 'needs_totp');
  const subject = subjectOf(actor, ip);
  await throttled(ctx, subject, 'auth.totp.failed');
  const acc = await account(ctx, actor.accountId);
  if (!acc.totp_secret_enc) throw new AppError('conflict', 'This account has no authenticator enrolled');
  const now = iso(ctx.clock.now());
  const state = stateAfterSecondFactor(acc.must_change_password);
  const next = state === 'active' ? 'done' : 'change_password';
  if (input.recoveryCode !== undefined) {
    const used = useRecoveryCode(ctx, acc.recovery_codes, input.recoveryCode);
    if (!used) {
      await failedAttempt(ctx, subject, 'auth.totp.failed', 'recovery_code');
      throw new AppError('unauthenticated', 'That recovery code is not right, or it has been used', [
        { path: 'recoveryCode', message: 'That recovery code is not right' },
      ]);
    }
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('accounts')
        .set({ recovery_codes: used.stored, updated_at: now })
        .where('id', '=', acc.id)
        .execute();
      await setSessionState(tx, actor.sessionId, state);
      await clearPair(tx, subject);
    });
    await audit(ctx, actor, 'auth.sign_in', ip, {
      factor: 'recovery_code',
      recoveryCodesLeft: used.remaining,
    });
    return { next, recoveryCodesLeft: used.remaining };
  }
  const secret = openTotpSecret(ctx, acc.id, acc.totp_secret_enc);
  const step = acceptedStep(ctx, secret, input.code ?? '', acc.totp_last_step);
  if (step === null) {
    await failedAttempt(ctx, subject, 'auth.totp.failed', 'code');
    throw wrongCode();
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('accounts').set({ totp_last_step: step }).where('id', '=', acc.id).execute();
    await setSessionState(tx, actor.sessionId, state);
    await clearPair(tx, subject);
  });
  await audit(ctx, actor, 'auth.sign_in', ip, { factor: 'totp' });
  return { next };
}

/** "Lock screen now": the server refuses everything but unlock and sign-out until the password is given. */
export async function lockSession(ctx: AppContext, actor: Actor, ip: string | null): Promise<void> {
  if (actor.state !== 'active') return;
  await setSessionState(ctx.db, actor.sessionId, 'locked');
  await audit(ctx, actor, 'auth.lock', ip, { reason: 'requested' });
}

export async function unlockSession(
  ctx: AppContext,
  actor: Actor,
  password: string,
  ip: string | null,
): Promise<void> {
  if (actor.state !== 'locked') throw new AppError('conflict', 'The screen is not locked');
  const subject = subjectOf(actor, ip);
  await throttled(ctx, subject, 'auth.unlock.failed');
  const acc = await account(ctx, actor.accountId);
  if (!(await verifyPassword(acc.password_hash, password))) {
    await failedAttempt(ctx, subject, 'auth.unlock.failed', 'password');
    throw new AppError('unauthenticated', 'That is not your password: try again', [
      { path: 'password', message: 'That is not your password' },
    ]);
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('sessions')
      .set({ state: 'active', last_seen_at: iso(ctx.clock.now()) })
      .where('id', '=', actor.sessionId)
      .execute();
    await clearPair(tx, subject);
  });
  await audit(ctx, actor, 'auth.unlock', ip);
}

/**
 * Changing one's password (the current one is needed, except in the forced change straight after signing in
 * with a one-time password). Every other session of the account ends.
 */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword?: string | undefined; newPassword: string },
  ip: string | null,
): Promise<void> {
  requireState(actor, 'active', 'needs_password');
  const subject = subjectOf(actor, ip);
  const acc = await account(ctx, actor.accountId);
  if (actor.state === 'active' || input.currentPassword !== undefined) {
    await throttled(ctx, subject, 'auth.password.change_failed');
    if (!(await verifyPassword(acc.password_hash, input.currentPassword ?? ''))) {
      await failedAttempt(ctx, subject, 'auth.password.change_failed', 'password');
      throw new AppError('validation', 'Your current password is not right', [
        { path: 'currentPassword', message: 'Your current password is not right' },
      ]);
    }
  }
  const rule = await passwordRuleOf(ctx.db, acc.id);
  assertStrongPassword(input.newPassword, rule.rule, [acc.username, ...rule.names], 'newPassword');
  if (acc.password_hash && (await verifyPassword(acc.password_hash, input.newPassword)))
    throw new AppError('validation', 'Choose a password different from the one you have now', [
      { path: 'newPassword', message: 'Choose a different password' },
    ]);
  const hash = await hashPassword(input.newPassword);
  const now = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('accounts')
      .set({ password_hash: hash, password_changed_at: now, must_change_password: 0, updated_at: now })
      .where('id', '=', acc.id)
      .execute();
    await tx
      .updateTable('sessions')
      .set({ ended_at: now, end_reason: 'password_changed' })
      .where('account_id', '=', acc.id)
      .where('id', '!=', actor.sessionId)
      .where('ended_at', 'is', null)
      .execute();
    await tx
      .updateTable('sessions')
      .set({ state: 'active', last_seen_at: now })
      .where('id', '=', actor.sessionId)
      .execute();
    await appendAudit(
      ctx,
      {
        schoolId: actor.schoolId,
        actorAccountId: actor.accountId,
        action: 'auth.password.changed',
        entityType: 'account',
        entityId: actor.accountId,
        ip,
        details: { forced: actor.state === 'needs_password' },
      },
      tx,
    );
  });
}
