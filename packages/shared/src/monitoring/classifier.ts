import { Automaton } from './automaton.js';
import {
  AGE_PROFILES,
  MONITOR_CATEGORIES,
  PROFILE_SHIFT,
  type AgeProfile,
  type MonitorCategory,
} from './categories.js';
import type { PhraseEntry, PhraseLibrary, PhraseMode, ProfileSeverities } from './library-types.js';
import { Normaliser, normalise } from './normalise.js';

export interface MonitorMatch {
  category: MonitorCategory;
  severity: number;
  /** The phrase's or rule's id ("en:kill myself", "en:rule:how to+die", "school:<id>"). */
  id: string;
  /** The library's wording ("kill myself", "how to + die"): what the DSL sees, never the pupil's text. */
  text: string;
  lang: string;
  /** Made by a co-occurrence rule rather than one phrase. */
  rule: boolean;
}

export interface Classification {
  /** Highest severity's category (ties: MONITOR_CATEGORIES order), or null when nothing matched. */
  category: MonitorCategory | null;
  severity: number;
  /** One per matched phrase or rule, highest severity first. */
  matches: MonitorMatch[];
}

export const NO_MATCH: Classification = Object.freeze({ category: null, severity: 0, matches: [] });

/** A school's own phrases and exclusions, and built-in phrases it has switched off (ids). */
export interface LibraryCustomisation {
  phrases?: PhraseEntry[];
  exclusions?: PhraseLibrary['exclusions'];
  disabled?: string[];
}

const PRIORITY = new Map(MONITOR_CATEGORIES.map((c, i) => [c, i]));
const CATEGORY_BIT = new Map(MONITOR_CATEGORIES.map((c, i) => [c, 1 << i]));
const ALL_BITS = (1 << MONITOR_CATEGORIES.length) - 1;
const bitsOf = (cats: MonitorCategory[] | null): number =>
  cats === null ? ALL_BITS : cats.reduce((b, c) => b | (CATEGORY_BIT.get(c) ?? 0), 0);
const PROFILE_INDEX = new Map(AGE_PROFILES.map((p, i) => [p, i]));
const REF_PHRASE = 0;
const REF_TERM = 1;
const REF_EXCLUDE = 2;
const REF_CONTEXT = 3;
/** Positions of the second reading are shifted so spans from the two readings never mix. */
const SECOND_READING = 1 << 24;

interface Scored {
  category: MonitorCategory;
  bit: number;
  /** Per profile (AGE_PROFILES order): the match as reported, or null when the profile ignores it. */
  byProfile: (MonitorMatch | null)[];
}

function score(
  id: string,
  text: string,
  lang: string,
  category: MonitorCategory,
  severity: number,
  profiles: ProfileSeverities | undefined,
  rule: boolean,
): Scored {
  return {
    category,
    bit: CATEGORY_BIT.get(category) ?? 0,
    byProfile: AGE_PROFILES.map((p) => {
      const own = profiles?.[p];
      const s =
        own ?? (severity === 0 ? 0 : Math.max(1, Math.min(5, severity + (PROFILE_SHIFT[p][category] ?? 0))));
      return s === 0 ? null : Object.freeze({ category, severity: s, id, text, lang, rule });
    }),
  };
}

const overlap = (s1: number, e1: number, s2: number, e2: number): boolean =>
  Math.min(e1, e2) - Math.max(s1, s2) >= 1;

/** The normal form of a library phrase as a matcher pattern (" kill ", " suicid", "phobe "). */
export function patternOf(text: string, mode: PhraseMode): string {
  const n = normalise(text)[0] ?? ' ';
  if (n.trim() === '') return '';
  return mode === 'prefix' ? n.slice(0, -1) : mode === 'suffix' ? n.slice(1) : n;
}

/**
 * The compiled classifier: the library's phrases, rules, exclusions and contexts in one automaton.
 * Pure and synchronous; one instance is not shared between threads (it reuses scratch buffers).
 */
export class MonitorClassifier {
  private readonly norm = new Normaliser();
  private readonly automaton: Automaton;
  /** Pattern -> refs, flattened: kind * 2^28 + index. */
  private readonly refs: number[][] = [];
  private readonly phrases: Scored[] = [];
  private readonly rules: Scored[] = [];
  /** Term -> (rule, group) pairs as rule * 32 + group. */
  private readonly termTargets: number[][] = [];
  private readonly ruleFull: number[] = [];
  private readonly exclusionBits: number[] = [];
  private readonly contexts: { bits: number; maxSeverity: number; rulesOnly: boolean }[] = [];
  private readonly scratch = new Scratch();
  private readonly ruleMask: Int32Array;
  /** Patterns in the automaton (for the bench's report). */
  readonly patternCount: number;

