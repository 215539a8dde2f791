import { createHash } from 'node:crypto';
import {
  MAX_LISTS,
  SAFE_SEARCH_ALL_ON,
  compilePolicy,
  type CompiledPolicy,
  type FilterCategory,
  type ListSpec,
  type PolicySpec,
  type ScheduledRule,
} from '@harbour/shared';
import type { Executor } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { checkAllowable } from './guards.js';
import { mergePairs, versionPairs } from './keys.js';
import type { Group, SchoolFilterState } from './state.js';

/**
 * Compiles schools' approved filtering policy into the contract's CompiledPolicy (docs/filtering-policy.md).
 * Lists are merged per category and per set of source lists, so schools that share lists share one compiled
 * list and a policy stays within 64 lists. The trust baseline is unioned in: schools tighten, never loosen.
 */

/** The compiled id of a guests group's "AUP only" twin (clarification 14): only Harbour itself resolves. */
export const aupGroupId = (groupId: string): string => `${groupId}.aup`;

export interface BuildOptions {
  version: number;
  generatedAt: string;
  /** Names that resolve for AUP-only guests (Harbour's own host, so the visitor AUP can be read). */
  harbourHosts: string[];
}

function staffRule(s: SchoolFilterState, g: Group): { rule: ScheduledRule | null; block: boolean } {
  if (g.kind !== 'staff') return { rule: null, block: false };
  const sm = s.settings.staffSocialMedia;
  if (sm.mode === 'always') return { rule: null, block: false };
  if (sm.mode === 'never' || sm.breakTimes.length === 0) return { rule: null, block: true };
  return {
    block: true,
    rule: {
      id: `${g.id}.break-times`,
      label: 'Social media at break times (staff)',
      effect: 'allow',
      categories: ['social-media'],
      domains: [],
      windows: sm.breakTimes,
    },
  };
}

/**
 * The allow entries and unblocks a group keeps: none that the trust baseline blocks for its kind of group, even
 * one made before the baseline blocked it (the guards refuse new ones; clarification 13).
 */
