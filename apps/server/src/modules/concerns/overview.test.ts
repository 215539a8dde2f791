import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFor, startTestEnv, TestClock, type TestEnv } from '../../test/harness.js';
import { pdfText } from '../../test/pdf-text.js';
import { SUPPRESSED } from './trends.js';
import { concernSchool, cyberbullying, type ConcernSchool } from './test-support.js';

describe('the whole picture: chronology, dashboard, trends (issue 3)', () => {
  let env: TestEnv;
  let s: ConcernSchool;
  const clock = new TestClock(new Date('2026-11-25T12:00:00Z'));
  const u = (k: string) => s.users[k]!.client;
  const record = async (k: string, body: Record<string, unknown>) => {
    const r = await u(k).post('/api/concerns', body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().concern.id as string;
  };
  let first: string;
  beforeAll(async () => {
    env = await startTestEnv({ clock });
    s = await concernSchool(env);
    // Ada (Year 5) has a special educational need: a vulnerability flag.
    await env.ctx.db.updateTable('people').set({ send: 1 }).where('id', '=', s.pupils[0]!).execute();
    first = await record('teacher', cyberbullying(s.pupils[0]!, { occurredAt: '2026-11-02T10:00:00Z' }));
    await record(
      'teacher',
      cyberbullying(s.pupils[0]!, { occurredAt: '2026-10-15T10:00:00Z', category: 'online_hate' }),
    );
    await record('support', cyberbullying(s.pupils[1]!, { occurredAt: '2026-11-20T09:00:00Z' }));
    // Last year's period: one concern.
    await record('teacher', cyberbullying(s.pupils[2]!, { occurredAt: '2025-11-10T09:00:00Z' }));
    // An open allegation about staff: never in an aggregate while open.
    await record('teacher', {
      category: 'staff_allegation',
      staffSubjectPersonId: s.users.teacher2!.personId,
      occurredAt: '2026-11-21T12:00:00Z',
      account: 'allegation',
    });
  });
  afterAll(() => env.close());

  it('builds a pupil’s chronology in event-date order from everything recorded', async () => {
    await u('dsl').post(`/api/concerns/${first}/open`, {});
    await u('teacher').post(`/api/concerns/${first}/additions`, {
      text: 'She told me more at lunch',
      eventAt: '2026-11-03T12:30:00Z',
    });
    const police = (
      (await u('dsl').get('/api/concern-agencies')).json().agencies as { id: string; kind: string }[]
    ).find((a) => a.kind === 'police')!;
    await u('dsl').post(`/api/concerns/${first}/referrals`, {
      agencyId: police.id,
      referredAt: '2026-11-04T09:00:00Z',
      reference: 'PC-77',
    });
    await u('dsl').post(`/api/concerns/${first}/sanctions`, {
      pupilId: s.pupils[0],
      sanction: 'parents_informed',
      fromOn: '2026-11-05',
    });
    const res = await u('dsl').get(`/api/people/${s.pupils[0]}/chronology`);
    expect(res.statusCode, res.body).toBe(200);
    const { pupil, entries } = res.json<{
      pupil: { name: string };
      entries: { at: string; kind: string; text: string; by: string | null; byName: string | null }[];
    }>();
    expect(pupil.name).toBe('Ada Fenwick');
    const ats = entries.map((e) => e.at);
    expect([...ats].sort()).toEqual(ats);
    const kinds = entries.map((e) => e.kind);
    expect(kinds[0]).toBe('concern'); // the online-hate concern of 15 October
    for (const k of ['addition', 'referral', 'sanction', 'status_new', 'status_open', 'step', 'concern'])
      expect(kinds, k).toContain(k);
    expect(entries.find((e) => e.kind === 'referral')!.text).toContain('PC-77');
    // Who did what, by name, for the staff the reader works with.
    expect(entries.find((e) => e.kind === 'addition')!.byName).toBe('teacher Tester');
    expect(entries.find((e) => e.kind === 'referral')!.byName).toBe('dsl Tester');
    // Printable: the same entries as a PDF.
    const pdf = await u('dsl').get(`/api/people/${s.pupils[0]}/chronology?format=pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Chronology: Ada Fenwick');
    expect(text).toContain('PC-77');
    expect(text).toContain('Added by the reporter');
    expect(text).toContain('dsl Tester');
    // Not for the reporter or anyone outside the DSL team; the audit trail records the read.
    expect((await u('teacher').get(`/api/people/${s.pupils[0]}/chronology`)).statusCode).toBe(403);
    expect((await u('dsl').get(`/api/people/${s.users.teacher!.personId}/chronology`)).statusCode).toBe(404);
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select('action')
      .where('entity_id', '=', s.pupils[0]!)
      .execute();
    expect(audit.map((a) => a.action)).toContain('concern.chronology');
  });

  it('shows the DSL new and open concerns by category and what is overdue', async () => {
    await u('dsl').post(`/api/concerns/${first}/actions`, {
      title: 'Follow up',
      assigneePersonId: s.users.teacher!.personId,
      dueOn: '2026-11-20',
    });
    const d = (await u('dsl').get('/api/concerns/dashboard')).json();
    expect(d.totals).toMatchObject({ new: 3, open: 1, overdueActions: 1, overdueReferrals: 0 });
    expect(d.byCategory.find((x: { category: string }) => x.category === 'cyberbullying')).toMatchObject({
      new: 2,
      open: 1,
    });
    // The allegation is the head's, not the DSL's: it is in no figure of the DSL's.
    expect(d.byCategory.find((x: { category: string }) => x.category === 'staff_allegation')).toBeUndefined();
    expect(d.totals.concernsWithOverdueSteps).toBe(0);
    // A day later the playbook's "immediately" steps are past their limit.
    clock.t = new Date('2026-11-26T12:00:00Z');
    s.users.dsl!.client = await sessionFor(env, s.users.dsl!.accountId, s.schoolId);
    const later = (await u('dsl').get('/api/concerns/dashboard')).json();
    expect(later.overdueSteps).toEqual([
      expect.objectContaining({ concernId: first, category: 'cyberbullying' }),
    ]);
    clock.t = new Date('2026-11-25T12:00:00Z');
    s.users.dsl!.client = await sessionFor(env, s.users.dsl!.accountId, s.schoolId);
    const head = (await u('head').get('/api/concerns/dashboard')).json();
    expect(head.totals.new).toBe(4);
    expect((await u('teacher').get('/api/concerns/dashboard')).statusCode).toBe(403);
  });

  it('counts trends by category, month, year group, key stage and vulnerability, against the period before', async () => {
    const t = (await u('dsl').get('/api/concerns/trends?from=2026-09-01&to=2026-11-30')).json();
    expect(t.previousPeriod).toEqual({ from: '2026-06-02', to: '2026-08-31' });
    expect(t.total).toEqual({ current: 3, previous: 0 });
    expect(t.byCategory.find((x: { key: string }) => x.key === 'cyberbullying')).toMatchObject({
      current: 2,
      previous: 0,
    });
    expect(t.byCategory.find((x: { key: string }) => x.key === 'staff_allegation').current).toBe(0);
    expect(t.byMonth).toEqual([
      { key: '2026-09', label: '2026-09', current: 0 },
      { key: '2026-10', label: '2026-10', current: 1 },
      { key: '2026-11', label: '2026-11', current: 2 },
    ]);
    expect(t.byKeyStage.find((x: { key: string }) => x.key === 'KS2').current).toBe(3);
    expect(t.byVulnerability.find((x: { key: string }) => x.key === 'send').current).toBe(2);
    const year = (await u('dsl').get('/api/concerns/trends?from=2025-12-01&to=2026-11-30')).json();
    expect(year.total).toEqual({ current: 3, previous: 1 });

    // A governor sees the same tables with 1-2 hidden and no vulnerability breakdown.
    const g = (await u('governor').get('/api/concerns/trends?from=2026-09-01&to=2026-11-30')).json();
    expect(g.suppressed).toBe(true);
    expect(g.total.current).toBe(3);
    expect(g.byCategory.find((x: { key: string }) => x.key === 'cyberbullying').current).toBe(SUPPRESSED);
    expect(g.byVulnerability).toBeNull();
    expect(JSON.stringify(g)).not.toMatch(/Ada|Fenwick/);

    const csv = await u('dsl').get('/api/concerns/trends?from=2026-09-01&to=2026-11-30&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('section,key,label,current,previous');
    expect(csv.body).toContain('category,cyberbullying,Cyberbullying,2,0');
    expect(csv.body).toContain('month,2026-11,2026-11,2,');
    expect(
      (await u('governor').get('/api/concerns/trends?from=2026-09-01&to=2026-11-30&format=csv')).body,
    ).toContain(`category,cyberbullying,Cyberbullying,${SUPPRESSED},0`);
    expect((await u('teacher').get('/api/concerns/trends')).statusCode).toBe(403);
    expect((await u('dsl').get('/api/concerns/trends?from=2026-12-01&to=2026-11-01')).statusCode).toBe(400);
  });

  it('gives the compliance dashboard counts that leave the open allegation out', async () => {
    const { evidenceFrom } = await import('../compliance/evidence-sources.js');
    const period = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
    const now = await evidenceFrom('concerns', env.ctx, s.schoolId, period);
    // Five recorded today (2026-11-25), one of them the open allegation about staff.
    expect(now).toEqual({
      openOver30Days: 0,
      raisedByCategory: [
        { category: 'cyberbullying', count: 3 },
        { category: 'online_hate', count: 1 },
      ],
      raisedByMonth: [{ month: '2026-11', count: 4 }],
      closedInPeriod: 0,
    });
    clock.advanceMinutes(31 * 24 * 60);
    try {
      const later = await evidenceFrom('concerns', env.ctx, s.schoolId, period);
      expect(later?.openOver30Days).toBe(4);
    } finally {
      clock.advanceMinutes(-31 * 24 * 60);
    }
  });

  it('names staff in a chronology, never a pupil who told us through the worried form', async () => {
    expect(
      (await u('pupil').post('/api/worries', { message: 'Someone keeps messaging me' })).statusCode,
    ).toBe(201);
    const res = await u('dsl').get(`/api/people/${s.users.pupil!.personId}/chronology`);
    expect(res.statusCode, res.body).toBe(200);
    const entries = res.json<{ entries: { kind: string; by: string | null; byName: string | null }[] }>()
      .entries;
    const told = entries.find((e) => e.kind === 'concern')!;
    expect(told.by).toBe(s.users.pupil!.accountId);
    expect(told.byName).toBeNull();
  });
});