  constructor(library: PhraseLibrary, custom: LibraryCustomisation = {}) {
    const disabled = new Set(custom.disabled ?? []);
    const patterns = new Map<string, number>();
    const add = (text: string, mode: PhraseMode, kind: number, index: number, joined: boolean): void => {
      const p = patternOf(text, mode);
      if (p === '') return;
      const forms = [p];
      // "self harm" is also typed "selfharm", "#killmyself"; short words would join into real ones
      // ("dezbracă-te" is not "dezbrăcate").
      const words = p.trim().split(' ');
      if (joined && words.length >= 2 && words.length <= 3 && words.every((w) => w.length >= 3)) {
        const j = words.join('');
        forms.push(mode === 'prefix' ? ` ${j}` : mode === 'suffix' ? `${j} ` : ` ${j} `);
      }
      for (const f of forms) {
        let at = patterns.get(f);
        if (at === undefined) {
          at = patterns.size;
          patterns.set(f, at);
          this.refs.push([]);
        }
        const ref = (kind << 28) | index;
        const list = this.refs[at] as number[];
        if (!list.includes(ref)) list.push(ref);
      }
    };
    // Spellings that normalise alike ("jak się zabić", "jak sie zabic") are one phrase: the first listed.
    const seen = new Set<string>();
    for (const ph of [...library.phrases, ...(custom.phrases ?? [])]) {
      const key = `${ph.category}|${patternOf(ph.text, ph.mode)}`;
      if (disabled.has(ph.id) || seen.has(key)) continue;
      seen.add(key);
      this.phrases.push(score(ph.id, ph.text, ph.lang, ph.category, ph.severity, ph.profiles, false));
      add(ph.text, ph.mode, REF_PHRASE, this.phrases.length - 1, true);
    }
    const terms = new Map<string, number>();
    for (const rule of library.rules) {
      if (disabled.has(rule.id) || rule.groups.length > 31) continue;
      const r = this.rules.length;
      const text = rule.groups.map((g) => g[0]?.text ?? '').join(' + ');
      this.rules.push(score(rule.id, text, rule.lang, rule.category, rule.severity, rule.profiles, true));
      this.ruleFull.push(2 ** rule.groups.length - 1);
      rule.groups.forEach((group, g) => {
        for (const term of group) {
          const key = `${term.mode}:${term.text}`;
          let t = terms.get(key);
          if (t === undefined) {
            t = terms.size;
            terms.set(key, t);
            this.termTargets.push([]);
            add(term.text, term.mode, REF_TERM, t, false);
          }
          (this.termTargets[t] as number[]).push(r * 32 + g);
        }
      });
    }
    for (const ex of [...library.exclusions, ...(custom.exclusions ?? [])]) {
      if (disabled.has(ex.id)) continue;
      this.exclusionBits.push(bitsOf(ex.categories));
      add(ex.text, ex.mode, REF_EXCLUDE, this.exclusionBits.length - 1, true);
    }
    for (const cx of library.contexts) {
      if (disabled.has(cx.id)) continue;
      this.contexts.push({
        bits: bitsOf(cx.categories),
        maxSeverity: cx.maxSeverity,
        rulesOnly: cx.rulesOnly,
      });
      add(cx.text, cx.mode, REF_CONTEXT, this.contexts.length - 1, false);
    }
    this.automaton = new Automaton([...patterns.keys()]);
    this.patternCount = patterns.size;
    this.ruleMask = new Int32Array(this.rules.length);
  }

  classify(text: string, profile: AgeProfile = 'ks2'): Classification {
    const ac = this.automaton;
    ac.reset();
    this.norm.run(text);
    ac.scan(this.norm.out, this.norm.length);
    if (this.norm.alternateLength > 0)
      ac.scan(this.norm.alternate, this.norm.alternateLength, SECOND_READING);
    if (ac.hits === 0) return NO_MATCH;
    return this.resolve(PROFILE_INDEX.get(profile) ?? 1);
  }

