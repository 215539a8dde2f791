import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../test/harness.js';
import { concernSchool, type ConcernSchool } from '../concerns/test-support.js';
import { signReportToken, submitReport, verifyReportToken } from './reports.js';

/**
 * A block-page report becomes a filtering-breach concern in one step (issue 4; policy 7.3), recorded like
 * any other concern, by the people who work the reports queue; the report then shows it was dealt with.
 */
describe('a block-page report made into a concern', () => {
  let env: TestEnv;
  let s: ConcernSchool;
  const report = async (site: string) => {
    const token = signReportToken(env.ctx, {
      s: s.schoolId,
      g: null,
      n: 'harbour-block-page.invalid',
      c: null,
      r: null,
      a: '10.0.5.23',
    });
    return submitReport(
      env.ctx,
      verifyReportToken(env.ctx, token)!,
      { token, kind: 'unsuitable', site, comment: 'It showed frightening videos' },
      '10.0.5.23',
    );
  };
  beforeAll(async () => {
    env = await startTestEnv();
    s = await concernSchool(env);
  });
  afterAll(() => env.close());

  it('records a filtering-breach concern with the report in its account, once, for the queue’s workers only', async () => {
    const id = await report('https://scary-clips.example/watch');
    const tech = s.users.tech!.client;
    const url = `/api/filtering/reports/${id}/concern`;

    // A teacher may record concerns but does not work the reports queue.
    expect((await s.users.teacher!.client.post(url, {})).statusCode).toBe(403);
    // A pupil of no school, refused with the concern's own validation; the report stays open.
    const bad = await tech.post(url, { pupils: ['not-a-pupil'] });
    expect(bad.statusCode, bad.body).toBe(400);
    expect((await tech.get('/api/filtering/reports?status=open')).json().reports).toHaveLength(1);

    const made = await tech.post(url, { pupils: [s.pupils[0]], note: 'Ada was at that laptop in Year 5' });
    expect(made.statusCode, made.body).toBe(201);
    const concernId = made.json().concern.id as string;
    expect((await tech.post(url, {})).statusCode).toBe(409);

    const listed = (await tech.get('/api/filtering/reports?status=concern')).json().reports;
    expect(listed).toMatchObject([{ id, status: 'concern', concernId, outcome: 'Recorded as a concern' }]);

    const concern = await s.users.dsl!.client.get(`/api/concerns/${concernId}`);
    expect(concern.statusCode, concern.body).toBe(200);
    const body = JSON.stringify(concern.json());
    expect(concern.json().concern.category).toBe('filtering_breach');
    expect(body).toContain('scary-clips.example');
    expect(body).toContain('10.0.5.23');
    expect(body).toContain('Ada was at that laptop in Year 5');

    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select(['action', 'entity_id'])
      .where('school_id', '=', s.schoolId)
      .where('action', 'in', ['filter.report.concern', 'concern.create'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['concern.create', 'filter.report.concern']);
  });

  it('with nobody known at the device, names the device, never a guessed person', async () => {
    const id = await report('clips.example');
    const made = await s.users.dsl!.client.post(`/api/filtering/reports/${id}/concern`, {});
    expect(made.statusCode, made.body).toBe(201);
    const concern = (await s.users.dsl!.client.get(`/api/concerns/${made.json().concern.id}`)).json();
    expect(JSON.stringify(concern)).toContain('Not known: whoever was using the device at 10.0.5.23');
  });
});
