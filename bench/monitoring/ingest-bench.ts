import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createContext } from '../../apps/server/src/bootstrap.js';
import { loadConfig } from '../../apps/server/src/config.js';
import { seedDemoSchool } from '../../apps/server/src/modules/demo/seed.js';
import { MonitoringSettings } from '../../apps/server/src/modules/monitoring/settings.js';
import { issueSource } from '../../apps/server/src/modules/monitoring/sources.js';
import { updateSetting } from '../../apps/server/src/modules/settings/service.js';
import { harbourEnv, startProcess, stop } from '../lib/http.js';
import { BATCH, trafficFor } from './traffic.js';

/**
 * The ingestion API's events/s (issue 6): batches of 500 events posted over HTTP to a real Harbour on SQLite
 * (WAL), four connections (autocannon), beside a bare Fastify hello-world driven the same way in the same run.
 * Like bench/api, Harbour (`harbour start`, web only) and hello-world each run in a process of their own and
 * the load generator in this one, as sources are other machines; the school, its source token and the rate
 * limit are set up here in the same database first. At the end every event sent must be in the database ("no
 * event lost").
 */
const CONCURRENCY = 4;
const TICK = 100; // clock ticks a second in /proc/<pid>/stat (Linux)

/**
 * CPU seconds a child process (all its threads), or with `mainOnly` its main thread, has used so far (user and
 * system), from /proc; 0 where there is none.
 */
function cpuSeconds(pid: number | undefined, mainOnly = false): number {
  try {
    const file = mainOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
    const f = fs.readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK;
  } catch {
    return 0;
  }
}