  private resolve(profile: number): Classification {
    const ac = this.automaton;
    const s = this.scratch;
    s.reset();
    for (let h = 0; h < ac.hits; h++) {
      const p = ac.hitPattern[h] ?? 0;
      const end = ac.hitEnd[h] ?? 0;
      const start = end - (ac.patternLength[p] ?? 0) + 1;
      const refs = this.refs[p];
      if (!refs) continue;
      for (let r = 0; r < refs.length; r++) {
        const ref = refs[r] ?? 0;
        const kind = ref >>> 28;
        const index = ref & 0x0fffffff;
        if (kind === REF_PHRASE) s.found.push(index, start, end);
        else if (kind === REF_TERM) s.terms.push(index, start, end);
        else if (kind === REF_EXCLUDE) s.exclusions.push(index, start, end);
        else s.contexts.push(index, start, end);
      }
    }
    const out: MonitorMatch[] = [];
    const outStart = s.outStart;
    const outEnd = s.outEnd;
    const found = s.found;
    // The more specific phrase wins: one lying inside a longer match ("better off dead" in "you're better
    // off dead", "suicide" in "suicide prevention") is dropped. Innocent phrases drop what they overlap.
    for (let f = 0; f < found.length; f++) {
      const scored = this.phrases[found.index[f] ?? 0] as Scored;
      const fs = found.start[f] ?? 0;
      const fe = found.end[f] ?? 0;
      if (this.excluded(scored.bit, fs, fe)) continue;
      let contained = false;
      for (let g = 0; g < found.length && !contained; g++) {
        const gs = found.start[g] ?? 0;
        const ge = found.end[g] ?? 0;
        contained = g !== f && gs <= fs && fe <= ge && ge - gs > fe - fs;
      }
      if (contained) continue;
      const m = scored.byProfile[profile];
      if (m && !out.includes(m)) {
        outStart[out.length] = fs;
        outEnd[out.length] = fe;
        out.push(m);
      }
    }
    if (s.terms.length > 0) this.applyRules(profile, out);
    let n = out.length;
    const contexts = s.contexts;
    for (let c = 0; c < contexts.length && n > 0; c++) {
      const cx = this.contexts[contexts.index[c] ?? 0];
      if (!cx) continue;
      const cs = contexts.start[c] ?? 0;
      const ce = contexts.end[c] ?? 0;
      let w = 0;
      for (let i = 0; i < n; i++) {
        const m = out[i] as MonitorMatch;
        const ms = outStart[i] ?? -1;
        const me = outEnd[i] ?? -1;
        // A context word that is part of the match itself ("zombie knife") is no context.
        const drop =
          !(ms >= 0 && overlap(ms, me, cs, ce)) &&
          m.severity <= cx.maxSeverity &&
          (m.rule || !cx.rulesOnly) &&
          (cx.bits & (CATEGORY_BIT.get(m.category) ?? 0)) !== 0;
        if (drop) continue;
        out[w] = m;
        outStart[w] = ms;
        outEnd[w++] = me;
      }
      n = w;
    }
    if (n === 0) return NO_MATCH;
    out.length = n;
    if (n > 1) out.sort(byPriority);
    const top = out[0] as MonitorMatch;
    return { category: top.category, severity: top.severity, matches: out };
  }

  private excluded(bit: number, start: number, end: number): boolean {
    const x = this.scratch.exclusions;
    for (let i = 0; i < x.length; i++) {
      if (
        (this.exclusionBits[x.index[i] ?? 0] ?? 0) & bit &&
        overlap(x.start[i] ?? 0, x.end[i] ?? 0, start, end)
      )
        return true;
    }
    return false;
  }

  /** Co-occurrence: a rule fires when every group has a term that no innocent phrase covers. */
  private applyRules(profile: number, out: MonitorMatch[]): void {
    const terms = this.scratch.terms;
    const touched = this.scratch.touched;
    let nTouched = 0;
    for (let t = 0; t < terms.length; t++) {
      const targets = this.termTargets[terms.index[t] ?? 0];
      if (!targets) continue;
      for (let k = 0; k < targets.length; k++) {
        const target = targets[k] ?? 0;
        const rule = target >>> 5;
        const scored = this.rules[rule] as Scored;
        if (this.excluded(scored.bit, terms.start[t] ?? 0, terms.end[t] ?? 0)) continue;
        const mask = this.ruleMask[rule] ?? 0;
        if (mask === 0 && nTouched < touched.length) touched[nTouched++] = rule;
        this.ruleMask[rule] = mask | (1 << (target & 31));
      }
    }
    for (let i = 0; i < nTouched; i++) {
      const rule = touched[i] ?? 0;
      if (this.ruleMask[rule] === this.ruleFull[rule]) {
        const m = (this.rules[rule] as Scored).byProfile[profile];
        if (m && !out.includes(m)) {
          this.scratch.outStart[out.length] = -1;
          this.scratch.outEnd[out.length] = -1;
          out.push(m);
        }
      }
      this.ruleMask[rule] = 0;
    }
  }
}

const byPriority = (a: MonitorMatch, b: MonitorMatch): number =>
  b.severity - a.severity || (PRIORITY.get(a.category) ?? 0) - (PRIORITY.get(b.category) ?? 0);

/** Hits of one kind: parallel growable arrays (index into the compiled tables, start, end). */
class HitList {
  index: Int32Array = new Int32Array(32);
  start: Int32Array = new Int32Array(32);
  end: Int32Array = new Int32Array(32);
  length = 0;
  push(index: number, start: number, end: number): void {
    if (this.length === this.index.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.index = grow(this.index);
      this.start = grow(this.start);
      this.end = grow(this.end);
    }
    this.index[this.length] = index;
    this.start[this.length] = start;
    this.end[this.length++] = end;
  }
}

class Scratch {
  found = new HitList();
  terms = new HitList();
  exclusions = new HitList();
  contexts = new HitList();
  touched: Int32Array = new Int32Array(256);
  outStart: Int32Array = new Int32Array(1024);
  outEnd: Int32Array = new Int32Array(1024);
  reset(): void {
    this.found.length = 0;
    this.terms.length = 0;
    this.exclusions.length = 0;
    this.contexts.length = 0;
  }
}
