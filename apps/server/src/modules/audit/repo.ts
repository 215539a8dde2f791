import { sql } from 'kysely';
import type { Dialect, Executor } from '../../db/index.js';
import type { AuditEntryTable } from '../../db/schema.js';

const headForUpdate = (db: Executor, chain: string) =>
  db.selectFrom('audit_chain_heads').selectAll().where('chain', '=', chain).forUpdate().executeTakeFirst();

/** The head as `read` finds it, the head row made first when the chain has none yet (PostgreSQL). */
async function headOrMade<H>(db: Executor, chain: string, read: () => Promise<H | undefined>): Promise<H> {
  const head = await read();
  if (head) return head;
  await db
    .insertInto('audit_chain_heads')
    .values({ chain, seq: 0, hash: '0'.repeat(64) })
    .onConflict((oc) => oc.column('chain').doNothing())
    .execute();
  const made = await read();
  if (!made) throw new Error(`audit chain head ${chain} vanished`);
  return made;
}

/**
 * The chain's head, locked until the transaction ends on PostgreSQL (appends from other transactions wait). The
 * head row is made only the first time a chain is used: every other append locks the row it finds, one round trip.
 */
export async function lockHead(db: Executor, dialect: Dialect, chain: string) {
  if (dialect === 'postgres') return headOrMade(db, chain, () => headForUpdate(db, chain));
  // SQLite: the write transaction already serialises appends.
  return db.selectFrom('audit_chain_heads').selectAll().where('chain', '=', chain).executeTakeFirst();
}

/** Rows a statement at most (13 values each: well inside both databases' limits on parameters). */
export const ROWS = 500;

/** PostgreSQL: the chain's head as committed, unlocked; made the first time a chain is used. */
export const readHead = (db: Executor, chain: string) =>
  headOrMade(db, chain, () =>
    db.selectFrom('audit_chain_heads').selectAll().where('chain', '=', chain).executeTakeFirst(),
  );

/**
 * PostgreSQL, in one statement (its own transaction): moves the head from `head` to the last row and writes the
 * rows, or, when the head is no longer `head` (another transaction appended, or holds it and then does), writes
 * nothing. A head locked by an open transaction makes the statement wait for it and then look again. True when
 * the rows were written.
 */
export async function appendIfHead(
  db: Executor,
  head: { chain: string; seq: number; hash: string },
  rows: AuditEntryTable[],
): Promise<boolean> {
  const last = rows[rows.length - 1]!;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}, ${r.chain}, ${r.seq}::integer, ${r.at}, ${r.school_id}, ${r.actor_account_id}, ${r.action}, ${r.entity_type}, ${r.entity_id}, ${r.ip}, ${r.details}, ${r.prev_hash}, ${r.hash})`,
    ),
  );
  const written = await sql<{ id: string }>`
    WITH moved AS (
      UPDATE audit_chain_heads SET seq = ${last.seq}, hash = ${last.hash}
      WHERE chain = ${head.chain} AND seq = ${head.seq} AND hash = ${head.hash}
      RETURNING chain
    )
    INSERT INTO audit_entries (id, chain, seq, at, school_id, actor_account_id, action, entity_type, entity_id, ip,
      details, prev_hash, hash)
    SELECT * FROM (VALUES ${values}) AS v WHERE EXISTS (SELECT 1 FROM moved)
    RETURNING id`.execute(db);
  return written.rows.length === rows.length;
}

/**
 * Writes entries that follow one another in one chain and moves the head to the last. On PostgreSQL the head row
 * exists (lockHead made it) and each statement writes its rows and moves the head; SQLite has no writing CTEs
 * and needs none (the database is in process).
 */
export async function insertEntries(db: Executor, dialect: Dialect, rows: AuditEntryTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS) {
    const part = rows.slice(i, i + ROWS);
    const last = part[part.length - 1]!;
    if (dialect === 'postgres') {
      await db
        .with('entries', (qc) => qc.insertInto('audit_entries').values(part))
        .updateTable('audit_chain_heads')
        .set({ seq: last.seq, hash: last.hash })
        .where('chain', '=', last.chain)
        .execute();
      continue;
    }
    await db.insertInto('audit_entries').values(part).execute();
    await db
      .insertInto('audit_chain_heads')
      .values({ chain: last.chain, seq: last.seq, hash: last.hash })
      .onConflict((oc) => oc.column('chain').doUpdateSet({ seq: last.seq, hash: last.hash }))
      .execute();
  }
}

export async function allHeads(db: Executor) {
  return db.selectFrom('audit_chain_heads').selectAll().orderBy('chain').execute();
}

export interface AuditFilter {
  schoolId: string;
  actorAccountId?: string | undefined;
  /** Action prefix: "auth." matches every sign-in entry. */
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  /** Only entries older than this one (paging goes backwards through the school's chain). */
  before?: { at?: string; seq: number } | undefined;
  /** Entries about these records are left out (records the reader may not meet, clarification 6). */
  hidden?: { entityType: string; ids: string[] }[] | undefined;
}

/** One school's entries, newest first. A school's entries are all in its own chain, so seq orders them. */
export async function listEntries(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('audit_entries').selectAll().where('school_id', '=', f.schoolId);
  if (f.actorAccountId) q = q.where('actor_account_id', '=', f.actorAccountId);
  // substr, not LIKE: "_" in action names is a LIKE wildcard, and this reads the same on both databases.
  if (f.action) q = q.where(sql<string>`substr(action, 1, ${f.action.length})`, '=', f.action);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.before) q = q.where('seq', '<', f.before.seq);
  for (const h of f.hidden ?? [])
    if (h.ids.length)
      q = q.where((eb) =>
        eb.or([
          eb('entity_type', 'is', null),
          eb('entity_type', '!=', h.entityType),
          eb('entity_id', 'is', null),
          eb('entity_id', 'not in', h.ids),
        ]),
      );
  return q.orderBy('seq', 'desc').limit(f.limit).execute();
}

export async function usernamesOf(db: Executor, accountIds: string[]): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'username'])
    .where('id', 'in', [...new Set(accountIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}

export async function accountIdByUsername(db: Executor, username: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  return row?.id;
}

/** Walks one chain in sequence order, a page at a time, so a million entries never sit in memory. */
export async function* walkChain(db: Executor, chain: string, pageSize = 5000) {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('chain', '=', chain)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]!.seq;
  }
}

export async function chainsInEntries(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .select(sql<string>`distinct chain`.as('chain'))
    .execute();
  return rows.map((r) => r.chain);
}
