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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  DURATION,
  ON_PG,
  PG_URL,
  SMOKE,
  TURNS,
  combine,
  cpuPerRequest,
  drive,
  fmt,
  harbourEnv,
  header,
  startServers,
  stop,
  type Drive,
  type Result,
} from '../lib/http.js';
import { seedBenchSchool } from './seed.js';

const CONNECTIONS = 10;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-bench-api-'));
  const schema = ON_PG ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const env = harbourEnv(dataDir, schema ? PG_URL : `sqlite:${path.join(dataDir, 'harbour.sqlite')}`);
  console.log(header('API bench'));
  const t0 = Date.now();
  const seeded = await seedBenchSchool(env, { auditEntries: SMOKE ? 10_000 : 100_000, pgSchema: schema });
  console.log(
    `setup: ${seeded.people} people, ${seeded.auditEntries} audit entries in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
      `2,000-pupil CSV import (preview + commit through the API): ${seeded.importSeconds.toFixed(2)} s`,
  );

  const { base, helloUrl, harbour, hello } = await startServers(env);
  const at = (url: string, opts: Omit<Drive, 'connections'> = {}) =>
    drive(url, { connections: CONNECTIONS, ...opts });
  const queries = seeded.searches.map((q) => ({ path: `/api/people?q=${encodeURIComponent(q)}&limit=25` }));
  try {
    // Warm both (JIT, statement caches) before measuring.
    await at(helloUrl, {});
    await at(`${base}/api/people`, { headers: { cookie: seeded.officeCookie }, requests: queries });
    const runs: Record<string, Result[]> = { hello: [], office: [], dsl: [], signIn: [] };
    for (let t = 0; t < TURNS; t++) {
      runs.hello!.push(await at(helloUrl, {}));
      runs.office!.push(
        await at(`${base}/api/people`, { headers: { cookie: seeded.officeCookie }, requests: queries }),
      );
      runs.dsl!.push(
        await at(`${base}/api/people`, { headers: { cookie: seeded.dslCookie }, requests: queries }),
      );
    }
    runs.signIn!.push(
      await at(`${base}/api/auth/sign-in`, {
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
    // Server CPU per request: a figure the machine's other load hardly moves.
    const officeDrive = { headers: { cookie: seeded.officeCookie }, requests: queries };
    const cpu = {
      hello: await cpuPerRequest(hello.pid!, helloUrl, {}),
      office: await cpuPerRequest(harbour.pid!, `${base}/api/people`, officeDrive),
      dsl: await cpuPerRequest(harbour.pid!, `${base}/api/people`, {
        headers: { cookie: seeded.dslCookie },
        requests: queries,
      }),
    };
    if (cpu.hello && cpu.office && cpu.dsl)
      console.log(
        `server CPU per request: hello-world ${cpu.hello.toFixed(0)} µs, office search ${cpu.office.toFixed(0)} µs ` +
          `(hello-world is ${((cpu.hello / cpu.office) * 100).toFixed(1)}% of it), DSL search ${cpu.dsl.toFixed(0)} µs`,
      );
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
