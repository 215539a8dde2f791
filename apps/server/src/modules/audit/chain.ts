import { sha256 } from '../../lib/ids.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainFields {
  chain: string;
  seq: number;
  at: string;
  school_id: string | null;
  actor_account_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
  details: string;
}

/** The hash of an entry covers every field and the previous entry's hash, so any edit or removal shows. */
export function entryHash(prevHash: string, e: ChainFields): string {
  return sha256(
    JSON.stringify([
      prevHash,
      e.chain,
      e.seq,
      e.at,
      e.school_id,
      e.actor_account_id,
      e.action,
      e.entity_type,
      e.entity_id,
      e.ip,
      e.details,
    ]),
  );
}

/** Chains are per school (clarification 8); actions outside any school (a failed sign-in) use "global". */
export const chainFor = (schoolId: string | null | undefined): string => schoolId ?? 'global';
