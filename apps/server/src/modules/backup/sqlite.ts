import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { BackupError } from './manifest.js';
import { countRows, listTables } from './tables.js';

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API, on a connection of its own
 * (issue 2, section 2). Writers carry on meanwhile; when one changes the file mid-copy SQLite restarts the copy,
 * and after a few restarts the rest is copied in one step (one read transaction, which WAL lets writers pass).
 */
export async function backupSqlite(
  sourceFile: string,
  outFile: string,
  opts: { pagesPerStep?: number } = {},
): Promise<{ tables: Record<string, number> }> {
  if (!fs.existsSync(sourceFile)) throw new BackupError(`no database at ${sourceFile}`);
  const step = opts.pagesPerStep ?? 256;
  const source = new SQLite(sourceFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    let restarts = 0;
    let lastRemaining = Infinity;
    await source.backup(outFile, {
      progress({ totalPages, remainingPages }) {
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        return restarts >= 3 ? totalPages : step;
      },
    });
  } finally {
    source.close();
  }
  fs.chmodSync(outFile, 0o600);
  return { tables: await countSqliteFile(outFile) };
}

/** Rows per table in a SQLite file, read-only. */
export async function countSqliteFile(file: string): Promise<Record<string, number>> {
  const db = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new SQLite(file, { readonly: true, fileMustExist: true }) }),
  });
  try {
    return await countRows(db, await listTables(db, 'sqlite'));
  } finally {
    await db.destroy();
  }
}

function checkIntegrity(file: string): void {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok')
      throw new BackupError(`the backup fails SQLite's integrity check: ${String(result)}`);
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in place of the configured database file. Harbour must be stopped: SQLite has no way to swap
 * the file under running connections. An existing database is kept beside it (renamed), never deleted.
 */
export function restoreSqlite(
  backupFile: string,
  targetFile: string,
  opts: { force: boolean; stamp: string },
): { replaced: string | null } {
  const exists = fs.existsSync(targetFile) && fs.statSync(targetFile).size > 0;
  if (exists && !opts.force)
    throw new BackupError(
      `a database already exists at ${targetFile}; stop Harbour and pass --force to replace it (it is kept as a copy)`,
    );
  const tmp = `${targetFile}.restore-tmp`;
  fs.mkdirSync(path.dirname(targetFile), { recursive: true });
  fs.copyFileSync(backupFile, tmp);
  fs.chmodSync(tmp, 0o600);
  checkIntegrity(tmp);
  let replaced: string | null = null;
  if (exists) {
    replaced = `${targetFile}.before-restore-${opts.stamp}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(targetFile + suffix)) fs.renameSync(targetFile + suffix, replaced + suffix);
    }
  }
  fs.renameSync(tmp, targetFile);
  return { replaced };
}
