import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchool } from '../demo/seed.js';
import { sessionFor, startTestEnv, type Client, type TestEnv } from '../../test/harness.js';

/** Issue 5: technology risk assessments (policy 5.1, 7.4): in use only once approved, reviews flagged. */
describe('technology risk assessments', () => {
  let env: TestEnv;
  let teacher: Client;
  let head: Client;
  let lead: Client;
  let id: string;

  beforeAll(async () => {
    env = await startTestEnv();
    const seeded = await seedDemoSchool(env.ctx, { adminPassword: 'x-unused-password-1', pupilsPerYear: 1 });
    teacher = await sessionFor(env, seeded.accounts.teacher!.accountId, seeded.schoolId);
    head = await sessionFor(env, seeded.accounts.head!.accountId, seeded.schoolId);
    lead = await sessionFor(env, seeded.accounts.dsl!.accountId, seeded.schoolId);
  });
  afterAll(() => env.close());

  it('takes a proposal through the data-protection check and the leadership decision before it is in use', async () => {
    const r = await teacher.post('/api/risk', {
      name: 'Phonics Stars',
      purpose: 'Phonics practice at home',
      storesPersonalData: true,
      storesPupilImages: false,
      risks: 'Pupil names held by the supplier',
      mitigations: 'First names only; supplier DPA signed',
    });
    expect(r.statusCode).toBe(201);
    id = r.json().assessment.id;
    expect(r.json().assessment.inUse).toBe(false);
    expect(
      (await head.post(`/api/risk/${id}/decide`, { decision: 'approved', notes: 'ok' })).statusCode,
    ).toBe(409);
    expect((await teacher.post(`/api/risk/${id}/submit`, {})).statusCode).toBe(200);
    expect(
      (await teacher.post(`/api/risk/${id}/decide`, { decision: 'approved', notes: 'mine' })).statusCode,
    ).toBe(403);
    // Personal data: the data-protection check comes first.
    expect(
      (await head.post(`/api/risk/${id}/decide`, { decision: 'approved', notes: 'ok' })).statusCode,
    ).toBe(409);
    expect(
      (await head.post(`/api/risk/${id}/dp-check`, { outcome: 'passed', notes: 'DPIA done' })).statusCode,
    ).toBe(200);
    expect(
      (
        await head.post(`/api/risk/${id}/decide`, {
          decision: 'approved',
          notes: 'Approved by SLT',
          reviewOn: '2030-01-01',
        })
      ).statusCode,
    ).toBe(400);
    const ok = await head.post(`/api/risk/${id}/decide`, { decision: 'approved', notes: 'Approved by SLT' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().assessment).toMatchObject({ status: 'approved', inUse: true });
    expect(
      (await teacher.get('/api/risk?status=in_use')).json().assessments.map((a: { id: string }) => a.id),
    ).toEqual([id]);
    expect((await teacher.patch(`/api/risk/${id}`, { purpose: 'Changed' })).statusCode).toBe(409);
    const jobs = await env.ctx.db
      .selectFrom('jobs')
      .select('kind')
      .where('kind', '=', 'risk.review_due')
      .execute();
    expect(jobs).toHaveLength(1);
  });

  it('flags reviews that are due and records the review', async () => {
    await env.ctx.db
      .updateTable('risk_assessments')
      .set({ review_on: '2026-01-01' })
      .where('id', '=', id)
      .execute();
    const due = (await lead.get('/api/risk?status=review_due')).json().assessments[0];
    expect(due).toMatchObject({ reviewDue: true, reviewOverdue: true });
    const rev = await lead.post(`/api/risk/${id}/review`, { outcome: 'continue', notes: 'Still needed' });
    expect(rev.statusCode).toBe(200);
    expect(rev.json().assessment.reviewOverdue).toBe(false);
    expect(
      (await lead.post(`/api/risk/${id}/review`, { outcome: 'retire', notes: 'No longer used' })).json()
        .assessment,
    ).toMatchObject({ status: 'retired', inUse: false });
  });
});
