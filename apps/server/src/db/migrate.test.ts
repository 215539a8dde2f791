import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../test/harness.js';
import { migrateDownAll, migrateToLatest } from './migrate.js';
import { withSchemasKept } from './schema-lock.js';

/** Tables and indexes of the database under test (its own schema on PostgreSQL), Kysely's own left out. */
async function objects(env: TestEnv): Promise<string[]> {
  const { db, dialect, pgSchema } = env.ctx.database;
  if (dialect === 'sqlite') {
    const r = await sql<{ name: string; type: string }>`
      SELECT name, type FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')
      AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY name`.execute(db);
    return r.rows.map((x) => `${x.type} ${x.name}`);
  }
  return withSchemasKept(db, async () => {
    const r = await sql<{ name: string; type: string }>`
      SELECT c.relname AS name, c.relkind::text AS type FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ${pgSchema} AND c.relkind IN ('r', 'i') AND c.relname NOT LIKE 'kysely_%'
      UNION ALL SELECT t.tgname, 'trigger' FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${pgSchema} AND NOT t.tgisinternal
      ORDER BY 1`.execute(db);
    return r.rows.map((x) => `${x.type} ${x.name}`);
  });
}

describe('migrations', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(() => env.close());

  it('go all the way down, leaving no table, index or trigger, and back up to the same schema', async () => {
    const { db, pgSchema } = env.ctx.database;
    const up = await objects(env);
    expect(up).toContain(`${env.ctx.database.dialect === 'sqlite' ? 'table' : 'r'} people`);
    expect(up.length).toBeGreaterThan(50);
    await migrateDownAll(db, { schema: pgSchema });
    expect(await objects(env)).toEqual([]);
    await migrateToLatest(db, { schema: pgSchema });
    expect(await objects(env)).toEqual(up);
  });
});
