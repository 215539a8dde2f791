import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createSchool, createUser, startTestEnv, type TestEnv } from '../../test/harness.js';

describe('sign-in', () => {
  let env: TestEnv;
  let schoolId: string;
  beforeAll(async () => {
    env = await startTestEnv();
    schoolId = await createSchool(env.ctx);
  });
  afterAll(() => env.close());

  it('signs a teacher in with a password and shows their session', async () => {
    const u = await createUser(env.ctx, schoolId, ['teacher']);
    const c = new Client(env.app);
    const res = await c.signIn(u.username);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ next: 'done' });
    const cookie = res.cookies.find((x) => x.name === 'harbour_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const s = (await c.get('/api/session')).json();
    expect(s.signedIn).toBe(true);
    expect(s.roles.map((r: { role: string }) => r.role)).toEqual(['teacher']);
    expect(s.permissions).toContain('people.read');
    expect(s.idleMinutes).toBe(60);
  });

  it('refuses a wrong password with the same message as an unknown user, and audits both', async () => {
    const u = await createUser(env.ctx, schoolId, ['teacher']);
    const c = new Client(env.app);
    const wrong = await c.signIn(u.username, 'not-the-password');
    const unknown = await c.signIn('nobody-here', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    const failed = await env.ctx.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'auth.sign_in.failed')
      .execute();
    expect(failed.some((e) => e.actor_account_id === u.accountId)).toBe(true);
    expect(failed.some((e) => e.actor_account_id === null)).toBe(true);
  });

  it('asks a DSL for a second factor before anything else', async () => {
    const u = await createUser(env.ctx, schoolId, ['dsl']);
    const c = new Client(env.app);
    const res = await c.signIn(u.username);
    expect(res.json()).toEqual({ next: 'enrol_totp' });
    const switched = await c.post('/api/session/school', { schoolId });
    expect(switched.statusCode).toBe(401);
    expect(switched.json().error.code).toBe('totp_required');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const u = await createUser(env.ctx, schoolId, ['teacher']);
    const c = new Client(env.app);
    await c.signIn(u.username);
    c.csrf = '';
    const res = await c.post('/api/auth/sign-out');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
  });

  it('answers malformed JSON and non-JSON bodies with a 4xx error object', async () => {
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBeTypeOf('string');
    const form = await env.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'text/plain' },
      payload: 'username=a',
    });
    expect(form.statusCode).toBe(415);
    const extra = await env.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'b', admin: true }),
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('validation');
  });
});

describe('the session cookie over HTTPS', () => {
  it('is Secure when Harbour is served over HTTPS', async () => {
    const env = await startTestEnv({ env: { HARBOUR_PUBLIC_URL: 'https://harbour.school.example' } });
    try {
      const schoolId = await createSchool(env.ctx);
      const u = await createUser(env.ctx, schoolId, ['teacher']);
      const res = await new Client(env.app).signIn(u.username);
      const cookie = res.cookies.find((x) => x.name === 'harbour_session');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    } finally {
      await env.close();
    }
  });
});
