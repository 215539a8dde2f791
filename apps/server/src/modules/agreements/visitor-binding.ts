import { canonicalIp, parseCidr, parseIp, prefixContains } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { PersonTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { bumpVersion } from '../filtering/live.js';

/** A visit with no end time recorded is bound for a school day at most. */
export const UNTIMED_VISIT_HOURS = 8;

/**
 * "Before using any school resources" (policy 5.3; clarification 14): a guest on an "AUP only" filtering group
 * reaches nothing but Harbour until they accept the visitor agreement. Accepting it binds the address they
 * signed from to that guest group itself (filtered like any guest) until the visit ends. Returns the binding
 * (the caller refreshes the live policy after its transaction), or null when no AUP-only group applies.
 */
export async function bindVisitorAddress(
  ctx: AppContext,
  tx: Executor,
  o: { schoolId: string; visitor: Pick<PersonTable, 'id' | 'access_ends_at'>; ip: string | null },
): Promise<{ id: string; groupId: string; address: string; expiresAt: string } | null> {
  const address = o.ip ? canonicalIp(o.ip) : null;
  const bytes = address ? parseIp(address) : null;
  if (!address || !bytes) return null;
  const now = ctx.clock.now();
  const end = o.visitor.access_ends_at
    ? new Date(o.visitor.access_ends_at)
    : new Date(now.getTime() + UNTIMED_VISIT_HOURS * 3_600_000);
  if (end <= now) return null;
  const groups = await tx
    .selectFrom('filter_groups')
    .select(['id', 'subnets', 'is_default'])
    .where('school_id', '=', o.schoolId)
    .where('aup_only', '=', 1)
    .orderBy('position')
    .execute();
  // The AUP-only group whose subnet the address is in; else the default group, if it is AUP-only.
  const inSubnet = groups.find((g) =>
    (JSON.parse(g.subnets) as string[]).some((c) => {
      const p = parseCidr(c);
      return !!p && prefixContains(p, bytes);
    }),
  );
  const group = inSubnet ?? groups.find((g) => g.is_default === 1);
  if (!group) return null;
  const id = newId();
  const expiresAt = iso(end);
  await tx
    .insertInto('filter_bindings')
    .values({
      id,
      school_id: o.schoolId,
      address,
      group_id: group.id,
      expires_at: expiresAt,
      source: `aup:${o.visitor.id}`,
      created_at: iso(now),
    })
    .execute();
  await bumpVersion(ctx, tx, { schoolId: o.schoolId, cause: 'binding', refId: id });
  return { id, groupId: group.id, address, expiresAt };
}
