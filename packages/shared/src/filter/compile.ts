import type { z } from 'zod';
import type { FilterCategory } from './categories.js';
import { encodeKeys, keyDomains } from './domain-table.js';
import {
  CompiledPolicySchema,
  MAX_LISTS,
  POLICY_FORMAT,
  POLICY_FORMAT_VERSION,
  type ClientMatchingSchema,
  type CompiledPolicy,
  type GroupSchema,
  type SafeSearchTargets,
  type SchoolSchema,
} from './policy.js';
import { DEFAULT_CANARY_DOMAINS, defaultSafeSearchTargets } from './safe-search.js';

/**
 * A list as the server holds it: names (any of hosts/plain/adblock already reduced to domains), or the
 * entries' keys already hashed (sorted unique pairs, as `keyDomains` returns them): the server stores lists
 * keyed, so licensed lists are never held as names and a recompile does not hash a million names again.
 */
export type ListSpec = {
  id: string;
  name: string;
  kind: 'block' | 'allow';
  category: FilterCategory | null;
} & ({ domains: Iterable<string>; pairs?: undefined } | { pairs: Uint32Array; domains?: undefined });

/** The policy as the server's filtering module assembles it from the approved settings. */
export interface PolicySpec {
  version: number;
  generatedAt: string;
  schools: z.input<typeof SchoolSchema>[];
  groups: z.input<typeof GroupSchema>[];
  clients: z.input<typeof ClientMatchingSchema>;
  lists: ListSpec[];
  safeSearch?: SafeSearchTargets;
  canaryDomains?: string[];
}

export interface CompileReport {
  lists: { id: string; count: number; rejected: number }[];
}

/**
 * Compiles a policy: hashes every list into the key form, fills in the safe-search table and canaries,
 * validates the whole (throws a ZodError on anything malformed) and stamps the etag.
 */
export function compilePolicy(spec: PolicySpec): { policy: CompiledPolicy; report: CompileReport } {
  if (spec.lists.length > MAX_LISTS)
    throw new Error(`at most ${MAX_LISTS} lists; merge a school's lists per category`);
  const report: CompileReport = { lists: [] };
  const lists = spec.lists.map((l) => {
    const keyed = l.pairs ? { pairs: l.pairs, rejected: 0 } : keyDomains(l.domains);
    report.lists.push({ id: l.id, count: keyed.pairs.length / 2, rejected: keyed.rejected });
    return {
      id: l.id,
      name: l.name,
      kind: l.kind,
      category: l.category,
      count: keyed.pairs.length / 2,
      keys: encodeKeys(keyed.pairs),
    };
  });
  const draft = CompiledPolicySchema.parse({
    format: POLICY_FORMAT,
    formatVersion: POLICY_FORMAT_VERSION,
    version: spec.version,
    etag: 'pending',
    generatedAt: spec.generatedAt,
    schools: spec.schools,
    groups: spec.groups,
    clients: spec.clients,
    lists,
    safeSearch: spec.safeSearch ?? defaultSafeSearchTargets(),
    canaryDomains: spec.canaryDomains ?? [...DEFAULT_CANARY_DOMAINS],
  });
  return { policy: withEtag(draft), report };
}

/** Stamps `etag` = version + a 64-bit hash of everything else, so any change of content changes it. */
export function withEtag(p: CompiledPolicy): CompiledPolicy {
  const body = JSON.stringify({ ...p, etag: '' });
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return { ...p, etag: `v${p.version}-${hex(h1)}${hex(h2)}` };
}
