import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openForSchool } from '../schools/keys.js';
import { ingestPoolOf } from './ingest-pool.js';
import { eid, startMonitoringEnv, type MonitoringEnv } from './test-support.js';

/**
 * Issue 6, ingestion's per-event work on a worker thread: the batch's answer is the same as on the main
 * thread, and a worker that dies mid-batch fails that batch loudly (nothing stored) and is replaced.
 */
describe('monitoring ingestion worker', () => {
  let m: MonitoringEnv;
  let local: MonitoringEnv;
  const at = () => new Date(Date.now() - 60_000).toISOString();
  const batch = (n: number, personId: string) =>
    Array.from({ length: n }, (_, i) =>
      i % 2
        ? { id: eid(), time: at(), kind: 'search', text: `volcano facts ${i}`, personId }
        : {
            id: eid(),
            time: at(),
            kind: 'url',
            url: `https://www.google.com/search?q=how+to+self+harm+${i}`,
            device: 'PC-1',
          },
    );
  const storedOf = async (env: MonitoringEnv, keys: string[]) =>
    env.env.ctx.db
      .selectFrom('monitor_events')
      .select(['id', 'event_key', 'payload_enc', 'severity'])
      .where('school_id', '=', env.schoolId)
      .where('event_key', 'in', keys)
      .execute();

  beforeAll(async () => {
    [m, local] = await Promise.all([
      startMonitoringEnv({ env: { HARBOUR_INGEST_WORKERS: '1' } }),
      startMonitoringEnv({ env: { HARBOUR_INGEST_WORKERS: '0' } }),
    ]);
  });
  afterAll(() => Promise.all([m.env.close(), local.env.close()]));

  it('answers a batch as the main thread does, with events classified and sealed in the worker', async () => {
    const mixed = (env: MonitoringEnv) => [
      ...batch(6, env.pupils[0]!.id),
      { id: eid(), time: 'yesterday', kind: 'search', text: 'x', device: 'd' },
      { id: eid(), time: at(), kind: 'search', text: 'x', personId: '00000000-0000-4000-8000-000000000000' },
    ];
    const answers = [];
    for (const env of [m, local]) {
      const events = mixed(env);
      const res = await env.post(events);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{
        accepted: number;
        alerts: number;
        rejected: { index: number; reason: string }[];
      }>();
      const rows = await storedOf(
        env,
        events.map((e) => e.id),
      );
      expect(rows).toHaveLength(6);
      // Sealed under the school key with the row id as associated data, as on the main thread.
      const opened = JSON.parse(
        await openForSchool(env.env.ctx, env.schoolId, rows[0]!.id, rows[0]!.payload_enc),
      );
      expect(Object.keys(opened)).toEqual(['text', 'url', 'search']);
      // The event ids are each run's own; everything else must match.
      const rejected = body.rejected.map((r) => ({ index: r.index, reason: r.reason }));
      answers.push({ ...body, rejected, severities: rows.map((r) => r.severity).sort() });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.alerts).toBe(1);
    expect(answers[0]!.rejected).toEqual([
      { index: 6, reason: 'time: must be an ISO 8601 date and time' },
      { index: 7, reason: 'personId: no such person in this school' },
    ]);
    expect(ingestPoolOf(m.env.ctx)!.threads()).toHaveLength(1);
    expect(ingestPoolOf(local.env.ctx)).toBeUndefined();
  });

  it('stores each time in UTC as toISOString writes it, whatever offset the source used', async () => {
    const utc = new Date(Date.now() - 3_600_000);
    const local = `${new Date(utc.getTime() + 3_600_000).toISOString().slice(0, 19)}+01:00`;
    const events = [
      { id: eid(), time: utc.toISOString(), kind: 'typed', text: 'a', device: 'd' },
      { id: eid(), time: local, kind: 'typed', text: 'b', device: 'd' },
      {
        id: eid(),
        time: `${utc.toISOString().slice(0, 19)}Z`,
        kind: 'typed',
        text: 'c',
        device: 'd',
      },
    ];
    expect((await m.post(events)).statusCode).toBe(200);
    const rows = await m.env.ctx.db
      .selectFrom('monitor_events')
      .select(['event_key', 'at'])
      .where(
        'event_key',
        'in',
        events.map((e) => e.id),
      )
      .execute();
    const at = new Map(rows.map((r) => [r.event_key, r.at]));
    expect(events.map((e) => at.get(e.id))).toEqual([
      utc.toISOString(),
      `${utc.toISOString().slice(0, 19)}.000Z`,
      `${utc.toISOString().slice(0, 19)}.000Z`,
    ]);
  });

  it('refuses a body that is not JSON before looking at the token, as the app parser did', async () => {
    for (const authorization of [`Bearer ${m.token}`, 'Bearer not-a-token']) {
      const res = await m.env.app.inject({
        method: 'POST',
        url: '/api/monitoring/events',
        headers: { authorization, 'content-type': 'application/json' },
        payload: '{"events": [',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('bad_request');
    }
  });

  it('fails the batch a dying worker held with a 503, stores none of it, and takes the next batch', async () => {
    const pool = ingestPoolOf(m.env.ctx)!;
    const [before] = pool.threads();
    const events = batch(1000, m.pupils[1]!.id);
    const sent = m.post(events);
    // Ended as soon as the batch is on its way to it: mid-run.
    while (!pool.busy()) await new Promise((r) => setImmediate(r));
    await before!.terminate();
    const res = await sent;
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json().error).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/send it again/),
    });
    expect(
      await storedOf(
        m,
        events.map((e) => e.id),
      ),
    ).toHaveLength(0);
    // The source sends it again: a new worker takes it, whole.
    const again = await m.post(events);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ accepted: 1000, duplicates: 0, rejected: [] });
    const [after] = pool.threads();
    expect(after).toBeDefined();
    expect(after!.threadId).not.toBe(before!.threadId);
    expect(
      await storedOf(
        m,
        events.map((e) => e.id),
      ),
    ).toHaveLength(1000);
  });
});
