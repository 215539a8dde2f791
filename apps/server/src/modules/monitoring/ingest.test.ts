import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../bootstrap.js';
import { sha256 } from '../../lib/ids.js';
import { openForSchool } from '../schools/keys.js';
import { TestClock } from '../../test/harness.js';
import { ingestBatch } from './ingest.js';
import { eid, startMonitoringEnv, type MonitoringEnv } from './test-support.js';

/** Issue 6, events in: sources with tokens, batches checked event by event, idempotent, sealed, audited. */
describe('monitoring ingestion', () => {
  let m: MonitoringEnv;
  const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
  const at = (minutesAgo = 1) => new Date(clock.now().getTime() - minutesAgo * 60_000).toISOString();

  beforeAll(async () => {
    m = await startMonitoringEnv({ clock });
  });
  afterAll(() => m.env.close());

  it('issues a token shown once and stored hashed; only an administrator may', async () => {
    const row = await m.env.ctx.db
      .selectFrom('monitor_sources')
      .selectAll()
      .where('id', '=', m.sourceId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(m.token));
    expect(JSON.stringify(row)).not.toContain(m.token);
    const list = await m.admin.get('/api/monitoring/sources');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(m.token);
    expect(list.json().sources[0]).toMatchObject({ name: 'Classroom agent', revokedAt: null });
    for (const c of [m.dsl, m.teacher, m.tech])
      expect((await c.post('/api/monitoring/sources', { name: 'x' })).statusCode).toBe(403);
  });

  it('keeps the good events of a malformed batch and says why each bad one was refused', async () => {
    const pupil = m.pupils.find((p) => p.year_group === '5')!;
    const good = [
      { id: eid(), time: at(), kind: 'search', text: 'volcano facts for kids', personId: pupil.id },
      {
        id: eid(),
        time: at(),
        kind: 'url',
        url: 'https://www.bbc.co.uk/bitesize',
        device: 'IPAD-07',
        client: '10.1.2.3',
      },
      { id: eid(), time: at(), kind: 'title', text: 'Fractions - Year 5', user: pupil.upn! },
    ];
    const bad = [
      { id: eid(), time: 'yesterday', kind: 'search', text: 'x', personId: pupil.id },
      { id: eid(), time: at(), kind: 'search', personId: pupil.id },
      { id: eid(), time: at(), kind: 'search', text: 'nobody said who' },
      { id: eid(), time: at(), kind: 'search', text: 'x', personId: '00000000-0000-4000-8000-000000000000' },
      {
        id: eid(),
        time: new Date(clock.now().getTime() + 3_600_000).toISOString(),
        kind: 'typed',
        text: 'x',
        device: 'd',
      },
      { id: eid(), time: at(), kind: 'shout', text: 'x', device: 'd' },
      'not an event',
    ];
    const res = await m.post([
      good[0],
      bad[0],
      good[1],
      bad[1],
      bad[2],
      bad[3],
      bad[4],
      bad[5],
      good[2],
      bad[6],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 3, 4, 5, 6, 7, 9]);
    const reasons = body.rejected.map((r: { reason: string }) => r.reason).join(' | ');
    expect(reasons).toContain('time: must be an ISO 8601 date and time');
    expect(reasons).toContain('search, title and typed events need text');
    expect(reasons).toContain('say who');
    expect(reasons).toContain('no such person in this school');
    expect(reasons).toContain('in the future');
    expect(body.rejected[6]).toMatchObject({ index: 9, id: null });
    const stored = await m.env.ctx.db
      .selectFrom('monitor_events')
      .select(['event_key', 'person_id', 'profile'])
      .where('school_id', '=', m.schoolId)
      .execute();
    expect(stored.map((s) => s.event_key).sort()).toEqual(good.map((g) => g.id).sort());
    expect(stored.find((s) => s.event_key === good[2]!.id)?.person_id).toBe(pupil.id);
  });

  it('stores a retried batch once, and seals what was typed under the school key', async () => {
    const pupil = m.pupils.find((p) => p.year_group === '6')!;
    const events = [
      {
        id: eid(),
        time: at(),
        kind: 'url',
        url: 'https://www.google.co.uk/search?q=how+to+kill+myself',
        personId: pupil.id,
      },
      { id: eid(), time: at(), kind: 'search', text: 'how to kill the process in linux', personId: pupil.id },
      {
        id: eid(),
        time: at(),
        kind: 'url',
        url: 'https://www.youtube.com/results?search_query=shoot+a+film+on+a+phone',
        personId: pupil.id,
      },
    ];
    const first = await m.post(events);
    expect(first.json()).toMatchObject({ accepted: 3, duplicates: 0, rejected: [] });
    const again = await m.post(events);
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 3, rejected: [] });
    const rows = await m.env.ctx.db
      .selectFrom('monitor_events')
      .selectAll()
      .where('school_id', '=', m.schoolId)
      .where(
        'event_key',
        'in',
        events.map((e) => e.id),
      )
      .execute();
    expect(rows).toHaveLength(3);
    const byKey = new Map(rows.map((r) => [r.event_key, r]));
    // The search inside the Google URL is what was classified; innocent look-alikes match nothing.
    expect(byKey.get(events[0]!.id)).toMatchObject({ category: 'self-harm', severity: 5, profile: 'ks2' });
    expect(byKey.get(events[1]!.id)).toMatchObject({ category: null, severity: 0 });
    expect(byKey.get(events[2]!.id)).toMatchObject({ category: null, severity: 0 });
    const sealed = byKey.get(events[0]!.id)!;
    expect(sealed.payload_enc).not.toContain('kill');
    expect(JSON.parse(await openForSchool(m.env.ctx, m.schoolId, sealed.id, sealed.payload_enc))).toEqual({
      text: null,
      url: events[0]!.url,
      search: 'how to kill myself',
    });
    expect(JSON.parse(sealed.match_ids)).toContain('en:kill myself');
  });

  it('writes one audit entry per batch, with counts and no text', async () => {
    const entries = await m.env.ctx.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('school_id', '=', m.schoolId)
      .where('action', '=', 'monitor.events.batch')
      .execute();
    expect(entries).toHaveLength(3);
    expect(JSON.parse(entries[0]!.details)).toEqual({ accepted: 3, duplicates: 0, rejected: 7, alerts: 0 });
    expect(entries.map((e) => e.details).join()).not.toMatch(/volcano|kill|linux/);
  });

  it('takes an event as the same when its id and its instant are, however the time is written', async () => {
    const pupil = m.pupils.find((p) => p.year_group === '6')!;
    const id = eid();
    const when = new Date(clock.now().getTime() - 5 * 60_000);
    when.setUTCMilliseconds(0);
    const utc = when.toISOString();
    // The same instant with an offset (+01:00) and without milliseconds: still a retry of the one event.
    const local = new Date(when.getTime() + 3_600_000).toISOString().slice(0, 19) + '+01:00';
    const event = { id, kind: 'search', text: 'volcano facts', personId: pupil.id };
    expect((await m.post([{ ...event, time: utc }])).json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await m.post([{ ...event, time: local }])).json()).toMatchObject({ accepted: 0, duplicates: 1 });
    // The same id at another time is another event (an event is its source, id and time).
    const later = new Date(when.getTime() + 1_000).toISOString();
    expect((await m.post([{ ...event, time: later }])).json()).toMatchObject({ accepted: 1, duplicates: 0 });
    const rows = await m.env.ctx.db
      .selectFrom('monitor_events')
      .select('at')
      .where('school_id', '=', m.schoolId)
      .where('event_key', '=', id)
      .orderBy('at')
      .execute();
    expect(rows.map((r) => r.at)).toEqual([utc, later]);
  });

  it('refuses a batch over the size limit, a missing token, and a revoked one', async () => {
    const many = Array.from({ length: 1001 }, () => ({
      id: eid(),
      time: at(),
      kind: 'typed',
      text: 'a',
      device: 'd',
    }));
    const big = await m.post(many);
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('at most 1000 events');
    expect(
      (
        await m.post(
          [{ id: eid(), time: at(), kind: 'typed', text: 'a', device: 'd' }],
          'hbm_wrongwrongwrong',
        )
      ).statusCode,
    ).toBe(401);
    const issued = (await m.admin.post('/api/monitoring/sources', { name: 'Old proxy' })).json();
    const ok = await m.post([{ id: eid(), time: at(), kind: 'typed', text: 'a', device: 'd' }], issued.token);
    expect(ok.statusCode).toBe(200);
    expect((await m.teacher.post(`/api/monitoring/sources/${issued.source.id}/revoke`)).statusCode).toBe(403);
    expect((await m.admin.post(`/api/monitoring/sources/${issued.source.id}/revoke`)).statusCode).toBe(200);
    expect((await m.admin.post(`/api/monitoring/sources/${issued.source.id}/revoke`)).statusCode).toBe(404);
    const refused = await m.post(
      [{ id: eid(), time: at(), kind: 'typed', text: 'a', device: 'd' }],
      issued.token,
    );
    expect(refused.statusCode).toBe(401);
  });

  it('limits the batches a source may send each minute (a school setting)', async () => {
    const settings = (await m.head.get('/api/settings')).json().settings as {
      key: string;
      version: number;
      value: object;
    }[];
    const s = settings.find((x) => x.key === 'monitoring.settings')!;
    expect(s.value).toMatchObject({ retentionDays: 90, maxBatchesPerMinute: 600 });
    const put = await m.head.request('PUT', '/api/settings/monitoring.settings', {
      value: { ...s.value, maxBatchesPerMinute: 2 },
      expectedVersion: s.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    clock.advanceMinutes(2);
    const one = () => m.post([{ id: eid(), time: at(), kind: 'typed', text: 'a', device: 'd' }]);
    expect((await one()).statusCode).toBe(200);
    expect((await one()).statusCode).toBe(200);
    expect((await one()).statusCode).toBe(429);
    // The count is in the database: a second process on it (or this one restarted) refuses the source too.
    const other = await createContext({
      config: m.env.ctx.config,
      clock,
      migrate: false,
      open: m.env.ctx.database.pgSchema ? { pgSchema: m.env.ctx.database.pgSchema, poolSize: 1 } : {},
    });
    const batch = { events: [{ id: eid(), time: at(), kind: 'typed', text: 'a', device: 'd' }] };
    const source = { id: m.sourceId, school_id: m.schoolId };
    try {
      await expect(ingestBatch(other, source, batch, null)).rejects.toMatchObject({
        code: 'too_many_requests',
      });
    } finally {
      await other.database.close();
    }
    clock.advanceMinutes(1);
    expect((await one()).statusCode).toBe(200);
    const notice = settings.find((x) => x.key === 'monitoring.notice')!;
    expect((notice.value as { text: string }).text).toMatch(/is monitored/);
  });
});
