import { auditInputOf, type Caller } from '../../http/caller.js';
import { appendAudits } from '../audit/service.js';

/**
 * Audits a read that showed several concerns (clarification 8: one entry with the filter and the ids). A
 * restricted record's id never goes into that shared entry: each gets an entry of its own naming it as the
 * entity, which the audit trail hides from everyone who may not see it (clarification 6). A read has no
 * transaction of its own: the entries are written together, with the other appends of the moment.
 */
export async function auditConcernList(
  c: Caller,
  action: string,
  entity: { type: string; id?: string },
  details: Record<string, unknown>,
  shown: { id: string; restricted: boolean | number }[],
): Promise<void> {
  const open = shown.filter((s) => !s.restricted).map((s) => s.id);
  const restricted = shown.filter((s) => s.restricted).map((s) => s.id);
  await appendAudits(c.ctx, [
    auditInputOf(c, action, entity, { ...details, ids: open, restricted: restricted.length }),
    ...restricted.map((id) => auditInputOf(c, `${action}.restricted`, { type: 'concern', id })),
  ]);
}
