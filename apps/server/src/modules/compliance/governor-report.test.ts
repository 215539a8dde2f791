import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchool } from '../demo/seed.js';
import { pdfText } from '../../test/pdf-text.js';
import { sessionFor, startTestEnv, TestClock, type Client, type TestEnv } from '../../test/harness.js';
import { registerEvidenceProvider, unregisterEvidenceProvider } from './evidence-sources.js';
import { termDates, termOf } from './governor-report.js';

/** Issue 5: the termly governor report (policy 1.3.2): counts only, small numbers suppressed, no pupil names. */
describe('the governor report', () => {
  let env: TestEnv;
  let schoolId: string;
  let governor: Client;
  let teacher: Client;
  let pupilNames: string[];

  beforeAll(async () => {
    env = await startTestEnv({ clock: new TestClock(new Date('2026-11-23T10:00:00Z')) });
    const seeded = await seedDemoSchool(env.ctx, { adminPassword: 'x-unused-password-1', pupilsPerYear: 2 });
    schoolId = seeded.schoolId;
    governor = await sessionFor(env, seeded.accounts.governor!.accountId, schoolId);
    teacher = await sessionFor(env, seeded.accounts.teacher!.accountId, schoolId);
    const pupils = await env.ctx.db
      .selectFrom('people')
      .select(['given_name', 'family_name'])
      .where('school_id', '=', schoolId)
      .where('kind', '=', 'pupil')
      .execute();
    pupilNames = pupils.flatMap((p) => [p.family_name, `${p.given_name} ${p.family_name}`]);
    expect(pupilNames.length).toBeGreaterThan(20);
    // Blocked requests this term: 40 for pornography, 2 for gambling (a small number), and one last term.
    const group = await env.ctx.db
      .selectFrom('filter_groups')
      .select('id')
      .where('school_id', '=', schoolId)
      .executeTakeFirst();
    const log = (at: string, category: string, count: number) => ({
      school_id: schoolId,
      at,
      client: '10.0.0.5',
      group_id: group?.id ?? 'g',
      name: 'example.test',
      qtype: 'A',
      action: 'block',
      reason: 'category',
      category,
      count,
      identified_by: 'subnet',
      node_id: 'local',
    });
    await env.ctx.db
      .insertInto('filter_query_log')
      .values([
        log('2026-10-01T09:00:00.000Z', 'pornography', 40),
        log('2026-10-02T09:00:00.000Z', 'gambling', 2),
        log('2026-06-02T09:00:00.000Z', 'gambling', 50),
      ])
      .execute();
  });
  afterAll(() => env.close());
  afterEach(() => unregisterEvidenceProvider('concerns'));

  it('knows the terms', () => {
    expect(termOf('2026-11-23')).toBe('2026-autumn');
    expect(termOf('2027-02-01')).toBe('2027-spring');
    expect(termOf('2027-06-30')).toBe('2027-summer');
    expect(termDates('2026-autumn')).toMatchObject({
      from: '2026-09-01',
      to: '2027-01-01',
      label: 'Autumn term 2026',
    });
  });

  it('is for governors and leads, not every member of staff, and takes only a term', async () => {
    expect((await teacher.get('/api/compliance/governor-report')).statusCode).toBe(403);
    expect((await governor.get('/api/compliance/governor-report?term=autumn')).statusCode).toBe(400);
    expect((await governor.get('/api/compliance/governor-report?name=x')).statusCode).toBe(400);
  });

  it('counts filtering activity in the term, writing 1 and 2 as “fewer than 3”', async () => {
    const r = (await governor.get('/api/compliance/governor-report')).json();
    expect(r.term).toMatchObject({ key: '2026-autumn', from: '2026-09-01', to: '2026-12-31' });
    expect(r.filtering.blockedRequests).toBe('42');
    expect(r.filtering.blockedByCategory).toEqual([
      { category: 'Pornography', count: '40' },
      { category: 'Gambling', count: 'fewer than 3' },
    ]);
    expect(r.concerns).toBeNull();
    const summer = (await governor.get('/api/compliance/governor-report?term=2026-summer')).json();
    expect(summer.filtering.blockedByCategory).toEqual([{ category: 'Gambling', count: '50' }]);
  });

  it('takes concern trends from the concerns module when there is one, suppressing small counts', async () => {
    registerEvidenceProvider('concerns', async () => ({
      openOver30Days: 1,
      raisedByCategory: [
        { category: 'Cyberbullying', count: 7 },
        { category: 'Online sexual harm', count: 2 },
      ],
      raisedByMonth: [
        { month: '2026-09', count: 4 },
        { month: '2026-10', count: 5 },
      ],
      closedInPeriod: 6,
    }));
    const r = (await governor.get('/api/compliance/governor-report')).json();
    expect(r.concerns).toEqual({
      raised: '9',
      closed: '6',
      openOver30Days: 'fewer than 3',
      byCategory: [
        { category: 'Cyberbullying', count: '7' },
        { category: 'Online sexual harm', count: 'fewer than 3' },
      ],
      byMonth: [
        { month: '2026-09', count: '4' },
        { month: '2026-10', count: '5' },
      ],
    });
    expect(
      r.compliance.items.find((i: { commitment: string }) => i.commitment.startsWith('Concerns')),
    ).toMatchObject({ figure: 'fewer than 3 concerns open over 30 days' });
  });

  it('renders a PDF that says what the report says and names no pupil', async () => {
    const res = await governor.get('/api/compliance/governor-report.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('governor-report-2026-autumn.pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('Harbourside Primary School: online safety report to governors, Autumn term 2026');
    expect(text).toContain('1 September 2026 to 31 December 2026');
    expect(text).toContain('Concerns are not yet recorded in Harbour');
    expect(text).toContain('Requests blocked 42');
    expect(text).toContain('Gambling fewer than 3');
    expect(text).toContain('Staff sign the acceptable-use agreement');
    expect(text).toContain('No self-review has been completed yet.');
    for (const name of pupilNames) expect(text).not.toContain(name);
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select('action')
      .where('school_id', '=', schoolId)
      .where('action', '=', 'compliance.governor_report')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
