import { loadConfig, type Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase, type OpenOptions } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { loadMasterKey } from './lib/crypto.js';
import { systemClock, type Clock } from './lib/time.js';
import { headFilePath, writeHeadFile } from './modules/audit/service.js';

export interface ContextOptions {
  config?: Config;
  clock?: Clock;
  open?: OpenOptions;
  migrate?: boolean;
  log?: AppContext['log'];
}

const quietLog: AppContext['log'] = { info() {}, warn() {}, error() {}, debug() {} };

/** Opens the database, runs migrations and loads keys: everything a process needs before serving. */
export async function createContext(
  opts: ContextOptions = {},
): Promise<AppContext & { auditHeadFile: string }> {
  const config = opts.config ?? loadConfig();
  const database = await openDatabase(config.databaseUrl, opts.open ?? {});
  if (opts.migrate !== false) await migrateToLatest(database.db, { schema: database.pgSchema });
  const masterKey = loadMasterKey({
    keyBase64: config.HARBOUR_MASTER_KEY,
    file: config.masterKeyFile,
    create: true,
  });
  const auditHeadFile = headFilePath(config.dataDir, database);
  let pending: Promise<void> | null = null;
  let again = false;
  const ctx: AppContext & { auditHeadFile: string } = {
    config,
    database,
    db: database.db,
    clock: opts.clock ?? systemClock,
    masterKey,
    log: opts.log ?? quietLog,
    auditHeadFile,
    // Coalesces bursts of appends into one write of the head file, always from committed data.
    onAuditAppended() {
      if (pending) {
        again = true;
        return;
      }
      const run = (): Promise<void> =>
        writeHeadFile(ctx, auditHeadFile)
          .catch((err: unknown) => ctx.log.error({ err }, 'could not write audit head copy'))
          .then(() => {
            if (again) {
              again = false;
              return run();
            }
            pending = null;
          });
      // A short wait gathers a burst of appends (busy searches audit every request) into one write; the copy
      // may lag the database by that much, which verify accepts: only a database behind its copy is truncated.
      pending = new Promise((r) => setTimeout(r, 200)).then(run);
    },
  };
  return ctx;
}

/** Waits for the audit head copy to catch up (tests and shutdown). */
export async function flushAuditHead(ctx: AppContext & { auditHeadFile: string }): Promise<void> {
  await writeHeadFile(ctx, ctx.auditHeadFile);
}
