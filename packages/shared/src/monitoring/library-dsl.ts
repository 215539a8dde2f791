import { AGE_PROFILES, isMonitorCategory, type AgeProfile, type MonitorCategory } from './categories.js';
import {
  emptyLibrary,
  type PhraseLibrary,
  type PhraseMode,
  type ProfileSeverities,
} from './library-types.js';

/**
 * The phrase library's source format: plain text a safeguarding lead can read and review.
 *
 *   # a comment
 *   @self-harm 5 staff=5             phrases below: category, severity, optional per-profile severities
 *   kill myself | killing myself     phrases separated by '|' or new lines
 *   suicid*                          '*' at the end: any word starting so; at the start: any word ending so
 *   $how = how to | how do i         a term set (any line starting with '|' or '+' continues the last)
 *   @rule self-harm 5                each line below: groups joined by ' + ', each group alternatives or $sets
 *   $how + die | overdose
 *   @exclude weapons bullying        innocent phrases: matches inside them are dropped (no categories: all)
 *   @context weapons,bullying 3      context: matches of these categories up to severity 3 are dropped
 *   @context self-harm 5 rules       ... only matches made by rules
 */
export function parseLibrary(lang: string, source: string): PhraseLibrary {
  const lib = emptyLibrary();
  const sets = new Map<string, string[]>();
  type Block =
    | { kind: 'phrases'; category: MonitorCategory; severity: number; profiles?: ProfileSeverities }
    | { kind: 'rule'; category: MonitorCategory; severity: number; profiles?: ProfileSeverities }
    | { kind: 'exclude'; categories: MonitorCategory[] | null }
    | { kind: 'context'; categories: MonitorCategory[] | null; maxSeverity: number; rulesOnly: boolean };
  let block: Block | null = null;
  // A line starting with '|' or '+' continues the line before it.
  const lines: string[] = [];
  const numbers: number[] = [];
  source.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if ((t.startsWith('|') || t.startsWith('+ ')) && lines.length > 0) lines[lines.length - 1] += ` ${t}`;
    else {
      lines.push(t.startsWith('#') ? '' : t);
      numbers.push(i + 1);
    }
  });
  const fail = (n: number, why: string): never => {
    throw new Error(`library ${lang}, line ${numbers[n] ?? 0}: ${why}: ${(lines[n] ?? '').slice(0, 80)}`);
  };
  lines.forEach((raw, n) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const expand = (alts: string[]): string[] =>
      alts.flatMap((a) =>
        a.startsWith('$') ? (sets.get(a.slice(1)) ?? fail(n, `unknown term set ${a}`)) : [a],
      );
    const m = /^\$([a-z0-9_-]+)\s*=\s*(.*)$/i.exec(line);
    if (m) {
      sets.set(m[1] as string, expand(alternatives(m[2] as string)));
      return;
    }
    if (line.startsWith('@')) {
      block = header(line.slice(1).trim().split(/\s+/), (why) => fail(n, why));
      return;
    }
    const b: Block | null = block;
    if (!b) return fail(n, 'a phrase before any @header');
    if (b.kind === 'rule') {
      const groups = line.split(' + ').map((g) => expand(alternatives(g)));
      if (groups.length < 2) fail(n, 'a rule needs at least two groups joined by " + "');
      lib.rules.push({
        id: `${lang}:rule:${groups.map((g) => g[0]).join('+')}`,
        category: b.category,
        severity: b.severity,
        lang,
        groups: groups.map((g) => g.map(withMode)),
        ...(b.profiles ? { profiles: b.profiles } : {}),
      });
      return;
    }
    for (const a of expand(alternatives(line))) {
      const { text, mode } = withMode(a);
      if (b.kind === 'phrases')
        lib.phrases.push({
          id: `${lang}:${a}`,
          text,
          mode,
          category: b.category,
          severity: b.severity,
          lang,
          ...(b.profiles ? { profiles: b.profiles } : {}),
        });
      else if (b.kind === 'exclude')
        lib.exclusions.push({ id: `${lang}:not:${a}`, text, mode, lang, categories: b.categories });
      else
        lib.contexts.push({
          id: `${lang}:context:${a}`,
          text,
          mode,
          lang,
          categories: b.categories,
          maxSeverity: b.maxSeverity,
          rulesOnly: b.rulesOnly,
        });
    }
  });
  return lib;
}

function alternatives(s: string): string[] {
  return s
    .split('|')
    .map((a) => a.trim().replace(/\s+/g, ' '))
    .filter((a) => a !== '');
}

export function withMode(a: string): { text: string; mode: PhraseMode } {
  if (a.length > 1 && a.endsWith('*')) return { text: a.slice(0, -1).trim(), mode: 'prefix' };
  if (a.length > 1 && a.startsWith('*')) return { text: a.slice(1).trim(), mode: 'suffix' };
  return { text: a, mode: 'word' };
}

function severity(s: string | undefined, fail: (why: string) => never, min = 1): number {
  const v = Number(s);
  if (!Number.isInteger(v) || v < min || v > 5) fail(`severity must be ${min}-5, not ${s}`);
  return v;
}

function profiles(words: string[], fail: (why: string) => never): ProfileSeverities | undefined {
  if (words.length === 0) return undefined;
  const out: ProfileSeverities = {};
  for (const w of words) {
    const [p, v] = w.split('=');
    if (!(AGE_PROFILES as readonly string[]).includes(p ?? '')) fail(`unknown age profile ${p}`);
    out[p as AgeProfile] = severity(v, fail, 0);
  }
  return out;
}

function categoryList(s: string | undefined, fail: (why: string) => never): MonitorCategory[] | null {
  if (s === undefined || s === 'all') return null;
  return s.split(',').map((c) => (isMonitorCategory(c) ? c : fail(`unknown category ${c}`)));
}

function header(
  words: string[],
  fail: (why: string) => never,
):
  | { kind: 'phrases' | 'rule'; category: MonitorCategory; severity: number; profiles?: ProfileSeverities }
  | { kind: 'exclude'; categories: MonitorCategory[] | null }
  | { kind: 'context'; categories: MonitorCategory[] | null; maxSeverity: number; rulesOnly: boolean } {
  const [first, ...rest] = words;
  if (first === 'exclude')
    return {
      kind: 'exclude',
      categories: rest.length === 0 ? null : rest.flatMap((r) => categoryList(r, fail) ?? []),
    };
  if (first === 'context')
    return {
      kind: 'context',
      categories: categoryList(rest[0], fail),
      maxSeverity: severity(rest[1], fail),
      rulesOnly: rest[2] === 'rules',
    };
  const isRule = first === 'rule';
  const [cat, sev, ...prof] = isRule ? rest : words;
  if (!cat || !isMonitorCategory(cat)) return fail(`unknown category ${cat}`);
  const p = profiles(prof, fail);
  return {
    kind: isRule ? 'rule' : 'phrases',
    category: cat,
    severity: severity(sev, fail),
    ...(p ? { profiles: p } : {}),
  };
}
