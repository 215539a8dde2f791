import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, redactUrl } from './app.js';
import {
  TEST_PASSWORD,
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type TestEnv,
} from '../test/harness.js';

/** Secrets (passwords, codes, session and CSRF tokens, invitation tokens) never reach the logs. */
describe('logs', () => {
  let env: TestEnv;
  let app: FastifyInstance;
  const lines: string[] = [];
  beforeAll(async () => {
    env = await startTestEnv({ env: { HARBOUR_LOG_LEVEL: 'info' } });
    app = await buildApp(env.ctx, {
      webDist: null,
      logger: true,
      logStream: { write: (l) => lines.push(l) },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await env.close();
  });

  it('redacts invitation tokens from paths', () => {
    expect(redactUrl('/api/invitations/abc123/accept')).toBe('/api/invitations/[token]/accept');
    expect(redactUrl('/invite/abc123?x=1')).toBe('/invite/[token]?x=1');
    expect(redactUrl('/api/people/abc')).toBe('/api/people/abc');
  });

  it('logs requests without passwords, tokens or cookies', async () => {
    const schoolId = await createSchool(env.ctx);
    const admin = await createUser(env.ctx, schoolId, ['system_admin']);
    const c = await sessionFor(env, admin.accountId, schoolId);
    const staff = await createUser(env.ctx, schoolId, ['teacher']);
    await env.ctx.db
      .updateTable('accounts')
      .set({ password_hash: null })
      .where('id', '=', staff.accountId)
      .execute();
    const invite = async (url: string, payload?: unknown) =>
      app.inject({
        method: payload ? 'POST' : 'GET',
        url,
        headers: {
          cookie: c.cookie,
          'x-csrf-token': c.csrf,
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
        ...(payload ? { payload: JSON.stringify(payload) } : {}),
      });
    const res = await invite(`/api/people/${staff.personId}/invitation`, { roles: ['teacher'] });
    const token = (res.json().link as string).split('/').pop()!;
    await invite(`/api/invitations/${token}`);
    await invite(`/api/invitations/${token}/accept`, {
      username: 'logged.person',
      password: 'saffron-kettle-meadow-31',
    });
    await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'logged.person', password: TEST_PASSWORD }),
    });
    const all = lines.join('');
    expect(all).toContain('/api/invitations/[token]/accept');
    for (const secret of [token, 'saffron-kettle-meadow-31', TEST_PASSWORD, c.cookie.split('=')[1]!, c.csrf])
      expect(all).not.toContain(secret);
  });
});
