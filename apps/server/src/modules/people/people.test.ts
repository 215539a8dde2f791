import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../worker.js';
import { seedDemoSchool } from '../demo/seed.js';
import {
  Client,
  TestClock,
  createUser,
  sessionFor,
  startTestEnv,
  TEST_PASSWORD,
  type TestEnv,
} from '../../test/harness.js';

describe('people register', () => {
  let env: TestEnv;
  const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
  let schoolId: string;
  let accounts: Record<string, { accountId: string; personId: string }>;
  let admin: Client;
  let teacher: Client;
  let dsl: Client;
  beforeAll(async () => {
    env = await startTestEnv({ clock });
    const seeded = await seedDemoSchool(env.ctx, {
      adminPassword: 'unused-admin-pass-1',
      staffPassword: TEST_PASSWORD,
      pupilsPerYear: 3,
    });
    schoolId = seeded.schoolId;
    accounts = seeded.accounts;
    admin = await sessionFor(env, accounts.admin!.accountId, schoolId);
    teacher = await sessionFor(env, accounts.oslead!.accountId, schoolId);
    dsl = await sessionFor(env, accounts.dsl!.accountId, schoolId);
  });
  afterAll(() => env.close());

  it('lets staff search pupils by name, with the key stage, but no vulnerability flags', async () => {
    const all = (await teacher.get('/api/people?kind=pupil&limit=200')).json();
    expect(all.people).toHaveLength(27);
    const someone = all.people[5];
    const found = (
      await teacher.get(`/api/people?q=${encodeURIComponent(someone.givenName.slice(0, 3))}`)
    ).json();
    expect(found.people.map((p: { id: string }) => p.id)).toContain(someone.id);
    expect(all.people.every((p: { vulnerability?: unknown }) => p.vulnerability === undefined)).toBe(true);
    const reception = (await teacher.get('/api/people?year=R')).json().people;
    expect(reception.every((p: { keyStage: string }) => p.keyStage === 'EYFS')).toBe(true);
    const ks1 = (await teacher.get('/api/people?keyStage=KS1&limit=200')).json().people;
    expect(ks1.map((p: { yearGroup: string }) => p.yearGroup).sort()).toEqual(['1', '1', '1', '2', '2', '2']);
  });

  it('shows the DSL vulnerability flags and audits that read', async () => {
    const list = (await dsl.get('/api/people?kind=pupil&limit=5')).json();
    expect(list.people[0].vulnerability).toEqual(expect.objectContaining({ send: expect.any(Boolean) }));
    const one = (await dsl.get(`/api/people/${list.people[0].id}`)).json();
    expect(one.person.vulnerability).toBeDefined();
    const entries = await env.ctx.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', 'in', ['person.read_vulnerability', 'person.list_vulnerability'])
      .execute();
    expect(
      entries.some((e) => e.entity_id === list.people[0].id && e.action === 'person.read_vulnerability'),
    ).toBe(true);
    const listed = entries.find((e) => e.action === 'person.list_vulnerability');
    expect(JSON.parse(listed!.details).ids).toHaveLength(5);
  });

  it('refuses vulnerability flags to an administrator without that permission', async () => {
    const pupil = (await admin.get('/api/people?kind=pupil&limit=1')).json().people[0];
    const res = await admin.patch(`/api/people/${pupil.id}`, { send: true });
    expect(res.statusCode).toBe(403);
    const ok = await admin.patch(`/api/people/${pupil.id}`, { className: 'Willow 2' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().person.className).toBe('Willow 2');
  });

  it('creates people with kind-specific rules and refuses duplicates', async () => {
    const noYear = await admin.post('/api/people', {
      kind: 'pupil',
      givenName: 'Ada',
      familyName: 'Moorcroft',
    });
    expect(noYear.statusCode).toBe(400);
    const made = await admin.post('/api/people', {
      kind: 'pupil',
      givenName: 'Ada',
      familyName: 'Moorcroft',
      yearGroup: '4',
      misId: 'NEW1',
    });
    expect(made.statusCode).toBe(201);
    expect(made.json().person.keyStage).toBe('KS2');
    const dup = await admin.post('/api/people', {
      kind: 'pupil',
      givenName: 'Bo',
      familyName: 'Moorcroft',
      yearGroup: '4',
      misId: 'NEW1',
    });
    expect(dup.statusCode).toBe(409);
    const visitor = await admin.post('/api/people', {
      kind: 'visitor',
      givenName: 'Vic',
      familyName: 'Tidewell',
    });
    expect(visitor.statusCode).toBe(400);
    expect(
      (await teacher.post('/api/people', { kind: 'staff', givenName: 'A', familyName: 'B' })).statusCode,
    ).toBe(403);
  });

  it('shows a parent only their own children, and a pupil only themselves', async () => {
    // Any pupil with a linked parent (the demo school gives most pupils one or two).
    const link = await env.ctx.db
      .selectFrom('parent_links')
      .selectAll()
      .where('school_id', '=', schoolId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const pupilRow = await env.ctx.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', link.pupil_id)
      .executeTakeFirstOrThrow();
    const parentUser = await createUser(env.ctx, schoolId, ['parent'], { kind: 'parent' });
    await env.ctx.db
      .updateTable('people')
      .set({ account_id: parentUser.accountId })
      .where('id', '=', link.parent_id)
      .execute();
    await env.ctx.db.deleteFrom('people').where('id', '=', parentUser.personId).execute();
    const parent = await sessionFor(env, parentUser.accountId, schoolId);
    const seen = (await parent.get('/api/people?limit=200')).json().people.map((p: { id: string }) => p.id);
    expect(seen).toContain(pupilRow.id);
    expect(seen.length).toBeLessThanOrEqual(3);
    const other = await env.ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('kind', '=', 'pupil')
      .where('id', '!=', pupilRow.id)
      .executeTakeFirstOrThrow();
    const hidden = await parent.get(`/api/people/${other.id}`);
    const missing = await parent.get('/api/people/00000000-0000-0000-0000-000000000000');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
  });

  it('ends a leaver’s access the same moment and lists them in the leavers report', async () => {
    const leaver = await createUser(env.ctx, schoolId, ['teacher']);
    const session = new Client(env.app);
    expect((await session.signIn(leaver.username)).statusCode).toBe(200);
    expect((await session.get('/api/people?limit=1')).statusCode).toBe(200);
    const res = await admin.post(`/api/people/${leaver.personId}/leaver`, { leaveDate: '2026-11-23' });
    expect(res.statusCode).toBe(200);
    expect(res.json().immediate).toBe(true);
    expect((await session.get('/api/people?limit=1')).statusCode).toBe(401);
    expect((await new Client(env.app).signIn(leaver.username)).statusCode).toBe(401);
    const report = (await admin.get('/api/leavers')).json().leavers;
    const row = report.find((r: { id: string }) => r.id === leaver.personId);
    expect(row.accessEndedAt).toBe(clock.now().toISOString());
    expect(
      (await admin.post(`/api/people/${leaver.personId}/leaver`, { leaveDate: '2026-11-23' })).statusCode,
    ).toBe(409);
  });

  it('links a parent to a pupil once', async () => {
    const pupil = (
      await admin.post('/api/people', {
        kind: 'pupil',
        givenName: 'Cleo',
        familyName: 'Penhallow',
        yearGroup: '2',
      })
    ).json().person;
    const parent = (
      await admin.post('/api/people', { kind: 'parent', givenName: 'Reuben', familyName: 'Penhallow' })
    ).json().person;
    const res = await admin.post(`/api/people/${pupil.id}/parents`, {
      parentId: parent.id,
      relationship: 'Father',
    });
    expect(res.statusCode).toBe(201);
    expect(
      (await admin.post(`/api/people/${pupil.id}/parents`, { parentId: parent.id, relationship: 'Father' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await admin.post(`/api/people/${parent.id}/parents`, { parentId: pupil.id, relationship: 'Father' }))
        .statusCode,
    ).toBe(400);
    const view = (await admin.get(`/api/people/${pupil.id}`)).json();
    expect(view.links[0]).toEqual(
      expect.objectContaining({ parentId: parent.id, relationship: 'Father', parentalResponsibility: true }),
    );
  });
  // Last: it moves the shared clock on by days, past every other session's lifetime.
  it('ends access at the end of a future leave date, in the school’s time zone', async () => {
    const leaver = await createUser(env.ctx, schoolId, ['support_staff']);
    const res = (
      await admin.post(`/api/people/${leaver.personId}/leaver`, { leaveDate: '2026-11-24' })
    ).json();
    expect(res.immediate).toBe(false);
    expect(res.leftAt).toBe('2026-11-25T00:00:00.000Z'); // GMT in November
    clock.advanceMinutes(60 * 30); // 24 Nov, 16:00: still their last day
    const session = await sessionFor(env, leaver.accountId, schoolId);
    expect((await session.get('/api/people?limit=1')).statusCode).toBe(200);
    await runDueJobs(env.ctx);
    const before = await env.ctx.db
      .selectFrom('accounts')
      .select('disabled_at')
      .where('id', '=', leaver.accountId)
      .executeTakeFirstOrThrow();
    expect(before.disabled_at).toBeNull();
    clock.advanceMinutes(60 * 9); // 25 Nov, 01:00: the day has ended
    // Refused as a leaver (401), before any idle lock (423) could apply, even before the job has run.
    expect((await session.get('/api/people?limit=1')).statusCode).toBe(401);
    expect(await runDueJobs(env.ctx)).toBeGreaterThanOrEqual(1);
    const after = await env.ctx.db
      .selectFrom('accounts')
      .select('disabled_at')
      .where('id', '=', leaver.accountId)
      .executeTakeFirstOrThrow();
    expect(after.disabled_at).not.toBeNull();
  });
});
