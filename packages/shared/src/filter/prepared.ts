import { FILTER_CATEGORIES, type FilterCategory } from './categories.js';
import { DomainTable, forEachKeyChunk } from './domain-table.js';
import { SuffixKeys } from './names.js';
import type { CompiledPolicy, GroupPolicy, SchoolPolicy } from './policy.js';
import { anyWindowOpen, minuteOfWeek } from './schedule.js';
import { ClientIndex } from './clients.js';

export type SafeSearchEngine = 'google' | 'youtube' | 'bing' | 'duckduckgo';

/** What the resolver does with a name. Decisions are shared objects: never mutate one. */
export type Decision =
  | { action: 'allow'; reason: 'default' | 'allow-entry' | 'allow-list' | 'rule'; ruleId: string | null }
  | {
      action: 'block';
      reason: 'illegal' | 'category' | 'deny-entry' | 'not-allowed' | 'rule';
      category: FilterCategory | null;
      ruleId: string | null;
    }
  | { action: 'rewrite'; engine: SafeSearchEngine; target: string; ipv4: string[]; ipv6: string[] }
  | { action: 'canary' };

const ALLOW: Decision = { action: 'allow', reason: 'default', ruleId: null };
const ALLOW_ENTRY: Decision = { action: 'allow', reason: 'allow-entry', ruleId: null };
const ALLOW_LIST: Decision = { action: 'allow', reason: 'allow-list', ruleId: null };
const DENY_ENTRY: Decision = { action: 'block', reason: 'deny-entry', category: null, ruleId: null };
const NOT_ALLOWED: Decision = { action: 'block', reason: 'not-allowed', category: null, ruleId: null };
const CANARY: Decision = { action: 'canary' };
const CATEGORY_BLOCK = FILTER_CATEGORIES.map((category): Decision => ({
  action: 'block',
  reason: category === 'illegal' ? 'illegal' : 'category',
  category,
  ruleId: null,
}));
const CATEGORY_ORDER = new Map(FILTER_CATEGORIES.map((c, i) => [c, i]));

/** Map keys stay small integers (V8 Smis): a full 32-bit key would box a number on every lookup. */
const SMI = 0x3fffffff;
/**
 * A hint in front of a small Map: one bit per value of k1's low 16 bits (8 KB). Most names' suffixes are in
 * neither the specials nor any group's entries, and a bit test costs far less than a Map lookup per suffix.
 */
const newHint = () => new Uint32Array(2048);
const hintAdd = (h: Uint32Array, k1: number) => (h[(k1 & 0xffff) >>> 5]! |= 1 << (k1 & 31));
const hinted = (h: Uint32Array, k1: number) => (h[(k1 & 0xffff) >>> 5]! & (1 << (k1 & 31))) !== 0;

interface Entry {
  k1: number;
  k2: number;
  /** -1: a static allow/deny entry; else the index of the group's rule. */
  rule: number;
  allow: boolean;
  decision: Decision;
}

export interface PreparedGroup {
  index: number;
  policy: GroupPolicy;
  school: SchoolPolicy;
  allowlistMode: boolean;
  /** List bits that block for this group right now (recomputed when the minute changes). */
  blockLo: number;
  blockHi: number;
  allowLo: number;
  allowHi: number;
  ruleActive: Uint8Array;
  entries: Map<number, Entry[]> | null;
  minute: number;
}

/**
 * A compiled policy loaded for deciding: one DomainTable over every list, small per-group tables for allow
 * and deny entries, the client index. Built once per policy version (copy-on-write: a new version builds a
 * new PreparedPolicy and the resolver swaps the reference, so lookups take no lock).
 */
export class PreparedPolicy {
  readonly table: DomainTable;
  readonly groups: PreparedGroup[];
  readonly groupById: Map<string, PreparedGroup>;
  readonly clients: ClientIndex;
  readonly schools: Map<string, SchoolPolicy>;
  readonly entryCount: number;
  private readonly listCategory: (FilterCategory | null)[];
  private readonly schoolBits = new Map<string, { lo: number; hi: number }>();
  private readonly illegalLo: number;
  private readonly illegalHi: number;
  /** Whole-name keys of canary and safe-search names: k1 -> entries. */
  private readonly specials = new Map<
    number,
    { k1: number; k2: number; canary: boolean; engine: SafeSearchEngine | null }[]
  >();
  private readonly specialHint = newHint();
  /** Over every group's entries (one hint for all: entries are few beside 65,536 bits). */
  private readonly entryHint = newHint();
  private readonly rewrites: Record<string, Decision>;
  private readonly scratch = new Uint32Array(2);
  private readonly keys = new SuffixKeys();

  /** The policy it was built from, with each list's keys dropped once they are in the table. */
  readonly policy: CompiledPolicy;

