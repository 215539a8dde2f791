import { CATEGORY_INFO, type FilterCategory } from '@harbour/shared';
import type { Executor } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { listCovers, versionPairs } from './keys.js';
import type { GROUP_KINDS } from './schema.js';
import type { SchoolFilterState } from './state.js';

/**
 * What no change can do: allow illegal content (UKSIC; policy 9.3, 9.4), or loosen the locked trust
 * baseline (clarification 13). The resolver enforces the first again on every query; these refuse the
 * request up front so nobody approves something that would not take effect, or that would loosen.
 */
type GroupKind = (typeof GROUP_KINDS)[number];

const refuse = (message: string, path: string) => new AppError('validation', message, [{ path, message }]);

/** Refuses allowing a name covered by an illegal-content list, or by the baseline for these group kinds. */
export async function checkAllowable(
  db: Executor,
  s: SchoolFilterState,
  domain: string,
  kinds: GroupKind[],
  path: string,
): Promise<void> {
  for (const l of s.lists) {
    if (!l.currentVersionId || l.kind !== 'block' || !l.category) continue;
    const baselineBlocks = kinds.some((k) => s.baseline.blockedCategories[k]?.includes(l.category!));
    if (l.category !== 'illegal' && !baselineBlocks) continue;
    if (!listCovers(await versionPairs(db, l.currentVersionId), domain)) continue;
    if (l.category === 'illegal')
      throw refuse(`${domain} is on an illegal-content list: nothing can allow it`, path);
    throw refuse(
      `${domain} is blocked by the trust baseline (${CATEGORY_INFO[l.category].label}): a school can tighten it, never loosen it`,
      path,
    );
  }
  const baselineDeny = s.baseline.deny.find((d) => domain === d || domain.endsWith(`.${d}`));
  if (baselineDeny)
    throw refuse(
      `${domain} is denied by the trust baseline (${baselineDeny}): a school cannot allow it`,
      path,
    );
}

/** Refuses categories the baseline blocks for this kind of group being unblocked (always or by a schedule). */
export function checkCategoriesKept(
  s: SchoolFilterState,
  kind: GroupKind,
  blocked: FilterCategory[] | null,
  allowed: FilterCategory[],
  path: string,
): void {
  const base = s.baseline.blockedCategories[kind] ?? [];
  const missing = blocked ? base.filter((c) => !blocked.includes(c)) : [];
  const lifted = allowed.filter((c) => base.includes(c) || c === 'illegal');
  const bad = [...new Set([...missing, ...lifted])];
  if (bad.length > 0)
    throw refuse(
      `the trust baseline blocks ${bad.map((c) => CATEGORY_INFO[c].label).join(', ')} for this group: a school can tighten it, never loosen it`,
      path,
    );
}

export const kindsOf = (s: SchoolFilterState, groupId: string | null): GroupKind[] =>
  groupId === null
    ? s.groups.map((g) => g.kind)
    : s.groups.filter((g) => g.id === groupId).map((g) => g.kind);
