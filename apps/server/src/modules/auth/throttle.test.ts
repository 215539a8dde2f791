import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_PASSWORD,
  TestClock,
  createSchool,
  createUser,
  startTestEnv,
  type TestEnv,
} from '../../test/harness.js';

/** Sign-in throttling (policy 7.2, clarification 9): per account + address, then account-wide. */
const LIMITS = {
  HARBOUR_SIGNIN_DELAY_AFTER: '2',
  HARBOUR_SIGNIN_LOCK_AFTER: '4',
  HARBOUR_SIGNIN_LOCK_MINUTES: '15',
  HARBOUR_SIGNIN_ACCOUNT_LOCK_AFTER: '7',
  HARBOUR_SIGNIN_ACCOUNT_LOCK_MINUTES: '60',
};

function attempt(
  env: TestEnv,
  username: string,
  password: string,
  from: { remote?: string; xff?: string } = {},
) {
  return env.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    headers: { 'content-type': 'application/json', ...(from.xff ? { 'x-forwarded-for': from.xff } : {}) },
    remoteAddress: from.remote ?? '127.0.0.1',
    payload: JSON.stringify({ username, password }),
  });
}

describe('sign-in throttling', () => {
  let env: TestEnv;
  let schoolId: string;
  const clock = new TestClock();
  beforeAll(async () => {
    env = await startTestEnv({ clock, env: LIMITS });
    schoolId = await createSchool(env.ctx);
  });
  afterAll(() => env.close());

  /** Fails once, waiting out any progressive delay first (the clock is the test's). */
  async function fail(username: string, remote: string) {
    const res = await attempt(env, username, 'wrong-password', { remote });
    if (
      res.statusCode === 429 &&
      res.json().error.details.scope === 'pair' &&
      /wait/.test(res.json().error.message)
    ) {
      clock.advanceMinutes(Number(res.headers['retry-after']) / 60 + 0.01);
      return attempt(env, username, 'wrong-password', { remote });
    }
    return res;
  }

  it('slows down an address after a few failures, answering 429 with Retry-After', async () => {
    const u = await createUser(env.ctx, schoolId, ['teacher']);
    expect((await attempt(env, u.username, 'nope', { remote: '10.0.0.1' })).statusCode).toBe(401);
    expect((await attempt(env, u.username, 'nope', { remote: '10.0.0.1' })).statusCode).toBe(401);
    // Two failures: the next try must wait, even with the right password.
    const slowed = await attempt(env, u.username, TEST_PASSWORD, { remote: '10.0.0.1' });
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    expect(slowed.json().error.message).toMatch(/wait \d+ seconds/);
    // Another address is not slowed; after the wait the right password works and forgets the failures.
    expect((await attempt(env, u.username, TEST_PASSWORD, { remote: '10.0.0.2' })).statusCode).toBe(200);
    clock.advanceMinutes(1);
    expect((await attempt(env, u.username, TEST_PASSWORD, { remote: '10.0.0.1' })).statusCode).toBe(200);
    expect((await attempt(env, u.username, 'nope', { remote: '10.0.0.1' })).statusCode).toBe(401);
  });

  it('locks the account + address pair for a period, then lets it try again', async () => {
    const u = await createUser(env.ctx, schoolId, ['teacher']);
    for (let i = 0; i < 3; i++) expect((await fail(u.username, '10.0.1.1')).statusCode).toBe(401);
    const fourth = await fail(u.username, '10.0.1.1');
    expect(fourth.statusCode).toBe(401);
    const locked = await attempt(env, u.username, TEST_PASSWORD, { remote: '10.0.1.1' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/from this device or network\. Try again in 15 minutes/);
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
    // Only that pair: the teacher signs in from elsewhere.
    expect((await attempt(env, u.username, TEST_PASSWORD, { remote: '10.0.1.2' })).statusCode).toBe(200);
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select(['action', 'details', 'ip'])
      .where('entity_id', '=', u.accountId)
      .where('action', '=', 'auth.throttle.locked')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ scope: 'pair' });
    expect(audit[0]!.ip).toBe('10.0.1.1');
    clock.advanceMinutes(16);
    expect((await attempt(env, u.username, TEST_PASSWORD, { remote: '10.0.1.1' })).statusCode).toBe(200);
  });

  it('locks the whole account only at the higher count, from many addresses', async () => {
    const u = await createUser(env.ctx, schoolId, ['teacher']);
    for (let i = 0; i < 7; i++) expect((await fail(u.username, `10.0.2.${i}`)).statusCode).toBe(401);
    const res = await attempt(env, u.username, TEST_PASSWORD, { remote: '10.0.2.200' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.message).toMatch(/This account is locked/);
    expect(res.json().error.details.scope).toBe('account');
  });

  it('throttles unknown usernames the same way, without telling them apart', async () => {
    for (let i = 0; i < 4; i++) await fail('nobody-at-all', '10.0.3.1');
    const res = await attempt(env, 'nobody-at-all', 'x', { remote: '10.0.3.1' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.details.scope).toBe('pair');
    // Nothing secret is stored: the pair key is a hash, not the username.
    const rows = await env.ctx.db.selectFrom('sign_in_throttle').select('key').execute();
    expect(rows.some((r) => r.key.includes('nobody-at-all'))).toBe(false);
  });
});

describe('X-Forwarded-For', () => {
  it('is ignored unless HARBOUR_TRUSTED_PROXIES names the sender', async () => {
    const env = await startTestEnv({ env: { ...LIMITS, HARBOUR_TRUSTED_PROXIES: '127.0.0.1' } });
    const plain = await startTestEnv({ env: LIMITS });
    try {
      for (const e of [env, plain]) {
        await attempt(e, 'someone', 'x', { remote: '127.0.0.1', xff: '203.0.113.7' });
        await attempt(e, 'someone', 'x', { remote: '10.9.9.9', xff: '203.0.113.8' });
      }
      const ips = async (e: TestEnv) =>
        (
          await e.ctx.db
            .selectFrom('audit_entries')
            .select('ip')
            .where('action', '=', 'auth.sign_in.failed')
            .orderBy('seq')
            .execute()
        ).map((r) => r.ip);
      // From the trusted proxy its header is believed; from anyone else it is not.
      expect(await ips(env)).toEqual(['203.0.113.7', '10.9.9.9']);
      expect(await ips(plain)).toEqual(['127.0.0.1', '10.9.9.9']);
      // So a client cannot dodge the throttle by making up addresses.
      for (let i = 0; i < 6; i++) await attempt(plain, 'victim', 'x', { xff: `198.51.100.${i}` });
      const res = await attempt(plain, 'victim', 'x', { xff: '198.51.100.99' });
      expect(res.statusCode).toBe(429);
    } finally {
      await env.close();
      await plain.close();
    }
  });
});
