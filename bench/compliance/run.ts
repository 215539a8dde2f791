/**
 * npm run bench:compliance [-- --smoke] [-- --pg]
 *
 * Issue 5's benchmark: the compliance dashboard for a school of 2,000 pupils (with their parents and staff) and
 * five years of records (seed.ts). Starts the real Harbour server (`harbour start`, web service only) and the bare
 * Fastify hello-world (bench/api/hello.ts) as separate processes and drives each with autocannon in alternating
 * turns from this process, so both meet the same machine load. Target: dashboard p99 under 150 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  DURATION,
  ON_PG,
  PG_URL,
  SMOKE,
  TURNS,
  combine,
  drive,
  fmt,
  harbourEnv,
  header,
  startServers,
  stop,
  type Result,
  type Servers,
} from '../lib/http.js';
import { seedComplianceSchool } from './seed.js';

const LEVELS = SMOKE ? [4] : [1, 4, 10];
const TARGET_P99_MS = 150;

async function pgDatabase(name: string | null, create: boolean): Promise<void> {
  if (!name) return;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(create ? `CREATE DATABASE ${name}` : `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-bench-compliance-'));
  const pgDb = ON_PG ? `bench_${randomBytes(4).toString('hex')}` : null;
  await pgDatabase(pgDb, true);
  const env = harbourEnv(
    dataDir,
    pgDb ? PG_URL.replace(/\/[^/]*$/, `/${pgDb}`) : `sqlite:${path.join(dataDir, 'harbour.sqlite')}`,
  );
  console.log(header('Compliance bench'));
  let servers: Servers | null = null;
  try {
    const t0 = Date.now();
    const seeded = await seedComplianceSchool(env, { smoke: SMOKE });
    const total = Object.values(seeded.rows).reduce((a, b) => a + b, 0);
    console.log(
      `setup: ${seeded.people} people, ${total} compliance rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    console.log(
      `  ${Object.entries(seeded.rows)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    servers = await startServers(env);
    const { base, helloUrl } = servers;
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
    await drive(helloUrl, { connections: 4 });
    await drive(dash, { connections: 4, headers });
    let met = true;
    console.log(`\n${TURNS} alternating turns of ${DURATION} s per load (medians):`);
    for (const c of LEVELS) {
      const runs: { hello: Result[]; dash: Result[] } = { hello: [], dash: [] };
      for (let t = 0; t < TURNS; t++) {
        runs.hello.push(await drive(helloUrl, { connections: c }));
        runs.dash.push(await drive(dash, { connections: c, headers }));
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
        (SMOKE ? ' (smoke run: a small school, short turns; not the figure of record)' : ''),
    );
  } finally {
    await stop(servers?.harbour ?? null);
    await stop(servers?.hello ?? null);
    await pgDatabase(pgDb, false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
