import { type Kysely, type Migration, type MigrationProvider, Migrator, NO_MIGRATIONS } from 'kysely';
import * as m0001 from './migrations/0001-foundation.js';

/** Every migration, in order. Static imports keep the build self-contained (no directory scanning). */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function migrator(db: Kysely<any>) {
  return new Migrator({ db, provider });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateDownAll(db: Kysely<any>): Promise<void> {
  const { error } = await migrator(db).migrateTo(NO_MIGRATIONS);
  if (error) throw error instanceof Error ? error : new Error('migration failed');
}
