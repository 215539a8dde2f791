import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from './passwords.js';
import {
  Client,
  TEST_PASSWORD,
  TestClock,
  createSchool,
  createUser,
  markTotpEnrolled,
  startTestEnv,
  type TestEnv,
} from '../../test/harness.js';
import { authenticator } from 'otplib';

const NEW = 'tidal-marrow-quince-8814';

/** Strong passwords (policy 7.2): changing one's password, and the forced change of a one-time password. */
describe('password change', () => {
  let env: TestEnv;
  let schoolId: string;
  const clock = new TestClock();
  beforeAll(async () => {
    env = await startTestEnv({ clock });
    schoolId = await createSchool(env.ctx);
  });
  afterAll(() => env.close());

  it('needs the current password, refuses weak ones saying what to change, and ends other sessions', async () => {
    const u = await createUser(env.ctx, schoolId, ['teacher']);
    const c = new Client(env.app);
    const other = new Client(env.app);
    await c.signIn(u.username);
    await other.signIn(u.username);
    const wrong = await c.post('/api/auth/password', { currentPassword: 'nope', newPassword: NEW });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('currentPassword');
    const short = await c.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Tide-8814',
    });
    expect(short.json().error.message).toMatch(/at least 12 characters: this password has 9/);
    const common = await c.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'password1234',
    });
    expect(common.json().error.message).toMatch(/common or breached/);
    const weak = await c.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'abcabcabcabc',
    });
    expect(weak.json().error.message).toMatch(/too easy to guess/);
    const named = await c.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: `${u.username}-quince-88`,
    });
    expect(named.json().error.message).toMatch(/name or username/);
    const ok = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: NEW });
    expect(ok.statusCode).toBe(200);
    expect((await c.get('/api/people')).statusCode).toBe(200);
    expect((await other.get('/api/session')).json()).toEqual({ signedIn: false });
    expect((await new Client(env.app).signIn(u.username, NEW)).statusCode).toBe(200);
    expect((await new Client(env.app).signIn(u.username, TEST_PASSWORD)).statusCode).toBe(401);
    // The audit entry names the change, never the password.
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select(['action', 'details'])
      .where('actor_account_id', '=', u.accountId)
      .execute();
    expect(audit.some((a) => a.action === 'auth.password.changed')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(NEW);
  });

  it('applies the pupil rule to a KS2 pupil: 8+ characters, not on the common list', async () => {
    const u = await createUser(env.ctx, schoolId, ['pupil'], { kind: 'pupil' });
    const c = new Client(env.app);
    expect((await c.signIn(u.username)).json()).toEqual({ next: 'done' });
    expect((await c.get('/api/session')).json().passwordRule).toEqual({
      kind: 'pupil',
      minLength: 8,
      minScore: 0,
    });
    const common = await c.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'football',
    });
    expect(common.json().error.message).toMatch(/common or breached/);
    expect(
      (await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'otterpie7' }))
        .statusCode,
    ).toBe(200);
  });

  it('makes a one-time password be replaced after the second factor, before anything else', async () => {
    const u = await createUser(env.ctx, schoolId, ['system_admin']);
    const secret = await markTotpEnrolled(env.ctx, u.accountId);
    await env.ctx.db
      .updateTable('accounts')
      .set({ must_change_password: 1, password_hash: await hashPassword('one-time-pass-1') })
      .where('id', '=', u.accountId)
      .execute();
    const c = new Client(env.app);
    expect((await c.signIn(u.username, 'one-time-pass-1')).json()).toEqual({ next: 'totp' });
    const code = authenticator.clone({ epoch: clock.now().getTime() }).generate(secret);
    expect((await c.post('/api/auth/totp', { code })).json()).toEqual({ next: 'change_password' });
    const blocked = await c.get('/api/audit');
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().error.code).toBe('password_change_required');
    expect((await c.get('/api/session')).json().state).toBe('needs_password');
    // The session has just proved the one-time password: it need not be typed again.
    expect((await c.post('/api/auth/password', { newPassword: NEW })).statusCode).toBe(200);
    expect((await c.get('/api/session')).json().state).toBe('active');
    const row = await env.ctx.db
      .selectFrom('accounts')
      .select('must_change_password')
      .where('id', '=', u.accountId)
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(0);
  });
});
