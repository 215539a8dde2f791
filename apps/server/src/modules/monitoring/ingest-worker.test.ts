import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openForSchool } from '../schools/keys.js';
import { ingestBatch } from './ingest.js';
import { IngestPool, ingestPoolOf, spawnIngestWorker } from './ingest-pool.js';
import { eid, startMonitoringEnv, type MonitoringEnv } from './test-support.js';

/**
 * Issue 6, ingestion's per-event work on a worker thread: the batch's answer is the same as on the main
 * thread, a refused token never reaches a worker, and a worker that dies or hangs mid-batch fails that batch
 * loudly (nothing stored) and is replaced.
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

  it('refuses a body that is not JSON with a 400, and a bad or revoked token before the body reaches a worker', async () => {
    const pool = ingestPoolOf(m.env.ctx)!;
    const inject = (authorization: string) =>
      m.env.app.inject({
        method: 'POST',
        url: '/api/monitoring/events',
        headers: { authorization, 'content-type': 'application/json' },
        payload: '{"events": [',
      });
    const bad = await inject(`Bearer ${m.token}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_request');
    const issued = (await m.admin.post('/api/monitoring/sources', { name: 'Revoked proxy' })).json();
    expect((await m.admin.post(`/api/monitoring/sources/${issued.source.id}/revoke`)).statusCode).toBe(200);
    const jobs = vi.spyOn(pool, 'job');
    try {
      for (const authorization of [
        'Bearer not-a-token',
        'Bearer hbm_wrongwrongwrong',
        `Bearer ${issued.token}`,
        '',
      ]) {
        const res = await inject(authorization);
        expect(res.statusCode, authorization).toBe(401);
        expect(res.json().error.code).toBe('unauthenticated');
      }
      expect(jobs).not.toHaveBeenCalled();
    } finally {
      jobs.mockRestore();
    }
  });

  it('fails a batch with a 503 when its worker hangs, ends that worker and takes the next batch on a new one', async () => {
    // A real worker thread that starts, takes the batch and never answers (spinning, as a runaway step would).
    const hung = new Worker(
      'const { parentPort } = require("node:worker_threads"); parentPort.postMessage({ ready: true }); parentPort.on("message", () => { for (;;); });',
      {
        eval: true,
      },
    );
    const exited = once(hung, 'exit');
    const starts = [() => hung, spawnIngestWorker];
    const pool = new IngestPool(1, m.env.ctx.log, { timeoutMs: 300, spawn: () => starts.shift()!() });
    const source = { id: m.sourceId, school_id: m.schoolId };
    const events = batch(20, m.pupils[0]!.id);
    const body = () => Buffer.from(JSON.stringify({ events }));
    try {
      const t0 = Date.now();
      await expect(ingestBatch(m.env.ctx, source, body(), null, pool)).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/did not answer in time.*send it again/),
      });
      expect(Date.now() - t0).toBeLessThan(5_000);
      await exited; // ended, not left spinning
      expect(pool.threads()).toHaveLength(0);
      expect(
        await storedOf(
          m,
          events.map((e) => e.id),
        ),
      ).toHaveLength(0);
      // The source sends it again: a new (working) worker takes it, whole.
      expect(await ingestBatch(m.env.ctx, source, body(), null, pool)).toMatchObject({
        accepted: 20,
        duplicates: 0,
      });
      expect(pool.threads()).toHaveLength(1);
    } finally {
      await pool.close();
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
