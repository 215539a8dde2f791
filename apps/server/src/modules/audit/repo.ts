import { sql } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { AuditEntryTable } from '../../db/schema.js';

export async function lockHead(db: Executor, dialect: 'sqlite' | 'postgres', chain: string) {
  if (dialect === 'postgres') {
    await db
      .insertInto('audit_chain_heads')
      .values({ chain, seq: 0, hash: '0'.repeat(64) })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    return db
      .selectFrom('audit_chain_heads')
      .selectAll()
      .where('chain', '=', chain)
      .forUpdate()
      .executeTakeFirstOrThrow();
  }
  // SQLite: the write transaction already serialises appends.
  return db.selectFrom('audit_chain_heads').selectAll().where('chain', '=', chain).executeTakeFirst();
}

export async function insertEntry(db: Executor, e: AuditEntryTable): Promise<void> {
  await db.insertInto('audit_entries').values(e).execute();
  await db
    .insertInto('audit_chain_heads')
    .values({ chain: e.chain, seq: e.seq, hash: e.hash })
    .onConflict((oc) => oc.column('chain').doUpdateSet({ seq: e.seq, hash: e.hash }))
    .execute();
}

export async function allHeads(db: Executor) {
  return db.selectFrom('audit_chain_heads').selectAll().orderBy('chain').execute();
}

export interface AuditFilter {
  schoolId: string;
  actorAccountId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  before?: { at: string; seq: number } | undefined;
}

export async function listEntries(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('audit_entries').selectAll().where('school_id', '=', f.schoolId);
  if (f.actorAccountId) q = q.where('actor_account_id', '=', f.actorAccountId);
  if (f.action) q = q.where('action', 'like', `${f.action}%`);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.before) q = q.where('seq', '<', f.before.seq);
  return q.orderBy('seq', 'desc').limit(f.limit).execute();
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
