import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock, sessionFor, startTestEnv, type TestEnv } from '../../test/harness.js';
import { concernSchool, cyberbullying, type ConcernSchool } from './test-support.js';

/**
 * The dashboard keeps its figures per viewer (dashboard-cache.ts); they must never be out of date, whatever
 * changes them: a route, a write behind the server's back, a step falling due, a new school day.
 */
describe('the DSL dashboard’s kept figures', () => {
  let env: TestEnv;
  let s: ConcernSchool;
  const clock = new TestClock(new Date('2026-11-25T12:00:00Z'));
  const dsl = async () => {
    const r = await s.users.dsl!.client.get('/api/concerns/dashboard');
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const at = async (t: string) => {
    clock.t = new Date(t);
    s.users.dsl!.client = await sessionFor(env, s.users.dsl!.accountId, s.schoolId);
  };
  const views = async () =>
    (
      await env.ctx.db
        .selectFrom('audit_entries')
        .select('id')
        .where('action', '=', 'concern.dashboard')
        .where('actor_account_id', '=', s.users.dsl!.accountId)
        .execute()
    ).length;
  beforeAll(async () => {
    env = await startTestEnv({ clock });
    s = await concernSchool(env);
  });
  afterAll(() => env.close());

  it('recounts after every change, when a step falls due and on a new day, and audits every view', async () => {
    expect((await dsl()).totals).toMatchObject({ new: 0, open: 0 });
    const r = await s.users.teacher!.client.post('/api/concerns', cyberbullying(s.pupils[0]!));
    const id = r.json().concern.id as string;
    expect((await dsl()).totals).toMatchObject({ new: 1, open: 0 });
    await s.users.dsl!.client.post(`/api/concerns/${id}/open`, {});
    const opened = await dsl();
    expect(opened.totals).toMatchObject({ new: 0, open: 1, concernsWithOverdueSteps: 0 });

    // Nothing is written, but the playbook's first steps fall due: the next view shows them overdue.
    await at('2026-11-26T12:00:00Z');
    expect((await dsl()).overdueSteps).toEqual([expect.objectContaining({ concernId: id })]);

    // An action due tomorrow is not overdue today; two days on it is, with no write in between.
    await s.users.dsl!.client.post(`/api/concerns/${id}/actions`, {
      title: 'Follow up',
      assigneePersonId: s.users.teacher!.personId,
      dueOn: '2026-11-27',
    });
    expect((await dsl()).totals.overdueActions).toBe(0);
    await at('2026-11-28T09:00:00Z');
    expect((await dsl()).totals.overdueActions).toBe(1);

    // A change made behind the server's back (another process, plain SQL) shows at the next view.
    await env.ctx.db.updateTable('concerns').set({ category: 'online_hate' }).where('id', '=', id).execute();
    expect((await dsl()).byCategory).toEqual([expect.objectContaining({ category: 'online_hate', open: 1 })]);

    // A clock set back does not show figures counted for a later time.
    await at('2026-11-25T13:00:00Z');
    expect((await dsl()).totals).toMatchObject({ overdueActions: 0, concernsWithOverdueSteps: 0 });

    // Every view is audited, counted afresh or served from the kept figures.
    const before = await views();
    await dsl();
    await dsl();
    expect(await views()).toBe(before + 2);
  });

  it('keeps each viewer’s own figures: the head sees the allegation the DSL may not', async () => {
    s.users.teacher!.client = await sessionFor(env, s.users.teacher!.accountId, s.schoolId);
    await s.users.teacher!.client.post('/api/concerns', {
      category: 'staff_allegation',
      staffSubjectPersonId: s.users.teacher2!.personId,
      occurredAt: '2026-11-21T12:00:00Z',
      account: 'allegation',
    });
    s.users.head!.client = await sessionFor(env, s.users.head!.accountId, s.schoolId);
    const head = (await s.users.head!.client.get('/api/concerns/dashboard')).json();
    expect(head.byCategory.map((x: { category: string }) => x.category)).toContain('staff_allegation');
    expect((await dsl()).byCategory.map((x: { category: string }) => x.category)).not.toContain(
      'staff_allegation',
    );
  });

  it('reads a pupil’s chronology afresh after any change to the school’s concerns', async () => {
    await at('2026-11-25T14:00:00Z');
    s.users.teacher!.client = await sessionFor(env, s.users.teacher!.accountId, s.schoolId);
    const pupil = s.pupils[1]!;
    const chron = async () => {
      const r = await s.users.dsl!.client.get(`/api/people/${pupil}/chronology`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json().entries as { kind: string; text: string | null; concernId: string }[];
    };
    expect(await chron()).toEqual([]);
    const r = await s.users.teacher!.client.post('/api/concerns', cyberbullying(pupil));
    const id = r.json().concern.id as string;
    expect((await chron()).map((e) => e.kind)).toContain('concern');
    await s.users.teacher!.client.post(`/api/concerns/${id}/additions`, {
      text: 'More at lunch',
      eventAt: '2026-11-25T13:30:00Z',
    });
    expect((await chron()).some((e) => e.text?.includes('More at lunch'))).toBe(true);
    // Made a restricted record behind the server's back: the DSL, not named on it, no longer meets it.
    await env.ctx.db
      .updateTable('concerns')
      .set({ restricted: 1, custodian_role: 'headteacher' })
      .where('id', '=', id)
      .execute();
    expect(await chron()).toEqual([]);
  });

  it('shows a staff member’s new name and forgets a tombstoned pupil at once, however they changed', async () => {
    const pupil = s.pupils[2]!;
    const get = () => s.users.dsl!.client.get(`/api/people/${pupil}/chronology`);
    await s.users.teacher!.client.post('/api/concerns', cyberbullying(pupil));
    const byNames = async () =>
      ((await get()).json().entries as { by: string; byName: string | null }[])
        .filter((e) => e.by === s.users.teacher!.accountId)
        .map((e) => e.byName);
    expect((await byNames()).length).toBeGreaterThan(0);
    expect(await byNames()).not.toContain('Renamed Teacher');
    // Behind the server's back: the people revision moves, so the kept names and pupil are read again.
    await env.ctx.db
      .updateTable('people')
      .set({ given_name: 'Renamed', family_name: 'Teacher', preferred_name: null })
      .where('account_id', '=', s.users.teacher!.accountId)
      .where('school_id', '=', s.schoolId)
      .execute();
    expect(new Set(await byNames())).toEqual(new Set(['Renamed Teacher']));
    await env.ctx.db
      .updateTable('people')
      .set({ tombstoned_at: '2026-11-25T14:30:00.000Z' })
      .where('id', '=', pupil)
      .execute();
    expect((await get()).statusCode).toBe(404);
  });
});