export async function runIngestBench(
  smoke: boolean,
  /** HARBOUR_INGEST_WORKERS for the server (0: the per-event work on its main thread); unset: its default. */
  workers?: number,
  /** Start the built server (`apps/server/dist`, `npx tsc -b apps/server/tsconfig.build.json` first), not tsx. */
  dist = false,
  /** Random UUIDs as event ids instead of ids in order (`trafficFor`). */
  randomIds = false,
): Promise<{ eventsPerSecond: number; ratio: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-ingest-bench-'));
  const env: Record<string, string> = {
    ...harbourEnv(dataDir, `sqlite:${path.join(dataDir, 'harbour.sqlite')}`),
    ...(workers === undefined ? {} : { HARBOUR_INGEST_WORKERS: String(workers) }),
  };
  const ctx = await createContext({ config: loadConfig(env) });
  let harbour: Awaited<ReturnType<typeof startProcess>> | null = null;
  let hello: Awaited<ReturnType<typeof startProcess>> | null = null;
  let open = true;
  try {
    const seeded = await seedDemoSchool(ctx, { adminPassword: 'bench-unused-password-1', pupilsPerYear: 10 });
    const schoolId = seeded.schoolId;
    const admin = seeded.accounts.admin!;
    const caller = {
      ctx,
      actor: { accountId: admin.accountId, schoolId, roles: ['system_admin'] },
      scopes: ['school'],
      ip: null,
    };
    const { token } = await issueSource(caller as never, 'Bench agent');
    await updateSetting(ctx, {
      schoolId,
      actorAccountId: admin.accountId,
      ip: null,
      key: MonitoringSettings.key,
      value: { ...MonitoringSettings.defaultValue({ schoolName: '', ctx }), maxBatchesPerMinute: 20_000 },
      expectedVersion: 0,
    });
    const pupils = (
      await ctx.db
        .selectFrom('people')
        .select('id')
        .where('school_id', '=', schoolId)
        .where('kind', '=', 'pupil')
        .execute()
    ).map((p) => p.id);
    const body = trafficFor(pupils, 'b', randomIds);
    // This process lets go of the database while Harbour serves it, and reads it again at the end.
    await ctx.database.close();
    open = false;
    const harbourUrl = `http://127.0.0.1:${env.HARBOUR_PORT}`;
    const helloUrl = `http://127.0.0.1:${Number(env.HARBOUR_PORT) + 1}/`;
    const prof = process.env.BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
      : [];
    harbour = await startProcess(
      [
        ...prof,
        ...(dist ? ['apps/server/dist/cli/index.js'] : ['--import', 'tsx', 'apps/server/src/cli/index.ts']),
        'start',
      ],
      env,
      `${harbourUrl}/api/health`,
    );
    hello = await startProcess(
      ['--import', 'tsx', 'bench/api/hello.ts'],
      { PORT: String(Number(env.HARBOUR_PORT) + 1) },
      helloUrl,
    );
    let sent = 0;
    let failures = 0;
    const post = async (): Promise<number> => {
      const res = await fetch(`${harbourUrl}/api/monitoring/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body(),
      });
      const r = (await res.json()) as { accepted?: number };
      if (res.status !== 200 || r.accepted !== BATCH) failures++;
      sent += r.accepted ?? 0;
      return r.accepted ?? 0;
    };
    const seconds = smoke ? 2 : 10;
    const turns = smoke ? 1 : 2;
    await post(); // warm up: the classifier is compiled on the first batch
    let distinct = BATCH;
    // Bodies are made before each turn so the load generator only sends (autocannon, 4 connections).
    const bodies: string[] = [];
    let resentNew = 0;
    const resend = async (b: string) => {
      const res = await fetch(`${harbourUrl}/api/monitoring/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: b,
      });
      const r = (await res.json()) as { accepted?: number; duplicates?: number };
      if (res.status !== 200 || (r.accepted ?? 0) + (r.duplicates ?? 0) !== BATCH) failures++;
      resentNew += r.accepted ?? 0;
    };
    const run = async (url: string, ingest: boolean) => {
      let next = 0;
      if (ingest) {
        bodies.length = 0;
        // Enough distinct batches for 50,000 events/s over a full turn (37,500 in a smoke one); beyond that some
        // are sent twice. 600 (30,000 events/s) capped the runs of 2026-12-04 on a quiet machine.
        for (let i = 0; i < (smoke ? 150 : 1000); i++) bodies.push(body());
      }
      const pid = (ingest ? harbour : hello)!.pid;
      const cpu = cpuSeconds(pid);
      const mainCpu = cpuSeconds(pid, true);
      const acceptedBefore = sent;
      const r = await autocannon({
        url,
        connections: CONCURRENCY,
        duration: seconds,
        ...(ingest
          ? {
              method: 'POST' as const,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              requests: [
                {
                  setupRequest: (req: autocannon.Request) => ({
                    ...req,
                    body: bodies[next++ % bodies.length],
                  }),
                  onResponse: (status: number, res: string) => {
                    const accepted = (JSON.parse(res) as { accepted?: number }).accepted ?? 0;
                    if (status !== 200) failures++;
                    sent += accepted;
                  },
                },
              ],
            }
          : {}),
      });
      const used = cpuSeconds(pid) - cpu;
      const usedMain = cpuSeconds(pid, true) - mainCpu;
      // Events the server stored in the turn: a batch sent twice counts once (its repeat holds duplicates only).
      const n = ingest ? sent - acceptedBefore : r.requests.total;
      // Every distinct batch handed to the load generator, answered or not when the turn ended. A source
      // resends what was not acknowledged; so does this, and the duplicates are then refused by id.
      if (ingest) {
        const handed = bodies.slice(0, Math.min(next, bodies.length));
        distinct += handed.length * BATCH;
        for (const b of handed) await resend(b);
      }
      return {
        perSecond: n / seconds,
        perCpuSecond: used > 0 ? n / used : 0,
        mainMicros: n > 0 ? (usedMain / n) * 1e6 : 0,
        otherMicros: n > 0 ? ((used - usedMain) / n) * 1e6 : 0,
        repeats: next > bodies.length,
      };
    };
    let helloRate = 0;
    let ingestRate = 0;
    let helloCpu = 0;
    let ingestCpu = 0;
    let mainMicros = 0;
    let otherMicros = 0;
    for (let t = 0; t < turns; t++) {
      const h = await run(helloUrl, false);
      const i = await run(`${harbourUrl}/api/monitoring/events`, true);
      if (i.repeats) console.log('(some batches were sent twice: their events count once, as duplicates)');
      helloRate += h.perSecond / turns;
      ingestRate += i.perSecond / turns;
      helloCpu += h.perCpuSecond / turns;
      ingestCpu += i.perCpuSecond / turns;
      mainMicros += i.mainMicros / turns;
      otherMicros += i.otherMicros / turns;
    }
    await stop(harbour);
    harbour = null;
    const after = await createContext({ config: loadConfig(env), migrate: false });
    const counted = await countStored(after, schoolId).finally(() => after.database.close());
    const { stored, alerts } = counted;
    const ratio = ingestRate / BATCH / helloRate;
    console.log(
      `\n== Ingestion API (SQLite, batches of 500, 4 connections; server, hello-world and client in separate processes; ingestion workers: ${workers ?? 'default'}${dist ? '; built server' : ''}; event ids ${randomIds ? 'random UUIDs' : 'in order'})`,
    );
    console.log(`hello-world baseline: ${Math.round(helloRate).toLocaleString('en-GB')} requests/s`);
    console.log(
      `ingestion: ${Math.round(ingestRate).toLocaleString('en-GB')} events/s (${(ingestRate / BATCH).toFixed(1)} batches/s, ${(ratio * 100).toFixed(1)}% of hello-world's requests/s as batches, ${(ingestRate / helloRate).toFixed(2)}x as events)`,
    );
    console.log(
      `per CPU-second of the server's own process: hello-world ${Math.round(helloCpu).toLocaleString('en-GB')} requests, ingestion ${Math.round(ingestCpu).toLocaleString('en-GB')} events; its main thread ${mainMicros.toFixed(1)} µs an event (at most ${Math.round(1e6 / mainMicros).toLocaleString('en-GB')} events/s with a core of its own), its other threads (ingestion workers, GC, libuv) ${otherMicros.toFixed(1)} µs`,
    );
    console.log(
      `events sent ${distinct.toLocaleString('en-GB')}, acknowledged during the runs ${sent.toLocaleString('en-GB')}, stored by the resend of every batch afterwards ${resentNew.toLocaleString('en-GB')} (answers cut off at the end of a turn), stored ${stored.toLocaleString('en-GB')}, failed batches ${failures}, alerts ${alerts}`,
    );
    console.log(
      `no event lost: ${stored === distinct && failures === 0 ? 'yes' : 'NO'}; target 20,000 events/s: ${ingestRate >= 20_000 ? 'met' : 'not met'}`,
    );
    if (stored !== distinct || failures > 0) process.exitCode = 1;
    return { eventsPerSecond: ingestRate, ratio };
  } finally {
    await stop(harbour);
    await stop(hello);
    if (open) await ctx.database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function countStored(ctx: Awaited<ReturnType<typeof createContext>>, schoolId: string) {
  const stored = Number(
    (
      await ctx.db
        .selectFrom('monitor_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('school_id', '=', schoolId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const alerts = (await ctx.db.selectFrom('monitor_alerts').select('id').execute()).length;
  return { stored, alerts };
}
