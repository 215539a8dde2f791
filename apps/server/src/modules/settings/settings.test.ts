import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchool } from '../demo/seed.js';
import {
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type Client,
  type TestEnv,
} from '../../test/harness.js';
import { SafeguardingContacts, SchoolProfile } from './registry.js';
import { getSetting } from './service.js';

/** Clarification 11: per-school settings, typed, versioned and audited. */
describe('school settings', () => {
  let env: TestEnv;
  let schoolId: string;
  let head: Client;
  let dslPersonId: string;
  let headAccountId: string;
  let pupilId: string;

  beforeAll(async () => {
    env = await startTestEnv();
    const seeded = await seedDemoSchool(env.ctx, {
      adminPassword: 'demo-admin-password-1',
      pupilsPerYear: 1,
    });
    schoolId = seeded.schoolId;
    headAccountId = seeded.accounts.head!.accountId;
    dslPersonId = seeded.accounts.dsl!.personId;
    head = await sessionFor(env, headAccountId, schoolId);
    pupilId = (
      await env.ctx.db.selectFrom('people').select('id').where('kind', '=', 'pupil').executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => env.close());

  const get = async (c: Client) => {
    const res = await c.get('/api/settings');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ settings: { key: string; value: Record<string, unknown>; version: number }[] }>()
      .settings;
  };

  it('lists every registered setting with its default at version 0', async () => {
    const settings = await get(head);
    const profile = settings.find((s) => s.key === 'school.profile')!;
    expect(profile).toMatchObject({ version: 0, value: { name: 'Harbourside Primary School' } });
    expect(settings.find((s) => s.key === 'auth.idle')?.value).toEqual({
      sensitiveMinutes: 15,
      otherMinutes: 60,
    });
    // Teachers may read settings, but not change them.
    const teacher = await sessionFor(
      env,
      (await createUser(env.ctx, schoolId, ['teacher'])).accountId,
      schoolId,
    );
    expect((await get(teacher)).length).toBe(settings.length);
    const put = await teacher.request('PUT', '/api/settings/school.profile', {
      value: { name: 'X' },
      expectedVersion: 0,
    });
    expect(put.statusCode).toBe(403);
  });

  it('changes a setting, keeps its history, audits field names, and refuses a stale version', async () => {
    const first = await head.request('PUT', '/api/settings/school.profile', {
      value: { name: 'Harbourside Primary School', urn: '123456' },
      expectedVersion: 0,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, value: { urn: '123456' }, updatedBy: headAccountId });
    const second = await head.request('PUT', '/api/settings/school.profile', {
      value: { name: 'Harbourside Primary', urn: '123456', address: '1 Quay Lane' },
      expectedVersion: 1,
    });
    expect(second.json().version).toBe(2);
    const stale = await head.request('PUT', '/api/settings/school.profile', {
      value: { name: 'Old tab' },
      expectedVersion: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', details: { currentVersion: 2 } });
    expect(await getSetting(env.ctx, SchoolProfile, schoolId)).toEqual({
      name: 'Harbourside Primary',
      urn: '123456',
      address: '1 Quay Lane',
    });
    const history = await env.ctx.db
      .selectFrom('settings_history')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('key', '=', 'school.profile')
      .orderBy('version')
      .execute();
    expect(history.map((h) => h.version)).toEqual([1, 2]);
    expect(JSON.parse(history[0]!.value)).toEqual({ name: 'Harbourside Primary School', urn: '123456' });
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'setting.update')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([
      { version: 1, fields: ['urn'] },
      { version: 2, fields: ['address', 'name'] },
    ]);
    expect(audit[1]).toMatchObject({
      school_id: schoolId,
      entity_id: 'school.profile',
      actor_account_id: headAccountId,
    });
    // The other school never sees this school's settings.
    const other = await createSchool(env.ctx, 'Another Primary');
    expect((await getSetting(env.ctx, SchoolProfile, other)).name).toBe('Another Primary');
  });

  it('checks values against the key: unknown key, bad shape, and people who are not this school’s staff', async () => {
    const put = (key: string, body: unknown) => head.request('PUT', `/api/settings/${key}`, body);
    expect((await put('no.such_key', { value: {}, expectedVersion: 0 })).statusCode).toBe(400);
    const bad = await put('school.profile', { value: { name: 'A', urn: '12' }, expectedVersion: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ path: 'value.urn', message: 'a URN is six digits' }]);
    expect(
      (await put('auth.idle', { value: { sensitiveMinutes: 90, otherMinutes: 60 }, expectedVersion: 0 }))
        .statusCode,
    ).toBe(400);
    const contacts = (dsl: string[]) => ({
      value: { dslPersonIds: dsl, deputyPersonIds: [], governorLeadPersonId: null },
      expectedVersion: 0,
    });
    const pupil = await put('safeguarding.contacts', contacts([pupilId]));
    expect(pupil.statusCode).toBe(400);
    expect(pupil.json().error.details[0].message).toBe(`${pupilId} is not a current member of staff`);
    const ok = await put('safeguarding.contacts', contacts([dslPersonId]));
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await getSetting(env.ctx, SafeguardingContacts, schoolId)).dslPersonIds).toEqual([dslPersonId]);
  });
});
