/**
 * npx tsx bench/compliance/profile.ts [-- --smoke] [-- --pg]
 *
 * Where the compliance dashboard's time goes: seeds bench/compliance's school, then times each part of the
 * dashboard in process, one after another (median and p90 of 40 runs each), and the whole dashboard.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContext } from '../../apps/server/src/bootstrap.js';
import { loadConfig } from '../../apps/server/src/config.js';
import { schoolToday } from '../../apps/server/src/http/caller.js';
import { accessFigures } from '../../apps/server/src/modules/access/service.js';
import { signedShare } from '../../apps/server/src/modules/agreements/status.js';
import { dashboard } from '../../apps/server/src/modules/compliance/dashboard.js';
import { cachedDashboard } from '../../apps/server/src/modules/compliance/dashboard-cache.js';
import { reviewFigures } from '../../apps/server/src/modules/compliance/review-figures.js';
import { consentFigures } from '../../apps/server/src/modules/consents/service.js';
import { deviceFigures } from '../../apps/server/src/modules/devices/inventory.js';
import { phoneFigures } from '../../apps/server/src/modules/devices/phones.js';
import { filteringEvidence } from '../../apps/server/src/modules/filtering/evidence.js';
import { policyFigures } from '../../apps/server/src/modules/policy/service.js';
import { riskFigures } from '../../apps/server/src/modules/risk/service.js';
import { trainingFigures } from '../../apps/server/src/modules/training/service.js';
import { harbourEnv, ON_PG, SMOKE } from '../lib/http.js';
import { seedComplianceSchool } from './seed.js';

const RUNS = 40;

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(2);
  console.log(`${label.padEnd(22)} p50 ${at(0.5).padStart(7)} ms   p90 ${at(0.9).padStart(7)} ms`);
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-profile-compliance-'));
  if (ON_PG) throw new Error('profile.ts runs on SQLite only: run.ts -- --pg measures PostgreSQL');
  const env = harbourEnv(dataDir, `sqlite:${path.join(dataDir, 'harbour.sqlite')}`);
  try {
    await seedComplianceSchool(env, { smoke: SMOKE });
    const ctx = await createContext({ config: loadConfig(env) });
    const school = await ctx.db.selectFrom('schools').select('id').executeTakeFirstOrThrow();
    const id = school.id;
    const today = await schoolToday(ctx, id);
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    await time('AUP staff', () => signedShare(ctx, id, 'staff'));
    await time('AUP KS1', () => signedShare(ctx, id, 'pupil_ks1'));
    await time('AUP KS2', () => signedShare(ctx, id, 'pupil_ks2'));
    await time('training', () => trainingFigures(ctx, id));
    await time('policy', () => policyFigures(ctx, id));
    await time('filtering evidence', () => filteringEvidence(ctx, { schoolId: id }));
    await time('access', () => accessFigures(ctx, id));
    await time('consents', () => consentFigures(ctx, id));
    await time('phones', () => phoneFigures(ctx, id));
    await time('devices', () => deviceFigures(ctx, id));
    await time('risk', () => riskFigures(ctx, id));
    await time('reviews', () => reviewFigures(ctx, id, today));
    await time('whole dashboard', () => dashboard(ctx, id));
    await time('kept dashboard (route)', () => cachedDashboard(ctx, id));
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    await ctx.database.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
