import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchool } from '../demo/seed.js';
import { runDueJobs } from '../../worker.js';
import { DEFAULT_MONITORING_NOTICE } from '../monitoring/settings.js';
import {
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  TestClock,
  type Client,
  type TestEnv,
} from '../../test/harness.js';

/** Issue 5: acceptable-use agreements (policy 5.3, 6.1) and the access register's AUP gate. */
describe('acceptable-use agreements and the access register', () => {
  let env: TestEnv;
  let clock: TestClock;
  let schoolId: string;
  let lead: Client;
  let teacher: Client;
  let tech: Client;
  let head: Client;
  let teacherPersonId: string;
  let techAccountId: string;
  let headAccountId: string;
  let leadAccountId: string;
  let ks1: { id: string }[];
  const staffVersion = { id: '' };

  beforeAll(async () => {
    clock = new TestClock(new Date('2026-11-23T09:00:00Z'));
    env = await startTestEnv({ clock });
    const seeded = await seedDemoSchool(env.ctx, {
      adminPassword: 'x-unused-password-1',
      pupilsPerYear: 1,
      compliance: false,
    });
    schoolId = seeded.schoolId;
    lead = await sessionFor(env, seeded.accounts.oslead!.accountId, schoolId);
    teacher = await sessionFor(env, seeded.accounts.teacher!.accountId, schoolId);
    techAccountId = seeded.accounts.tech!.accountId;
    tech = await sessionFor(env, techAccountId, schoolId);
    head = await sessionFor(env, seeded.accounts.head!.accountId, schoolId);
    headAccountId = seeded.accounts.head!.accountId;
    leadAccountId = seeded.accounts.oslead!.accountId;
    teacherPersonId = seeded.accounts.teacher!.personId;
    ks1 = await env.ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('year_group', 'in', ['N1', 'N2', 'R', '1', '2'])
      .orderBy('id')
      .execute();
  });
  afterAll(() => env.close());

  it('drafts from the starter text, publishes, and a teacher signs and leaves the not-signed list', async () => {
    const draft = await lead.post('/api/aup/versions', { audience: 'staff' });
    expect(draft.statusCode).toBe(201);
    const v = draft.json().version;
    expect(v.body).toContain('Harbourside Primary School');
    // Everyone is told that use is monitored (policy 6.1, 6.3): the school's notice, here its default.
    expect(v.body).toContain(DEFAULT_MONITORING_NOTICE);
    expect(v.body).not.toContain('{monitoring}');
    expect((await lead.post('/api/aup/versions', { audience: 'staff' })).statusCode).toBe(409);
    expect(
      (await lead.patch(`/api/aup/versions/${v.id}`, { title: 'Staff Code of Conduct for ICT' })).statusCode,
    ).toBe(200);
    expect((await teacher.post('/api/aup/versions', { audience: 'staff' })).statusCode).toBe(403);
    const pub = await lead.post(`/api/aup/versions/${v.id}/publish`, {});
    expect(pub.statusCode).toBe(200);
    expect(pub.json().notified).toBeGreaterThan(0);
    expect((await lead.patch(`/api/aup/versions/${v.id}`, { title: 'x' })).statusCode).toBe(409);
    staffVersion.id = v.id;

    const before = (await lead.get('/api/aup/unsigned?audience=staff')).json().audiences[0];
    expect(before.unsigned.map((p: { id: string }) => p.id)).toContain(teacherPersonId);
    const mine = (await teacher.get('/api/aup/mine')).json().items;
    expect(mine[0]).toMatchObject({ audience: 'staff', canSign: true, signedAt: null });
    expect((await teacher.get('/api/aup/mine')).json().monitoringNotice).toBe(DEFAULT_MONITORING_NOTICE);
    expect((await teacher.post('/api/aup/sign', { versionId: v.id })).statusCode).toBe(201);
    expect((await teacher.post('/api/aup/sign', { versionId: v.id })).statusCode).toBe(409);
    const after = (await lead.get('/api/aup/unsigned?audience=staff')).json().audiences[0];
    expect(after.unsigned.map((p: { id: string }) => p.id)).not.toContain(teacherPersonId);
    expect(after.signed).toBe(before.signed + 1);
    const inApp = await env.ctx.db
      .selectFrom('outbox')
      .select('subject')
      .where('school_id', '=', schoolId)
      .execute();
    expect(inApp.some((r) => r.subject.includes('acceptable-use agreement'))).toBe(true);
  });

  it('lets a parent sign for a young child and staff record a discussion, but never a young pupil alone', async () => {
    const d = (await lead.post('/api/aup/versions', { audience: 'pupil_ks1' })).json().version;
    await lead.post(`/api/aup/versions/${d.id}/publish`, {});
    const parent = await createUser(env.ctx, schoolId, ['parent'], { kind: 'parent' });
    await env.ctx.db
      .insertInto('parent_links')
      .values({
        id: `link-${parent.personId}`,
        school_id: schoolId,
        parent_id: parent.personId,
        pupil_id: ks1[0]!.id,
        relationship: 'Mother',
        parental_responsibility: 1,
        no_contact: 0,
        created_at: new Date().toISOString(),
      })
      .execute();
    const pc = await sessionFor(env, parent.accountId, schoolId);
    const items = (await pc.get('/api/aup/mine')).json().items as {
      personId: string;
      forChild: boolean;
      canSign: boolean;
    }[];
    expect(items.find((i) => i.personId === ks1[0]!.id)).toMatchObject({ forChild: true, canSign: true });
    expect((await pc.post('/api/aup/sign', { versionId: d.id, personId: ks1[0]!.id })).statusCode).toBe(201);
    // Not their child: answers like a missing record.
    expect((await pc.post('/api/aup/sign', { versionId: d.id, personId: ks1[1]!.id })).statusCode).toBe(404);
    const rec = await teacher.post('/api/aup/signatures', {
      personId: ks1[1]!.id,
      versionId: d.id,
      method: 'discussed',
      signedOn: '2026-11-20',
    });
    expect(rec.statusCode).toBe(201);
    const staffDiscussed = await teacher.post('/api/aup/signatures', {
      personId: teacherPersonId,
      versionId: staffVersion.id,
      method: 'discussed',
      signedOn: '2026-11-20',
    });
    expect(staffDiscussed.statusCode).toBe(400);
    const future = await teacher.post('/api/aup/signatures', {
      personId: ks1[2]!.id,
      versionId: d.id,
      method: 'paper',
      signedOn: '2027-01-01',
    });
    expect(future.statusCode).toBe(400);
    const report = (await lead.get('/api/aup/unsigned?audience=pupil_ks1')).json().audiences[0];
    expect(report.byClass.length).toBeGreaterThan(0);
    expect(report.unsigned.map((p: { id: string }) => p.id)).not.toContain(ks1[0]!.id);
  });

  it('keeps signatures append-only: no route changes or removes one, and a new version asks again', async () => {
    const routes = env.app.apiRoutes.filter(
      (r) => r.includes('/api/aup/signatures') || r.includes('/api/aup/sign'),
    );
    expect(routes.every((r) => r.startsWith('POST') || r.startsWith('GET'))).toBe(true);
    const before = await env.ctx.db.selectFrom('aup_signatures').selectAll().orderBy('id').execute();
    const d2 = (
      await lead.post('/api/aup/versions', { audience: 'staff', body: 'Version two of the code.' })
    ).json().version;
    await lead.post(`/api/aup/versions/${d2.id}/publish`, {});
    expect(await env.ctx.db.selectFrom('aup_signatures').selectAll().orderBy('id').execute()).toEqual(before);
    const mine = (await teacher.get('/api/aup/mine')).json().items;
    expect(mine[0]).toMatchObject({ canSign: true, signedAt: null });
    // Signing the old version now is refused: the new one is current.
    expect(
      (
        await teacher.post('/api/aup/signatures', {
          personId: teacherPersonId,
          versionId: staffVersion.id,
          method: 'paper',
          signedOn: '2026-11-23',
        })
      ).statusCode,
    ).toBe(409);
    staffVersion.id = d2.id;
  });

  it('refuses access to someone who has not signed, and grants it once a paper signature is recorded', async () => {
    const refused = await tech.post('/api/access', { personId: teacherPersonId, system: 'network' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.reason).toBe('aup_not_signed');
    expect(
      (await teacher.post('/api/access', { personId: teacherPersonId, system: 'network' })).statusCode,
    ).toBe(403);
    await lead.post('/api/aup/signatures', {
      personId: teacherPersonId,
      versionId: staffVersion.id,
      method: 'paper',
      signedOn: '2026-11-23',
    });
    const ok = await tech.post('/api/access', {
      personId: teacherPersonId,
      system: 'network',
      detail: 'qmarlowe',
    });
    expect(ok.statusCode).toBe(201);
    expect(
      (await tech.post('/api/access', { personId: teacherPersonId, system: 'network' })).statusCode,
    ).toBe(409);
    // No learning platform in the settings: nothing to grant.
    expect(
      (await tech.post('/api/access', { personId: teacherPersonId, system: 'learning_platform' })).statusCode,
    ).toBe(400);
    const entries = (await tech.get(`/api/access?personId=${teacherPersonId}`)).json().entries;
    expect(entries).toHaveLength(1);
  });

  it('lists a leaver as access to remove until every entry is removed', async () => {
    await head.post(`/api/people/${teacherPersonId}/leaver`, { leaveDate: '2026-11-23' });
    const list = (await tech.get('/api/access/to-remove')).json().people;
    const mine = list.find((p: { personId: string }) => p.personId === teacherPersonId);
    expect(mine.entries).toHaveLength(1);
    expect(
      (await tech.post(`/api/access/${mine.entries[0].id}/remove`, { reason: 'Left the school' })).statusCode,
    ).toBe(200);
    expect(
      (await tech.get('/api/access/to-remove'))
        .json()
        .people.find((p: { personId: string }) => p.personId === teacherPersonId),
    ).toBeUndefined();
    expect((await tech.post(`/api/access/${mine.entries[0].id}/remove`, {})).statusCode).toBe(409);
    // A leaver is given nothing new.
    expect((await tech.post('/api/access', { personId: teacherPersonId, system: 'email' })).statusCode).toBe(
      409,
    );
  });

  it('ends a visitor’s access at the end of the visit', async () => {
    const visitor = (
      await head.post('/api/people', {
        kind: 'visitor',
        givenName: 'Vic',
        familyName: 'Itor',
        accessEndsAt: '2026-11-23T12:00:00Z',
      })
    ).json().person;
    const vv = (await lead.post('/api/aup/versions', { audience: 'visitor' })).json().version;
    await lead.post(`/api/aup/versions/${vv.id}/publish`, {});
    await lead.post('/api/aup/signatures', {
      personId: visitor.id,
      versionId: vv.id,
      method: 'paper',
      signedOn: '2026-11-23',
    });
    const g = await tech.post('/api/access', { personId: visitor.id, system: 'network' });
    expect(g.json().endsAt).toBe('2026-11-23T12:00:00Z');
    expect((await tech.get(`/api/access?personId=${visitor.id}`)).json().entries).toHaveLength(1);
    clock.advanceMinutes(4 * 60);
    tech = await sessionFor(env, techAccountId, schoolId); // the old session has idled into the lock screen
    expect((await tech.get(`/api/access?personId=${visitor.id}`)).json().entries).toHaveLength(0);
    await runDueJobs(env.ctx);
    const row = await env.ctx.db
      .selectFrom('access_entries')
      .selectAll()
      .where('person_id', '=', visitor.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ removed_at: '2026-11-23T12:00:00Z', removal_reason: 'The visit ended' });
  });

  it('keeps each school’s agreements to itself', async () => {
    const other = await createSchool(env.ctx, 'Other Primary');
    const stranger = await createUser(env.ctx, other, ['online_safety_lead']);
    const s = await sessionFor(env, stranger.accountId, other);
    expect((await s.get(`/api/aup/versions/${staffVersion.id}`)).statusCode).toBe(404);
    expect((await s.post(`/api/aup/versions/${staffVersion.id}/publish`, {})).statusCode).toBe(404);
    expect((await s.post('/api/aup/sign', { versionId: staffVersion.id })).statusCode).toBe(404);
    expect((await s.get(`/api/aup/people/${teacherPersonId}`)).statusCode).toBe(404);
  });

  it('carries the school’s own monitoring notice into new drafts and shows it with every agreement (issue 6)', async () => {
    const h = await sessionFor(env, headAccountId, schoolId);
    const l = await sessionFor(env, leadAccountId, schoolId);
    // The seeded teacher has left by now (the leaver test): a new member of staff reads the staff agreement.
    const newcomer = await createUser(env.ctx, schoolId, ['teacher'], { kind: 'staff' });
    const t = await sessionFor(env, newcomer.accountId, schoolId);
    const put = async (text: string) => {
      const all = (await h.get('/api/settings')).json().settings as { key: string; version: number }[];
      const r = await h.request('PUT', '/api/settings/monitoring.notice', {
        value: { text },
        expectedVersion: all.find((x) => x.key === 'monitoring.notice')!.version,
      });
      expect(r.statusCode, r.body).toBe(200);
    };
    const own = 'Harbourside Primary looks at what is searched for on its laptops and network.';
    await put(own);
    const draft = (await l.post('/api/aup/versions', { audience: 'parent' })).json().version;
    expect(draft.body).toContain(own);
    const docs = (await l.get('/api/aup/documents')).json();
    expect(docs.monitoringNotice).toBe(own);
    expect(docs.audiences.find((a: { audience: string }) => a.audience === 'visitor').starter.body).toContain(
      own,
    );
    // An agreement published before the notice changed is still shown with the notice as it is now.
    const m = await t.get('/api/aup/mine');
    expect(m.json().monitoringNotice, m.body).toBe(own);
    expect(m.json().items[0].version.body).not.toContain(own);
    expect((await t.get(`/api/aup/versions/${staffVersion.id}`)).json().monitoringNotice).toBe(own);
    await put('');
    expect((await t.get('/api/aup/mine')).json().monitoringNotice).toBe(DEFAULT_MONITORING_NOTICE);
  });
});
