import { type Kysely, type Migration, type MigrationProvider, Migrator, NO_MIGRATIONS } from 'kysely';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-auth.js';
import * as m0020 from './migrations/0020-filtering.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against an untyped schema */

/** Every migration, in order. Static imports keep the build self-contained (no directory scanning). */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-auth': m0002,
  '0020-filtering': m0020,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * On PostgreSQL in a schema of its own, the migration tables must be looked up in that schema: Kysely otherwise
 * finds another schema's kysely_migration_lock (tests running side by side) and fails to lock its own.
 */
function migrator(db: Kysely<any>, schema?: string) {
  // Modules number their migrations in blocks (0010 concerns, 0020 filtering, ...) and may land in any order;
  // each migration touches only its own tables, so running one that sorts before an applied one is safe.
  return new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

export async function migrateToLatest(
  db: Kysely<any>,
  opts: { schema?: string | undefined } = {},
): Promise<void> {
  const { error } = await migrator(db, opts.schema).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed');
}

export async function migrateDownAll(
  db: Kysely<any>,
  opts: { schema?: string | undefined } = {},
): Promise<void> {
  const { error } = await migrator(db, opts.schema).migrateTo(NO_MIGRATIONS);
  if (error) throw error instanceof Error ? error : new Error('migration failed');
}
