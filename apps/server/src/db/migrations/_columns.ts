import type { CreateTableBuilder, Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * A compact column language for the compliance migrations (0030-0037): "name:type" with type one of id (text
 * primary key), ref (text not null), text, text! (not null), int, int! (not null), bool (0/1, not null,
 * default 0). Portable on SQLite and PostgreSQL: no native dates, booleans or JSON.
 */
export async function createTable(db: Kysely<any>, name: string, columns: string[]): Promise<void> {
  let t: CreateTableBuilder<string, never> = db.schema.createTable(name);
  for (const spec of columns) {
    const [col, type] = spec.split(':') as [string, string];
    if (type === 'id') t = t.addColumn(col, 'text', (c) => c.primaryKey());
    else if (type === 'ref' || type === 'text!') t = t.addColumn(col, 'text', (c) => c.notNull());
    else if (type === 'text') t = t.addColumn(col, 'text');
    else if (type === 'int') t = t.addColumn(col, 'integer');
    else if (type === 'int!') t = t.addColumn(col, 'integer', (c) => c.notNull());
    else if (type === 'bool') t = t.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
    else throw new Error(`bad column ${spec}`);
  }
  await t.execute();
}

export async function index(
  db: Kysely<any>,
  table: string,
  columns: string[],
  opts: { unique?: boolean } = {},
): Promise<void> {
  let b = db.schema
    .createIndex(`${table}_${columns.join('_')}`)
    .on(table)
    .columns(columns);
  if (opts.unique) b = b.unique();
  await b.execute();
}

export async function dropTables(db: Kysely<any>, tables: string[]): Promise<void> {
  for (const t of tables) await db.schema.dropTable(t).ifExists().execute();
}
