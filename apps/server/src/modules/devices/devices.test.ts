import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchool } from '../demo/seed.js';
import { sessionFor, startTestEnv, TestClock, type Client, type TestEnv } from '../../test/harness.js';

/** Issue 5: the office's phone register and confiscations (policy 4.3), and the device inventory (7.2, 7.4). */
describe('phones and devices', () => {
  let env: TestEnv;
  let clock: TestClock;
  let schoolId: string;
  let office: Client;
  let dsl: Client;
  let tech: Client;
  let teacher: Client;
  let y6: { id: string }[];
  let officeAccount: string;
  let accounts: Record<string, { accountId: string }>;
  /** The clock moves a day in the first test: everyone signs in afresh after it. */
  const fresh = async () => {
    office = await sessionFor(env, officeAccount, schoolId);
    dsl = await sessionFor(env, accounts.dsl!.accountId, schoolId);
    tech = await sessionFor(env, accounts.tech!.accountId, schoolId);
    teacher = await sessionFor(env, accounts.teacher!.accountId, schoolId);
  };

  beforeAll(async () => {
    clock = new TestClock(new Date('2026-11-23T08:30:00Z'));
    env = await startTestEnv({ clock });
    const seeded = await seedDemoSchool(env.ctx, { adminPassword: 'x-unused-password-1', pupilsPerYear: 3 });
    schoolId = seeded.schoolId;
    officeAccount = seeded.accounts.office!.accountId;
    accounts = seeded.accounts;
    office = await sessionFor(env, officeAccount, schoolId);
    dsl = await sessionFor(env, seeded.accounts.dsl!.accountId, schoolId);
    tech = await sessionFor(env, seeded.accounts.tech!.accountId, schoolId);
    teacher = await sessionFor(env, seeded.accounts.teacher!.accountId, schoolId);
    y6 = await env.ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('year_group', '=', '6')
      .orderBy('id')
      .execute();
  });
  afterAll(() => env.close());

  it('records phones handed in in the morning, collected at the end of the day, and who has not collected', async () => {
    const reg = (await office.get('/api/phones/register')).json();
    expect(
      reg.eligible
        .map((p: { yearGroup: string }) => p.yearGroup)
        .every((y: string) => y === '5' || y === '6'),
    ).toBe(true);
    const a = await office.post('/api/phones/handins', { pupilId: y6[0]!.id });
    const b = await office.post('/api/phones/handins', { pupilId: y6[1]!.id });
    expect(a.statusCode).toBe(201);
    expect((await office.post('/api/phones/handins', { pupilId: y6[0]!.id })).statusCode).toBe(409);
    clock.advanceMinutes(7 * 60);
    office = await sessionFor(env, officeAccount, schoolId);
    expect((await office.post(`/api/phones/handins/${a.json().id}/collect`, {})).statusCode).toBe(200);
    expect((await office.post(`/api/phones/handins/${a.json().id}/collect`, {})).statusCode).toBe(409);
    const end = (await office.get('/api/phones/register')).json();
    expect(end.handins).toHaveLength(2);
    expect(end.notCollected.map((h: { id: string }) => h.id)).toEqual([b.json().id]);
    // The next morning the uncollected phone is still listed.
    clock.advanceMinutes(17 * 60);
    office = await sessionFor(env, officeAccount, schoolId);
    const next = (await office.get('/api/phones/register')).json();
    expect(next.handins).toHaveLength(0);
    expect(next.notCollected.map((h: { id: string }) => h.id)).toEqual([b.json().id]);
  });

  it('keeps a confiscation until it is released to a parent, or handed to the police', async () => {
    await fresh();
    const c = await teacher.post('/api/phones/confiscations', {
      pupilId: y6[2]!.id,
      device: 'Black phone',
      reason: 'Used in a lesson',
      heldWhere: 'Office safe',
    });
    expect(c.statusCode).toBe(201);
    const notParent = await env.ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('kind', '=', 'staff')
      .executeTakeFirstOrThrow();
    expect(
      (await office.post(`/api/phones/confiscations/${c.json().id}/release`, { parentId: notParent.id }))
        .statusCode,
    ).toBe(400);
    const parent = await env.ctx.db
      .selectFrom('parent_links')
      .select('parent_id')
      .where('pupil_id', '=', y6[2]!.id)
      .executeTakeFirstOrThrow();
    expect(
      (await office.post(`/api/phones/confiscations/${c.json().id}/release`, { parentId: parent.parent_id }))
        .statusCode,
    ).toBe(200);
    const held = (await office.get('/api/phones/confiscations?status=all')).json().confiscations[0];
    expect(held).toMatchObject({ status: 'released' });
    expect(held.releasedTo).toBeTruthy();
    const d = await teacher.post('/api/phones/confiscations', {
      pupilId: y6[2]!.id,
      device: 'Tablet',
      reason: 'Content may be illegal',
      heldWhere: 'DSL office, locked',
    });
    expect(
      (await teacher.post(`/api/phones/confiscations/${d.json().id}/police`, { reference: 'CR/1234/26' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await dsl.post(`/api/phones/confiscations/${d.json().id}/police`, {
          reference: 'CR/1234/26',
          officer: 'PC 123',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await office.post(`/api/phones/confiscations/${d.json().id}/release`, { parentId: parent.parent_id }))
        .statusCode,
    ).toBe(409);
  });

  it('flags school devices off site without encryption and with stale anti-virus', async () => {
    const ok = await tech.post('/api/devices', {
      assetTag: 'HPS-001',
      kind: 'laptop',
      encrypted: true,
      antivirusStatus: 'up_to_date',
      antivirusCheckedOn: '2026-11-20',
      offSite: true,
    });
    expect(ok.json().flags).toEqual([]);
    const bad = await tech.post('/api/devices', {
      assetTag: 'HPS-002',
      kind: 'laptop',
      encrypted: false,
      antivirusStatus: 'up_to_date',
      antivirusCheckedOn: '2026-08-01',
      offSite: false,
    });
    expect(bad.json().flags).toEqual(['antivirus']);
    expect(
      (
        await tech.post('/api/devices', {
          assetTag: 'HPS-002',
          kind: 'tablet',
          encrypted: true,
          antivirusStatus: 'none',
          offSite: false,
        })
      ).statusCode,
    ).toBe(409);
    const off = await tech.patch(`/api/devices/${bad.json().id}`, { offSite: true });
    expect(off.json().flags).toEqual(['unencrypted_off_site', 'antivirus']);
    const flagged = (await tech.get('/api/devices?flag=unencrypted_off_site')).json().devices;
    expect(flagged.map((x: { assetTag: string }) => x.assetTag)).toEqual(['HPS-002']);
    expect(
      (
        await teacher.post('/api/devices', {
          assetTag: 'X',
          kind: 'laptop',
          encrypted: true,
          antivirusStatus: 'none',
          offSite: false,
        })
      ).statusCode,
    ).toBe(403);
  });
});
