import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  TestClock,
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type TestEnv,
} from '../../test/harness.js';

/** Accounts admin (issue 2, section 4): list with roles, TOTP and locks; unlock; disable; roles. */
describe('accounts admin', () => {
  let env: TestEnv;
  let schoolId: string;
  let admin: Client;
  const clock = new TestClock();
  beforeAll(async () => {
    env = await startTestEnv({
      clock,
      env: {
        HARBOUR_SIGNIN_DELAY_AFTER: '5',
        HARBOUR_SIGNIN_LOCK_AFTER: '6',
        HARBOUR_SIGNIN_ACCOUNT_LOCK_AFTER: '20',
      },
    });
    schoolId = await createSchool(env.ctx);
    const a = await createUser(env.ctx, schoolId, ['system_admin']);
    admin = await sessionFor(env, a.accountId, schoolId);
  });
  afterAll(() => env.close());

  const listed = async (username: string) =>
    (await admin.get(`/api/accounts?q=${username}`))
      .json()
      .accounts.find((a: { username: string }) => a.username === username);

  it('lists accounts with roles, TOTP status and sign-in locks with their end; the admin lifts a lock', async () => {
    const dsl = await createUser(env.ctx, schoolId, ['dsl']);
    const before = await listed(dsl.username);
    expect(before.roles).toEqual([{ role: 'dsl', label: expect.any(String) }]);
    expect(before.totp).toMatchObject({ required: true, enrolled: false });
    expect(before.locks).toEqual([]);
    for (let i = 0; i < 6; i++) {
      clock.advanceMinutes(0.1); // past the progressive delay
      expect((await new Client(env.app).signIn(dsl.username, 'wrong')).statusCode).toBe(401);
    }
    const locked = await listed(dsl.username);
    expect(locked.locks).toEqual([
      {
        scope: 'pair',
        address: '127.0.0.1',
        until: new Date(clock.now().getTime() + 15 * 60_000).toISOString(),
      },
    ]);
    expect((await new Client(env.app).signIn(dsl.username)).statusCode).toBe(429);
    const unlock = await admin.post(`/api/accounts/${dsl.accountId}/unlock`);
    expect(unlock.json()).toEqual({ cleared: 2 });
    expect((await listed(dsl.username)).locks).toEqual([]);
    expect((await new Client(env.app).signIn(dsl.username)).statusCode).toBe(200);
  });

  it('disabling ends every session of the account at once; enabling lets it sign in again', async () => {
    const t = await createUser(env.ctx, schoolId, ['teacher']);
    const one = new Client(env.app);
    const two = new Client(env.app);
    await one.signIn(t.username);
    await two.signIn(t.username);
    expect((await one.get('/api/people')).statusCode).toBe(200);
    const res = await admin.post(`/api/accounts/${t.accountId}/disable`, { reason: 'long-term absence' });
    expect(res.json()).toEqual({ disabled: true, sessionsEnded: 2 });
    expect((await one.get('/api/people')).statusCode).toBe(401);
    expect((await two.get('/api/session')).json()).toEqual({ signedIn: false });
    const refused = await new Client(env.app).signIn(t.username);
    expect(refused.json().error.message).toMatch(/disabled/);
    expect((await listed(t.username)).disabled).toMatchObject({ reason: 'long-term absence' });
    await admin.post(`/api/accounts/${t.accountId}/enable`);
    expect((await new Client(env.app).signIn(t.username)).statusCode).toBe(200);
    const actions = await env.ctx.db
      .selectFrom('audit_entries')
      .select('action')
      .where('entity_id', '=', t.accountId)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['account.disable', 'account.enable']),
    );
  });

  it('will not let an administrator disable their own account', async () => {
    const me = (await admin.get('/api/session')).json().accountId;
    expect((await admin.post(`/api/accounts/${me}/disable`, {})).statusCode).toBe(409);
  });

  it('grants and revokes an ordinary role at once', async () => {
    const t = await createUser(env.ctx, schoolId, ['teacher']);
    const granted = await admin.post(`/api/accounts/${t.accountId}/roles`, { role: 'online_safety_lead' });
    expect(granted.statusCode).toBe(201);
    expect((await listed(t.username)).roles.map((r: { role: string }) => r.role)).toEqual([
      'online_safety_lead',
      'teacher',
    ]);
    expect((await admin.post(`/api/accounts/${t.accountId}/roles`, { role: 'teacher' })).statusCode).toBe(
      409,
    );
    expect(
      (await admin.request('DELETE', `/api/accounts/${t.accountId}/roles/online_safety_lead`)).statusCode,
    ).toBe(200);
    expect(
      (await admin.request('DELETE', `/api/accounts/${t.accountId}/roles/online_safety_lead`)).statusCode,
    ).toBe(404);
  });

  it('answers 404 for an account of another school', async () => {
    const other = await createSchool(env.ctx, 'Elsewhere Primary');
    const t = await createUser(env.ctx, other, ['teacher']);
    expect((await admin.post(`/api/accounts/${t.accountId}/disable`, {})).statusCode).toBe(404);
    expect((await admin.get(`/api/accounts?q=${t.username}`)).json().accounts).toEqual([]);
  });
});