  constructor(policy: CompiledPolicy) {
    this.policy = { ...policy, lists: policy.lists.map((l) => ({ ...l, keys: '' })) };
    const total = policy.lists.reduce((n, l) => n + l.count, 0);
    this.table = new DomainTable(total);
    this.listCategory = policy.lists.map((l) => l.category);
    let illegalLo = 0;
    let illegalHi = 0;
    policy.lists.forEach((list, bit) => {
      const table = this.table;
      const count = forEachKeyChunk(list.keys, (pairs, n) => {
        for (let i = 0; i < n * 2; i += 2) table.add(pairs[i]!, pairs[i + 1]!, bit);
      });
      if (count !== list.count) throw new Error(`list ${list.id}: count ${list.count} but ${count} keys`);
      if (list.kind === 'block' && list.category === 'illegal') {
        if (bit < 32) illegalLo |= 1 << bit;
        else illegalHi |= 1 << (bit - 32);
      }
    });
    this.entryCount = this.table.size;
    this.illegalLo = illegalLo >>> 0;
    this.illegalHi = illegalHi >>> 0;
    this.schools = new Map(policy.schools.map((s) => [s.id, s]));
    const bitOf = new Map(policy.lists.map((l, i) => [l.id, i]));
    this.groups = policy.groups.map((g, index) => this.prepareGroup(g, index, bitOf));
    this.groupById = new Map(this.groups.map((g) => [g.policy.id, g]));
    this.clients = new ClientIndex(policy.clients, (id) => this.groupById.get(id)!.index);
    const special = (name: string, canary: boolean, engine: SafeSearchEngine | null) => {
      this.keys.fromName(name);
      const k1 = this.keys.k1[this.keys.count - 1]!;
      const k2 = this.keys.k2[this.keys.count - 1]!;
      const list = this.specials.get(k1 & SMI) ?? [];
      hintAdd(this.specialHint, k1);
      list.push({ k1, k2, canary, engine });
      this.specials.set(k1 & SMI, list);
    };
    for (const d of policy.canaryDomains) special(d, true, null);
    const ss = policy.safeSearch;
    for (const n of ss.google.names) special(n, false, 'google');
    for (const n of ss.youtubeStrict.names) special(n, false, 'youtube');
    for (const n of ss.bing.names) special(n, false, 'bing');
    for (const n of ss.duckduckgo.names) special(n, false, 'duckduckgo');
    const rewrite = (engine: SafeSearchEngine, t: typeof ss.google): Decision => ({
      action: 'rewrite',
      engine,
      target: t.target,
      ipv4: t.ipv4,
      ipv6: t.ipv6,
    });
    this.rewrites = {
      google: rewrite('google', ss.google),
      'youtube-strict': rewrite('youtube', ss.youtubeStrict),
      'youtube-moderate': rewrite('youtube', ss.youtubeModerate),
      bing: rewrite('bing', ss.bing),
      duckduckgo: rewrite('duckduckgo', ss.duckduckgo),
    };
  }

  private prepareGroup(g: GroupPolicy, index: number, bitOf: Map<string, number>): PreparedGroup {
    const school = this.schools.get(g.schoolId)!;
    if (!this.schoolBits.has(school.id)) {
      let lo = 0;
      let hi = 0;
      for (const id of school.lists) {
        const bit = bitOf.get(id)!;
        if (this.policy.lists[bit]!.kind !== 'block') continue;
        if (bit < 32) lo |= 1 << bit;
        else hi |= 1 << (bit - 32);
      }
      this.schoolBits.set(school.id, { lo: lo >>> 0, hi: hi >>> 0 });
    }
    let allowLo = 0;
    let allowHi = 0;
    for (const id of g.allowLists) {
      const bit = bitOf.get(id)!;
      if (bit < 32) allowLo |= 1 << bit;
      else allowHi |= 1 << (bit - 32);
    }
    const entries = new Map<number, Entry[]>();
    const add = (domain: string, allow: boolean, rule: number, decision: Decision) => {
      this.keys.fromName(domain);
      const k1 = this.keys.k1[this.keys.count - 1]!;
      const list = entries.get(k1 & SMI) ?? [];
      hintAdd(this.entryHint, k1);
      list.push({ k1, k2: this.keys.k2[this.keys.count - 1]!, rule, allow, decision });
      entries.set(k1 & SMI, list);
    };
    g.rules.forEach((r, i) => {
      const decision: Decision =
        r.effect === 'allow'
          ? { action: 'allow', reason: 'rule', ruleId: r.id }
          : { action: 'block', reason: 'rule', category: null, ruleId: r.id };
      for (const d of r.domains) add(d, r.effect === 'allow', i, decision);
    });
    for (const d of g.deny) add(d, false, -1, DENY_ENTRY);
    for (const d of g.allow) add(d, true, -1, ALLOW_ENTRY);
    // At one name: an open scheduled rule beats a static entry, and block beats allow.
    for (const list of entries.values())
      list.sort((a, b) => Number(a.rule < 0) - Number(b.rule < 0) || Number(a.allow) - Number(b.allow));
    return {
      index,
      policy: g,
      school,
      allowlistMode: g.mode === 'allowlist',
      blockLo: 0,
      blockHi: 0,
      allowLo: allowLo >>> 0,
      allowHi: allowHi >>> 0,
      ruleActive: new Uint8Array(g.rules.length),
      entries: entries.size > 0 ? entries : null,
      minute: -1,
    };
  }

