import { sql, SqliteAdapter, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * A revision number per school, bumped by triggers on every insert, update or delete of a person, whoever makes
 * it (a route, an import, the worker, a restore, another process). The people search keeps each school's
 * register in memory and reloads it when the revision moves (modules/people/search-index.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('people_revisions')
    .addColumn('school_id', 'text', (c) => c.primaryKey())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  const bump = (school: string) =>
    `INSERT INTO people_revisions (school_id, rev) VALUES (${school}, 1)
     ON CONFLICT (school_id) DO UPDATE SET rev = people_revisions.rev + 1`;
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql
      .raw(`CREATE TRIGGER people_rev_insert AFTER INSERT ON people BEGIN ${bump('NEW.school_id')}; END`)
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER people_rev_update AFTER UPDATE ON people BEGIN ${bump('NEW.school_id')}; ${bump('OLD.school_id')}; END`,
      )
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER people_rev_delete AFTER DELETE ON people BEGIN ${bump('OLD.school_id')}; END`)
      .execute(db);
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION people_rev_bump() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'DELETE' THEN ${bump('NEW.school_id')}; END IF;
         IF TG_OP <> 'INSERT' THEN ${bump('OLD.school_id')}; END IF;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER people_rev AFTER INSERT OR UPDATE OR DELETE ON people FOR EACH ROW EXECUTE FUNCTION people_rev_bump()`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of ['people_rev_insert', 'people_rev_update', 'people_rev_delete'])
      await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
  } else {
    await sql.raw('DROP TRIGGER IF EXISTS people_rev ON people').execute(db);
    await sql.raw('DROP FUNCTION IF EXISTS people_rev_bump()').execute(db);
  }
  await db.schema.dropTable('people_revisions').execute();
}
