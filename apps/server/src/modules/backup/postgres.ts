import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import { BackupError } from './manifest.js';
import { countRows, listTables } from './tables.js';

const exec = promisify(execFile);

/** libpq connection for pg_dump/pg_restore: the URL without its password, which goes in PGPASSWORD instead
 * so it never shows in the process list. */
function libpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return {
    dbname: u.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

async function tool(name: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await exec(name, args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { code?: string | number; stderr?: string };
    if (e.code === 'ENOENT')
      throw new BackupError(`${name} is not installed (Debian: apt-get install postgresql-client)`);
    throw new BackupError(`${name} failed: ${(e.stderr ?? String(err)).trim().slice(0, 2000)}`);
  }
}

/**
 * `pg_dump -Fc` of Harbour's database (clarification 12) while it runs. The dump and the row counts come from
 * one exported snapshot, so the manifest counts exactly what the dump holds, whatever is written meanwhile.
 */
export async function backupPostgres(
  database: Database,
  outFile: string,
): Promise<{ tables: Record<string, number> }> {
  const { dbname, env } = libpq(database.url);
  return database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const snap = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(tx);
      const snapshot = snap.rows[0]!.id;
      await tool(
        'pg_dump',
        [
          '--format=custom',
          '--no-owner',
          `--snapshot=${snapshot}`,
          ...(database.pgSchema ? [`--schema=${database.pgSchema}`] : []),
          `--file=${outFile}`,
          `--dbname=${dbname}`,
        ],
        env,
      );
      fs.chmodSync(outFile, 0o600);
      return { tables: await countRows(tx, await listTables(tx, 'postgres')) };
    });
}

/** Tables in the schema Harbour uses: a restore refuses to overwrite them without --force. */
export async function postgresHasTables(database: Database): Promise<boolean> {
  const schema = database.pgSchema ?? 'public';
  const r = await sql<{ n: number | string }>`select count(*) as n from information_schema.tables
    where table_schema = ${schema}`.execute(database.db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

/** `pg_restore --clean` into the configured database (and schema, which the dump names). */
export async function restorePostgres(database: Database, backupFile: string, opts: { force: boolean }) {
  if ((await postgresHasTables(database)) && !opts.force)
    throw new BackupError(
      `the database already holds tables${database.pgSchema ? ` in schema ${database.pgSchema}` : ''}; stop Harbour and pass --force to replace them`,
    );
  const { dbname, env } = libpq(database.url);
  await tool(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${dbname}`,
      backupFile,
    ],
    env,
  );
  await analysePostgres(database);
}

/**
 * pg_restore brings rows back without the planner's statistics, and autovacuum gets to them only later: until
 * then a restored school's chronology was planned through an index that read every concern (bench/concerns,
 * p99 2.7 s). So a restore analyses every table of the schema before Harbour starts on it.
 */
async function analysePostgres(database: Database): Promise<void> {
  for (const t of await listTables(database.db, 'postgres'))
    await sql`analyze ${sql.table(t)}`.execute(database.db);
}
