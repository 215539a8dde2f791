/**
 * npm run bench:concerns [-- --smoke] [-- --pg]
 *
 * Issue 3's benchmark: one school with 100,000 concerns (10,000 with --smoke). Starts the real Harbour server
 * (`harbour start`, web only) and the bare Fastify hello-world as separate processes and drives each with
 * autocannon in alternating turns, so all meet the same machine load:
 *  - hello-world GET / (the baseline);
 *  - the DSL dashboard, GET /api/concerns/dashboard (new and open by category, overdue items; audited);
 *  - a pupil's chronology, GET /api/people/:id/chronology, over 200 pupils (audited, narratives opened).
 * Target: dashboard and chronology p99 under 100 ms at the load driven (10 connections).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { seedConcerns } from './seed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const smoke = process.argv.includes('--smoke');
const onPg = process.argv.includes('--pg');
const PG_URL = process.env.HARBOUR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DURATION = smoke ? 2 : 10;
const TURNS = smoke ? 1 : 3;
const CONNECTIONS = 10;

interface Result {
  rps: number;
  p99: number;
  mean: number;
  errors: number;
  non2xx: number;
}

async function drive(
  url: string,
  headers: Record<string, string> = {},
  requests?: { path: string }[],
): Promise<Result> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    headers,
    ...(requests ? { requests } : {}),
  });
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    mean: r.latency.average,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

async function startProcess(
  args: string[],
  env: Record<string, string>,
  probe: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  let exited: number | null | undefined;
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  child.on('exit', (code) => (exited = code));
  for (let i = 0; i < 600; i++) {
    if (exited !== undefined) throw new Error(`${args.join(' ')} exited ${exited}:\n${err}`);
    try {
      await fetch(probe);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not answer within a minute:\n${err}`);
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });

const fmt = (r: Result) =>
  `${r.rps.toFixed(0).padStart(7)} req/s  mean ${r.mean.toFixed(1).padStart(6)} ms  p99 ${String(r.p99).padStart(4)} ms` +
  (r.errors || r.non2xx ? `  (errors ${r.errors}, non-2xx ${r.non2xx})` : '');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const combine = (rs: Result[]): Result => ({
  rps: median(rs.map((r) => r.rps)),
  p99: median(rs.map((r) => r.p99)),
  mean: median(rs.map((r) => r.mean)),
  errors: rs.reduce((a, r) => a + r.errors, 0),
  non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
});

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-bench-concerns-'));
  const pgDb = onPg ? `bench_concerns_${randomBytes(4).toString('hex')}` : undefined;
  const env: Record<string, string> = {
    HARBOUR_DATA_DIR: dataDir,
    HARBOUR_MASTER_KEY: randomBytes(32).toString('base64'),
    HARBOUR_DATABASE_URL: onPg ? PG_URL : `sqlite:${path.join(dataDir, 'harbour.sqlite')}`,
    HARBOUR_LOG_LEVEL: 'warn',
    HARBOUR_SERVICES: 'web',
    HARBOUR_HOST: '127.0.0.1',
    HARBOUR_PORT: String(20000 + Math.floor(Math.random() * 20000)),
  };
  console.log(
    `concerns bench${smoke ? ' (smoke)' : ''}: node ${process.version}, ${onPg ? 'PostgreSQL' : 'SQLite'}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const seeded = await seedConcerns(env, { concerns: smoke ? 10_000 : 100_000, pgDb });
  console.log(`setup: ${seeded.concerns} concerns in one school in ${seeded.seconds.toFixed(1)} s`);
  execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-b', 'apps/server/tsconfig.build.json'], {
    cwd: root,
  });
  const base = `http://127.0.0.1:${env.HARBOUR_PORT}`;
  const helloUrl = `http://127.0.0.1:${Number(env.HARBOUR_PORT) + 1}/`;
  const harbour = await startProcess(['apps/server/dist/cli/index.js', 'start'], env, `${base}/api/health`);
  const hello = await startProcess(
    ['--import', 'tsx', 'bench/api/hello.ts'],
    { PORT: String(Number(env.HARBOUR_PORT) + 1) },
    helloUrl,
  );
  const headers = { cookie: seeded.dslCookie };
  const chronologies = seeded.pupils.map((id) => ({ path: `/api/people/${id}/chronology` }));
  try {
    const check = await fetch(`${base}/api/concerns/dashboard`, { headers });
    if (check.status !== 200) throw new Error(`dashboard answered ${check.status}: ${await check.text()}`);
    const d = (await check.json()) as { totals: Record<string, number> };
    console.log(`dashboard: ${JSON.stringify(d.totals)}`);
    await drive(helloUrl);
    await drive(`${base}/api/concerns/dashboard`, headers);
    await drive(`${base}/`, headers, chronologies);
    const runs: Record<string, Result[]> = { hello: [], dashboard: [], chronology: [] };
    for (let t = 0; t < TURNS; t++) {
      runs.hello!.push(await drive(helloUrl));
      runs.dashboard!.push(await drive(`${base}/api/concerns/dashboard`, headers));
      runs.chronology!.push(await drive(`${base}/`, headers, chronologies));
    }
    const r = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, combine(v)])) as Record<
      string,
      Result
    >;
    console.log(`\n${CONNECTIONS} connections, ${TURNS} alternating turns of ${DURATION} s (medians):`);
    console.log(`  hello-world (baseline)   ${fmt(r.hello!)}`);
    console.log(`  DSL dashboard            ${fmt(r.dashboard!)}`);
    console.log(`  pupil chronology         ${fmt(r.chronology!)}`);
    const ok = r.dashboard!.p99 < 100 && r.chronology!.p99 < 100;
    console.log(
      `\ndashboard p99 ${r.dashboard!.p99} ms, chronology p99 ${r.chronology!.p99} ms (target < 100 ms): ${ok ? 'MET' : 'NOT MET'}`,
    );
    if (r.dashboard!.non2xx || r.chronology!.non2xx)
      throw new Error('requests answered with errors: the bench is not measuring them');
  } finally {
    await Promise.all([stop(harbour), stop(hello)]);
    await seeded.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
