import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { prepared } from '../../db/prepared.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId, newToken, sha256 } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { accountNames } from '../filtering/people.js';

/**
 * Monitoring sources (issue 6): each agent, proxy or extension that sends events has its own token, issued by
 * an administrator, shown once and stored hashed; a revoked token is refused at once. CSV imports and the
 * resolver's signals have a source row of their own (no token), so every event names where it came from.
 */
const TOKEN_PREFIX = 'hbm_';

export async function issueSource(c: Caller, name: string) {
  const token = `${TOKEN_PREFIX}${newToken()}`;
  const id = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('monitor_sources')
      .values({
        id,
        school_id: c.actor.schoolId,
        name,
        kind: 'agent',
        token_hash: sha256(token),
        created_by: c.actor.accountId,
        created_at: iso(c.ctx.clock.now()),
        revoked_at: null,
        revoked_by: null,
        last_seen_at: null,
        rate_window: null,
        rate_count: 0,
      })
      .execute();
    await auditAs(c, tx, 'monitor.source.issue', { type: 'monitor_source', id });
  });
  return { source: { id, name }, token };
}

export async function listSources(c: Caller) {
  const rows = await c.ctx.db
    .selectFrom('monitor_sources')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .orderBy('created_at', 'desc')
    .execute();
  const names = await accountNames(
    c.ctx.db,
    c.actor.schoolId,
    rows.flatMap((r) => (r.created_by ? [r.created_by] : [])),
  );
  return {
    sources: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      createdBy: r.created_by ? (names.get(r.created_by) ?? 'Unknown') : null,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
      lastSeenAt: r.last_seen_at,
    })),
  };
}

export async function revokeSource(c: Caller, id: string) {
  await c.ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('monitor_sources')
      .set({ revoked_at: iso(c.ctx.clock.now()), revoked_by: c.actor.accountId })
      .where('id', '=', id)
      .where('school_id', '=', c.actor.schoolId)
      .where('kind', '=', 'agent')
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('not_found', 'Not found');
    await auditAs(c, tx, 'monitor.source.revoke', { type: 'monitor_source', id });
  });
  return { revoked: true };
}

/** Every batch's first query: built and compiled once (db/prepared.ts). */
const sourceByToken = prepared((db, tokenHash) =>
  db
    .selectFrom('monitor_sources')
    .select(['id', 'school_id', 'name'])
    .where('token_hash', '=', tokenHash)
    .where('kind', '=', 'agent')
    .where('revoked_at', 'is', null),
);

/**
 * The source a bearer token names, unless revoked: 401 otherwise. The token's form is checked first, so a
 * malformed one costs no query; the ingestion route calls this before the body is read.
 */
export async function authenticateSource(ctx: AppContext, header: string | undefined) {
  const m = /^Bearer (hbm_\S{10,200})$/.exec(header ?? '');
  const row = m ? (await sourceByToken(ctx.db, sha256(m[1]!)))[0] : undefined;
  if (!row) throw new AppError('unauthenticated', 'A valid monitoring source token is required');
  return { id: row.id, schoolId: row.school_id, name: row.name };
}

/** The school's own source row for imports or resolver signals, made on first use. */
export async function internalSource(
  ctx: AppContext,
  db: Executor,
  schoolId: string,
  kind: 'import' | 'resolver',
): Promise<string> {
  const found = await db
    .selectFrom('monitor_sources')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (found) return found.id;
  const id = newId();
  await db
    .insertInto('monitor_sources')
    .values({
      id,
      school_id: schoolId,
      name: kind === 'import' ? 'CSV imports' : 'Filtering resolver',
      kind,
      token_hash: null,
      created_by: null,
      created_at: iso(ctx.clock.now()),
      revoked_at: null,
      revoked_by: null,
      last_seen_at: null,
      rate_window: null,
      rate_count: 0,
    })
    .execute();
  return id;
}
