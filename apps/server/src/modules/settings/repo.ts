import type { Executor } from '../../db/index.js';
import type { SettingHistoryTable, SettingTable } from '../../db/schema.js';

export async function settingsOf(db: Executor, schoolId: string): Promise<SettingTable[]> {
  return db.selectFrom('settings').selectAll().where('school_id', '=', schoolId).execute();
}

export async function settingRow(db: Executor, schoolId: string, key: string) {
  return db
    .selectFrom('settings')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Writes version `row.version` only if the stored one is still `expected`; false when someone got there first. */
export async function writeSetting(db: Executor, row: SettingTable, expected: number): Promise<boolean> {
  if (expected === 0) {
    const r = await db
      .insertInto('settings')
      .values(row)
      .onConflict((oc) => oc.columns(['school_id', 'key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db
    .updateTable('settings')
    .set({ value: row.value, version: row.version, updated_at: row.updated_at, updated_by: row.updated_by })
    .where('school_id', '=', row.school_id)
    .where('key', '=', row.key)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function addHistory(db: Executor, h: SettingHistoryTable): Promise<void> {
  await db.insertInto('settings_history').values(h).execute();
}
