import { type Kysely, sql } from 'kysely';

/**
 * Tests on PostgreSQL each work in a schema of their own and drop it when they finish. Kysely's introspection
 * (which the migrator uses to find its own tables) reads the catalogue of every schema and calls
 * pg_get_serial_sequence on each table, which fails with "schema ... does not exist" when another test drops
 * its schema in between. Introspection holds this advisory lock shared and dropping a schema holds it
 * exclusively, so the two never overlap. Only schema-isolated databases (tests) take it.
 */
export const SCHEMA_DROP_LOCK = 72_657_265; // arbitrary, fixed: "HARB" in a number

/** Run `fn` while holding the schema-drop lock shared, on a connection pinned for the purpose. */
export async function withSchemasKept<T>(
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any schema
  fn: () => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock_shared(${SCHEMA_DROP_LOCK})`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`SELECT pg_advisory_unlock_shared(${SCHEMA_DROP_LOCK})`.execute(conn);
    }
  });
}
