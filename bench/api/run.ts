/**
 * npm run bench:api [-- --smoke] [-- --pg]
 *
 * Issue 2's API benchmark. Builds one school of about 2,000 people and 100,000 audit entries, starts the real
 * Harbour server (`harbour start`, web service only) and a bare Fastify hello-world as separate processes, and
 * drives each with autocannon in alternating turns from this process, so both meet the same machine load:
 *  - hello-world GET / (the baseline);
 *  - authenticated people search as the school office (GET /api/people?q=…, session cookie);
 *  - the same search as the DSL, whose searches show vulnerability flags and so append an audit entry each;
 *  - sign-in (argon2id hashing is deliberately slow: reported, not held to the ratio).
 * Target: office search at least 25% of hello-world's requests/s with p99 under 50 ms at that load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { seedBenchSchool } from './seed.js';

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
  opts: {
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    requests?: { path: string }[];
  },
): Promise<Result> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    method: opts.method ?? 'GET',
    headers: opts.headers ?? {},
    ...(opts.body ? { body: opts.body } : {}),
    ...(opts.requests ? { requests: opts.requests } : {}),
  });
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    mean: r.latency.average,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** Starts a server process and waits until `probe` answers over HTTP (logs are quiet at level warn). */
async function startProcess(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  probe: string,
): Promise<ChildProcess> {
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

const fmt = (r: Result) =>
  `${r.rps.toFixed(0).padStart(7)} req/s  mean ${r.mean.toFixed(1).padStart(5)} ms  p99 ${String(r.p99).padStart(4)} ms` +
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
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-bench-api-'));
  const schema = onPg ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const env: Record<string, string> = {
    HARBOUR_DATA_DIR: dataDir,
    HARBOUR_MASTER_KEY: randomBytes(32).toString('base64'),
    HARBOUR_DATABASE_URL: schema ? PG_URL : `sqlite:${path.join(dataDir, 'harbour.sqlite')}`,
    HARBOUR_LOG_LEVEL: 'warn',
    HARBOUR_SERVICES: 'web',
    HARBOUR_HOST: '127.0.0.1',
    HARBOUR_PORT: String(20000 + Math.floor(Math.random() * 20000)),
  };
  console.log(
    `API bench${smoke ? ' (smoke)' : ''}: node ${process.version}, ${onPg ? 'PostgreSQL' : 'SQLite'}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const t0 = Date.now();
  const seeded = await seedBenchSchool(env, { auditEntries: smoke ? 10_000 : 100_000, pgSchema: schema });
  console.log(
    `setup: ${seeded.people} people, ${seeded.auditEntries} audit entries in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
      `2,000-pupil CSV import (preview + commit through the API): ${seeded.importSeconds.toFixed(2)} s`,
  );

  const base = `http://127.0.0.1:${env.HARBOUR_PORT}`;
  const helloUrl = `http://127.0.0.1:${Number(env.HARBOUR_PORT) + 1}/`;
  // BENCH_API_PROFILE=dir writes a CPU profile of the Harbour process there, to see where a request's time goes.
  const prof = process.env.BENCH_API_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_API_PROFILE}`]
    : [];
  const harbour = await startProcess(
    process.execPath,
    [...prof, 'apps/server/dist/cli/index.js', 'start'],
    env,
    `${base}/api/session`,
  );
  const hello = await startProcess(
    process.execPath,
    ['--import', 'tsx', 'bench/api/hello.ts'],
    { PORT: String(Number(env.HARBOUR_PORT) + 1) },
    helloUrl,
  );
  const queries = seeded.searches.map((q) => ({ path: `/api/people?q=${encodeURIComponent(q)}&limit=25` }));
  try {
    // Warm both (JIT, statement caches) before measuring.
    await drive(helloUrl, {});
    await drive(`${base}/api/people`, { headers: { cookie: seeded.officeCookie }, requests: queries });
    const runs: Record<string, Result[]> = { hello: [], office: [], dsl: [], signIn: [] };
    for (let t = 0; t < TURNS; t++) {
      runs.hello!.push(await drive(helloUrl, {}));
      runs.office!.push(
        await drive(`${base}/api/people`, { headers: { cookie: seeded.officeCookie }, requests: queries }),
      );
      runs.dsl!.push(
        await drive(`${base}/api/people`, { headers: { cookie: seeded.dslCookie }, requests: queries }),
      );
    }
    runs.signIn!.push(
      await drive(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: seeded.signInUser, password: seeded.password }),
      }),
    );
    const r = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, combine(v)])) as Record<
      string,
      Result
    >;
    console.log(`\n${CONNECTIONS} connections, ${TURNS} alternating turns of ${DURATION} s (medians):`);
    console.log(`  hello-world (baseline)        ${fmt(r.hello!)}`);
    console.log(`  people search, office         ${fmt(r.office!)}`);
    console.log(`  people search, DSL (audited)  ${fmt(r.dsl!)}`);
    console.log(`  sign-in (argon2id)            ${fmt(r.signIn!)}`);
    const ratio = r.office!.rps / r.hello!.rps;
    const ok = ratio >= 0.25 && r.office!.p99 < 50;
    console.log(
      `\nsearch/hello ratio ${(ratio * 100).toFixed(1)}% (target ≥ 25%), search p99 ${r.office!.p99} ms (target < 50 ms): ${ok ? 'MET' : 'NOT MET'}`,
    );
    console.log(`DSL search/hello ratio ${((r.dsl!.rps / r.hello!.rps) * 100).toFixed(1)}%`);
    if (r.office!.non2xx || r.dsl!.non2xx)
      throw new Error('searches answered with errors: the bench is not measuring search');
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
