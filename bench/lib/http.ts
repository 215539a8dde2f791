/**
 * What the HTTP benchmarks (bench/api, bench/concerns, bench/compliance) share: starting the real Harbour server
 * and the bare Fastify hello-world as separate processes, driving them with autocannon, and printing results.
 * Each bench drives Harbour and hello-world in alternating turns so both meet the same machine load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB } from '../../apps/server/src/db/schema.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PG_URL = process.env.HARBOUR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const SMOKE = process.argv.includes('--smoke');
export const ON_PG = process.argv.includes('--pg');
/** Seconds per turn, and turns per figure (the median of the turns is printed). */
export const DURATION = SMOKE ? 2 : 10;
export const TURNS = SMOKE ? 1 : 3;

export interface Result {
  rps: number;
  mean: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface Drive {
  connections: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Requests to cycle through (their paths replace the URL's). */
  requests?: { path: string }[];
}

export async function drive(url: string, opts: Drive): Promise<Result> {
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: DURATION,
    method: opts.method ?? 'GET',
    headers: opts.headers ?? {},
    ...(opts.body ? { body: opts.body } : {}),
    ...(opts.requests ? { requests: opts.requests } : {}),
  });
  return {
    rps: r.requests.average,
    mean: r.latency.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** Starts `node <args>` in the repository and waits until `probe` answers over HTTP. */
export async function startProcess(
  args: string[],
  env: Record<string, string>,
  probe: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  let exited: number | null | undefined;
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  child.on('exit', (code) => (exited = code));
  for (let i = 0; i < 600; i++) {
    if (exited !== undefined) throw new Error(`node ${args.join(' ')} exited ${exited}:\n${err}`);
    try {
      await fetch(probe);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`node ${args.join(' ')} did not answer at ${probe} within a minute:\n${err}`);
}

export const stop = (child: ChildProcess | null): Promise<void> =>
  new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Environment for a Harbour web process on a free-ish port, with its data in `dataDir`. */
export function harbourEnv(dataDir: string, databaseUrl: string): Record<string, string> {
  return {
    HARBOUR_DATA_DIR: dataDir,
    HARBOUR_MASTER_KEY: randomBytes(32).toString('base64'),
    HARBOUR_DATABASE_URL: databaseUrl,
    HARBOUR_LOG_LEVEL: 'warn',
    HARBOUR_SERVICES: 'web',
    HARBOUR_HOST: '127.0.0.1',
    HARBOUR_PORT: String(20000 + Math.floor(Math.random() * 20000)),
  };
}

export interface Servers {
  base: string;
  helloUrl: string;
  harbour: ChildProcess;
  hello: ChildProcess;
}

/**
 * Starts the built Harbour (`harbour start`, apps/server/dist) and hello-world on the next port.
 * BENCH_PROFILE=dir writes a CPU profile of the Harbour process there, to see where a request's time goes.
 */
export async function startServers(env: Record<string, string>): Promise<Servers> {
  const port = Number(env.HARBOUR_PORT);
  const base = `http://127.0.0.1:${port}`;
  const helloUrl = `http://127.0.0.1:${port + 1}/`;
  const prof = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const harbour = await startProcess(
    [...prof, 'apps/server/dist/cli/index.js', 'start'],
    env,
    `${base}/api/health`,
  );
  try {
    const hello = await startProcess(
      ['--import', 'tsx', 'bench/api/hello.ts'],
      { PORT: String(port + 1) },
      helloUrl,
    );
    return { base, helloUrl, harbour, hello };
  } catch (err) {
    await stop(harbour);
    throw err;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The median of each figure over the turns; errors are summed. */
export const combine = (rs: Result[]): Result => ({
  rps: median(rs.map((r) => r.rps)),
  mean: median(rs.map((r) => r.mean)),
  p50: median(rs.map((r) => r.p50)),
  p99: median(rs.map((r) => r.p99)),
  errors: rs.reduce((a, r) => a + r.errors, 0),
  non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
});

export const fmt = (r: Result): string =>
  `${r.rps.toFixed(0).padStart(7)} req/s  mean ${r.mean.toFixed(1).padStart(6)} ms  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms` +
  (r.errors || r.non2xx ? `  (errors ${r.errors}, non-2xx ${r.non2xx})` : '');

export const header = (name: string): string =>
  `${name}${SMOKE ? ' (smoke)' : ''}: node ${process.version}, ${ON_PG ? 'PostgreSQL' : 'SQLite'}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`;

/** CPU time (user + system) a process has used, in µs, from /proc (Linux); null elsewhere. */
function cpuMicros(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

/**
 * Server CPU per request: what the process spent answering a fixed number of requests. Unlike requests/s it
 * hardly depends on what else the machine is doing, so it shows the cost of a change on a busy machine too.
 */
export async function cpuPerRequest(
  pid: number,
  url: string,
  opts: Omit<Drive, 'connections'> & { connections?: number },
  amount = SMOKE ? 3_000 : 20_000,
): Promise<number | null> {
  const run = (n: number) =>
    autocannon({
      url,
      connections: opts.connections ?? 10,
      amount: n,
      method: opts.method ?? 'GET',
      headers: opts.headers ?? {},
      ...(opts.requests ? { requests: opts.requests } : {}),
    });
  await run(Math.ceil(amount / 10));
  const before = cpuMicros(pid);
  await run(amount);
  const after = cpuMicros(pid);
  return before === null || after === null ? null : (after - before) / amount;
}

/**
 * After a bulk load PostgreSQL plans without statistics until autovacuum gets round to the tables (minutes later),
 * and may choose a plan that reads every row; analyse at once, as a bulk load should. SQLite keeps none.
 */
export async function analyseAfterLoad(db: Kysely<DB>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`ANALYZE`.execute(db);
}
