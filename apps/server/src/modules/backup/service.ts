import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/index.js';
import { fingerprintMatches, keyFingerprint } from '../../lib/crypto.js';
import { iso } from '../../lib/time.js';
import { appendAudit, headFilePath, writeHeadFile } from '../audit/service.js';
import { BackupError, readManifest, sha256File, writeManifest, type Manifest } from './manifest.js';
import { backupPostgres, restorePostgres } from './postgres.js';
import { backupSqlite, restoreSqlite } from './sqlite.js';

const stampOf = (d: Date): string =>
  iso(d)
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

export function defaultBackupFile(ctx: AppContext): string {
  const ext = ctx.database.dialect === 'sqlite' ? 'sqlite' : 'pgdump';
  return path.join(ctx.config.dataDir, 'backups', `harbour-${stampOf(ctx.clock.now())}.${ext}`);
}

/**
 * `harbour backup`: a consistent copy while Harbour runs, plus a manifest with the master key's fingerprint and
 * rows per table. The key itself is never in the backup (it lives outside the database); keep it separately.
 */
export async function createBackup(
  ctx: AppContext,
  opts: { out?: string; pagesPerStep?: number } = {},
): Promise<{ file: string; manifestFile: string; manifest: Manifest }> {
  const file = path.resolve(opts.out ?? defaultBackupFile(ctx));
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists; choose another --out`);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { database } = ctx;
  const { tables } =
    database.dialect === 'sqlite'
      ? await backupSqlite(database.file!, file, { pagesPerStep: opts.pagesPerStep })
      : await backupPostgres(database, file);
  const manifest: Manifest = {
    format: 1,
    harbour: 'backup',
    createdAt: iso(ctx.clock.now()),
    dialect: database.dialect,
    file: path.basename(file),
    sha256: sha256File(file),
    keyFingerprint: keyFingerprint(ctx.masterKey),
    ...(database.pgSchema ? { pgSchema: database.pgSchema } : {}),
    tables,
  };
  const manifestFile = writeManifest(file, manifest);
  // A backup is an export of everything: recorded (clarification 8), after the copy so it is not in it.
  await appendAudit(ctx, {
    schoolId: null,
    actorAccountId: null,
    action: 'backup.create',
    details: { file: manifest.file, sha256: manifest.sha256, osUser: os.userInfo().username },
  });
  return { file, manifestFile, manifest };
}

export interface RestoreOptions {
  file: string;
  force: boolean;
  /** The configured master key: it must be the one the backup was made under. */
  masterKey: Buffer;
  dataDir: string;
  /** SQLite: the file to restore into. PostgreSQL: the open target database. */
  target: { sqliteFile: string } | { database: Database };
  now: Date;
}

/** Checks everything that can be checked before touching the target: manifest, key, file integrity. */
export function checkBackup(opts: Pick<RestoreOptions, 'file' | 'masterKey'>): Manifest {
  if (!fs.existsSync(opts.file)) throw new BackupError(`no backup at ${opts.file}`);
  const manifest = readManifest(opts.file);
  if (!fingerprintMatches(opts.masterKey, manifest.keyFingerprint))
    throw new BackupError(
      'the configured master key does not match the key this backup was made with; ' +
        'set HARBOUR_MASTER_KEY (or HARBOUR_MASTER_KEY_FILE) to the original key. Nothing was changed.',
    );
  if (sha256File(opts.file) !== manifest.sha256)
    throw new BackupError(
      'the backup file does not match its manifest (damaged or altered). Nothing was changed.',
    );
  return manifest;
}

/**
 * `harbour restore FILE`. Harbour must be stopped. Refuses a mismatched key, a damaged file, or (without force)
 * an existing database. Afterwards the audit head copy is rewritten from the restored chains (the old copy is
 * kept beside it), since entries made after the backup are, by design of a restore, gone.
 */
export async function restoreBackup(
  opts: RestoreOptions,
): Promise<{ manifest: Manifest; replaced: string | null }> {
  const manifest = checkBackup(opts);
  const stamp = stampOf(opts.now);
  let replaced: string | null = null;
  if ('sqliteFile' in opts.target) {
    if (manifest.dialect !== 'sqlite')
      throw new BackupError('this is a PostgreSQL backup; configure PostgreSQL');
    replaced = restoreSqlite(opts.file, opts.target.sqliteFile, { force: opts.force, stamp }).replaced;
  } else {
    if (manifest.dialect !== 'postgres') throw new BackupError('this is a SQLite backup; configure SQLite');
    if ((manifest.pgSchema ?? null) !== (opts.target.database.pgSchema ?? null))
      throw new BackupError(
        `the backup is of schema ${manifest.pgSchema ?? 'public'}; restore it into the same`,
      );
    await restorePostgres(opts.target.database, opts.file, { force: opts.force });
  }
  return { manifest, replaced };
}

/** After a restore: keep the old head copy aside and write a fresh one from the restored database. */
export async function resetHeadCopy(ctx: AppContext, file = headFilePath(ctx.config.dataDir, ctx.database)) {
  if (fs.existsSync(file)) fs.renameSync(file, `${file}.before-restore-${stampOf(ctx.clock.now())}`);
  await writeHeadFile(ctx, file);
}