  /** Recomputes which rules are open and which list bits block, once per minute of the school's clock. */
  private refresh(g: PreparedGroup, nowMs: number): void {
    const stamp = Math.floor(nowMs / 60_000);
    if (g.minute === stamp) return;
    g.minute = stamp;
    const m = minuteOfWeek(nowMs, g.school.timeZone);
    const blocked = new Set<FilterCategory>(g.policy.blockedCategories);
    blocked.add('illegal');
    g.policy.rules.forEach((r, i) => {
      const open = anyWindowOpen(r.windows, m);
      g.ruleActive[i] = open ? 1 : 0;
      if (!open) return;
      for (const c of r.categories) {
        if (r.effect === 'block') blocked.add(c);
        else if (c !== 'illegal') blocked.delete(c);
      }
    });
    const bits = this.schoolBits.get(g.school.id)!;
    let lo = 0;
    let hi = 0;
    this.policy.lists.forEach((l, bit) => {
      if (l.kind !== 'block' || l.category === null || !blocked.has(l.category)) return;
      if (bit < 32) lo |= 1 << bit;
      else hi |= 1 << (bit - 32);
    });
    g.blockLo = (lo & bits.lo) >>> 0;
    g.blockHi = (hi & bits.hi) >>> 0;
  }

  /** The decision for the name whose suffix keys are `keys`, for group `groupIndex`, at `nowMs`. */
  decide(keys: SuffixKeys, groupIndex: number, nowMs: number): Decision {
    const g = this.groups[groupIndex]!;
    if (keys.count === 0) return ALLOW;
    this.refresh(g, nowMs);
    let engine: SafeSearchEngine | null = null;
    if (this.specials.size > 0) {
      for (let j = keys.count - 1; j >= 0; j--) {
        if (!hinted(this.specialHint, keys.k1[j]!)) continue;
        const found = this.specials.get(keys.k1[j]! & SMI);
        if (!found) continue;
        for (const s of found) {
          if (s.k1 !== keys.k1[j] || s.k2 !== keys.k2[j]) continue;
          if (s.canary) return CANARY;
          // Safe search rewrites exact names only (www.google.co.uk, not mail.google.co.uk).
          if (j === keys.count - 1) engine = s.engine;
        }
      }
    }
    this.table.matchAll(keys, this.scratch);
    const mlo = this.scratch[0]!;
    const mhi = this.scratch[1]!;
    // Illegal content first: no entry, rule, allow list or mode can lift it (policy; UKSIC).
    if ((mlo & this.illegalLo) !== 0 || (mhi & this.illegalHi) !== 0) return CATEGORY_BLOCK[0]!;
    let allowed: Decision | null = null;
    if (g.entries) {
      outer: for (let j = keys.count - 1; j >= 0; j--) {
        if (!hinted(this.entryHint, keys.k1[j]!)) continue;
        const found = g.entries.get(keys.k1[j]! & SMI);
        if (!found) continue;
        for (const e of found) {
          if (e.k1 !== keys.k1[j] || e.k2 !== keys.k2[j] || (e.rule >= 0 && g.ruleActive[e.rule] === 0))
            continue;
          if (!e.allow) return e.decision;
          allowed = e.decision;
          break outer;
        }
      }
    }
    if (!allowed && ((mlo & g.allowLo) !== 0 || (mhi & g.allowHi) !== 0)) allowed = ALLOW_LIST;
    if (!allowed) {
      if (g.allowlistMode) return NOT_ALLOWED;
      const blo = mlo & g.blockLo;
      const bhi = mhi & g.blockHi;
      if (blo !== 0 || bhi !== 0) return this.categoryBlock(blo, bhi);
    }
    if (engine) {
      const ss = g.policy.safeSearch;
      if (engine === 'youtube') {
        if (ss.youtube !== 'off') return this.rewrites[`youtube-${ss.youtube}`]!;
      } else if (ss[engine]) return this.rewrites[engine]!;
    }
    return allowed ?? ALLOW;
  }

  private categoryBlock(lo: number, hi: number): Decision {
    let best: number = FILTER_CATEGORIES.length;
    for (let bit = 0; bit < this.listCategory.length; bit++) {
      const set = bit < 32 ? (lo >>> bit) & 1 : (hi >>> (bit - 32)) & 1;
      if (!set) continue;
      const c = this.listCategory[bit];
      const order = c ? CATEGORY_ORDER.get(c)! : FILTER_CATEGORIES.length;
      if (order < best) best = order;
    }
    return best < FILTER_CATEGORIES.length ? CATEGORY_BLOCK[best]! : DENY_ENTRY;
  }

  /** Convenience for tests and the self-test: decide a name written as text. */
  decideName(name: string, groupIndex: number, nowMs: number): Decision {
    return this.decide(new SuffixKeys().fromName(name.toLowerCase().replace(/\.$/, '')), groupIndex, nowMs);
  }
}
