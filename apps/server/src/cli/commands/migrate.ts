import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/index.js';
import { migrateDownAll, migrateToLatest } from '../../db/migrate.js';

export async function run(args: string[]): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl);
  try {
    if (args.includes('--down')) await migrateDownAll(database.db);
    else await migrateToLatest(database.db);
    console.log(args.includes('--down') ? 'schema removed' : 'schema up to date');
    return 0;
  } finally {
    await database.close();
  }
}
