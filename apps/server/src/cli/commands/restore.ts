import { parseArgs } from 'node:util';
import { createContext, flushAuditHead } from '../../bootstrap.js';
import { loadConfig, type Config } from '../../config.js';
import { openDatabase } from '../../db/index.js';
import { loadMasterKey } from '../../lib/crypto.js';
import { appendAudit } from '../../modules/audit/service.js';
import { BackupError } from '../../modules/backup/manifest.js';
import { resetHeadCopy, restoreBackup } from '../../modules/backup/service.js';

async function restore(config: Config, file: string, force: boolean): Promise<void> {
  let masterKey: Buffer;
  try {
    masterKey = loadMasterKey({
      keyBase64: config.HARBOUR_MASTER_KEY,
      file: config.masterKeyFile,
      create: false,
    });
  } catch (err) {
    throw new BackupError(
      `no master key is configured (${(err as Error).message}); set HARBOUR_MASTER_KEY or copy the key file into place`,
    );
  }
  const common = { file, force, masterKey, dataDir: config.dataDir, now: new Date() };
  let result;
  if (config.databaseUrl.startsWith('sqlite:')) {
    result = await restoreBackup({
      ...common,
      target: { sqliteFile: config.databaseUrl.slice('sqlite:'.length) },
    });
  } else {
    const database = await openDatabase(config.databaseUrl, { poolSize: 1 });
    try {
      result = await restoreBackup({ ...common, target: { database } });
    } finally {
      await database.close();
    }
  }
  const ctx = await createContext({ config, migrate: false, open: { poolSize: 1 } });
  try {
    await resetHeadCopy(ctx);
    await appendAudit(ctx, {
      schoolId: null,
      actorAccountId: null,
      action: 'backup.restore',
      details: {
        file: result.manifest.file,
        sha256: result.manifest.sha256,
        backupCreatedAt: result.manifest.createdAt,
      },
    });
    await flushAuditHead(ctx);
  } finally {
    await ctx.database.close();
  }
  console.log(`restored ${result.manifest.file} (made ${result.manifest.createdAt})`);
  if (result.replaced) console.log(`the database it replaced is kept at ${result.replaced}`);
  console.log('start Harbour again; pending migrations run at start.');
}

/** `harbour restore FILE [--force]`: run while Harbour is stopped. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) {
    console.error('usage: harbour restore FILE [--force]');
    return 2;
  }
  try {
    await restore(loadConfig(), positionals[0]!, values.force);
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`harbour restore: refused: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
