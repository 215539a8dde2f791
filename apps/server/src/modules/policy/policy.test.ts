import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchool } from '../demo/seed.js';
import { pdfText } from '../../test/pdf-text.js';
import { runDueJobs } from '../../worker.js';
import type { Client } from '../../test/harness.js';
import { sessionFor, startTestEnv, type TestEnv } from '../../test/harness.js';

/** Issue 5: the policy's lifecycle (policy 1.2): rendered from settings, two approvals, published, reviewed. */
describe('the online-safety policy', () => {
  let env: TestEnv;
  let head: Client;
  let chair: Client;
  let lead: Client;
  let teacher: Client;
  let versionId: string;
  let seeded: Awaited<ReturnType<typeof seedDemoSchool>>;

  beforeAll(async () => {
    env = await startTestEnv();
    seeded = await seedDemoSchool(env.ctx, { adminPassword: 'x-unused-password-1', pupilsPerYear: 1 });
    const s = seeded.schoolId;
    head = await sessionFor(env, seeded.accounts.head!.accountId, s);
    chair = await sessionFor(env, seeded.accounts.chair!.accountId, s);
    lead = await sessionFor(env, seeded.accounts.oslead!.accountId, s);
    teacher = await sessionFor(env, seeded.accounts.teacher!.accountId, s);
    const put = await head.request('PUT', '/api/settings/safeguarding.contacts', {
      value: {
        dslPersonIds: [seeded.accounts.head!.personId, seeded.accounts.dsl!.personId],
        deputyPersonIds: [seeded.accounts.deputy!.personId],
        governorLeadPersonId: seeded.accounts.governor!.personId,
      },
      expectedVersion: 0,
    });
    expect(put.statusCode, put.body).toBe(200);
    const lp = await head.request('PUT', '/api/settings/online_safety.learning_platform', {
      value: { name: 'Harbour Learning', address: null },
      expectedVersion: 0,
    });
    expect(lp.statusCode, lp.body).toBe(200);
  });
  afterAll(() => env.close());

  it('renders a draft from the school’s settings, with both schools’ section numbers', async () => {
    const d = await lead.post('/api/policy/versions', { notes: 'Annual review' });
    expect(d.statusCode).toBe(201);
    versionId = d.json().version.id;
    expect((await lead.post('/api/policy/versions', {})).statusCode).toBe(409);
    expect((await teacher.post('/api/policy/versions', {})).statusCode).toBe(403);
    const html = (await teacher.get(`/api/policy/versions/${versionId}`)).json().html as string;
    expect(html).toContain('Morgan Elderfield and Sam Brightwater');
    expect(html).toContain('Casey Glenholm');
    expect(html).toContain('3.3 [3.2] Staff personal use of social media');
    expect(html).toContain('2.5 The learning platform (Harbour Learning)');
    expect(html).toContain('does not have any official social media channels');
    expect(html).toContain('Year 5 and Year 6');
  });

  it('publishes only with the headteacher’s and the chair’s approval, each in their own role', async () => {
    expect((await head.post(`/api/policy/versions/${versionId}/approve`, { as: 'chair' })).statusCode).toBe(
      403,
    );
    expect(
      (await teacher.post(`/api/policy/versions/${versionId}/approve`, { as: 'headteacher' })).statusCode,
    ).toBe(403);
    const h = await head.post(`/api/policy/versions/${versionId}/approve`, { as: 'headteacher' });
    expect(h.json()).toMatchObject({ published: false });
    expect(
      (await head.post(`/api/policy/versions/${versionId}/approve`, { as: 'headteacher' })).statusCode,
    ).toBe(409);
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/public/schools/harbourside/policy' })).statusCode,
    ).toBe(404);
    const c = await chair.post(`/api/policy/versions/${versionId}/approve`, { as: 'chair' });
    expect(c.json()).toMatchObject({ published: true, version: { status: 'published' } });
    expect(c.json().version.daysUntilReview).toBeGreaterThan(360);
    const reminders = await env.ctx.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'policy.review_reminder')
      .execute();
    expect(reminders.map((r) => JSON.parse(r.payload).daysBefore).sort((a, b) => a - b)).toEqual([
      0, 7, 30, 60,
    ]);
    const approvers = await env.ctx.db
      .selectFrom('outbox')
      .select('subject')
      .where('subject', 'like', '%waiting for your approval%')
      .execute();
    expect(approvers.length).toBeGreaterThanOrEqual(2);
  });

  it('reminds the head, the DSLs and the leads before the review date, while the version is still current', async () => {
    const jobs = await env.ctx.db
      .selectFrom('jobs')
      .select(['id', 'payload', 'run_at'])
      .where('kind', '=', 'policy.review_reminder')
      .execute();
    const sixty = jobs.find((j) => JSON.parse(j.payload).daysBefore === 60)!;
    const { dueOn } = JSON.parse(sixty.payload) as { dueOn: string };
    expect(sixty.run_at.slice(0, 10) < dueOn).toBe(true);
    // Its day has come.
    await env.ctx.db
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', sixty.id)
      .execute();
    await runDueJobs(env.ctx);
    const told = await env.ctx.db
      .selectFrom('outbox')
      .select(['recipient_account_id', 'link'])
      .where('subject', '=', 'The online-safety policy is due for review in 60 days')
      .execute();
    expect(told.map((t) => t.recipient_account_id)).toEqual(
      expect.arrayContaining([seeded.accounts.head!.accountId, seeded.accounts.dsl!.accountId]),
    );
    expect(told.every((t) => t.link === '/policy')).toBe(true);
  });

  it('serves the published version at a stable public address, as HTML and as a PDF naming the DSLs', async () => {
    const pub = await env.app.inject({ method: 'GET', url: '/api/public/schools/harbourside/policy' });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toContain('text/html');
    expect(pub.body).toContain('Approved for the governing body by the chair of governors: Taylor Hawthorne');
    const pdf = await env.app.inject({ method: 'GET', url: '/api/public/schools/harbourside/policy.pdf' });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Harbourside Primary School: Online Safety Policy');
    expect(text).toContain('Morgan Elderfield and Sam Brightwater');
    expect(text).toContain('Alex Caldmore');
    expect(text).toContain('3.4 [3.3] Staff official use of social media');
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/public/schools/no-such-school/policy' })).statusCode,
    ).toBe(404);
  });

  it('keeps every version: a new one supersedes the last only when it is approved', async () => {
    const v2 = (await lead.post('/api/policy/versions', {})).json().version;
    expect(v2.version).toBe(2);
    const o = (await teacher.get('/api/policy')).json();
    expect(o.current.version).toBe(1);
    expect(o.draft.version).toBe(2);
    await head.post(`/api/policy/versions/${v2.id}/approve`, { as: 'headteacher' });
    await chair.post(`/api/policy/versions/${v2.id}/approve`, { as: 'chair' });
    const after = (await teacher.get('/api/policy')).json();
    expect(after.current.version).toBe(2);
    expect(after.versions.map((v: { status: string }) => v.status)).toEqual(['published', 'superseded']);
    expect((await lead.post(`/api/policy/versions/${versionId}/refresh`, {})).statusCode).toBe(409);
  });
});
