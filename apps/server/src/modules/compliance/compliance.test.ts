import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_ASPECTS, type DashboardItem } from '@harbour/shared';
import { seedDemoSchool } from '../demo/seed.js';
import { sessionFor, startTestEnv, type Client, type TestEnv } from '../../test/harness.js';
import { registerEvidenceProvider, unregisterEvidenceProvider } from './evidence-sources.js';

/** Issue 5: the compliance dashboard, the DfE and UKSIC checklists, the self-review and its action plan. */
describe('compliance dashboard and self-review', () => {
  let env: TestEnv;
  let schoolId: string;
  let lead: Client;
  let teacher: Client;
  let governor: Client;
  let seeded: Awaited<ReturnType<typeof seedDemoSchool>>;
  const item = async (c: Client, key: string): Promise<DashboardItem> => {
    const res = await c.get('/api/compliance/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as DashboardItem[]).find((i) => i.key === key)!;
  };

  beforeAll(async () => {
    env = await startTestEnv();
    seeded = await seedDemoSchool(env.ctx, { adminPassword: 'x-unused-password-1', pupilsPerYear: 1 });
    schoolId = seeded.schoolId;
    lead = await sessionFor(env, seeded.accounts.oslead!.accountId, schoolId);
    teacher = await sessionFor(env, seeded.accounts.teacher!.accountId, schoolId);
    governor = await sessionFor(env, seeded.accounts.governor!.accountId, schoolId);
  });
  afterAll(() => env.close());
  afterEach(() => unregisterEvidenceProvider('concerns'));

  it('is for leads and governors, not every member of staff', async () => {
    expect((await teacher.get('/api/compliance/dashboard')).statusCode).toBe(403);
    expect((await governor.get('/api/compliance/dashboard')).statusCode).toBe(200);
    expect((await governor.request('PUT', '/api/compliance/checks', {})).statusCode).toBe(403);
  });

  it('shows the staff AUP figure from the signatures, and it moves when a teacher signs', async () => {
    expect(await item(lead, 'aup_staff')).toMatchObject({
      light: 'red',
      figure: 'No current version published',
    });
    const v = (await lead.post('/api/aup/versions', { audience: 'staff' })).json().version;
    expect((await lead.post(`/api/aup/versions/${v.id}/publish`, {})).statusCode).toBe(200);
    const report = (await lead.get('/api/aup/unsigned?audience=staff')).json().audiences[0];
    const before = await item(lead, 'aup_staff');
    expect(before.value).toBe(Math.floor((report.signed * 100) / report.total));
    expect(before.figure).toBe(`${before.value}% signed (${report.signed} of ${report.total})`);
    expect((await teacher.post('/api/aup/sign', { versionId: v.id })).statusCode).toBe(201);
    const after = await item(lead, 'aup_staff');
    expect(after.figure).toBe(
      `${Math.floor(((report.signed + 1) * 100) / report.total)}% signed (${report.signed + 1} of ${report.total})`,
    );
  });

  it('shows training, the policy review, filtering and the other registers as the records say', async () => {
    const t = (await lead.get('/api/training/status')).json().summary;
    const training = await item(lead, 'training_current');
    expect(training.value).toBe(t.staff === 0 ? 100 : Math.floor((t.current * 100) / t.staff));
    expect(await item(lead, 'policy_review')).toMatchObject({ light: 'red', figure: 'No approved version' });
    expect(await item(lead, 'filtering_self_test')).toMatchObject({ light: 'red', figure: 'Never run' });
    expect(await item(lead, 'filtering_unapproved')).toMatchObject({ light: 'green', value: 0 });
    expect(await item(lead, 'self_review')).toMatchObject({
      light: 'red',
      figure: 'No completed self-review',
    });
    // An approved policy is due for review in a year.
    const head = await sessionFor(env, seeded.accounts.head!.accountId, schoolId);
    const chair = await sessionFor(env, seeded.accounts.chair!.accountId, schoolId);
    const pv = (await lead.post('/api/policy/versions', {})).json().version;
    await head.post(`/api/policy/versions/${pv.id}/approve`, { as: 'headteacher' });
    await chair.post(`/api/policy/versions/${pv.id}/approve`, { as: 'chair' });
    const policy = await item(lead, 'policy_review');
    const days = (await lead.get('/api/policy')).json().current.daysUntilReview;
    expect(policy).toMatchObject({ light: 'green', value: days, figure: `Review due in ${days} days` });
  });

  it('counts leavers whose access to school systems is still to remove', async () => {
    expect(await item(lead, 'access_leavers')).toMatchObject({ light: 'green', value: 0 });
    const admin = await sessionFor(env, seeded.accounts.admin!.accountId, schoolId);
    const leaver = seeded.accounts.volunteer!.personId;
    for (const system of ['network', 'email']) {
      const res = await admin.post('/api/access', { personId: leaver, system });
      expect([201, 400, 409]).toContain(res.statusCode);
    }
    const open = await env.ctx.db
      .selectFrom('access_entries')
      .select('id')
      .where('person_id', '=', leaver)
      .where('removed_at', 'is', null)
      .execute();
    if (open.length === 0)
      await env.ctx.db
        .insertInto('access_entries')
        .values({
          id: 'leaver-entry',
          school_id: schoolId,
          person_id: leaver,
          system: 'network',
          detail: null,
          granted_at: '2026-01-05T09:00:00.000Z',
          granted_by: null,
          ends_at: null,
          removed_at: null,
          removed_by: null,
          removal_reason: null,
          aup_signature_id: null,
        })
        .execute();
    await env.ctx.db
      .updateTable('people')
      .set({ left_at: '2026-11-01T00:00:00.000Z' })
      .where('id', '=', leaver)
      .execute();
    expect(await item(lead, 'access_leavers')).toMatchObject({
      light: 'amber',
      value: 1,
      figure: '1 leaver with access still to remove',
    });
    const report = (await lead.get('/api/access/to-remove')).json();
    expect(JSON.stringify(report)).toContain(leaver);
  });

  it('says "no evidence yet" for concerns until the concerns module provides figures', async () => {
    expect(await item(lead, 'concerns_open_30')).toMatchObject({
      light: 'grey',
      value: null,
      figure: 'No evidence yet',
    });
    registerEvidenceProvider('concerns', async () => ({
      openOver30Days: 2,
      raisedByCategory: [],
      raisedByMonth: [],
      closedInPeriod: 0,
    }));
    expect(await item(lead, 'concerns_open_30')).toMatchObject({
      light: 'amber',
      value: 2,
      figure: '2 concerns open over 30 days',
    });
  });

  it('keeps the DfE and UKSIC checklists with the school’s notes beside live evidence', async () => {
    const list = (await governor.get('/api/compliance/checklists')).json();
    const dfe = list.frameworks.find((f: { framework: string }) => f.framework === 'dfe');
    const uksic = list.frameworks.find((f: { framework: string }) => f.framework === 'uksic');
    expect(dfe.items.length).toBeGreaterThan(10);
    expect(uksic.items.map((i: { key: string }) => i.key)).toContain('iwf');
    const gov = dfe.items.find((i: { key: string }) => i.key === '1.governor');
    expect(gov).toMatchObject({
      status: 'not_assessed',
      live: [{ light: 'red', figure: 'Not named in the settings' }],
    });
    const iwf = uksic.items.find((i: { key: string }) => i.key === 'iwf');
    expect(iwf.live[0]).toMatchObject({ light: 'green' });

    const save = await lead.request('PUT', '/api/compliance/checks', {
      framework: 'dfe',
      item: '1.governor',
      status: 'partly',
      evidence: 'Minutes of the autumn governors’ meeting',
      notes: 'Confirm the named governor at the next meeting',
    });
    expect(save.statusCode, save.body).toBe(200);
    const again = await lead.request('PUT', '/api/compliance/checks', {
      framework: 'dfe',
      item: '1.governor',
      status: 'met',
      evidence: 'Minutes of the autumn governors’ meeting',
    });
    expect(again.json().id).toBe(save.json().id);
    const bad = await lead.request('PUT', '/api/compliance/checks', {
      framework: 'dfe',
      item: 'iwf',
      status: 'met',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await lead.request('PUT', '/api/compliance/checks', {
          framework: 'dfe',
          item: '1.dsl',
          status: 'great',
        })
      ).statusCode,
    ).toBe(400);
    const after = (await lead.get('/api/compliance/checklists')).json().frameworks[0];
    expect(after.items.find((i: { key: string }) => i.key === '1.governor')).toMatchObject({
      status: 'met',
      notes: null,
    });
    expect(after.counts.met).toBe(1);
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select('action')
      .where('school_id', '=', schoolId)
      .where('action', '=', 'compliance.check')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('rates every aspect, plans actions with owners and dates, completes and keeps the history', async () => {
    const start = await lead.post('/api/compliance/self-reviews', { title: 'Autumn review 2026' });
    expect(start.statusCode, start.body).toBe(201);
    const id = start.json().review.id as string;
    expect((await lead.post('/api/compliance/self-reviews', { title: 'Another' })).statusCode).toBe(409);
    const rate = (body: unknown) => lead.request('PUT', `/api/compliance/self-reviews/${id}/ratings`, body);
    expect((await rate({ aspect: 'nonsense', level: 2, commentary: 'x' })).statusCode).toBe(400);
    expect((await rate({ aspect: 'filtering', level: 6, commentary: 'x' })).statusCode).toBe(400);
    expect((await rate({ aspect: 'filtering', level: 2, commentary: '' })).statusCode).toBe(400);
    expect(
      (await rate({ aspect: 'filtering', level: 3, commentary: 'Self-tests not yet run' })).statusCode,
    ).toBe(200);

    const detail = (await governor.get(`/api/compliance/self-reviews/${id}`)).json();
    const filtering = detail.aspects.find((a: { key: string }) => a.key === 'filtering');
    expect(filtering.rating).toMatchObject({ level: 3, commentary: 'Self-tests not yet run' });
    expect(filtering.evidence.map((e: DashboardItem) => e.key)).toEqual([
      'filtering_unapproved',
      'filtering_self_test',
    ]);
    expect(detail.evidenceAsOf).toBe('live');

    const early = await lead.post(`/api/compliance/self-reviews/${id}/complete`, {});
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('Rate every aspect');

    // Actions: the owner is a member of staff; a pupil cannot own one.
    const pupil = await env.ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('kind', '=', 'pupil')
      .executeTakeFirstOrThrow();
    const action = (body: Record<string, unknown>) =>
      lead.post('/api/compliance/action-plan', { reviewId: id, aspect: 'filtering', ...body });
    expect((await action({ title: 'Run the self-test', ownerPersonId: pupil.id })).statusCode).toBe(400);
    const made = await action({
      title: 'Run the filtering self-test each month',
      ownerPersonId: seeded.accounts.tech!.personId,
      dueOn: '2026-11-01',
    });
    expect(made.statusCode, made.body).toBe(201);
    const listed = (await lead.get('/api/compliance/action-plan?status=open')).json().actions;
    expect(listed[0]).toMatchObject({ title: 'Run the filtering self-test each month', overdue: true });
    expect(listed[0].owner).toBeTruthy();
    expect((await item(lead, 'self_review')).figure).toBe('No completed self-review');

    for (const a of REVIEW_ASPECTS)
      expect(
        (await rate({ aspect: a.key, level: a.key === 'filtering' ? 3 : 2, commentary: 'In place' }))
          .statusCode,
      ).toBe(200);
    const done = await lead.post(`/api/compliance/self-reviews/${id}/complete`, { summary: 'Good progress' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await rate({ aspect: 'filtering', level: 1, commentary: 'Later' })).statusCode).toBe(409);
    expect((await lead.post(`/api/compliance/self-reviews/${id}/complete`, {})).statusCode).toBe(409);

    const kept = (await lead.get(`/api/compliance/self-reviews/${id}`)).json();
    expect(kept.evidenceAsOf).toBe(done.json().completedAt);
    expect(kept.aspects.find((a: { key: string }) => a.key === 'filtering').actions).toHaveLength(1);
    const history = (await governor.get('/api/compliance/self-reviews')).json().reviews;
    expect(history[0]).toMatchObject({
      status: 'completed',
      aspectsRated: REVIEW_ASPECTS.length,
      summary: 'Good progress',
    });
    expect(await item(lead, 'self_review')).toMatchObject({
      light: 'amber',
      value: 0,
      figure: 'Last self-review 0 days ago; 1 action overdue',
    });

    const upd = await lead.patch(`/api/compliance/action-plan/${made.json().id}`, { status: 'done' });
    expect(upd.json()).toMatchObject({ status: 'done' });
    expect(await item(lead, 'self_review')).toMatchObject({ light: 'green' });
    expect(
      (await lead.patch('/api/compliance/action-plan/no-such-action', { status: 'done' })).statusCode,
    ).toBe(404);
    expect((await governor.post('/api/compliance/action-plan', { title: 'x' })).statusCode).toBe(403);
  });
});
