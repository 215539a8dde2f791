import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { SignInThrottleTable } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { sha256 } from '../../lib/ids.js';
import { addMinutes, iso } from '../../lib/time.js';

/**
 * Sign-in throttling (policy 7.2, clarification 9). Failures are counted per account (or, for an unknown
 * username, per username) and address: after a few, each further try must wait longer (2, 4, 8 ... 60 s), then
 * that pair is locked for a period. Other addresses are unaffected, so an attacker cannot lock a teacher out
 * from school; only a much higher count, from many addresses, locks the account everywhere. One address failing
 * across many accounts (password spraying) is locked at a higher count still. The TOTP and unlock steps count
 * here too. Locks show on the accounts page, and an administrator can lift them.
 */
export interface ThrottleSubject {
  username: string;
  accountId: string | null;
  ip: string | null;
}

type Scope = SignInThrottleTable['scope'];
interface Key {
  key: string;
  scope: Scope;
}

const MAX_DELAY_SECONDS = 60;

function keysFor(s: ThrottleSubject): Key[] {
  const who = s.accountId ?? `username:${s.username}`;
  const keys: Key[] = [{ key: `pair:${sha256(`${who}|${s.ip ?? ''}`)}`, scope: 'pair' }];
  if (s.accountId) keys.push({ key: `account:${s.accountId}`, scope: 'account' });
  if (s.ip) keys.push({ key: `address:${s.ip}`, scope: 'address' });
  return keys;
}

function limits(ctx: AppContext, scope: Scope): { after: number; minutes: number } {
  const c = ctx.config;
  if (scope === 'pair') return { after: c.HARBOUR_SIGNIN_LOCK_AFTER, minutes: c.HARBOUR_SIGNIN_LOCK_MINUTES };
  if (scope === 'account')
    return { after: c.HARBOUR_SIGNIN_ACCOUNT_LOCK_AFTER, minutes: c.HARBOUR_SIGNIN_ACCOUNT_LOCK_MINUTES };
  return { after: c.HARBOUR_SIGNIN_ADDRESS_LOCK_AFTER, minutes: c.HARBOUR_SIGNIN_LOCK_MINUTES };
}

const LOCK_MESSAGE: Record<Scope, string> = {
  pair: 'Too many failed sign-ins for this account from this device or network',
  account: 'This account is locked after too many failed sign-ins',
  address: 'Too many failed sign-ins from this network',
};

function refuse(scope: Scope, seconds: number, until: string, delay: boolean): AppError {
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  const message = delay
    ? `Too many failed sign-ins: wait ${wait} before trying again.`
    : `${LOCK_MESSAGE[scope]}. Try again in ${wait}, or ask your school’s administrator to unlock it.`;
  return new AppError('too_many_requests', message, { retryAfterSeconds: seconds, until, scope });
}

/** Throws 429 (with the seconds to wait) when a lock or the progressive delay applies. */
export async function checkThrottle(ctx: AppContext, s: ThrottleSubject): Promise<void> {
  const keys = keysFor(s);
  const rows = await ctx.db
    .selectFrom('sign_in_throttle')
    .selectAll()
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .execute();
  const now = ctx.clock.now();
  for (const row of rows) {
    if (row.locked_until && new Date(row.locked_until) > now) {
      const seconds = Math.ceil((new Date(row.locked_until).getTime() - now.getTime()) / 1000);
      throw refuse(row.scope, seconds, row.locked_until, false);
    }
  }
  const pair = rows.find((r) => r.scope === 'pair');
  if (pair && !windowOver(ctx, pair, now) && pair.failures >= ctx.config.HARBOUR_SIGNIN_DELAY_AFTER) {
    const delay = Math.min(
      2 ** (pair.failures - ctx.config.HARBOUR_SIGNIN_DELAY_AFTER + 1),
      MAX_DELAY_SECONDS,
    );
    const until = new Date(new Date(pair.last_failure_at).getTime() + delay * 1000);
    if (until > now)
      throw refuse('pair', Math.ceil((until.getTime() - now.getTime()) / 1000), iso(until), true);
  }
}

function windowOver(ctx: AppContext, row: SignInThrottleTable, now: Date): boolean {
  const locked = row.locked_until && new Date(row.locked_until) > now;
  return !locked && addMinutes(new Date(row.window_start), ctx.config.HARBOUR_SIGNIN_WINDOW_MINUTES) <= now;
}

/** Counts one failure on every key; returns the locks this failure started (for the audit trail). */
export async function recordFailure(
  ctx: AppContext,
  s: ThrottleSubject,
): Promise<{ scope: Scope; until: string }[]> {
  const now = ctx.clock.now();
  const started: { scope: Scope; until: string }[] = [];
  await ctx.db.transaction().execute(async (tx) => {
    for (const k of keysFor(s)) {
      const row = await tx
        .selectFrom('sign_in_throttle')
        .selectAll()
        .where('key', '=', k.key)
        .executeTakeFirst();
      const fresh = !row || windowOver(ctx, row, now);
      const failures = fresh ? 1 : row.failures + 1;
      const { after, minutes } = limits(ctx, k.scope);
      const stillLocked = !fresh && row.locked_until && new Date(row.locked_until) > now;
      const lockedUntil = stillLocked
        ? row.locked_until
        : failures >= after
          ? iso(addMinutes(now, minutes))
          : null;
      if (lockedUntil && !stillLocked) started.push({ scope: k.scope, until: lockedUntil });
      const values = {
        failures,
        window_start: fresh ? iso(now) : row.window_start,
        locked_until: lockedUntil,
        last_failure_at: iso(now),
        last_ip: s.ip,
        account_id: k.scope === 'address' ? null : s.accountId,
      };
      await tx
        .insertInto('sign_in_throttle')
        .values({ key: k.key, scope: k.scope, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    }
  });
  return started;
}

/** A full success from one address forgets that pair's failures (not the account-wide count). */
export async function clearPair(db: Executor, s: ThrottleSubject): Promise<void> {
  const pair = keysFor(s).find((k) => k.scope === 'pair');
  if (pair) await db.deleteFrom('sign_in_throttle').where('key', '=', pair.key).execute();
}

export interface LockView {
  scope: 'pair' | 'account';
  address: string | null;
  until: string;
}

/** Current locks on these accounts, for the administrator's list. */
export async function locksOf(
  db: Executor,
  accountIds: readonly string[],
  now: string,
): Promise<Map<string, LockView[]>> {
  const out = new Map<string, LockView[]>();
  if (accountIds.length === 0) return out;
  const rows = await db
    .selectFrom('sign_in_throttle')
    .select(['account_id', 'scope', 'last_ip', 'locked_until'])
    .where('account_id', 'in', [...accountIds])
    .where('locked_until', '>', now)
    .execute();
  for (const r of rows) {
    if (!r.account_id || !r.locked_until || r.scope === 'address') continue;
    const list = out.get(r.account_id) ?? [];
    list.push({ scope: r.scope, address: r.scope === 'pair' ? r.last_ip : null, until: r.locked_until });
    out.set(r.account_id, list);
  }
  return out;
}

/** The administrator's unlock: forgets every failure counted against the account, from every address. */
export async function unlockAccount(db: Executor, accountId: string): Promise<number> {
  const res = await db.deleteFrom('sign_in_throttle').where('account_id', '=', accountId).executeTakeFirst();
  return Number(res.numDeletedRows);
}
