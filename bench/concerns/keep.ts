/**
 * `--keep` (PostgreSQL): seeding 100,000 concerns takes minutes, so the seeded database is kept between runs as
 * `bench_concerns_keep_<N>`, with what a later run needs to reopen it (the master key that wraps the school's key,
 * the DSL and the pupils) in a state file beside it. A later run with `--keep` reuses both, signs the DSL in
 * afresh and migrates the database as `harbour start` would. Each run adds its audit entries and 20 concerns.
 * Drop the database (and the state file) to start from a fresh seed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sessionFor, startTestEnv } from '../../apps/server/src/test/harness.js';
import { seedConcerns, type Seeded } from './seed.js';

interface State {
  masterKey: string;
  schoolId: string;
  dslAccount: string;
  pupils: string[];
}

export async function keptSeed(env: Record<string, string>, concerns: number): Promise<Seeded> {
  const name = `bench_concerns_keep_${concerns}`;
  const stateFile = path.join(os.tmpdir(), `${name}.json`);
  const admin = new pg.Client({ connectionString: env.HARBOUR_DATABASE_URL! });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  await admin.end();
  if (!exists || !fs.existsSync(stateFile)) {
    if (exists) throw new Error(`${name} exists without ${stateFile}: drop it first`);
    const seeded = await seedConcerns(env, { concerns, pgDb: name });
    const state: State = {
      masterKey: env.HARBOUR_MASTER_KEY!,
      schoolId: seeded.schoolId,
      dslAccount: seeded.dslAccount,
      pupils: seeded.pupils,
    };
    fs.writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
    return { ...seeded, cleanup: async () => undefined };
  }
  const t0 = performance.now();
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as State;
  env.HARBOUR_MASTER_KEY = state.masterKey;
  env.HARBOUR_DATABASE_URL = env.HARBOUR_DATABASE_URL!.replace(/\/[^/]*$/, `/${name}`);
  const test = await startTestEnv({ env });
  const dsl = await sessionFor(test, state.dslAccount, state.schoolId);
  await test.close();
  return {
    concerns,
    schoolId: state.schoolId,
    dslAccount: state.dslAccount,
    pupils: state.pupils,
    dslCookie: dsl.cookie,
    seconds: (performance.now() - t0) / 1000,
    cleanup: async () => undefined,
  };
}
