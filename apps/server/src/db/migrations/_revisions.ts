import { sql, SqliteAdapter, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * A revision number per school in `table`, bumped by triggers on every insert, update or delete of a row with
 * a school in any of `watched`, whoever writes (a route, the worker, another process, plain SQL). A module that
 * keeps an answer in memory recomputes it when the revision has moved.
 */
export interface Revisions {
  table: string;
  /** Prefix of the trigger names, and of the PostgreSQL trigger function. */
  prefix: string;
  watched: readonly string[];
}

export async function createRevisions(db: Kysely<any>, r: Revisions): Promise<void> {
  await db.schema
    .createTable(r.table)
    .addColumn('school_id', 'text', (c) => c.primaryKey())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  const bump = (school: string) =>
    `INSERT INTO ${r.table} (school_id, rev) VALUES (${school}, 1)
     ON CONFLICT (school_id) DO UPDATE SET rev = ${r.table}.rev + 1`;
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of r.watched)
      for (const [op, row] of [
        ['insert', 'NEW'],
        ['update', 'NEW'],
        ['delete', 'OLD'],
      ] as const)
        await sql
          .raw(
            `CREATE TRIGGER ${t}_${r.prefix}_${op} AFTER ${op.toUpperCase()} ON ${t} WHEN ${row}.school_id IS NOT NULL BEGIN ${bump(`${row}.school_id`)}; END`,
          )
          .execute(db);
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION ${r.prefix}_bump() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'DELETE' AND NEW.school_id IS NOT NULL THEN ${bump('NEW.school_id')};
         ELSIF TG_OP = 'DELETE' AND OLD.school_id IS NOT NULL THEN ${bump('OLD.school_id')};
         END IF;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  for (const t of r.watched)
    await sql
      .raw(
        `CREATE TRIGGER ${t}_${r.prefix} AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${r.prefix}_bump()`,
      )
      .execute(db);
}

export async function dropRevisions(db: Kysely<any>, r: Revisions): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const t of r.watched) {
    if (sqlite)
      for (const op of ['insert', 'update', 'delete'])
        await sql.raw(`DROP TRIGGER IF EXISTS ${t}_${r.prefix}_${op}`).execute(db);
    else await sql.raw(`DROP TRIGGER IF EXISTS ${t}_${r.prefix} ON ${t}`).execute(db);
  }
  if (!sqlite) await sql.raw(`DROP FUNCTION IF EXISTS ${r.prefix}_bump()`).execute(db);
  await db.schema.dropTable(r.table).execute();
}
