import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/index.js';
import { newId } from '../../lib/ids.js';
import { dropSchema, onPostgres, startTestEnv, type TestEnv } from '../../test/harness.js';
import { appendAudit, verifyAudit } from '../audit/service.js';
import { seedDemoSchool } from '../demo/seed.js';
import { readManifest } from './manifest.js';
import { createBackup, restoreBackup } from './service.js';
import { countRows, listTables } from './tables.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const hasPgDump = (() => {
  try {
    execFileSync('pg_dump', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function allRows(db: Kysely<any>, dialect: 'sqlite' | 'postgres') {
  const out = new Map<string, Set<string>>();
  for (const t of await listTables(db, dialect)) {
    const rows = (await db.selectFrom(t).selectAll().execute()) as Record<string, unknown>[];
    // The chain head moves with every append: it is compared by chain, the rows by every column.
    out.set(t, new Set(rows.map((r) => JSON.stringify(t === 'audit_chain_heads' ? r.chain : r))));
  }
  return out;
}

/** Issue 2, section 2 and clarification 12: a consistent copy while Harbour runs, and a restore that finds every row. */
describe.skipIf(onPostgres() && !hasPgDump)('backup and restore', () => {
  let env: TestEnv;
  let schoolId: string;
  const dialect = () => env.ctx.database.dialect;
  const fresh: string[] = [];
  const freshDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-restore-'));
    fresh.push(d);
    return d;
  };

  beforeAll(async () => {
    env = await startTestEnv();
    ({ schoolId } = await seedDemoSchool(env.ctx, {
      adminPassword: 'demo-admin-password-1',
      pupilsPerYear: 3,
    }));
    for (let i = 0; i < 5; i++)
      await appendAudit(env.ctx, {
        schoolId,
        actorAccountId: null,
        action: 'person.read',
        entityId: `x${i}`,
      });
  });
  afterAll(async () => {
    await env.close();
    for (const d of fresh) fs.rmSync(d, { recursive: true, force: true });
  });

  /** Inserts jobs and audit entries until told to stop: the writes a running Harbour makes meanwhile. */
  function writeMeanwhile() {
    let stop = false;
    let n = 0;
    const done = (async () => {
      while (!stop && n < 400) {
        const now = new Date().toISOString();
        await env.ctx.db
          .insertInto('jobs')
          .values({
            id: newId(),
            school_id: schoolId,
            kind: 'test.concurrent',
            run_at: now,
            payload: JSON.stringify({ n }),
            status: 'done',
            attempts: 0,
            last_error: null,
            locked_until: null,
            created_at: now,
          })
          .execute();
        await appendAudit(env.ctx, {
          schoolId,
          actorAccountId: null,
          action: 'person.create',
          entityId: `c${n}`,
        });
        n++;
        await new Promise((r) => setImmediate(r));
      }
      return n;
    })();
    return { stop: () => ((stop = true), done), count: () => n };
  }

  it('copies every row while writes go on, and a restore into a fresh data dir finds them all', async () => {
    const before = await allRows(env.ctx.db, dialect());
    const out = path.join(env.dataDir, 'backups', `b1.${dialect() === 'sqlite' ? 'sqlite' : 'pgdump'}`);
    const writer = writeMeanwhile();
    // Some rows are written before the backup starts (the snapshot must hold them), however slow the machine.
    while (writer.count() < 3) await new Promise((r) => setTimeout(r, 5));
    const startedAt = writer.count();
    const result = await createBackup(env.ctx, { out, pagesPerStep: 2 });
    const duringBackup = writer.count() - startedAt;
    await writer.stop();
    expect(duringBackup, 'rows written while the backup ran').toBeGreaterThan(0);

    // The backup never holds the master key, only a fingerprint that cannot give it back.
    const bytes = fs.readFileSync(out);
    expect(bytes.includes(env.ctx.masterKey)).toBe(false);
    expect(bytes.includes(Buffer.from(env.ctx.config.HARBOUR_MASTER_KEY!))).toBe(false);
    const manifest = readManifest(out);
    expect(manifest).toEqual(result.manifest);
    expect(JSON.stringify(manifest)).not.toContain(env.ctx.config.HARBOUR_MASTER_KEY);
    expect(fs.statSync(out).mode & 0o077).toBe(0);

    let restored: Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    let close: () => Promise<void>;
    if (dialect() === 'sqlite') {
      const target = path.join(freshDir(), 'harbour.sqlite');
      await restoreBackup({
        file: out,
        force: false,
        masterKey: env.ctx.masterKey,
        dataDir: path.dirname(target),
        target: { sqliteFile: target },
        now: new Date(),
      });
      const db = await openDatabase(`sqlite:${target}`);
      restored = db.db;
      close = () => db.close();
    } else {
      // The database is lost: its schema dropped. The restore brings the schema back with its rows.
      await dropSchema(env.ctx.database.pgSchema!);
      await restoreBackup({
        file: out,
        force: false,
        masterKey: env.ctx.masterKey,
        dataDir: freshDir(),
        target: { database: env.ctx.database },
        now: new Date(),
      });
      restored = env.ctx.db;
      close = async () => undefined;
      // The restore analysed what it brought back: the planner has statistics before Harbour starts.
      const unanalysed = await sql<{ relname: string }>`select relname from pg_stat_user_tables
        where schemaname = current_schema() and last_analyze is null`.execute(restored);
      expect(unanalysed.rows.map((r) => r.relname)).toEqual([]);
    }
    try {
      const after = await allRows(restored, dialect());
      for (const [table, rows] of before) {
        const got = after.get(table);
        expect(got, table).toBeDefined();
        for (const row of rows) expect(got!.has(row), `${table} ${row}`).toBe(true);
      }
      // Exactly the snapshot the manifest counted: consistent, not a mix of before and after.
      expect(await countRows(restored, await listTables(restored, dialect()))).toEqual(manifest.tables);
      expect(manifest.tables.jobs).toBeGreaterThan(0);
      const verified = await verifyAudit({ db: restored }, path.join(env.dataDir, 'no-head-copy.json'));
      expect(verified.ok, JSON.stringify(verified.problem)).toBe(true);
    } finally {
      await close();
    }
  });

  it('refuses a mismatched master key, a damaged file, and overwriting without --force', async () => {
    const out = path.join(env.dataDir, 'backups', `b2.${dialect() === 'sqlite' ? 'sqlite' : 'pgdump'}`);
    await createBackup(env.ctx, { out });
    const dir = freshDir();
    const target = path.join(dir, 'harbour.sqlite');
    const t = dialect() === 'sqlite' ? { sqliteFile: target } : { database: env.ctx.database };
    const base = { file: out, dataDir: dir, target: t, now: new Date() };
    await expect(restoreBackup({ ...base, force: true, masterKey: randomBytes(32) })).rejects.toThrow(
      /master key does not match/,
    );
    expect(fs.existsSync(target)).toBe(false);
    if (dialect() === 'sqlite') {
      fs.writeFileSync(target, 'existing database');
      await expect(restoreBackup({ ...base, force: false, masterKey: env.ctx.masterKey })).rejects.toThrow(
        /--force/,
      );
      expect(fs.readFileSync(target, 'utf8')).toBe('existing database');
      const r = await restoreBackup({ ...base, force: true, masterKey: env.ctx.masterKey });
      expect(fs.readFileSync(r.replaced!, 'utf8')).toBe('existing database');
    } else {
      await expect(restoreBackup({ ...base, force: false, masterKey: env.ctx.masterKey })).rejects.toThrow(
        /--force/,
      );
      const r = await restoreBackup({ ...base, force: true, masterKey: env.ctx.masterKey });
      expect(r.manifest.tables.people).toBeGreaterThan(0);
    }
    fs.appendFileSync(out, 'x');
    await expect(restoreBackup({ ...base, force: true, masterKey: env.ctx.masterKey })).rejects.toThrow(
      /damaged/,
    );
  });

  it.skipIf(onPostgres())(
    'runs `harbour backup` and `harbour restore` as commands',
    async () => {
      const cli = (args: string[], extra: Record<string, string>) =>
        run(path.join(repoRoot, 'node_modules/.bin/tsx'), ['apps/server/src/cli/index.ts', ...args], {
          cwd: repoRoot,
          env: { PATH: process.env.PATH, HARBOUR_LOG_LEVEL: 'silent', ...extra },
        }).then(
          (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
          (e: { code: number; stdout: string; stderr: string }) => ({
            code: e.code,
            out: e.stdout,
            err: e.stderr,
          }),
        );
      const key = env.ctx.config.HARBOUR_MASTER_KEY!;
      const out = path.join(env.dataDir, 'backups', 'cli.sqlite');
      // While this test's Harbour still has the database open.
      const made = await cli(['backup', '--out', out], {
        HARBOUR_DATA_DIR: env.dataDir,
        HARBOUR_DATABASE_URL: `sqlite:${env.ctx.database.file}`,
        HARBOUR_MASTER_KEY: key,
      });
      expect(made.code, made.err).toBe(0);
      expect(made.out).toContain('The master key is NOT in the backup');
      const dir = freshDir();
      const wrong = await cli(['restore', out], {
        HARBOUR_DATA_DIR: dir,
        HARBOUR_MASTER_KEY: randomBytes(32).toString('base64'),
      });
      expect(wrong.code).toBe(1);
      expect(wrong.err).toContain('master key does not match');
      expect(fs.existsSync(path.join(dir, 'harbour.sqlite'))).toBe(false);
      const ok = await cli(['restore', out], { HARBOUR_DATA_DIR: dir, HARBOUR_MASTER_KEY: key });
      expect(ok.code, ok.err).toBe(0);
      const again = await cli(['restore', out], { HARBOUR_DATA_DIR: dir, HARBOUR_MASTER_KEY: key });
      expect(again.code).toBe(1);
      expect(again.err).toContain('--force');
      const verified = await cli(['audit', 'verify'], { HARBOUR_DATA_DIR: dir, HARBOUR_MASTER_KEY: key });
      expect(verified.code, verified.err).toBe(0);
    },
    90_000,
  );
});
