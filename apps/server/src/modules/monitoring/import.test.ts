import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTime } from './import.js';
import { startMonitoringEnv, type MonitoringEnv } from './test-support.js';

/** Issue 6: search and URL logs exported by another filtering product, mapped in a preview, all or nothing. */
describe('monitoring CSV import', () => {
  let m: MonitoringEnv;
  let upn: string;
  const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');
  beforeAll(async () => {
    m = await startMonitoringEnv();
    upn = m.pupils.find((p) => p.year_group === '6')!.upn!;
  });
  afterAll(() => m.env.close());

  const file = (rows: string[]) => ['Date/Time,Username,IP Address,URL,Search Term', ...rows].join('\n');

  it('reads school time in UK and ISO forms', () => {
    expect(importTime('20/11/2026 14:03', 'Europe/London')).toBe('2026-11-20T14:03:00.000Z');
    expect(importTime('2026-07-01 10:00:30', 'Europe/London')).toBe('2026-07-01T09:00:30.000Z');
    expect(importTime('2026-07-01T10:00:00+02:00', 'Europe/London')).toBe('2026-07-01T08:00:00.000Z');
    expect(importTime('yesterday', 'Europe/London')).toBe('yesterday');
  });

  it('guesses the columns, previews the rows and names every problem, writing nothing', async () => {
    const csv = file([
      `${day} 09:15,${upn},10.0.0.21,https://www.google.co.uk/search?q=how+to+kill+myself,`,
      `not a time,${upn},10.0.0.21,https://www.bbc.co.uk/bitesize,`,
      `${day} 09:17,nobody-here,10.0.0.21,,volcanoes`,
    ]);
    const res = await m.dsl.post('/api/monitoring/import/preview', { csv });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.mapping).toEqual({
      time: 'Date/Time',
      user: 'Username',
      client: 'IP Address',
      url: 'URL',
      search: 'Search Term',
    });
    expect(body).toMatchObject({ rows: 3, valid: 1, errorCount: 2 });
    expect(body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect(body.errors[1].message).toContain('no such person');
    expect(body.preview[0]).toMatchObject({ line: 2, kind: 'url', user: upn });
    const commit = await m.dsl.post('/api/monitoring/import/commit', { csv, mapping: body.mapping });
    expect(commit.statusCode).toBe(400);
    expect(commit.body).toContain('nothing was imported');
    const n = await m.env.ctx.db
      .selectFrom('monitor_events')
      .select('id')
      .where('school_id', '=', m.schoolId)
      .execute();
    expect(n).toEqual([]);
    const wrong = await m.dsl.post('/api/monitoring/import/preview', {
      csv,
      mapping: { time: 'When', url: 'URL', user: 'Username' },
    });
    expect(wrong.json().errors[0]).toMatchObject({ line: 1, message: 'time: there is no column "When"' });
    expect((await m.teacher.post('/api/monitoring/import/preview', { csv })).statusCode).toBe(403);
  });

  it('imports a clean file once, classifying it like any other events', async () => {
    const csv = file([
      `${day} 09:15,${upn},10.0.0.21,https://www.google.co.uk/search?q=how+to+kill+myself,`,
      `${day} 09:16,${upn},10.0.0.21,https://www.bbc.co.uk/bitesize,`,
      `${day} 09:17,,10.0.0.22,,volcanoes`,
    ]);
    const mapping = (await m.dsl.post('/api/monitoring/import/preview', { csv })).json().mapping;
    const first = await m.dsl.post('/api/monitoring/import/commit', { csv, mapping });
    expect(first.json()).toEqual({ imported: 3, duplicates: 0, alerts: 1 });
    const again = await m.dsl.post('/api/monitoring/import/commit', { csv, mapping });
    expect(again.json()).toEqual({ imported: 0, duplicates: 3, alerts: 0 });
    const alerts = (await m.dsl.get('/api/monitoring/alerts')).json().alerts;
    expect(alerts).toMatchObject([{ category: 'self-harm', severity: 5, eventCount: 1 }]);
    const audit = await m.env.ctx.db
      .selectFrom('audit_entries')
      .select('details')
      .where('action', '=', 'monitor.import')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details).imported)).toEqual([3, 0]);
  });
});
