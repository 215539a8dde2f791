/**
 * npm run bench:concerns [-- --smoke] [-- --pg [--keep]]
 *
 * Issue 3's benchmark: one school with 100,000 concerns (10,000 with --smoke). Starts the real Harbour server
 * (`harbour start`, web only) and the bare Fastify hello-world as separate processes and drives each with
 * autocannon in alternating turns, so all meet the same machine load:
 *  - hello-world GET / (the baseline);
 *  - the DSL dashboard, GET /api/concerns/dashboard (new and open by category, overdue items; audited);
 *  - a pupil's chronology, GET /api/people/:id/chronology, over 200 pupils (audited, narratives opened).
 * Target: dashboard and chronology p99 under 100 ms at the load driven (10 connections). Both answers are kept
 * until the school's concerns change (modules/concerns/*-cache.ts), so the bench also times each, one request
 * at a time, right after recording a concern.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ON_PG,
  PG_URL,
  ROOT,
  SMOKE,
  TURNS,
  DURATION,
  combine,
  cpuPerRequest,
  drive,
  fmt,
  harbourEnv,
  header,
  startServers,
  stop,
  type Result,
} from '../lib/http.js';
import { randomBytes } from 'node:crypto';
import { seedConcerns } from './seed.js';
import { keptSeed } from './keep.js';

const CONNECTIONS = 10;
/** PostgreSQL: keep the seeded database for the next run, or reuse the one kept (keep.ts). */
const KEEP = ON_PG && process.argv.includes('--keep');

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-bench-concerns-'));
  const pgDb = ON_PG && !KEEP ? `bench_concerns_${randomBytes(4).toString('hex')}` : undefined;
  const env = harbourEnv(dataDir, ON_PG ? PG_URL : `sqlite:${path.join(dataDir, 'harbour.sqlite')}`);
  console.log(header('concerns bench'));
  const concerns = SMOKE ? 10_000 : 100_000;
  const seeded = KEEP ? await keptSeed(env, concerns) : await seedConcerns(env, { concerns, pgDb });
  console.log(`setup: ${seeded.concerns} concerns in one school in ${seeded.seconds.toFixed(1)} s`);
  execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'apps/server/tsconfig.build.json'], {
    cwd: ROOT,
  });
  const { base, helloUrl, harbour, hello } = await startServers(env);
  const at = (url: string, headers: Record<string, string> = {}, requests?: { path: string }[]) =>
    drive(url, { connections: CONNECTIONS, headers, ...(requests ? { requests } : {}) });
  const headers = { cookie: seeded.dslCookie };
  const chronologies = seeded.pupils.map((id) => ({ path: `/api/people/${id}/chronology` }));
  try {
    const check = await fetch(`${base}/api/concerns/dashboard`, { headers });
    if (check.status !== 200) throw new Error(`dashboard answered ${check.status}: ${await check.text()}`);
    const d = (await check.json()) as { totals: Record<string, number> };
    console.log(`dashboard: ${JSON.stringify(d.totals)}`);
    await at(helloUrl);
    await at(`${base}/api/concerns/dashboard`, headers);
    await at(`${base}/`, headers, chronologies);
    const runs: Record<string, Result[]> = { hello: [], dashboard: [], chronology: [] };
    for (let t = 0; t < TURNS; t++) {
      runs.hello!.push(await at(helloUrl));
      runs.dashboard!.push(await at(`${base}/api/concerns/dashboard`, headers));
      runs.chronology!.push(await at(`${base}/`, headers, chronologies));
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
    const cpuDash = await cpuPerRequest(harbour.pid!, `${base}/api/concerns/dashboard`, { headers }, 2000);
    const cpuChron = await cpuPerRequest(harbour.pid!, `${base}/`, { headers, requests: chronologies }, 2000);
    const cpuHello = await cpuPerRequest(hello.pid!, helloUrl, {}, 20000);
    if (cpuDash && cpuChron && cpuHello)
      console.log(
        `server CPU per request: hello-world ${cpuHello.toFixed(0)} µs, dashboard ${(cpuDash / 1000).toFixed(1)} ms, ` +
          `chronology ${(cpuChron / 1000).toFixed(1)} ms`,
      );
    // Both are kept until the school's concerns change: time them, one at a time, right after a change.
    const session = (await (await fetch(`${base}/api/session`, { headers })).json()) as { csrfToken: string };
    const write = { ...headers, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
    const cold = { dashboard: [] as number[], chronology: [] as number[] };
    for (let i = 0; i < (SMOKE ? 5 : 20); i++) {
      const pupil = seeded.pupils[i % seeded.pupils.length]!;
      const made = await fetch(`${base}/api/concerns`, {
        method: 'POST',
        headers: write,
        body: JSON.stringify({
          category: 'cyberbullying',
          pupils: [{ personId: pupil, subject: true }],
          occurredAt: new Date().toISOString(),
          account: 'A message in the class group chat (bench)',
          dslToldInPerson: true,
        }),
      });
      if (made.status !== 201)
        throw new Error(`recording a concern answered ${made.status}: ${await made.text()}`);
      for (const [k, url] of [
        ['dashboard', `${base}/api/concerns/dashboard`],
        ['chronology', `${base}/api/people/${pupil}/chronology`],
      ] as const) {
        const t0 = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        cold[k].push(performance.now() - t0);
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
    console.log(
      `right after a change (one request at a time, median of ${cold.dashboard.length}): ` +
        `dashboard ${med(cold.dashboard)} ms, chronology ${med(cold.chronology)} ms`,
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
