/**
 * In-process A/B of ingestion's CPU per event (issue 6): `ingestBatch` called directly, no HTTP, for two copies
 * of the server's code side by side in one process: the working tree's and another commit's (`--base`, default
 * `main`), extracted with `git archive` into `.tmp/ab/<sha>`. Each copy has its own SQLite database (WAL, a
 * file, as the server uses) seeded with the same demo school. The two take turns, round by round, in
 * alternating order, so both meet the same machine load; each round is `--batches` batches of 500 fresh events
 * (the bench's traffic: one in 20 harmful, a third as search URLs) and its CPU (user and system, the whole
 * process) is divided by the events stored. The median round is printed per copy. A shared machine moves both
 * alike; compare the two figures of one run, never figures of two runs.
 *
 *   node --expose-gc --import tsx bench/monitoring/ingest-ab.ts [--base REF] [--rounds 12] [--batches 8]
 *   (--only current skips the base copy; --profile FILE writes a CPU profile of the rounds alone, without
 *   the set-up, to open in Chrome's DevTools)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, harbourEnv } from '../lib/http.js';
import { BATCH, trafficFor } from './traffic.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const ROUNDS = Number(arg('rounds', '12'));
const BATCHES = Number(arg('batches', '8'));
const BASE = arg('base', 'main');
const ONLY = arg('only', '');
const PROFILE = arg('profile', '');

type Mod = Record<string, (...a: never[]) => Promise<never>>;

/** The server's source tree of a commit, extracted once (its node_modules are the working tree's, above it). */
function extract(ref: string): { root: string; label: string } {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  const root = path.join(ROOT, '.tmp', 'ab', sha);
  if (!fs.existsSync(path.join(root, 'apps/server/src'))) {
    fs.mkdirSync(root, { recursive: true });
    const tar = execFileSync('git', ['archive', '--format=tar', sha, 'apps/server/src'], {
      cwd: ROOT,
      maxBuffer: 1 << 28,
    });
    execFileSync('tar', ['-x', '-C', root], { input: tar });
  }
  return { root, label: `${ref} (${sha})` };
}

interface Copy {
  label: string;
  /** A batch body (JSON) of fresh events about this copy's own people. */
  traffic: () => string;
  /** Ingests the batches; answers the events stored. */
  run(batches: unknown[]): Promise<number>;
  close(): Promise<void>;
}

async function setUp(root: string, label: string): Promise<Copy> {
  const load = (p: string): Promise<Mod> =>
    import(pathToFileURL(path.join(root, 'apps/server/src', p)).href) as Promise<Mod>;
  const [boot, config, demo, settingsMod, sources, settings, ingest] = await Promise.all(
    [
      'bootstrap.ts',
      'config.ts',
      'modules/demo/seed.ts',
      'modules/monitoring/settings.ts',
      'modules/monitoring/sources.ts',
      'modules/settings/service.ts',
      'modules/monitoring/ingest.ts',
    ].map(load),
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-ingest-ab-'));
  const env = harbourEnv(dataDir, `sqlite:${path.join(dataDir, 'harbour.sqlite')}`);
  /* eslint-disable @typescript-eslint/no-explicit-any -- two copies of the server, loaded by path */
  const ctx: any = await (boot!.createContext as any)({ config: (config!.loadConfig as any)(env) });
  const seeded: any = await (demo!.seedDemoSchool as any)(ctx, {
    adminPassword: 'bench-unused-password-1',
    pupilsPerYear: 10,
  });
  const admin = seeded.accounts.admin;
  const caller = {
    ctx,
    actor: { accountId: admin.accountId, schoolId: seeded.schoolId, roles: ['system_admin'] },
    scopes: ['school'],
    ip: null,
  };
  const { source }: any = await (sources!.issueSource as any)(caller, 'A/B agent');
  const MonitoringSettings: any = settingsMod!.MonitoringSettings;
  await (settings!.updateSetting as any)(ctx, {
    schoolId: seeded.schoolId,
    actorAccountId: admin.accountId,
    ip: null,
    key: MonitoringSettings.key,
    value: { ...MonitoringSettings.defaultValue({ schoolName: '', ctx }), maxBatchesPerMinute: 20_000 },
    expectedVersion: 0,
  });
  const pupils: string[] = (
    await ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', seeded.schoolId)
      .where('kind', '=', 'pupil')
      .execute()
  ).map((p: { id: string }) => p.id);
  const ingestBatch = ingest!.ingestBatch as any;
  const target = { id: source.id, school_id: seeded.schoolId };
  /* eslint-enable @typescript-eslint/no-explicit-any */
  return {
    label,
    traffic: trafficFor(pupils),
    run: async (batches: unknown[]) => {
      let stored = 0;
      for (const body of batches) {
        const r = (await ingestBatch(ctx, target, body, null)) as { accepted: number };
        stored += r.accepted;
      }
      return stored;
    },
    close: async () => {
      await ctx.database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const copies: Copy[] = [];
if (ONLY !== 'current') {
  const base = extract(BASE);
  copies.push(await setUp(base.root, `base ${base.label}`));
}
copies.push(await setUp(ROOT, 'current (working tree)'));
const cpu: number[][] = copies.map(() => []);
const wall: number[][] = copies.map(() => []);
const load0 = os.loadavg()[0]!;
// Warm up: the classifier is compiled on the first batch, statements are prepared.
for (const c of copies) await c.run([c.traffic(), c.traffic()].map((s) => JSON.parse(s) as unknown));
const session = PROFILE ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 ? [...copies.keys()].reverse() : [...copies.keys()];
  for (const i of order) {
    const c = copies[i]!;
    const bodies = Array.from({ length: BATCHES }, () => JSON.parse(c.traffic()) as unknown);
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = process.cpuUsage();
    const w0 = performance.now();
    const stored = await c.run(bodies);
    const used = process.cpuUsage(t0);
    const w = performance.now() - w0;
    if (stored !== BATCHES * BATCH) throw new Error(`${c.label}: stored ${stored} of ${BATCHES * BATCH}`);
    cpu[i]!.push((used.user + used.system) / stored);
    wall[i]!.push((w * 1000) / stored);
  }
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(PROFILE, JSON.stringify(profile));
  session.disconnect();
}
console.log(
  `ingestBatch A/B: ${ROUNDS} rounds of ${BATCHES} batches of ${BATCH}, node ${process.version}, load ${load0.toFixed(1)} -> ${os.loadavg()[0]!.toFixed(1)}, gc between turns: ${'gc' in globalThis ? 'yes' : 'no'}`,
);
copies.forEach((c, i) =>
  console.log(
    `${c.label}: median ${median(cpu[i]!).toFixed(1)} us CPU per event (min ${Math.min(...cpu[i]!).toFixed(1)}, max ${Math.max(...cpu[i]!).toFixed(1)}), ${median(wall[i]!).toFixed(1)} us wall`,
  ),
);
for (const c of copies) await c.close();
