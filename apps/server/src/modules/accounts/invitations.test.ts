import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonTable } from '../../db/schema.js';
import {
  Client,
  TestClock,
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type TestEnv,
} from '../../test/harness.js';
import { blankPerson, searchName } from '../people/rows.js';

const STRONG = 'amber-falcon-thimble-2207';

/** Accounts by invitation link, valid 7 days (clarification 10). */
describe('invitations', () => {
  let env: TestEnv;
  let schoolId: string;
  let admin: Client;
  const clock = new TestClock();
  beforeAll(async () => {
    env = await startTestEnv({ clock });
    schoolId = await createSchool(env.ctx);
    const a = await createUser(env.ctx, schoolId, ['system_admin']);
    admin = await sessionFor(env, a.accountId, schoolId);
  });
  afterAll(() => env.close());

  async function person(p: Partial<PersonTable> & Pick<PersonTable, 'kind'>): Promise<string> {
    const row = {
      ...blankPerson(schoolId, p.kind, clock.now().toISOString()),
      given_name: 'Robin',
      family_name: 'Marsh',
      ...p,
    };
    await env.ctx.db
      .insertInto('people')
      .values({ ...row, search_name: searchName(row.given_name, row.family_name, null) })
      .execute();
    return row.id;
  }
  const tokenOf = (link: string) => link.split('/').pop()!;

  it('invites a member of staff by a link shown once; they choose a username and a strong password', async () => {
    const id = await person({ kind: 'staff', given_name: 'Quinn', family_name: 'Ashby' });
    const res = await admin.post(`/api/people/${id}/invitation`, { roles: ['teacher'] });
    expect(res.statusCode).toBe(201);
    const { link, expiresAt } = res.json();
    expect(link).toMatch(/^http:\/\/localhost:3000\/invite\//);
    expect(expiresAt).toBe(new Date(clock.now().getTime() + 7 * 86_400_000).toISOString());
    const anon = new Client(env.app);
    const view = (await anon.get(`/api/invitations/${tokenOf(link)}`)).json();
    expect(view).toMatchObject({
      purpose: 'account',
      givenName: 'Quinn',
      suggestedUsername: 'quinn.ashby',
      roles: [{ role: 'teacher', label: expect.any(String) }],
      passwordRule: { kind: 'adult', minLength: 12 },
    });
    const weak = await anon.post(`/api/invitations/${tokenOf(link)}/accept`, {
      username: 'quinn.ashby',
      password: 'quinnashby2024',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/name or username/);
    const badName = await anon.post(`/api/invitations/${tokenOf(link)}/accept`, {
      username: 'Q!',
      password: STRONG,
    });
    expect(badName.statusCode).toBe(400);
    const ok = await anon.post(`/api/invitations/${tokenOf(link)}/accept`, {
      username: 'Quinn.Ashby',
      password: STRONG,
    });
    expect(ok.json()).toEqual({ username: 'quinn.ashby' });
    const c = new Client(env.app);
    expect((await c.signIn('quinn.ashby', STRONG)).json()).toEqual({ next: 'done' });
    expect((await c.get('/api/session')).json().roles.map((r: { role: string }) => r.role)).toEqual([
      'teacher',
    ]);
    expect((await anon.get(`/api/invitations/${tokenOf(link)}`)).statusCode).toBe(404);
    // The person is now linked to the account; a second invitation is refused.
    expect((await admin.post(`/api/people/${id}/invitation`, { roles: ['teacher'] })).statusCode).toBe(409);
  });

  it('refuses a taken username, safeguarding roles, and staff without roles', async () => {
    await createUser(env.ctx, schoolId, ['teacher'], { username: 'taken.name' });
    const id = await person({ kind: 'staff' });
    expect((await admin.post(`/api/people/${id}/invitation`, {})).statusCode).toBe(400);
    const dsl = await admin.post(`/api/people/${id}/invitation`, { roles: ['dsl'] });
    expect(dsl.json().error.message).toMatch(/safeguarding role: grant it once the account exists/);
    const { link } = (await admin.post(`/api/people/${id}/invitation`, { roles: ['support_staff'] })).json();
    const res = await new Client(env.app).post(`/api/invitations/${tokenOf(link)}/accept`, {
      username: 'taken.name',
      password: STRONG,
    });
    expect(res.statusCode).toBe(409);
  });

  it('gives KS2 pupils an account with the pupil rule and no TOTP; EYFS and KS1 pupils none', async () => {
    const ks1 = await person({ kind: 'pupil', year_group: '2' });
    const eyfs = await person({ kind: 'pupil', year_group: 'R' });
    for (const id of [ks1, eyfs]) {
      const res = await admin.post(`/api/people/${id}/invitation`, {});
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toMatch(/Only KS2 pupils/);
    }
    const ks2 = await person({ kind: 'pupil', year_group: '5', given_name: 'Ellis', family_name: 'Fern' });
    expect((await admin.post(`/api/people/${ks2}/invitation`, { roles: ['teacher'] })).statusCode).toBe(400);
    const { link, roles } = (await admin.post(`/api/people/${ks2}/invitation`, {})).json();
    expect(roles).toEqual(['pupil']);
    const anon = new Client(env.app);
    expect((await anon.get(`/api/invitations/${tokenOf(link)}`)).json().passwordRule).toMatchObject({
      kind: 'pupil',
      minLength: 8,
    });
    expect(
      (
        await anon.post(`/api/invitations/${tokenOf(link)}/accept`, {
          username: 'ellis5',
          password: 'football',
        })
      ).json().error.message,
    ).toMatch(/common/);
    expect(
      (
        await anon.post(`/api/invitations/${tokenOf(link)}/accept`, {
          username: 'ellis5',
          password: 'otterpie7',
        })
      ).statusCode,
    ).toBe(200);
    expect((await new Client(env.app).signIn('ellis5', 'otterpie7')).json()).toEqual({ next: 'done' });
  });

  it('sets a password on an account that has none yet (the demo staff), keeping its roles', async () => {
    const u = await createUser(env.ctx, schoolId, ['online_safety_lead']);
    await env.ctx.db
      .updateTable('accounts')
      .set({ password_hash: null })
      .where('id', '=', u.accountId)
      .execute();
    const { link } = (
      await admin.post(`/api/people/${u.personId}/invitation`, { roles: ['teacher'], email: true })
    ).json();
    const mail = await env.ctx.db
      .selectFrom('outbox')
      .select(['to_address', 'body'])
      .where('channel', '=', 'email')
      .execute();
    expect(mail.some((m) => m.body.includes(link))).toBe(true);
    await new Client(env.app).post(`/api/invitations/${tokenOf(link)}/accept`, {
      username: 'jo.lead',
      password: STRONG,
    });
    const c = new Client(env.app);
    await c.signIn('jo.lead', STRONG);
    expect((await c.get('/api/session')).json().roles.map((r: { role: string }) => r.role)).toEqual([
      'online_safety_lead',
      'teacher',
    ]);
    const audit = JSON.stringify(await env.ctx.db.selectFrom('audit_entries').select('details').execute());
    expect(audit).not.toContain(tokenOf(link));
    expect(audit).not.toContain(STRONG);
  });

  it('expires after 7 days, and a new link replaces the old one', async () => {
    const id = await person({ kind: 'parent' });
    const first = (await admin.post(`/api/people/${id}/invitation`, {})).json().link;
    const second = (await admin.post(`/api/people/${id}/invitation`, {})).json().link;
    const anon = new Client(env.app);
    expect((await anon.get(`/api/invitations/${tokenOf(first)}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/invitations/${tokenOf(second)}`)).statusCode).toBe(200);
    clock.advanceMinutes(7 * 24 * 60 + 1);
    const expired = await anon.get(`/api/invitations/${tokenOf(second)}`);
    expect(expired.statusCode).toBe(404);
    expect(expired.json().error.message).toMatch(/expired or been used/);
  });
});
