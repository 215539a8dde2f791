import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { grantRole } from '../../test/roles.js';
import { createSchool, createUser, sessionFor, startTestEnv, type TestEnv } from '../../test/harness.js';

/**
 * The roles of a session come in the same query as the session row (sessions.ts): a role granted or revoked by
 * any writer counts at the next request, the school's own and its trust's count, another school's never do.
 */
describe('session roles', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(() => env.close());

  it('follows grants and revocations made directly in the database, school and trust alike', async () => {
    const organisationId = newId();
    await env.ctx.db
      .insertInto('organisations')
      .values({
        id: organisationId,
        name: 'Estuary Trust',
        kind: 'trust',
        created_at: new Date().toISOString(),
      })
      .execute();
    const schoolId = await createSchool(env.ctx, 'Quayside Primary');
    await env.ctx.db
      .updateTable('schools')
      .set({ organisation_id: organisationId })
      .where('id', '=', schoolId)
      .execute();
    const elsewhere = await createSchool(env.ctx, 'Elsewhere Primary');
    const t = await createUser(env.ctx, schoolId, ['teacher']);
    const c = await sessionFor(env, t.accountId, schoolId);
    const roles = async () =>
      (await c.get('/api/session')).json<{ roles: { role: string }[] }>().roles.map((r) => r.role);
    expect(await roles()).toEqual(['teacher']);

    await grantRole(env.ctx.db, t.accountId, 'governor', { schoolId: elsewhere });
    expect(await roles()).toEqual(['teacher']);
    await grantRole(env.ctx.db, t.accountId, 'trust_officer', { organisationId });
    await grantRole(env.ctx.db, t.accountId, 'online_safety_lead', { schoolId });
    await grantRole(env.ctx.db, t.accountId, 'teacher', { schoolId });
    expect((await roles()).sort()).toEqual(['online_safety_lead', 'teacher', 'trust_officer']);

    await env.ctx.db
      .updateTable('role_assignments')
      .set({ revoked_at: new Date().toISOString() })
      .where('account_id', '=', t.accountId)
      .where('role', 'in', ['online_safety_lead', 'trust_officer'])
      .execute();
    expect(await roles()).toEqual(['teacher']);
    await env.ctx.db
      .updateTable('role_assignments')
      .set({ revoked_at: new Date().toISOString() })
      .where('account_id', '=', t.accountId)
      .execute();
    expect(await roles()).toEqual([]);
    expect((await c.get('/api/people')).statusCode).toBe(403);
  });
});
