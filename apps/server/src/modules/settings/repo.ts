import type { Executor } from '../../db/index.js';
import { prepared } from '../../db/prepared.js';
import type { SettingHistoryTable, SettingTable } from '../../db/schema.js';

export async function settingsOf(db: Executor, schoolId: string): Promise<SettingTable[]> {
  return db.selectFrom('settings').selectAll().where('school_id', '=', schoolId).execute();
}

/** Built and compiled once (db/prepared.ts): ingestion reads a setting twice a batch. */
const settingRowQuery = prepared((db, schoolId, key) =>
  db.selectFrom('settings').selectAll().where('school_id', '=', schoolId).where('key', '=', key),
);

export async function settingRow(
  db: Executor,
  schoolId: string,
  key: string,
): Promise<SettingTable | undefined> {
  return (await settingRowQuery(db, schoolId, key))[0];
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
