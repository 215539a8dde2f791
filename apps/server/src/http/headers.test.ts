import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool, createUser, sessionFor, startTestEnv, type TestEnv } from '../test/harness.js';

/** The security headers ride on every answer: a search, a refusal, an unknown path, a malformed body. */
describe('security headers', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(async () => {
    await env.close();
  });

  it('are on answers, errors and not-found alike', async () => {
    const schoolId = await createSchool(env.ctx);
    const office = await createUser(env.ctx, schoolId, ['support_staff']);
    const c = await sessionFor(env, office.accountId, schoolId);
    const answers = [
      await c.get('/api/people?q=a'),
      await env.app.inject({ method: 'GET', url: '/api/people' }),
      await env.app.inject({ method: 'GET', url: '/api/nothing-here' }),
      await env.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { 'content-type': 'application/json' },
        payload: '{"username":',
      }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404, 400]);
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });
});
