import { z } from 'zod';
import { FILTER_CATEGORIES } from './categories.js';
import { normaliseDomain } from './names.js';

/**
 * The compiled filter policy: everything a resolver needs to decide, and nothing else. The server compiles
 * it from the school's approved policy (groups, categories, lists, allow/deny entries, schedules, settings)
 * and serves it to resolvers: in-process through a PolicySource, or to standalone nodes over
 * GET /api/dns/policy. docs/filtering-policy.md describes every field.
 */
export const POLICY_FORMAT = 'harbour.filter-policy';
export const POLICY_FORMAT_VERSION = 1;
/** Bits of the list masks: a compiled policy holds at most this many lists (merge a school's lists per category). */
export const MAX_LISTS = 64;

const Id = z.string().min(1).max(100);

/**
 * Strict base64 by a loop, not a regular expression: a regex over a 10 MB list backtracks through a stack
 * as long as the string.
 */
function isBase64(s: string): boolean {
  if (s.length % 4 !== 0) return false;
  const end = s.endsWith('==') ? s.length - 2 : s.endsWith('=') ? s.length - 1 : s.length;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!ok) return false;
  }
  return true;
}
const Category = z.enum(FILTER_CATEGORIES);
const Domain = z
  .string()
  .max(253)
  .refine(
    (s) => normaliseDomain(s) === s,
    'must be a normalised domain (lower case, punycode, no trailing dot)',
  );
const Iso = z.iso.datetime({ offset: true });
const Ip = z.union([z.ipv4(), z.ipv6()]);
const Cidr = z.union([z.cidrv4(), z.cidrv6()]);
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');

/** A time window in the school's time zone. `to` before `from` runs past midnight into the next day. */
export const TimeWindowSchema = z.strictObject({
  /** ISO days of the week the window starts on: 1 = Monday ... 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  from: HhMm,
  to: HhMm,
});

/**
 * A rule that applies only inside its windows: `allow` lifts its categories and domains from the group's
 * blocks while a window is open (e.g. social media for staff at break times); `block` adds them (e.g.
 * games during lessons). Nothing in the illegal category can be allowed, by a rule or anything else.
 */
export const ScheduledRuleSchema = z
  .strictObject({
    id: Id,
    label: z.string().max(200),
    effect: z.enum(['allow', 'block']),
    categories: z.array(Category).max(FILTER_CATEGORIES.length).default([]),
    domains: z.array(Domain).max(10_000).default([]),
    windows: z.array(TimeWindowSchema).min(1).max(50),
  })
  .refine((r) => !(r.effect === 'allow' && r.categories.includes('illegal')), {
    message: 'the illegal category cannot be allowed',
    path: ['categories'],
  });

export const SafeSearchSchema = z.strictObject({
  google: z.boolean(),
  youtube: z.enum(['off', 'moderate', 'strict']),
  bing: z.boolean(),
  duckduckgo: z.boolean(),
});

export const GroupSchema = z.strictObject({
  id: Id,
  schoolId: Id,
  name: z.string().min(1).max(200),
  /** blocklist: everything resolves unless blocked; allowlist: only allow entries and allow lists resolve. */
  mode: z.enum(['blocklist', 'allowlist']),
  /** Categories blocked at all times (outside scheduled rules). `illegal` is blocked whether listed or not. */
  blockedCategories: z.array(Category).max(FILTER_CATEGORIES.length),
  /** Lists of kind `allow` (e.g. approved sites for EYFS/KS1) that this group may reach. */
  allowLists: z.array(Id).max(MAX_LISTS).default([]),
  /** The school's allow entries for this group; each covers its subdomains. */
  allow: z.array(Domain).max(100_000).default([]),
  /** The school's deny entries for this group; each covers its subdomains. */
  deny: z.array(Domain).max(100_000).default([]),
  rules: z.array(ScheduledRuleSchema).max(200).default([]),
  safeSearch: SafeSearchSchema,
});

export const BlockAnswerSchema = z.discriminatedUnion('mode', [
  /** A and AAAA queries for a blocked name get the block page's addresses; other types get an empty answer. */
  z.strictObject({
    mode: z.literal('block-page'),
    ipv4: z.array(z.ipv4()).max(8),
    ipv6: z.array(z.ipv6()).max(8),
  }),
  z.strictObject({ mode: z.literal('nxdomain') }),
]);

export const SchoolSchema = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  /** IANA time zone of the school's schedules (clarification 11: default Europe/London). */
  timeZone: z.string().min(1).max(64),
  /** Ids of the lists this school's groups use (its subscriptions and uploads). */
  lists: z.array(Id).max(MAX_LISTS),
  blockAnswer: BlockAnswerSchema,
  /** TTL of blocked and rewritten answers: short, so a schedule or an approved change shows quickly. */
  answerTtl: z.number().int().min(0).max(86_400).default(30),
});

export const CompiledListSchema = z.strictObject({
  id: Id,
  name: z.string().max(200),
  /** block: names in it are blocked for groups that block its category; allow: an allow list. */
  kind: z.enum(['block', 'allow']),
  category: Category.nullable(),
  /** Number of entries (pairs in `keys`). */
  count: z.number().int().min(0),
  /** Entries' whole-name keys: base64 of little-endian (k1, k2) uint32 pairs, sorted (names.ts, domain-table.ts). */
  keys: z.string().refine(isBase64, 'base64'),
});

