import { CATEGORY_INFO, FILTER_CATEGORIES, SAFE_SEARCH_ALL_ON, type FilterCategory } from '@harbour/shared';
import type { OpInput } from './schema.js';

/**
 * The starter policy a school proposes first (policy 2.4, 7.3; UKSIC): EYFS/KS1 on approved sites only
 * (adult demonstration), KS2 with every UKSIC category and the pupil extras blocked, staff with the UKSIC
 * categories blocked, guests "AUP only" until the visitor AUP is accepted (clarification 14), then filtered
 * like KS2. It goes through change control like any other change.
 */
export const UKSIC_CATEGORIES: FilterCategory[] = FILTER_CATEGORIES.filter((c) => CATEGORY_INFO[c].uksic);
export const PUPIL_CATEGORIES: FilterCategory[] = [
  ...UKSIC_CATEGORIES,
  'dating',
  'social-media',
  'chat',
  'games',
  'streaming',
  'webmail',
];

export interface StarterOptions {
  subnets?: Partial<Record<'eyfs_ks1' | 'ks2' | 'staff' | 'guests', string[]>>;
  /** Allow lists (approved sites) for EYFS/KS1. */
  approvedLists?: string[];
}

export function starterOps(o: StarterOptions = {}): OpInput[] {
  const base = { resolverAddress: null, allowLists: [] as string[], aupOnly: false, isDefault: false };
  return [
    {
      op: 'group.create',
      ref: 'eyfs',
      kind: 'eyfs_ks1',
      name: 'EYFS and KS1',
      mode: 'allowlist',
      ...base,
      allowLists: o.approvedLists ?? [],
      subnets: o.subnets?.eyfs_ks1 ?? [],
      blockedCategories: PUPIL_CATEGORIES,
      safeSearch: { ...SAFE_SEARCH_ALL_ON, youtube: 'strict' },
    },
    {
      op: 'group.create',
      ref: 'ks2',
      kind: 'ks2',
      name: 'KS2',
      mode: 'blocklist',
      ...base,
      subnets: o.subnets?.ks2 ?? [],
      blockedCategories: PUPIL_CATEGORIES,
      safeSearch: { ...SAFE_SEARCH_ALL_ON, youtube: 'strict' },
    },
    {
      op: 'group.create',
      ref: 'staff',
      kind: 'staff',
      name: 'Staff',
      mode: 'blocklist',
      ...base,
      subnets: o.subnets?.staff ?? [],
      blockedCategories: [...UKSIC_CATEGORIES, 'dating'],
      safeSearch: { ...SAFE_SEARCH_ALL_ON, youtube: 'moderate' },
    },
    {
      op: 'group.create',
      ref: 'guests',
      kind: 'guests',
      name: 'Guests and visitors',
      mode: 'blocklist',
      ...base,
      aupOnly: true,
      isDefault: true,
      subnets: o.subnets?.guests ?? [],
      blockedCategories: PUPIL_CATEGORIES,
      safeSearch: { ...SAFE_SEARCH_ALL_ON, youtube: 'strict' },
    },
  ];
}
