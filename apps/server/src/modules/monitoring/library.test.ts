import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../test/harness.js';
import { runDueJobs } from '../../worker.js';
import { purgeMonitoring, schedulePurge } from './retention.js';
import { eid, startMonitoringEnv, type MonitoringEnv } from './test-support.js';

/** Issue 6: a school's own phrases and exclusions through a logged change; events gone after retention. */
describe('monitoring library and retention', () => {
  let m: MonitoringEnv;
  const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
  const at = () => new Date(clock.now().getTime() - 60_000).toISOString();
  const severityOf = async (text: string) => {
    const id = eid();
    await m.post([{ id, time: at(), kind: 'search', text, device: 'LIB-1' }]);
    const e = await m.env.ctx.db
      .selectFrom('monitor_events')
      .select(['category', 'severity'])
      .where('event_key', '=', id)
      .executeTakeFirstOrThrow();
    return e;
  };

  beforeAll(async () => {
    m = await startMonitoringEnv({ clock });
  });
  afterAll(() => m.env.close());

  it('adds a school phrase, an innocent exclusion and a switched-off phrase, each logged and removable', async () => {
    expect(await severityOf('zorbleflax tabs')).toMatchObject({ category: null });
    const phrase = await m.dsl.post('/api/monitoring/library/terms', {
      kind: 'phrase',
      text: 'zorbleflax',
      category: 'drugs',
      severity: 4,
      reason: 'Local slang for a street drug',
    });
    expect(phrase.statusCode, phrase.body).toBe(201);
    expect(await severityOf('where to get zorbleflax')).toMatchObject({ category: 'drugs', severity: 4 });
    expect(await severityOf('vape')).toMatchObject({ category: 'drugs', severity: 3 });
    const ex = await m.dsl.post('/api/monitoring/library/terms', {
      kind: 'exclusion',
      text: 'vape club fundraiser',
      categories: ['drugs'],
      reason: 'The PTA event',
    });
    expect(ex.statusCode).toBe(201);
    expect(await severityOf('vape club fundraiser tickets')).toMatchObject({ category: null });
    const off = await m.dsl.post('/api/monitoring/library/terms', {
      kind: 'disable',
      phraseId: 'en:vape',
      reason: 'Too noisy here',
    });
    expect(off.statusCode).toBe(201);
    expect(await severityOf('vape')).toMatchObject({ category: null });
    expect(
      (
        await m.dsl.post('/api/monitoring/library/terms', {
          kind: 'disable',
          phraseId: 'en:nope nope',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await m.teacher.post('/api/monitoring/library/terms', {
          kind: 'disable',
          phraseId: 'en:vape',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const removed = await m.dsl.post(`/api/monitoring/library/terms/${off.json().id}/remove`, {
      reason: 'Back on',
    });
    expect(removed.statusCode).toBe(200);
    expect(await severityOf('vape')).toMatchObject({ category: 'drugs' });
    const lib = (await m.dsl.get('/api/monitoring/library')).json();
    expect(lib.terms.map((t: { kind: string }) => t.kind)).toEqual(['disable', 'exclusion', 'phrase']);
    expect(lib.terms[0]).toMatchObject({ removedReason: 'Back on', reason: 'Too noisy here' });
    const audit = await m.env.ctx.db
      .selectFrom('audit_entries')
      .select('action')
      .where('school_id', '=', m.schoolId)
      .where('action', 'like', 'monitor.term.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'monitor.term.add',
      'monitor.term.add',
      'monitor.term.add',
      'monitor.term.remove',
    ]);
  });

  it('purges events past the retention period through the job table, keeping those attached to a concern', async () => {
    const pupil = m.pupils[14]!;
    await m.post([
      { id: eid(), time: at(), kind: 'search', text: 'how to kill myself', personId: pupil.id },
      { id: eid(), time: at(), kind: 'search', text: 'suicide', personId: m.pupils[15]!.id },
    ]);
    const kept = await m.env.ctx.db
      .selectFrom('monitor_alerts')
      .select('id')
      .where('person_id', '=', m.pupils[15]!.id)
      .executeTakeFirstOrThrow();
    await m.env.ctx.db
      .updateTable('monitor_alerts')
      .set({ concern_id: 'concern-1' })
      .where('id', '=', kept.id)
      .execute();
    const total = async () =>
      Number(
        (
          await m.env.ctx.db
            .selectFrom('monitor_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('school_id', '=', m.schoolId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await total()).toBeGreaterThan(2);
    clock.advanceMinutes(89 * 24 * 60);
    expect(await purgeMonitoring(m.env.ctx)).toEqual({ events: 0, alerts: 0 });
    clock.advanceMinutes(2 * 24 * 60);
    expect(await schedulePurge(m.env.ctx)).toBe(true);
    expect(await schedulePurge(m.env.ctx)).toBe(false);
    expect(await runDueJobs(m.env.ctx)).toBe(1);
    expect(await total()).toBe(1);
    const left = await m.env.ctx.db
      .selectFrom('monitor_alerts')
      .select('id')
      .where('school_id', '=', m.schoolId)
      .execute();
    expect(left.map((a) => a.id)).toEqual([kept.id]);
    const audit = await m.env.ctx.db
      .selectFrom('audit_entries')
      .select('details')
      .where('action', '=', 'monitor.events.purge')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ retentionDays: 90, alerts: 2 });
  });
});
