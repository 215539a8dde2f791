import type { AppContext } from '../../context.js';
import { open, openText, seal } from '../../lib/crypto.js';

/**
 * Per-school data keys (clarification 12): each school's key is wrapped by the master key and unwrapped on first
 * use. Narratives, attachments and event text are sealed under it, with the record id as associated data so a
 * sealed value cannot be moved to another record.
 */
const cache = new WeakMap<Buffer, Map<string, Buffer>>();

export async function schoolKey(ctx: AppContext, schoolId: string): Promise<Buffer> {
  let perMaster = cache.get(ctx.masterKey);
  if (!perMaster) cache.set(ctx.masterKey, (perMaster = new Map<string, Buffer>()));
  const hit = perMaster.get(schoolId);
  if (hit) return hit;
  const row = await ctx.db
    .selectFrom('school_keys')
    .select('wrapped_key')
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  if (!row) throw new Error(`school ${schoolId} has no data key`);
  const key = open(ctx.masterKey, row.wrapped_key, `school:${schoolId}`);
  perMaster.set(schoolId, key);
  return key;
}

export async function sealForSchool(
  ctx: AppContext,
  schoolId: string,
  recordId: string,
  text: string,
): Promise<string> {
  return seal(await schoolKey(ctx, schoolId), text, recordId);
}

export async function openForSchool(
  ctx: AppContext,
  schoolId: string,
  recordId: string,
  sealed: string,
): Promise<string> {
  return openText(await schoolKey(ctx, schoolId), sealed, recordId);
}
