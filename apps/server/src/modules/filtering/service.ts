import { CATEGORY_INFO, FILTER_CATEGORIES, SuffixKeys } from '@harbour/shared';
import { AppError } from '../../lib/errors.js';
import type { Caller } from './caller.js';
import { listCovers, versionPairs } from './keys.js';
import { livePolicy } from './live.js';
import { aupGroupId } from './policy-build.js';
import { loadSchoolState } from './state.js';

/** Reading the school's live filtering policy (filtering.read). Changes go through changes.ts. */
export async function getPolicy(c: Caller) {
  const s = await loadSchoolState(c.ctx, c.ctx.db, c.actor.schoolId);
  const version = await c.ctx.db
    .selectFrom('filter_policy_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const unblocks = await c.ctx.db
    .selectFrom('filter_unblocks')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .where('ended_at', 'is', null)
    .orderBy('expires_at')
    .execute();
  return {
    categories: FILTER_CATEGORIES.map((id) => ({ id, ...CATEGORY_INFO[id] })),
    groups: s.groups.map(({ schoolId: _s, position: _p, ...g }) => g),
    lists: s.lists.map((l) => ({ ...l, trust: l.organisationId !== null })),
    entries: s.entries,
    schedules: s.schedules,
    settings: s.settings,
    settingsVersion: s.settingsVersion,
    baseline: s.baseline,
    unblocks: unblocks.map((u) => ({
      id: u.id,
      groupId: u.group_id,
      domain: u.domain,
      createdBy: u.created_by,
      createdAt: u.created_at,
      expiresAt: u.expires_at,
    })),
    policyVersion: version?.version ?? null,
  };
}

export async function getList(c: Caller, id: string) {
  const s = await loadSchoolState(c.ctx, c.ctx.db, c.actor.schoolId);
  const list = s.lists.find((l) => l.id === id);
  if (!list) throw new AppError('not_found', 'Not found');
  const versions = await c.ctx.db
    .selectFrom('filter_list_versions')
    .select([
      'id',
      'created_at',
      'status',
      'cause',
      'lines',
      'entries',
      'bad_lines',
      'path_entries',
      'added',
      'removed',
      'samples',
      'bad_examples',
      'message',
    ])
    .where('list_id', '=', id)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return {
    list: { ...list, trust: list.organisationId !== null },
    versions: versions.map((v) => ({
      id: v.id,
      at: v.created_at,
      status: v.status,
      cause: v.cause,
      lines: v.lines,
      entries: v.entries,
      badLines: v.bad_lines,
      pathEntries: v.path_entries,
      added: v.added,
      removed: v.removed,
      samples: JSON.parse(v.samples) as string[],
      badExamples: JSON.parse(v.bad_examples) as unknown[],
      message: v.message,
    })),
  };
}

/**
 * What the live policy does with a name for each group right now, and which of the school's lists cover
 * it (for the people deciding a report or a request). Names on licensed lists show only as "illegal".
 */
export async function checkName(c: Caller, name: string) {
  const live = livePolicy(c.ctx);
  await live.refresh();
  const prepared = live.preparedPolicy();
  const s = await loadSchoolState(c.ctx, c.ctx.db, c.actor.schoolId);
  const keys = new SuffixKeys().fromName(name);
  const now = c.ctx.clock.now().getTime();
  const groups = s.groups.map((g) => {
    const pg = prepared?.groupById.get(g.id);
    return {
      groupId: g.id,
      name: g.name,
      decision: pg ? prepared!.decide(keys, pg.index, now) : null,
      beforeAup:
        g.aupOnly && prepared
          ? prepared.decide(keys, prepared.groupById.get(aupGroupId(g.id))!.index, now)
          : null,
    };
  });
  const lists = [];
  for (const l of s.lists)
    if (l.currentVersionId && listCovers(await versionPairs(c.ctx.db, l.currentVersionId), name))
      lists.push({ id: l.id, name: l.name, kind: l.kind, category: l.category });
  return { name, groups, lists };
}
