/**
 * npm run bench:compliance [-- --smoke] [-- --pg]
 *
 * Issue 5's benchmark: the compliance dashboard for a school of 2,000 pupils (with their parents and staff) and
 * five years of records (seed.ts). Starts the real Harbour server (`harbour start`, web service only) and the bare
 * Fastify hello-world (bench/api/hello.ts) as separate processes and drives each with autocannon in alternating
 * turns from this process, so both meet the same machine load. Target: dashboard p99 under 150 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { seedComplianceSchool } from './seed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const smoke = process.argv.includes('--smoke');
const onPg = process.argv.includes('--pg');
const PG_URL = process.env.HARBOUR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DURATION = smoke ? 2 : 10;
const TURNS = smoke ? 1 : 3;
const LEVELS = smoke ? [4] : [1, 4, 10];
const TARGET_P99_MS = 150;

interface Result {
  rps: number;
  p99: number;
  p50: number;
  errors: number;
  non2xx: number;
}

async function drive(
  url: string,
  connections: number,
  headers: Record<string, string> = {},
): Promise<Result> {
  const r = await autocannon({ url, connections, duration: DURATION, headers });
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    p50: r.latency.p50,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

async function startProcess(cmd: string, args: string[], env: Record<string, string>, probe: string) {
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  let exited: number | null | undefined;
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  child.on('exit', (code) => (exited = code));
  for (let i = 0; i < 600; i++) {
    if (exited !== undefined) throw new Error(`${cmd} ${args.join(' ')} exited ${exited}:\n${err}`);
    try {
      await fetch(probe);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not answer at ${probe} within a minute:\n${err}`);
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const combine = (rs: Result[]): Result => ({
  rps: median(rs.map((r) => r.rps)),
  p99: median(rs.map((r) => r.p99)),
  p50: median(rs.map((r) => r.p50)),
  errors: rs.reduce((a, r) => a + r.errors, 0),
  non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
});
const fmt = (r: Result) =>
  `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms` +
  (r.errors || r.non2xx ? `  (errors ${r.errors}, non-2xx ${r.non2xx})` : '');

async function pgDatabase(name: string | null, create: boolean): Promise<void> {
  if (!name) return;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(create ? `CREATE DATABASE ${name}` : `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-bench-compliance-'));
  const pgDb = onPg ? `bench_${randomBytes(4).toString('hex')}` : null;
  await pgDatabase(pgDb, true);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const env: Record<string, string> = {
    HARBOUR_DATA_DIR: dataDir,
    HARBOUR_MASTER_KEY: randomBytes(32).toString('base64'),
    HARBOUR_DATABASE_URL: pgDb
      ? PG_URL.replace(/\/[^/]*$/, `/${pgDb}`)
      : `sqlite:${path.join(dataDir, 'harbour.sqlite')}`,
    HARBOUR_LOG_LEVEL: 'warn',
    HARBOUR_SERVICES: 'web',
    HARBOUR_HOST: '127.0.0.1',
    HARBOUR_PORT: String(port),
  };
  console.log(
    `Compliance bench${smoke ? ' (smoke)' : ''}: node ${process.version}, ${onPg ? 'PostgreSQL' : 'SQLite'}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  let harbour: ChildProcess | null = null;
  let hello: ChildProcess | null = null;
  try {
    const t0 = Date.now();
    const seeded = await seedComplianceSchool(env, { smoke });
    const total = Object.values(seeded.rows).reduce((a, b) => a + b, 0);
    console.log(
      `setup: ${seeded.people} people, ${total} compliance rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    console.log(
      `  ${Object.entries(seeded.rows)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    const base = `http://127.0.0.1:${port}`;
    const helloUrl = `http://127.0.0.1:${port + 1}/`;
    harbour = await startProcess(
      process.execPath,
      ['apps/server/dist/cli/index.js', 'start'],
      env,
      `${base}/api/session`,
    );
    hello = await startProcess(
      process.execPath,
      ['--import', 'tsx', 'bench/api/hello.ts'],
      { PORT: String(port + 1) },
      helloUrl,
    );
    const dash = `${base}/api/compliance/dashboard`;
    const headers = { cookie: seeded.leadCookie };
    const check = await fetch(dash, { headers });
    if (check.status !== 200) throw new Error(`dashboard answered ${check.status}: ${await check.text()}`);
    const items = ((await check.json()) as { items: { key: string; figure: string }[] }).items;
    console.log(
      `dashboard: ${items.length} items, e.g. ${items
        .slice(0, 3)
        .map((i) => `${i.key}: ${i.figure}`)
        .join('; ')}`,
    );
    await drive(helloUrl, 4);
    await drive(dash, 4, headers);
    let met = true;
    console.log(`\n${TURNS} alternating turns of ${DURATION} s per load (medians):`);
    for (const c of LEVELS) {
      const runs: { hello: Result[]; dash: Result[] } = { hello: [], dash: [] };
      for (let t = 0; t < TURNS; t++) {
        runs.hello.push(await drive(helloUrl, c));
        runs.dash.push(await drive(dash, c, headers));
      }
      const h = combine(runs.hello);
      const d = combine(runs.dash);
      if (d.non2xx || d.errors)
        throw new Error('the dashboard answered with errors: the bench is not measuring it');
      console.log(
        `  ${String(c).padStart(2)} connection${c === 1 ? ' ' : 's'}  hello-world (baseline) ${fmt(h)}`,
      );
      console.log(
        `                 compliance dashboard   ${fmt(d)}  (${((d.rps / h.rps) * 100).toFixed(1)}% of hello-world)`,
      );
      if (c <= 4 && d.p99 >= TARGET_P99_MS) met = false;
    }
    console.log(
      `\ndashboard p99 at up to 4 concurrent users under ${TARGET_P99_MS} ms: ${met ? 'MET' : 'NOT MET'}` +
        (smoke ? ' (smoke run: a small school, short turns; not the figure of record)' : ''),
    );
  } finally {
    if (harbour) await stop(harbour);
    if (hello) await stop(hello);
    await pgDatabase(pgDb, false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
