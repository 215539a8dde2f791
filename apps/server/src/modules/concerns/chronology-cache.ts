import type { Executor } from '../../db/index.js';
import type { Caller } from '../../http/caller.js';
import { chronologyRows } from './chronology-rows.js';
import { viewerKey } from './dashboard-cache.js';

/**
 * A pupil's chronology rows, kept per viewer and pupil until any concern table of the school changes (the
 * concern revision, migration 0018, bumped by triggers whoever writes). At 100,000 concerns a busy pupil has
 * dozens of concerns and hundreds of rows, read by nine queries. What is kept is the rows as stored: the
 * narratives stay sealed in memory and are opened for each reader, as before; every view is still audited.
 */
type Rows = Awaited<ReturnType<typeof chronologyRows>>;
interface Kept {
  rev: number;
  rows: Promise<Rows>;
}
const MAX = 200;
const kept = new WeakMap<Executor, Map<string, Kept>>();

/** `rev` is the school's concern revision, read before any of the rows. */
export async function keptRows(c: Caller, pupilId: string, rev: number): Promise<Rows> {
  const db = c.ctx.db;
  let all = kept.get(db);
  if (!all) kept.set(db, (all = new Map<string, Kept>()));
  const key = `${viewerKey(c)}|${pupilId}`;
  const have = all.get(key);
  if (have && have.rev === rev) {
    all.delete(key); // most recently used last
    all.set(key, have);
    return have.rows;
  }
  const entry: Kept = { rev, rows: chronologyRows(c, pupilId) };
  all.delete(key);
  if (all.size >= MAX) all.delete(all.keys().next().value!);
  all.set(key, entry);
  entry.rows.catch(() => {
    if (all.get(key) === entry) all.delete(key);
  });
  return entry.rows;
}
