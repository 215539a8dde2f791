import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { encodeKeys, keyDomains } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { addMinutes, iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import type { ListMeta } from './apply-lists.js';
import type { Caller } from './caller.js';
import { pairDiff, versionPairs } from './keys.js';
import { parseList, UT1_CATEGORIES, type ListFormat } from './list-formats.js';
import { bumpVersion, livePolicy } from './live.js';
import type { StageBody } from './schema.js';

/**
 * Importing lists (issue 4): a proposal stages an import (upload, URL or licensed file) and shows its counts;
 * an approved change request turns it into a list. Approving a subscription approves its refreshes
 * (clarification 13): each is logged with its counts, and one that fails or shrinks by more than 20% keeps
 * the old list.
 */
const MAX_FETCH_BYTES = 64 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;
/** A refresh that loses more than this share of the entries is suspect (a truncated download): keep the old. */
export const MAX_SHRINK = 0.2;

export async function fetchListText(
  ctx: AppContext,
  source: { url?: string | null; file?: string | null },
): Promise<string> {
  if (source.file) {
    const dir = ctx.config.HARBOUR_LICENSED_LIST_DIR;
    if (!dir)
      throw new AppError(
        'validation',
        'HARBOUR_LICENSED_LIST_DIR is not set: there is no licensed-list folder',
      );
    const full = path.resolve(dir, source.file);
    if (path.dirname(full) !== path.resolve(dir))
      throw new AppError('validation', 'Not a file in the licensed-list folder');
    const stat = await fs.stat(full).catch(() => null);
    if (!stat?.isFile())
      throw new AppError('validation', `There is no file ${source.file} in the licensed-list folder`);
    if (stat.size > MAX_FETCH_BYTES) throw new AppError('validation', 'The file is too large');
    return fs.readFile(full, 'utf8');
  }
  const res = await fetch(source.url!, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    redirect: 'follow',
  }).catch((err: unknown) => {
    throw new AppError(
      'validation',
      `Could not fetch the list: ${err instanceof Error ? err.message : 'error'}`,
    );
  });
  if (!res.ok) throw new AppError('validation', `Could not fetch the list: HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_FETCH_BYTES) throw new AppError('validation', 'The list is too large');
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length > MAX_FETCH_BYTES) throw new AppError('validation', 'The list is too large');
  return body.toString('utf8');
}

export interface Imported {
  lines: number;
  entries: number;
  badLines: number;
  pathEntries: number;
  sha256: string;
  keys: string;
  pairs: Uint32Array;
  samples: string[];
  badExamples: { line: number; text: string }[];
}

export function importText(text: string, format: ListFormat, licensed: boolean): Imported {
  const parsed = parseList(text, format, { licensed });
  const keyed = keyDomains(parsed.domains);
  return {
    lines: parsed.lines,
    entries: keyed.pairs.length / 2,
    badLines: parsed.badLines + keyed.rejected,
    pathEntries: parsed.pathEntries,
    sha256: createHash('sha256').update(text).digest('hex'),
    keys: encodeKeys(keyed.pairs),
    pairs: keyed.pairs,
    // Licensed lists keep no names at all: not even samples (they are never shipped or shown).
    samples: licensed ? [] : parsed.domains.slice(0, 5),
    badExamples: parsed.badExamples,
  };
}

export const presentImport = (id: string, meta: ListMeta, i: Omit<Imported, 'keys' | 'pairs'>) => ({
  stagedVersionId: id,
  ...meta,
  lines: i.lines,
  entries: i.entries,
  badLines: i.badLines,
  pathEntries: i.pathEntries,
  samples: i.samples,
  badExamples: i.badExamples,
});

/** Stages an import for a change request: parsed, counted and keyed now, so the approver sees what it holds. */
export async function stageList(c: Caller, body: StageBody) {
  const ut1 = body.ut1Folder ? UT1_CATEGORIES[body.ut1Folder] : undefined;
  if (body.ut1Folder && !ut1)
    throw new AppError('validation', `UT1 folder ${body.ut1Folder} has no Harbour category`);
  const kind = ut1?.kind ?? body.kind;
  const category = body.category ?? ut1?.category ?? null;
  if (kind === 'block' && !category) throw new AppError('validation', 'A block list needs a category');
  if (category === 'illegal' && kind === 'allow')
    throw new AppError('validation', 'Nothing can allow illegal content');
  const meta: ListMeta = {
    kind,
    category: kind === 'allow' ? null : category,
    source: body.content !== undefined ? 'upload' : body.url ? 'url' : 'file',
    url: body.url ?? body.file ?? null,
    format: body.ut1Folder ? 'ut1' : body.format,
    licensed: body.licensed || category === 'illegal',
  };
  const text = body.content ?? (await fetchListText(c.ctx, { url: body.url, file: body.file }));
  const imported = importText(text, meta.format as ListFormat, meta.licensed);
  const id = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('filter_list_versions')
      .values({
        id,
        school_id: c.actor.schoolId,
        list_id: null,
        created_at: iso(c.ctx.clock.now()),
        created_by: c.actor.accountId,
        status: 'staged',
        cause: 'proposal',
        lines: imported.lines,
        entries: imported.entries,
        bad_lines: imported.badLines,
        path_entries: imported.pathEntries,
        added: null,
        removed: null,
        sha256: imported.sha256,
        keys: imported.keys,
        samples: JSON.stringify(imported.samples),
        bad_examples: JSON.stringify(imported.badExamples),
        meta: JSON.stringify(meta),
        message: null,
      })
      .execute();
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: 'filter.list.stage',
        entityType: 'filter_list_version',
        entityId: id,
        ip: c.ip,
        details: {
          entries: imported.entries,
          badLines: imported.badLines,
          pathEntries: imported.pathEntries,
        },
      },
      tx,
    );
  });
  return presentImport(id, meta, imported);
}

/**
 * Refreshes every subscribed list that is due (the worker's maintenance job). Each attempt is a version row
 * with its counts and an audit entry; a failure or a shrink of more than 20% keeps the old entries.
 */
export async function refreshDueLists(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .selectFrom('filter_lists')
    .selectAll()
    .where('removed_at', 'is', null)
    .where('enabled', '=', 1)
    .where('source', '!=', 'upload')
    .where('next_refresh_at', '<=', iso(now))
    .execute();
  let changed = 0;
  for (const l of due) if (await refreshList(ctx, l.id)) changed++;
  if (changed > 0) await livePolicy(ctx).refresh();
  return changed;
}

/** Refreshes one list now; true when its entries changed. */
export async function refreshList(ctx: AppContext, listId: string): Promise<boolean> {
  const l = await ctx.db
    .selectFrom('filter_lists')
    .selectAll()
    .where('id', '=', listId)
    .executeTakeFirstOrThrow();
  const now = ctx.clock.now();
  let imported: Imported | null = null;
  let message: string | null = null;
  try {
    const text = await fetchListText(ctx, l.source === 'file' ? { file: l.url } : { url: l.url });
    imported = importText(text, l.format as ListFormat, l.licensed === 1);
  } catch (err) {
    message = err instanceof Error ? err.message.slice(0, 500) : 'refresh failed';
  }
  const schoolId = l.school_id ?? (await anySchoolOf(ctx.db, l.organisation_id));
  const previous = l.current_version_id
    ? await versionPairs(ctx.db, l.current_version_id)
    : new Uint32Array();
  const before = previous.length / 2;
  let status: 'active' | 'failed' | 'kept_old' = 'failed';
  let counts: { added: number; removed: number } | null = null;
  if (imported) {
    counts = pairDiff(previous, imported.pairs);
    if (imported.entries === 0 && before > 0) {
      status = 'kept_old';
      message = 'the new copy is empty: kept the old list';
    } else if (before > 0 && imported.entries < before * (1 - MAX_SHRINK)) {
      status = 'kept_old';
      message = `the new copy has ${imported.entries} entries, more than 20% fewer than ${before}: kept the old list`;
    } else status = 'active';
  }
  const changed = status === 'active' && counts !== null && counts.added + counts.removed > 0;
  const id = newId();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('filter_list_versions')
      .values({
        id,
        school_id: schoolId,
        list_id: l.id,
        created_at: iso(now),
        created_by: null,
        status: status === 'active' && !changed ? 'unchanged' : status,
        cause: 'refresh',
        lines: imported?.lines ?? 0,
        entries: imported?.entries ?? 0,
        bad_lines: imported?.badLines ?? 0,
        path_entries: imported?.pathEntries ?? 0,
        added: counts?.added ?? null,
        removed: counts?.removed ?? null,
        sha256: imported?.sha256 ?? null,
        // Only a version that goes live keeps its keys; the others are a record of the attempt.
        keys: changed ? imported!.keys : '',
        samples: JSON.stringify(imported?.samples ?? []),
        bad_examples: JSON.stringify(imported?.badExamples ?? []),
        meta: JSON.stringify({
          kind: l.kind,
          category: l.category,
          source: l.source,
          url: l.url,
          format: l.format,
          licensed: l.licensed === 1,
        }),
        message: changed || status !== 'active' ? message : 'unchanged',
      })
      .execute();
    await tx
      .updateTable('filter_lists')
      .set({
        next_refresh_at: l.refresh_hours ? iso(addMinutes(now, l.refresh_hours * 60)) : null,
        ...(changed ? { current_version_id: id } : {}),
      })
      .where('id', '=', l.id)
      .execute();
    if (changed && l.current_version_id)
      await tx
        .updateTable('filter_list_versions')
        .set({ status: 'superseded' })
        .where('id', '=', l.current_version_id)
        .execute();
    if (changed) await bumpVersion(ctx, tx, { schoolId, cause: 'list_refresh', refId: l.id });
    await appendAudit(
      ctx,
      {
        schoolId,
        actorAccountId: null,
        action: `filter.list.refresh.${status === 'active' ? (changed ? 'applied' : 'unchanged') : status}`,
        entityType: 'filter_list',
        entityId: l.id,
        details: {
          version: id,
          before,
          entries: imported?.entries ?? null,
          added: counts?.added ?? null,
          removed: counts?.removed ?? null,
          badLines: imported?.badLines ?? null,
          pathEntries: imported?.pathEntries ?? null,
          approvedBy: l.change_request_id,
        },
      },
      tx,
    );
  });
  return changed;
}

async function anySchoolOf(db: Executor, organisationId: string | null): Promise<string> {
  const s = await db
    .selectFrom('schools')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  return s.id;
}