export const BindingSchema = z.strictObject({
  address: Ip,
  groupId: Id,
  /** The binding stops matching at this instant (e.g. the end of a visit: issue 5). */
  expiresAt: Iso,
});

/** Client identification, tried in this order (clarification 14). */
export const ClientMatchingSchema = z.strictObject({
  bindings: z.array(BindingSchema).max(100_000).default([]),
  /** One resolver address per group: a query that arrives at `address` is that group's. */
  resolverAddresses: z
    .array(z.strictObject({ address: Ip, groupId: Id }))
    .max(1000)
    .default([]),
  /** Forwarders (e.g. the school's Windows DNS server) whose EDNS Client Subnet option is believed. */
  ecsForwarders: z.array(Cidr).max(1000).default([]),
  /** Source subnets, IPv4 and IPv6; the longest matching prefix wins. */
  subnets: z
    .array(z.strictObject({ cidr: Cidr, groupId: Id }))
    .max(10_000)
    .default([]),
  /** The group for any client nothing else matches. */
  defaultGroupId: Id,
});

const SafeSearchTarget = z.strictObject({
  /** Exact names rewritten (not their subdomains). */
  names: z.array(Domain).max(2000),
  /** The CNAME target. */
  target: Domain,
  /** Fixed addresses of the target; when empty the resolver asks its upstream for the target's records. */
  ipv4: z.array(z.ipv4()).max(8),
  ipv6: z.array(z.ipv6()).max(8),
});

export const SafeSearchTargetsSchema = z.strictObject({
  google: SafeSearchTarget,
  youtubeStrict: SafeSearchTarget,
  youtubeModerate: SafeSearchTarget,
  bing: SafeSearchTarget,
  duckduckgo: SafeSearchTarget,
});

export const CompiledPolicySchema = z
  .strictObject({
    format: z.literal(POLICY_FORMAT),
    formatVersion: z.literal(POLICY_FORMAT_VERSION),
    /** Increases with every compiled change; a node logs which version decided each query. */
    version: z.number().int().min(0),
    /** Opaque, changes whenever any byte of the policy changes; also the HTTP ETag. */
    etag: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/),
    generatedAt: Iso,
    schools: z.array(SchoolSchema).min(1).max(1000),
    groups: z.array(GroupSchema).min(1).max(10_000),
    clients: ClientMatchingSchema,
    lists: z.array(CompiledListSchema).max(MAX_LISTS),
    safeSearch: SafeSearchTargetsSchema,
    /** Always answered NXDOMAIN, for every group: the DoH canary (RFC 8484 deployments) and similar. */
    canaryDomains: z.array(Domain).max(100),
  })
  .superRefine((p, ctx) => {
    const schools = new Set(p.schools.map((s) => s.id));
    const groups = new Map(p.groups.map((g) => [g.id, g]));
    const lists = new Map(p.lists.map((l) => [l.id, l]));
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if (schools.size !== p.schools.length) issue(['schools'], 'school ids must be unique');
    if (groups.size !== p.groups.length) issue(['groups'], 'group ids must be unique');
    if (lists.size !== p.lists.length) issue(['lists'], 'list ids must be unique');
    p.schools.forEach((s, i) =>
      s.lists.forEach((l, j) => {
        if (!lists.has(l)) issue(['schools', i, 'lists', j], `unknown list ${l}`);
      }),
    );
    p.groups.forEach((g, i) => {
      if (!schools.has(g.schoolId)) issue(['groups', i, 'schoolId'], `unknown school ${g.schoolId}`);
      g.allowLists.forEach((l, j) => {
        const list = lists.get(l);
        if (list?.kind !== 'allow') issue(['groups', i, 'allowLists', j], `${l} is not an allow list`);
      });
    });
    p.lists.forEach((l, i) => {
      if (l.kind === 'allow' && l.category === 'illegal')
        issue(['lists', i], 'an allow list cannot be illegal');
      if (l.kind === 'block' && l.category === null) issue(['lists', i], 'a block list needs a category');
    });
    const groupRef = (path: (string | number)[], id: string) => {
      if (!groups.has(id)) issue(path, `unknown group ${id}`);
    };
    groupRef(['clients', 'defaultGroupId'], p.clients.defaultGroupId);
    p.clients.bindings.forEach((b, i) => groupRef(['clients', 'bindings', i, 'groupId'], b.groupId));
    p.clients.resolverAddresses.forEach((b, i) =>
      groupRef(['clients', 'resolverAddresses', i, 'groupId'], b.groupId),
    );
    p.clients.subnets.forEach((b, i) => groupRef(['clients', 'subnets', i, 'groupId'], b.groupId));
  });

export type TimeWindow = z.infer<typeof TimeWindowSchema>;
export type ScheduledRule = z.infer<typeof ScheduledRuleSchema>;
export type SafeSearchSettings = z.infer<typeof SafeSearchSchema>;
export type GroupPolicy = z.infer<typeof GroupSchema>;
export type BlockAnswer = z.infer<typeof BlockAnswerSchema>;
export type SchoolPolicy = z.infer<typeof SchoolSchema>;
export type CompiledList = z.infer<typeof CompiledListSchema>;
export type ClientMatching = z.infer<typeof ClientMatchingSchema>;
export type SafeSearchTargets = z.infer<typeof SafeSearchTargetsSchema>;
export type CompiledPolicy = z.infer<typeof CompiledPolicySchema>;
