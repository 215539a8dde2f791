import type { AppContext } from '../../context.js';
import { open, openText, seal } from '../../lib/crypto.js';
import { schoolKey } from '../schools/keys.js';

/**
 * Concern narratives and files are sealed with AES-256-GCM under the school's key (clarification 12). The
 * associated data is "<row id>:<column>", so a sealed value cannot be moved to another record or field.
 */
export interface Sealer {
  text(rowId: string, column: string, value: string): string;
  maybe(rowId: string, column: string, value: string | null | undefined): string | null;
  bytes(rowId: string, column: string, value: Buffer): string;
}
export interface Opener {
  text(rowId: string, column: string, sealed: string): string;
  maybe(rowId: string, column: string, sealed: string | null): string | null;
  bytes(rowId: string, column: string, sealed: string): Buffer;
}

const aad = (rowId: string, column: string) => `${rowId}:${column}`;

export async function sealer(ctx: AppContext, schoolId: string): Promise<Sealer> {
  const key = await schoolKey(ctx, schoolId);
  const text = (id: string, col: string, v: string) => seal(key, v, aad(id, col));
  return {
    text,
    maybe: (id, col, v) => (v === null || v === undefined || v === '' ? null : text(id, col, v)),
    bytes: (id, col, v) => seal(key, v, aad(id, col)),
  };
}

export async function opener(ctx: AppContext, schoolId: string): Promise<Opener> {
  const key = await schoolKey(ctx, schoolId);
  const text = (id: string, col: string, s: string) => openText(key, s, aad(id, col));
  return {
    text,
    maybe: (id, col, s) => (s === null ? null : text(id, col, s)),
    bytes: (id, col, s) => open(key, s, aad(id, col)),
  };
}
