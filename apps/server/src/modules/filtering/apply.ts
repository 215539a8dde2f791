import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { checkAllowable, checkCategoriesKept, kindsOf } from './guards.js';
import { buildPolicy } from './policy-build.js';
import { harbourHosts } from './live.js';
import type { Op } from './schema.js';
import type { FilterGroupTable } from '../../db/schema-filtering.js';
import { groupOf, loadSchoolState, type Group, type SchoolFilterState } from './state.js';

const plain = ({ schoolId: _s, position: _p, ...g }: Group) => g;
import { applyListOp } from './apply-lists.js';

/**
 * Applies a change request's operations to the live policy tables, inside the caller's transaction, and
 * returns the diff (before and after of every record touched). Also used for the dry run at proposal time
 * (the transaction is then rolled back), so a request that could not be applied is refused when made.
 */
export interface DiffItem {
  op: Op['op'];
  entity: 'group' | 'list' | 'entry' | 'schedule' | 'settings' | 'baseline';
  id: string;
  before: unknown;
  after: unknown;
}

export interface ApplyInput {
  schoolId: string;
  changeRequestId: string;
  ops: Op[];
  /** Roles of the requester; baseline operations need a trust officer. */
  requesterIsTrustOfficer: boolean;
}

const notFound = (what: string, path: string) =>
  new AppError('validation', `${what} is not part of this school’s filtering policy`, [
    { path, message: 'not found' },
  ]);

async function nextTestAddress(tx: Executor): Promise<string> {
  const used = new Set(
    (await tx.selectFrom('filter_groups').select('test_address').execute()).map((r) => r.test_address),
  );
  for (let i = 1; i < 65_024; i++) {
    const a = `127.53.${i >> 8}.${i & 255}`;
    if ((i & 255) !== 0 && (i & 255) !== 255 && !used.has(a)) return a;
  }
  throw new AppError('conflict', 'No self-test address is left for a new group');
}

