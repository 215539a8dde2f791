import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { seal } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { randomBytes } from 'node:crypto';
import { iso } from '../../lib/time.js';

export async function createOrganisation(
  ctx: AppContext,
  opts: { name: string; kind: 'trust' | 'local_authority' },
  db: Executor = ctx.db,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('organisations')
    .values({ id, name: opts.name, kind: opts.kind, created_at: iso(ctx.clock.now()) })
    .execute();
  return id;
}

/** A school and its own data key, wrapped by the master key (clarification 12). */
export async function createSchool(
  ctx: AppContext,
  opts: { name: string; slug: string; organisationId?: string | null; timeZone?: string },
  db: Executor = ctx.db,
): Promise<string> {
  const id = newId();
  const now = iso(ctx.clock.now());
  await db
    .insertInto('schools')
    .values({
      id,
      organisation_id: opts.organisationId ?? null,
      name: opts.name,
      slug: opts.slug,
      time_zone: opts.timeZone ?? 'Europe/London',
      created_at: now,
    })
    .execute();
  await db
    .insertInto('school_keys')
    .values({
      school_id: id,
      wrapped_key: seal(ctx.masterKey, randomBytes(32), `school:${id}`),
      created_at: now,
    })
    .execute();
  return id;
}

/** Pass the open transaction as `db` inside one: SQLite has a single connection and would wait on itself. */
export async function getSchool(ctx: AppContext, schoolId: string, db: Executor = ctx.db) {
  return db.selectFrom('schools').selectAll().where('id', '=', schoolId).executeTakeFirst();
}
