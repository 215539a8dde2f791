import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  TEST_PASSWORD,
  TestClock,
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type TestEnv,
} from '../../test/harness.js';

/** Lock screen and idle lock, enforced by the server (issue 2 section 4, clarification 9). */
describe('lock screen', () => {
  let env: TestEnv;
  let schoolId: string;
  const clock = new TestClock();
  beforeAll(async () => {
    env = await startTestEnv({ clock });
    schoolId = await createSchool(env.ctx);
  });
  afterAll(() => env.close());

  it('locks at once on request: 423 on everything but the session, unlock and sign-out', async () => {
    const u = await createUser(env.ctx, schoolId, ['teacher']);
    const c = new Client(env.app);
    await c.signIn(u.username);
    expect((await c.post('/api/auth/lock')).statusCode).toBe(200);
    const people = await c.get('/api/people');
    expect(people.statusCode).toBe(423);
    expect(people.json().error.code).toBe('locked');
    expect(
      (await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'x' })).statusCode,
    ).toBe(423);
    expect((await c.post('/api/auth/totp/enrol')).statusCode).toBe(423);
    const s = (await c.get('/api/session')).json();
    expect(s.state).toBe('locked');
    expect(s.permissions).toEqual([]);
    // Wrong password: refused and audited; right password: back where it was.
    const wrong = await c.post('/api/auth/unlock', { password: 'not-it' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toMatch(/not your password/);
    expect((await c.post('/api/auth/unlock', { password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await c.get('/api/people')).statusCode).toBe(200);
    const actions = (
      await env.ctx.db
        .selectFrom('audit_entries')
        .select('action')
        .where('actor_account_id', '=', u.accountId)
        .orderBy('seq')
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.lock', 'auth.unlock.failed', 'auth.unlock']));
  });

  it('needs the CSRF token to lock and unlock', async () => {
    const u = await createUser(env.ctx, schoolId, ['teacher']);
    const c = new Client(env.app);
    await c.signIn(u.username);
    const csrf = c.csrf;
    c.csrf = '';
    expect((await c.post('/api/auth/lock')).statusCode).toBe(403);
    c.csrf = csrf;
    await c.post('/api/auth/lock');
    c.csrf = '';
    expect((await c.post('/api/auth/unlock', { password: TEST_PASSWORD })).statusCode).toBe(403);
  });

  it('locks after 15 idle minutes for a DSL and 60 for a teacher; a locked session can still sign out', async () => {
    const dsl = await createUser(env.ctx, schoolId, ['dsl']);
    const teacher = await createUser(env.ctx, schoolId, ['teacher']);
    const d = await sessionFor(env, dsl.accountId, schoolId);
    const t = await sessionFor(env, teacher.accountId, schoolId);
    expect((await d.get('/api/session')).json().idleMinutes).toBe(15);
    clock.advanceMinutes(16);
    expect((await d.get('/api/people')).statusCode).toBe(423);
    expect((await t.get('/api/people')).statusCode).toBe(200);
    clock.advanceMinutes(61);
    expect((await t.get('/api/people')).statusCode).toBe(423);
    const idle = await env.ctx.db
      .selectFrom('audit_entries')
      .select('details')
      .where('actor_account_id', '=', teacher.accountId)
      .where('action', '=', 'auth.lock')
      .execute();
    expect(idle.map((e) => JSON.parse(e.details))).toEqual([{ reason: 'idle', idleMinutes: 60 }]);
    expect((await t.post('/api/auth/sign-out')).statusCode).toBe(200);
    expect((await t.get('/api/session')).json()).toEqual({ signedIn: false });
  });

  it('counts failed unlocks in the sign-in throttle', async () => {
    const u = await createUser(env.ctx, schoolId, ['teacher']);
    const c = await sessionFor(env, u.accountId, schoolId);
    await c.post('/api/auth/lock');
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await c.post('/api/auth/unlock', { password: 'guess' })).statusCode);
    expect(codes).toContain(429);
  });
});
