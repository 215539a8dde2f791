import { type Kysely, type Migration, type MigrationProvider, Migrator, NO_MIGRATIONS } from 'kysely';
import { withSchemasKept } from './schema-lock.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-auth.js';
import * as m0003 from './migrations/0003-people-revisions.js';
import * as m0004 from './migrations/0004-people-account-index.js';
import * as m0010 from './migrations/0010-concerns.js';
import * as m0011 from './migrations/0011-concern-response.js';
import * as m0012 from './migrations/0012-concern-retention.js';
import * as m0013 from './migrations/0013-concern-org-agencies.js';
import * as m0018 from './migrations/0018-concern-revisions.js';
import * as m0019 from './migrations/0019-concern-dashboard-indexes.js';
import * as m0020 from './migrations/0020-filtering.js';
import * as m0030 from './migrations/0030-agreements.js';
import * as m0031 from './migrations/0031-access.js';
import * as m0032 from './migrations/0032-training.js';
import * as m0033 from './migrations/0033-consents.js';
import * as m0034 from './migrations/0034-devices.js';
import * as m0035 from './migrations/0035-risk.js';
import * as m0036 from './migrations/0036-policy.js';
import * as m0037 from './migrations/0037-compliance.js';
import * as m0038 from './migrations/0038-self-review-evidence.js';
import * as m0039 from './migrations/0039-compliance-indexes.js';
import * as m0040 from './migrations/0040-monitoring.js';
import * as m0041 from './migrations/0041-monitoring-terms.js';
import * as m0042 from './migrations/0042-monitoring-rate-window.js';
import * as m0043 from './migrations/0043-monitoring-event-indexes.js';
import * as m0044 from './migrations/0044-monitoring-event-time-key.js';
import * as m0050 from './migrations/0050-compliance-revisions.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against an untyped schema */

/** Every migration, in order. Static imports keep the build self-contained (no directory scanning). */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-auth': m0002,
  '0003-people-revisions': m0003,
  '0004-people-account-index': m0004,
  '0010-concerns': m0010,
  '0011-concern-response': m0011,
  '0012-concern-retention': m0012,
  '0013-concern-org-agencies': m0013,
  '0018-concern-revisions': m0018,
  '0019-concern-dashboard-indexes': m0019,
  '0020-filtering': m0020,
  '0030-agreements': m0030,
  '0031-access': m0031,
  '0032-training': m0032,
  '0033-consents': m0033,
  '0034-devices': m0034,
  '0035-risk': m0035,
  '0036-policy': m0036,
  '0037-compliance': m0037,
  '0038-self-review-evidence': m0038,
  '0039-compliance-indexes': m0039,
  '0040-monitoring': m0040,
  '0041-monitoring-terms': m0041,
  '0042-monitoring-rate-window': m0042,
  '0043-monitoring-event-indexes': m0043,
  '0044-monitoring-event-time-key': m0044,
  '0050-compliance-revisions': m0050,
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
  const run = () => migrator(db, opts.schema).migrateToLatest();
  const { error } = opts.schema ? await withSchemasKept(db, run) : await run();
  if (error) throw error instanceof Error ? error : new Error('migration failed');
}

export async function migrateDownAll(
  db: Kysely<any>,
  opts: { schema?: string | undefined } = {},
): Promise<void> {
  const run = () => migrator(db, opts.schema).migrateTo(NO_MIGRATIONS);
  const { error } = opts.schema ? await withSchemasKept(db, run) : await run();
  if (error) throw error instanceof Error ? error : new Error('migration failed');
}
