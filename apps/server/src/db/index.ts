import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Anything a repo function can run a query on: the database or an open transaction. */
export type Executor = Kysely<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** SQLite file path, when on SQLite. */
  file?: string;
  /** PostgreSQL schema used as search_path (tests isolate themselves in one). */
  pgSchema?: string;
  url: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: put every connection's search_path on this schema, creating it if missing. */
  pgSchema?: string;
  poolSize?: number;
}

/**
 * Kysely's SQLite driver prepares every query afresh; preparing costs more than running most of ours. Reuse a
 * prepared statement per SQL text (bounded; a statement still iterating a stream gets a fresh one).
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) return hit;
    const stmt = sqlite.prepare(source);
    if (!hit) {
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(source, stmt);
    }
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare;
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** The better-sqlite3 connection behind each SQLite Kysely instance, by its adapter (transactions share it). */
const connections = new WeakMap<object, SQLite.Database>();

/**
 * The better-sqlite3 connection under `db` when it is an open SQLite transaction, else undefined. Statements run
 * on it directly are part of that transaction (SQLite has one connection, and the transaction holds it until it
 * ends); outside a transaction the connection may be another caller's, so none is given.
 */
export function sqliteInTransaction(db: Executor): SQLite.Database | undefined {
  return db.isTransaction ? connections.get(db.getExecutor().adapter) : undefined;
}

export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<Database> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    // WAL: readers never block the writer; synchronous=NORMAL is durable across process crashes in WAL mode.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // SQLite's default page cache is 2 MB: a school's five years of concerns are hundreds of MB, and a
    // dashboard or chronology that misses the cache reads every page through a system call. 64 MB of cache and
    // reads through a memory map of up to 1 GB make those reads several times faster at 100,000 concerns.
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('mmap_size = 1073741824');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    connections.set(db.getExecutor().adapter, sqlite);
    return { db, dialect: 'sqlite', file: path.resolve(file), url, close: () => db.destroy() };
  }
  const schema = opts.pgSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('bad PostgreSQL schema name');
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  if (schema) pool.on('connect', (client) => void client.query(`SET search_path TO ${schema}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', url, ...(schema ? { pgSchema: schema } : {}), close: () => db.destroy() };
}
