import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, scopesFor } from '@harbour/shared';
import { Client, createSchool, createUser, sessionFor, startTestEnv, type TestEnv } from '../test/harness.js';
import { ROUTE_ACCESS } from './route-access.js';

/** Fills path parameters with values that name nothing, so no request here can change a real record. */
function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_m, name: string) =>
    name === 'role' ? 'teacher' : name === 'key' ? 'no.such.key' : randomUUID(),
  );
}

describe('the route x role table', () => {
  let env: TestEnv;
  let schoolId: string;
  const users = new Map<string, string>();
  beforeAll(async () => {
    env = await startTestEnv();
    schoolId = await createSchool(env.ctx);
    for (const role of ROLES) users.set(role, (await createUser(env.ctx, schoolId, [role])).accountId);
  });
  afterAll(() => env.close());

  it('has an entry for every registered route and no entry for a route that does not exist', () => {
    const registered = new Set(env.app.apiRoutes);
    for (const key of registered) expect(ROUTE_ACCESS[key], key).toBeDefined();
    for (const key of Object.keys(ROUTE_ACCESS)) expect(registered.has(key), `stale entry ${key}`).toBe(true);
  });

  it('refuses every non-public route to a visitor with no session', async () => {
    const anon = new Client(env.app);
    for (const key of env.app.apiRoutes) {
      if (ROUTE_ACCESS[key] === 'public') continue;
      const [method, url] = key.split(' ') as [string, string];
      const res = await anon.request(
        method,
        concrete(url),
        method === 'GET' || method === 'DELETE' ? undefined : {},
      );
      expect(res.statusCode, key).toBe(401);
    }
  });

  it('lets each role through exactly the routes the permission table grants it', async () => {
    for (const role of ROLES) {
      // One session per role: the requests name no real record, so none changes the session's state.
      const c = await sessionFor(env, users.get(role)!, schoolId);
      for (const key of env.app.apiRoutes) {
        const access = ROUTE_ACCESS[key];
        if (!access || typeof access === 'string') continue;
        const [method, url] = key.split(' ') as [string, string];
        const res = await c.request(
          method,
          concrete(url),
          method === 'GET' || method === 'DELETE' ? undefined : {},
        );
        const deniedByTable =
          res.statusCode === 403 && res.json().error?.details?.permission === access.permission;
        const granted = scopesFor([role], access.permission).length > 0;
        expect(res.statusCode, `${role} ${key}`).not.toBe(401);
        expect(deniedByTable, `${role} ${key} (granted: ${granted}, status ${res.statusCode})`).toBe(
          !granted,
        );
      }
    }
  }, 120_000);
});