async function keptAllows(
  db: Executor,
  s: SchoolFilterState,
  g: Group,
  domains: string[],
): Promise<string[]> {
  if (!s.baseline.blockedCategories[g.kind]?.length && s.baseline.deny.length === 0) return domains;
  const kept: string[] = [];
  for (const d of domains)
    try {
      await checkAllowable(db, s, d, [g.kind], 'allow');
      kept.push(d);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  return kept;
}

export async function buildPolicy(
  db: Executor,
  states: SchoolFilterState[],
  o: BuildOptions,
): Promise<CompiledPolicy | null> {
  const schools = states.filter((s) => s.groups.length > 0);
  if (schools.length === 0) return null;
  const spec: PolicySpec = {
    version: o.version,
    generatedAt: o.generatedAt,
    schools: [],
    groups: [],
    clients: { bindings: [], resolverAddresses: [], ecsForwarders: [], subnets: [], defaultGroupId: '' },
    lists: [],
  };
  const compiledLists = new Map<string, ListSpec>();
  const ecs = new Set<string>();
  for (const s of schools) {
    const usable = s.lists.filter((l) => l.enabled && l.currentVersionId);
    // Block lists: one compiled list per category and set of source lists (illegal: all of them together).
    const schoolLists: string[] = [];
    const byCategory = new Map<FilterCategory, typeof usable>();
    for (const l of usable) {
      if (l.kind !== 'block' || !l.category) continue;
      byCategory.set(l.category, [...(byCategory.get(l.category) ?? []), l]);
    }
    for (const [category, lists] of byCategory) {
      const ids = lists.map((l) => l.currentVersionId!).sort();
      const id = `${category}-${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 12)}`;
      if (!compiledLists.has(id)) {
        const parts = await Promise.all(ids.map((v) => versionPairs(db, v)));
        compiledLists.set(id, {
          id,
          name: lists.map((l) => l.name).join(' + '),
          kind: 'block',
          category,
          pairs: mergePairs(parts),
        });
      }
      schoolLists.push(id);
    }
    const allowIds = new Map<string, string>();
    for (const l of usable.filter((x) => x.kind === 'allow')) {
      const id = `allow-${l.currentVersionId!}`;
      if (!compiledLists.has(id))
        compiledLists.set(id, {
          id,
          name: l.name,
          kind: 'allow',
          category: null,
          pairs: await versionPairs(db, l.currentVersionId!),
        });
      allowIds.set(l.id, id);
      schoolLists.push(id);
    }
    spec.schools.push({
      id: s.schoolId,
      name: s.schoolName,
      timeZone: s.timeZone,
      lists: schoolLists,
      blockAnswer:
        s.settings.blockAnswer.mode === 'nxdomain'
          ? { mode: 'nxdomain' }
          : { mode: 'block-page', ipv4: s.settings.blockAnswer.ipv4, ipv6: s.settings.blockAnswer.ipv6 },
      answerTtl: s.settings.answerTtl,
    });
    for (const f of s.settings.ecsForwarders) ecs.add(f);
    for (const g of s.groups) {
      const staff = staffRule(s, g);
      const blocked = new Set<FilterCategory>([
        'illegal',
        ...g.blockedCategories,
        ...(s.baseline.blockedCategories[g.kind] ?? []),
      ]);
      if (staff.block) blocked.add('social-media');
      const mine = (x: { groupId: string | null }) => x.groupId === null || x.groupId === g.id;
      const entries = s.entries.filter(mine);
      spec.groups.push({
        id: g.id,
        schoolId: s.schoolId,
        name: g.name,
        mode: g.mode,
        blockedCategories: [...blocked],
        allowLists: g.allowLists.map((id) => allowIds.get(id)).filter((x): x is string => !!x),
        allow: await keptAllows(db, s, g, [
          ...new Set([
            ...entries.filter((e) => e.effect === 'allow').map((e) => e.domain),
            ...s.unblocks.filter(mine).map((u) => u.domain),
          ]),
        ]),
        deny: [
          ...new Set([
            ...entries.filter((e) => e.effect === 'deny').map((e) => e.domain),
            ...s.baseline.deny,
          ]),
        ],
        rules: [
          ...s.schedules
            .filter((r) => r.groupId === g.id)
            .map((r) => ({
              id: r.id,
              label: r.label,
              effect: r.effect,
              categories: r.categories,
              domains: r.domains,
              windows: r.windows,
            })),
          ...(staff.rule ? [staff.rule] : []),
        ],
        safeSearch: g.safeSearch,
      });
      // Guests before the visitor AUP: only Harbour resolves; a binding (AUP accepted) reaches the group itself.
      const entry = g.aupOnly ? aupGroupId(g.id) : g.id;
      if (g.aupOnly)
        spec.groups.push({
          id: entry,
          schoolId: s.schoolId,
          name: `${g.name} (AUP not yet accepted)`,
          mode: 'allowlist',
          blockedCategories: ['illegal'],
          allowLists: [],
          allow: o.harbourHosts,
          deny: [],
          rules: [],
          safeSearch: SAFE_SEARCH_ALL_ON,
        });
      for (const cidr of g.subnets) spec.clients.subnets!.push({ cidr, groupId: entry });
      if (g.resolverAddress)
        spec.clients.resolverAddresses!.push({ address: g.resolverAddress, groupId: entry });
      // The self-test queries from the group's loopback address (clarification 3).
      spec.clients.subnets!.push({ cidr: `${g.testAddress}/32`, groupId: g.id });
      if (g.isDefault && !spec.clients.defaultGroupId) spec.clients.defaultGroupId = entry;
    }
    for (const b of s.bindings) spec.clients.bindings!.push(b);
  }
  spec.clients.ecsForwarders = [...ecs];
  if (!spec.clients.defaultGroupId) spec.clients.defaultGroupId = spec.groups[0]!.id;
  spec.lists = [...compiledLists.values()];
  if (spec.lists.length > MAX_LISTS)
    throw new Error(`the policy would hold ${spec.lists.length} lists; at most ${MAX_LISTS}`);
  return compilePolicy(spec).policy;
}
