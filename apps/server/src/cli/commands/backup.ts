import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createContext, flushAuditHead } from '../../bootstrap.js';
import { loadConfig } from '../../config.js';
import { BackupError } from '../../modules/backup/manifest.js';
import { createBackup } from '../../modules/backup/service.js';

/** `harbour backup [--out FILE]`: safe while Harbour runs. SQLite: online backup API; PostgreSQL: pg_dump -Fc. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
  const config = loadConfig();
  if (
    config.databaseUrl.startsWith('sqlite:') &&
    !fs.existsSync(config.databaseUrl.slice('sqlite:'.length))
  ) {
    console.error(`harbour backup: no database at ${config.databaseUrl.slice('sqlite:'.length)}`);
    return 2;
  }
  const ctx = await createContext({ config, migrate: false, open: { poolSize: 2 } });
  try {
    const { file, manifestFile, manifest } = await createBackup(ctx, values.out ? { out: values.out } : {});
    const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
    console.log(`backup written: ${file}`);
    console.log(`manifest:       ${manifestFile}`);
    console.log(
      `${Object.keys(manifest.tables).length} tables, ${rows} rows. The master key is NOT in the backup:`,
    );
    console.log('keep a copy of it somewhere else; a restore needs the same key.');
    await flushAuditHead(ctx);
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`harbour backup: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await ctx.database.close();
  }
}
