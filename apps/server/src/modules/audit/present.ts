import type { AuditEntryView } from '@harbour/shared';
import type { AuditEntryTable } from '../../db/schema.js';

function parseDetails(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return {};
  }
}

/** Audit rows -> API shape; hashes and chain bookkeeping stay inside (verify is the CLI's job). */
export function presentEntry(e: AuditEntryTable, usernames: Map<string, string>): AuditEntryView {
  return {
    id: e.id,
    seq: e.seq,
    at: e.at,
    actor: e.actor_account_id
      ? { accountId: e.actor_account_id, username: usernames.get(e.actor_account_id) ?? null }
      : null,
    action: e.action,
    entityType: e.entity_type,
    entityId: e.entity_id,
    ip: e.ip,
    details: parseDetails(e.details),
  };
}
