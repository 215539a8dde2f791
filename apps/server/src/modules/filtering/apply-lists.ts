import type { FilterCategory } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { addMinutes, iso } from '../../lib/time.js';
import type { DiffItem } from './apply.js';
import { pairDiff, versionPairs } from './keys.js';
import type { Op } from './schema.js';
import type { List, SchoolFilterState } from './state.js';

/** What a staged import is; stored with it so an approved request can turn it into a list. */
export interface ListMeta {
  kind: 'block' | 'allow';
  category: FilterCategory | null;
  source: 'upload' | 'url' | 'file';
  url: string | null;
  format: string;
  licensed: boolean;
}

const refuse = (message: string, path: string) => new AppError('validation', message, [{ path, message }]);

async function stagedVersion(tx: Executor, schoolId: string, id: string, path: string) {
  const v = await tx
    .selectFrom('filter_list_versions')
    .selectAll()
    .where('id', '=', id)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  if (!v || v.status !== 'staged')
    throw refuse('That import is not waiting to be added (stage the list again)', path);
  return { ...v, meta: JSON.parse(v.meta) as ListMeta };
}

const listView = (
  l: Pick<
    List,
    'id' | 'name' | 'kind' | 'category' | 'source' | 'url' | 'refreshHours' | 'enabled' | 'licensed'
  >,
  entries: number,
) => ({
  id: l.id,
  name: l.name,
  kind: l.kind,
  category: l.category,
  source: l.source,
  url: l.url,
  refreshHours: l.refreshHours,
  enabled: l.enabled,
  licensed: l.licensed,
  entries,
});

export async function applyListOp(
  ctx: AppContext,
  tx: Executor,
  s: SchoolFilterState,
  op: Extract<Op, { op: 'list.add' | 'list.update' | 'list.remove' }>,
  o: { path: string; changeRequestId: string },
): Promise<DiffItem> {
  const now = ctx.clock.now();
  const own = (id: string) => {
    const l = s.lists.find((x) => x.id === id && x.schoolId === s.schoolId);
    if (!l) throw refuse('That list is not one of this school’s lists', `${o.path}.listId`);
    return l;
  };
  const refreshAt = (hours: number | null, source: string) =>
    hours && source !== 'upload' ? iso(addMinutes(now, hours * 60)) : null;
  if (op.op === 'list.add') {
    const v = await stagedVersion(tx, s.schoolId, op.stagedVersionId, `${o.path}.stagedVersionId`);
    const id = newId();
    const m = v.meta;
    await tx
      .insertInto('filter_lists')
      .values({
        id,
        school_id: s.schoolId,
        organisation_id: null,
        name: op.name,
        kind: m.kind,
        category: m.category,
        source: m.source,
        url: m.url,
        format: m.format,
        refresh_hours: m.source === 'upload' ? null : op.refreshHours,
        licensed: m.licensed ? 1 : 0,
        enabled: 1,
        current_version_id: v.id,
        next_refresh_at: refreshAt(op.refreshHours, m.source),
        created_at: iso(now),
        change_request_id: o.changeRequestId,
        removed_at: null,
      })
      .execute();
    await tx
      .updateTable('filter_list_versions')
      .set({ status: 'active', list_id: id })
      .where('id', '=', v.id)
      .execute();
    const after = listView(
      {
        id,
        name: op.name,
        kind: m.kind,
        category: m.category,
        source: m.source,
        url: m.url,
        refreshHours: op.refreshHours,
        enabled: true,
        licensed: m.licensed,
      },
      v.entries,
    );
    return {
      op: op.op,
      entity: 'list',
      id,
      before: null,
      after: { ...after, badLines: v.bad_lines, pathEntries: v.path_entries },
    };
  }
  const l = own(op.listId);
  const before = listView(l, l.entries);
  if (op.op === 'list.remove') {
    if (l.category === 'illegal')
      throw refuse(
        'An illegal-content list cannot be removed: replace it with the provider’s newer file',
        `${o.path}.listId`,
      );
    await tx
      .updateTable('filter_lists')
      .set({ removed_at: iso(now) })
      .where('id', '=', l.id)
      .where('school_id', '=', s.schoolId)
      .execute();
    // Groups that used it as an allow list stop using it (shown in the diff through the list's removal).
    for (const g of s.groups.filter((x) => x.allowLists.includes(l.id)))
      await tx
        .updateTable('filter_groups')
        .set({ allow_lists: JSON.stringify(g.allowLists.filter((x) => x !== l.id)) })
        .where('id', '=', g.id)
        .execute();
    return { op: op.op, entity: 'list', id: l.id, before, after: null };
  }
  if (op.enabled === false && l.category === 'illegal')
    throw refuse('Illegal-content filtering cannot be switched off, by anyone', `${o.path}.enabled`);
  let entries = l.entries;
  let counts: { added: number; removed: number } | null = null;
  const set: Record<string, unknown> = {};
  if (op.stagedVersionId) {
    const v = await stagedVersion(tx, s.schoolId, op.stagedVersionId, `${o.path}.stagedVersionId`);
    if (v.meta.kind !== l.kind || v.meta.category !== l.category)
      throw refuse(
        'The new import must be the same kind and category as the list',
        `${o.path}.stagedVersionId`,
      );
    counts = l.currentVersionId
      ? pairDiff(await versionPairs(tx, l.currentVersionId), await versionPairs(tx, v.id))
      : { added: v.entries, removed: 0 };
    if (l.currentVersionId)
      await tx
        .updateTable('filter_list_versions')
        .set({ status: 'superseded' })
        .where('id', '=', l.currentVersionId)
        .execute();
    await tx
      .updateTable('filter_list_versions')
      .set({ status: 'active', list_id: l.id, added: counts.added, removed: counts.removed })
      .where('id', '=', v.id)
      .execute();
    set.current_version_id = v.id;
    entries = v.entries;
  }
  if (op.name !== undefined) set.name = op.name;
  if (op.enabled !== undefined) set.enabled = op.enabled ? 1 : 0;
  if (op.refreshHours !== undefined && l.source !== 'upload') {
    set.refresh_hours = op.refreshHours;
    set.next_refresh_at = refreshAt(op.refreshHours, l.source);
  }
  if (Object.keys(set).length > 0)
    await tx
      .updateTable('filter_lists')
      .set(set)
      .where('id', '=', l.id)
      .where('school_id', '=', s.schoolId)
      .execute();
  const after = listView(
    {
      ...l,
      name: op.name ?? l.name,
      enabled: op.enabled ?? l.enabled,
      refreshHours: op.refreshHours !== undefined && l.source !== 'upload' ? op.refreshHours : l.refreshHours,
    },
    entries,
  );
  return { op: op.op, entity: 'list', id: l.id, before, after: counts ? { ...after, ...counts } : after };
}
