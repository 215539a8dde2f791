import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { getSchool } from '../schools/service.js';
import { settingDef, settingDefs, type SettingDef } from './registry.js';
import * as repo from './repo.js';

export interface SettingState<T = unknown> {
  key: string;
  description: string;
  value: T;
  /** 0 while the school still uses the default. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

async function schoolName(ctx: AppContext, schoolId: string, db: Executor = ctx.db): Promise<string> {
  return (await getSchool(ctx, schoolId, db))?.name ?? '';
}

function stateOf<T>(
  def: SettingDef<T>,
  row: { value: string; version: number; updated_at: string; updated_by: string | null } | undefined,
  fallback: () => T,
): SettingState<T> {
  // A stored value that no longer fits its schema (an older shape) falls back to the default, never crashes.
  const parsed = row ? def.schema.safeParse(JSON.parse(row.value)) : undefined;
  return {
    key: def.key,
    description: def.description,
    value: parsed?.success ? parsed.data : fallback(),
    version: row?.version ?? 0,
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ?? null,
  };
}

/** Every registered setting for a school, stored or default. */
export async function listSettings(ctx: AppContext, opts: { schoolId: string }): Promise<SettingState[]> {
  const rows = new Map((await repo.settingsOf(ctx.db, opts.schoolId)).map((r) => [r.key, r]));
  const name = await schoolName(ctx, opts.schoolId);
  return settingDefs().map((def) =>
    stateOf(def, rows.get(def.key), () => def.defaultValue({ schoolName: name, ctx })),
  );
}

/** One setting's typed value, for other modules: `getSetting(ctx, SafeguardingContacts, schoolId)`. */
export async function getSetting<T>(
  ctx: AppContext,
  def: SettingDef<T>,
  schoolId: string,
  db: Executor = ctx.db,
): Promise<T> {
  const row = await repo.settingRow(db, schoolId, def.key);
  if (row) {
    const state = stateOf(def, row, () => undefined as T);
    if (state.value !== undefined) return state.value;
  }
  // Inside a caller's transaction every query must use it (SQLite has one connection and would wait on itself).
  return def.defaultValue({ schoolName: await schoolName(ctx, schoolId, db), ctx });
}

const changedFields = (before: unknown, after: unknown): string[] => {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .sort();
};

/**
 * Changes one setting: validated by its schema, only from the version the caller read (409 otherwise),
 * with a history row and an audit entry (field names only) in the same transaction.
 */
export async function updateSetting(
  ctx: AppContext,
  opts: {
    schoolId: string;
    actorAccountId: string;
    ip: string | null;
    key: string;
    value: unknown;
    expectedVersion: number;
  },
): Promise<SettingState> {
  const def = settingDef(opts.key);
  if (!def) throw new AppError('validation', `There is no setting called ${opts.key}`);
  const parsed = def.schema.safeParse(opts.value);
  if (!parsed.success)
    throw new AppError(
      'validation',
      'The value is not valid for this setting',
      parsed.error.issues.map((i) => ({ path: ['value', ...i.path].join('.'), message: i.message })),
    );
  const value = parsed.data;
  const name = await schoolName(ctx, opts.schoolId);
  return ctx.db.transaction().execute(async (tx) => {
    const problems = def.check ? await def.check(ctx, tx, opts.schoolId, value) : [];
    if (problems.length > 0)
      throw new AppError(
        'validation',
        'The value is not valid for this setting',
        problems.map((message) => ({ path: 'value', message })),
      );
    const current = await repo.settingRow(tx, opts.schoolId, def.key);
    const before = stateOf(def, current, () => def.defaultValue({ schoolName: name, ctx }));
    const conflict = () =>
      new AppError('conflict', 'Someone else changed this setting: reload it and try again', {
        currentVersion: before.version,
      });
    if (before.version !== opts.expectedVersion) throw conflict();
    const now = iso(ctx.clock.now());
    const row = {
      school_id: opts.schoolId,
      key: def.key,
      value: JSON.stringify(value),
      version: opts.expectedVersion + 1,
      updated_at: now,
      updated_by: opts.actorAccountId,
    };
    if (!(await repo.writeSetting(tx, row, opts.expectedVersion))) throw conflict();
    await repo.addHistory(tx, {
      id: newId(),
      school_id: opts.schoolId,
      key: def.key,
      value: row.value,
      version: row.version,
      changed_at: now,
      changed_by: opts.actorAccountId,
    });
    await appendAudit(
      ctx,
      {
        schoolId: opts.schoolId,
        actorAccountId: opts.actorAccountId,
        action: 'setting.update',
        entityType: 'setting',
        entityId: def.key,
        ip: opts.ip,
        details: { version: row.version, fields: changedFields(before.value, value) },
      },
      tx,
    );
    return stateOf(def, row, () => value);
  });
}