export async function applyOps(ctx: AppContext, tx: Executor, input: ApplyInput): Promise<DiffItem[]> {
  const { schoolId } = input;
  const now = iso(ctx.clock.now());
  const refs = new Map<string, string>();
  const diff: DiffItem[] = [];
  const groupId = (ref: string) => (ref.startsWith('new:') ? (refs.get(ref.slice(4)) ?? ref) : ref);
  for (const [i, op] of input.ops.entries()) {
    const path = `ops.${i}`;
    const s = await loadSchoolState(ctx, tx, schoolId);
    const group = (id: string) => s.groups.find((g) => g.id === groupId(id));
    switch (op.op) {
      case 'group.create': {
        if (refs.has(op.ref)) throw new AppError('validation', `ref ${op.ref} is used twice`);
        checkCategoriesKept(s, op.kind, op.blockedCategories, [], `${path}.blockedCategories`);
        const id = newId();
        refs.set(op.ref, id);
        const row = {
          id,
          school_id: schoolId,
          kind: op.kind,
          name: op.name,
          mode: op.mode,
          is_default: op.isDefault ? 1 : 0,
          aup_only: op.aupOnly ? 1 : 0,
          subnets: JSON.stringify(op.subnets),
          resolver_address: op.resolverAddress,
          test_address: await nextTestAddress(tx),
          blocked_categories: JSON.stringify(op.blockedCategories),
          safe_search: JSON.stringify(op.safeSearch),
          allow_lists: JSON.stringify(op.allowLists),
          position: s.groups.length,
          created_at: now,
          updated_at: now,
        };
        if (op.isDefault)
          await tx
            .updateTable('filter_groups')
            .set({ is_default: 0 })
            .where('school_id', '=', schoolId)
            .execute();
        await tx.insertInto('filter_groups').values(row).execute();
        diff.push({ op: op.op, entity: 'group', id, before: null, after: groupView(row) });
        break;
      }
      case 'group.update': {
        const g = group(op.groupId);
        if (!g) throw notFound('That group', `${path}.groupId`);
        checkCategoriesKept(s, g.kind, op.blockedCategories ?? null, [], `${path}.blockedCategories`);
        const set = {
          ...(op.name !== undefined ? { name: op.name } : {}),
          ...(op.mode !== undefined ? { mode: op.mode } : {}),
          ...(op.isDefault !== undefined ? { is_default: op.isDefault ? 1 : 0 } : {}),
          ...(op.aupOnly !== undefined ? { aup_only: op.aupOnly ? 1 : 0 } : {}),
          ...(op.subnets !== undefined ? { subnets: JSON.stringify(op.subnets) } : {}),
          ...(op.resolverAddress !== undefined ? { resolver_address: op.resolverAddress } : {}),
          ...(op.blockedCategories !== undefined
            ? { blocked_categories: JSON.stringify(op.blockedCategories) }
            : {}),
          ...(op.safeSearch !== undefined ? { safe_search: JSON.stringify(op.safeSearch) } : {}),
          ...(op.allowLists !== undefined ? { allow_lists: JSON.stringify(op.allowLists) } : {}),
          updated_at: now,
        };
        if (op.isDefault)
          await tx
            .updateTable('filter_groups')
            .set({ is_default: 0 })
            .where('school_id', '=', schoolId)
            .execute();
        await tx
          .updateTable('filter_groups')
          .set(set)
          .where('id', '=', g.id)
          .where('school_id', '=', schoolId)
          .execute();
        const after = await tx
          .selectFrom('filter_groups')
          .selectAll()
          .where('id', '=', g.id)
          .executeTakeFirstOrThrow();
        diff.push({ op: op.op, entity: 'group', id: g.id, before: plain(g), after: groupView(after) });
        break;
      }
      case 'group.delete': {
        const g = group(op.groupId);
        if (!g) throw notFound('That group', `${path}.groupId`);
        for (const e of s.entries.filter((x) => x.groupId === g.id))
          diff.push({ op: op.op, entity: 'entry', id: e.id, before: e, after: null });
        for (const r of s.schedules.filter((x) => x.groupId === g.id))
          diff.push({ op: op.op, entity: 'schedule', id: r.id, before: r, after: null });
        await tx
          .deleteFrom('filter_entries')
          .where('school_id', '=', schoolId)
          .where('group_id', '=', g.id)
          .execute();
        await tx
          .deleteFrom('filter_schedules')
          .where('school_id', '=', schoolId)
          .where('group_id', '=', g.id)
          .execute();
        await tx
          .deleteFrom('filter_groups')
          .where('school_id', '=', schoolId)
          .where('id', '=', g.id)
          .execute();
        diff.push({ op: op.op, entity: 'group', id: g.id, before: plain(g), after: null });
        break;
      }
      case 'list.add':
      case 'list.update':
      case 'list.remove':
        diff.push(await applyListOp(ctx, tx, s, op, { path, changeRequestId: input.changeRequestId }));
        break;
      case 'entry.add': {
        const gid = op.groupId === null ? null : groupId(op.groupId);
        if (gid !== null && !group(gid)) throw notFound('That group', `${path}.groupId`);
        if (op.effect === 'allow') await checkAllowable(tx, s, op.domain, kindsOf(s, gid), `${path}.domain`);
        const dup = s.entries.find((e) => e.domain === op.domain && e.groupId === gid);
        if (dup)
          throw new AppError('validation', `${op.domain} already has an entry for that group`, [
            { path: `${path}.domain`, message: 'duplicate' },
          ]);
        const row = {
          id: newId(),
          school_id: schoolId,
          group_id: gid,
          domain: op.domain,
          effect: op.effect,
          note: op.note,
          created_at: now,
          change_request_id: input.changeRequestId,
        };
        await tx.insertInto('filter_entries').values(row).execute();
        diff.push({
          op: op.op,
          entity: 'entry',
          id: row.id,
          before: null,
          after: { groupId: gid, domain: op.domain, effect: op.effect, note: op.note },
        });
        break;
      }
      case 'entry.remove': {
        const e = s.entries.find((x) => x.id === op.entryId);
        if (!e) throw notFound('That entry', `${path}.entryId`);
        await tx
          .deleteFrom('filter_entries')
          .where('school_id', '=', schoolId)
          .where('id', '=', e.id)
          .execute();
        diff.push({ op: op.op, entity: 'entry', id: e.id, before: e, after: null });
        break;
      }
      case 'schedule.add':
      case 'schedule.update': {
        const existing =
          op.op === 'schedule.update' ? s.schedules.find((r) => r.id === op.scheduleId) : undefined;
        if (op.op === 'schedule.update' && !existing) throw notFound('That schedule', `${path}.scheduleId`);
        const g = group(op.op === 'schedule.add' ? op.groupId : existing!.groupId);
        if (!g) throw notFound('That group', `${path}.groupId`);
        const next = {
          label: op.label ?? existing!.label,
          effect: op.effect ?? existing!.effect,
          categories: op.categories ?? existing!.categories,
          domains: op.domains ?? existing!.domains,
          windows: op.windows ?? existing!.windows,
        };
        if (next.effect === 'allow') {
          checkCategoriesKept(s, g.kind, null, next.categories, `${path}.categories`);
          for (const d of next.domains) await checkAllowable(tx, s, d, [g.kind], `${path}.domains`);
        }
        const cols = {
          label: next.label,
          effect: next.effect,
          categories: JSON.stringify(next.categories),
          domains: JSON.stringify(next.domains),
          windows: JSON.stringify(next.windows),
        };
        const id = existing?.id ?? newId();
        if (existing)
          await tx
            .updateTable('filter_schedules')
            .set(cols)
            .where('school_id', '=', schoolId)
            .where('id', '=', id)
            .execute();
        else
          await tx
            .insertInto('filter_schedules')
            .values({
              id,
              school_id: schoolId,
              group_id: g.id,
              created_at: now,
              change_request_id: input.changeRequestId,
              ...cols,
            })
            .execute();
        diff.push({
          op: op.op,
          entity: 'schedule',
          id,
          before: existing ?? null,
          after: { id, groupId: g.id, ...next },
        });
        break;
      }
      case 'schedule.remove': {
        const r = s.schedules.find((x) => x.id === op.scheduleId);
        if (!r) throw notFound('That schedule', `${path}.scheduleId`);
        await tx
          .deleteFrom('filter_schedules')
          .where('school_id', '=', schoolId)
          .where('id', '=', r.id)
          .execute();
        diff.push({ op: op.op, entity: 'schedule', id: r.id, before: r, after: null });
        break;
      }
      case 'settings.update': {
        const version = s.settingsVersion + 1;
        const row = {
          value: JSON.stringify(op.value),
          version,
          updated_at: now,
          change_request_id: input.changeRequestId,
        };
        if (s.settingsVersion === 0)
          await tx
            .insertInto('filter_settings')
            .values({ school_id: schoolId, ...row })
            .execute();
        else await tx.updateTable('filter_settings').set(row).where('school_id', '=', schoolId).execute();
        diff.push({ op: op.op, entity: 'settings', id: schoolId, before: s.settings, after: op.value });
        break;
      }
      case 'baseline.update': {
        if (!s.organisationId)
          throw new AppError('validation', 'This school is not part of a trust or local authority');
        if (!input.requesterIsTrustOfficer)
          throw new AppError(
            'forbidden',
            'Only a trust or local-authority officer can change the trust baseline',
          );
        const before = s.baseline;
        const current = await tx
          .selectFrom('filter_baselines')
          .select('version')
          .where('organisation_id', '=', s.organisationId)
          .executeTakeFirst();
        const row = {
          value: JSON.stringify(op.value),
          version: (current?.version ?? 0) + 1,
          updated_at: now,
          change_request_id: input.changeRequestId,
        };
        if (current)
          await tx
            .updateTable('filter_baselines')
            .set(row)
            .where('organisation_id', '=', s.organisationId)
            .execute();
        else
          await tx
            .insertInto('filter_baselines')
            .values({ organisation_id: s.organisationId, ...row })
            .execute();
        diff.push({ op: op.op, entity: 'baseline', id: s.organisationId, before, after: op.value });
        break;
      }
    }
  }
  await checkInvariants(ctx, tx, await loadSchoolState(ctx, tx, schoolId));
  return diff;
}

/** The policy after the change must make sense as a whole, and must compile. */
async function checkInvariants(ctx: AppContext, tx: Executor, s: SchoolFilterState): Promise<void> {
  if (s.groups.length > 0 && s.groups.filter((g) => g.isDefault).length !== 1)
    throw new AppError('validation', 'Exactly one group must be the default group for unknown clients');
  const allowIds = new Set(s.lists.filter((l) => l.kind === 'allow').map((l) => l.id));
  for (const g of s.groups)
    for (const l of g.allowLists)
      if (!allowIds.has(l))
        throw new AppError('validation', `Group ${g.name} uses an allow list that is not this school’s`);
  try {
    await buildPolicy(tx, [s], {
      version: 0,
      generatedAt: iso(ctx.clock.now()),
      harbourHosts: harbourHosts(ctx),
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('validation', 'The policy after this change would not compile', [
      { path: 'ops', message: err instanceof Error ? err.message.slice(0, 500) : 'error' },
    ]);
  }
}

export const groupView = (r: FilterGroupTable) => plain(groupOf(r));
