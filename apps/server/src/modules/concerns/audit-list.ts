import type { Executor } from '../../db/index.js';
import { auditAs, type Caller } from '../../http/caller.js';

/**
 * Audits a read that showed several concerns (clarification 8: one entry with the filter and the ids). A
 * restricted record's id never goes into that shared entry: each gets an entry of its own naming it as the
 * entity, which the audit trail hides from everyone who may not see it (clarification 6).
 */
export async function auditConcernList(
  c: Caller,
  tx: Executor,
  action: string,
  entity: { type: string; id?: string },
  details: Record<string, unknown>,
  shown: { id: string; restricted: boolean | number }[],
): Promise<void> {
  const open = shown.filter((s) => !s.restricted).map((s) => s.id);
  const restricted = shown.filter((s) => s.restricted).map((s) => s.id);
  await auditAs(c, tx, action, entity, { ...details, ids: open, restricted: restricted.length });
  for (const id of restricted) await auditAs(c, tx, `${action}.restricted`, { type: 'concern', id });
}
