import { normaliseDomain, type FilterCategory } from '@harbour/shared';

/**
 * Reading block and allow lists (issue 4): hosts files, plain domain lists, Adblock-style `||domain^`
 * rules and UT1 category folders (`<category>/domains`). A bad line is counted and reported, never fatal.
 * An entry with a path (IWF/CTIRU URL entries, UT1 `urls` files) is counted apart and never widened to its
 * host (clarification 13): DNS can only block whole names, and blocking the host would over-block.
 */
export const LIST_FORMATS = ['auto', 'hosts', 'plain', 'adblock', 'ut1'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export interface ParsedList {
  format: Exclude<ListFormat, 'auto'>;
  /** Normalised, in file order, duplicates removed. */
  domains: string[];
  lines: number;
  badLines: number;
  pathEntries: number;
  /** The first few bad lines (line number and text, cut short), for the report; empty for licensed lists. */
  badExamples: { line: number; text: string }[];
}

const HOSTS_SINKS = /^(0\.0\.0\.0|127\.\d+\.\d+\.\d+|::1?|::|fe80::1%lo0|ff0[0-9]::\S*|255\.255\.255\.255)$/;
const HOSTS_SKIP = new Set([
  'localhost',
  'localhost.localdomain',
  'local',
  'broadcasthost',
  'ip6-localhost',
  'ip6-loopback',
  'ip6-localnet',
  'ip6-mcastprefix',
  'ip6-allnodes',
  'ip6-allrouters',
  'ip6-allhosts',
  '0.0.0.0',
]);
const MAX_EXAMPLES = 10;

/** Guesses the format from the first lines that are not comments. */
export function detectFormat(text: string): Exclude<ListFormat, 'auto' | 'ut1'> {
  let hosts = 0;
  let adblock = 0;
  let seen = 0;
  for (const raw of text.split('\n', 200)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!') || line.startsWith('[')) continue;
    seen++;
    if (line.startsWith('||')) adblock++;
    else if (HOSTS_SINKS.test(line.split(/\s+/)[0] ?? '')) hosts++;
  }
  if (seen === 0) return 'plain';
  if (adblock * 2 >= seen) return 'adblock';
  if (hosts * 2 >= seen) return 'hosts';
  return 'plain';
}

/** True for an entry that names a page rather than a host: a scheme, or a path after the host. */
const hasPath = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^[^/\s]+\/\S/.test(s);

export function parseList(text: string, format: ListFormat, opts: { licensed?: boolean } = {}): ParsedList {
  const fmt = format === 'auto' ? detectFormat(text) : format;
  const seen = new Set<string>();
  const out: ParsedList = {
    format: fmt,
    domains: [],
    lines: 0,
    badLines: 0,
    pathEntries: 0,
    badExamples: [],
  };
  const bad = (n: number, line: string) => {
    out.badLines++;
    if (!opts.licensed && out.badExamples.length < MAX_EXAMPLES)
      out.badExamples.push({ line: n, text: line.slice(0, 120) });
  };
  const add = (d: string) => {
    if (!seen.has(d)) {
      seen.add(d);
      out.domains.push(d);
    }
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    let line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) return;
    out.lines++;
    if (fmt === 'adblock') {
      if (line.startsWith('!') || line.startsWith('[')) return;
      const m = /^\|\|([^/^$|]+)\^(\$[a-z0-9_,=~-]*)?$/i.exec(line);
      if (!m) {
        if (/^\|\|[^/^]+\/\S/.test(line)) out.pathEntries++;
        else bad(n, line);
        return;
      }
      const d = normaliseDomain(m[1]!);
      if (d) add(d);
      else bad(n, line);
      return;
    }
    if (line.startsWith('#')) return;
    line = line.replace(/\s+#.*$/, '');
    if (fmt === 'hosts') {
      const [addr, ...names] = line.split(/\s+/);
      if (!addr || names.length === 0 || !HOSTS_SINKS.test(addr)) {
        bad(n, line);
        return;
      }
      for (const name of names) {
        if (HOSTS_SKIP.has(name.toLowerCase())) continue;
        const d = normaliseDomain(name);
        if (d) add(d);
        else bad(n, line);
      }
      return;
    }
    // plain and ut1: one entry per line.
    if (hasPath(line)) {
      out.pathEntries++;
      return;
    }
    const d = normaliseDomain(line);
    if (d) add(d);
    else bad(n, line);
  });
  return out;
}

/**
 * UT1 (Université Toulouse 1 Capitole) category folders mapped to Harbour's categories; folders not here
 * are skipped. `child` and `sexual_education` are allow lists in UT1's own sense (sites for children; sex
 * education that a porn list would wrongly catch).
 */
export const UT1_CATEGORIES: Record<string, { kind: 'block' | 'allow'; category: FilterCategory | null }> = {
  adult: { kind: 'block', category: 'pornography' },
  mixed_adult: { kind: 'block', category: 'pornography' },
  lingerie: { kind: 'block', category: 'pornography' },
  gambling: { kind: 'block', category: 'gambling' },
  drogue: { kind: 'block', category: 'drugs' },
  hacking: { kind: 'block', category: 'malware' },
  malware: { kind: 'block', category: 'malware' },
  phishing: { kind: 'block', category: 'malware' },
  cryptojacking: { kind: 'block', category: 'malware' },
  warez: { kind: 'block', category: 'piracy' },
  redirector: { kind: 'block', category: 'circumvention' },
  strict_redirector: { kind: 'block', category: 'circumvention' },
  vpn: { kind: 'block', category: 'circumvention' },
  doh: { kind: 'block', category: 'circumvention' },
  dating: { kind: 'block', category: 'dating' },
  social_networks: { kind: 'block', category: 'social-media' },
  chat: { kind: 'block', category: 'chat' },
  games: { kind: 'block', category: 'games' },
  agressif: { kind: 'block', category: 'violence' },
  dangerous_material: { kind: 'block', category: 'violence' },
  webmail: { kind: 'block', category: 'webmail' },
  audio_video: { kind: 'block', category: 'streaming' },
  child: { kind: 'allow', category: null },
  sexual_education: { kind: 'allow', category: null },
};

/** The UT1 folder a file path names (`blacklists/gambling/domains` -> `gambling`), or null. */
export function ut1Folder(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  if (parts.length < 2) return null;
  const file = parts[parts.length - 1]!;
  if (file !== 'domains' && file !== 'urls') return null;
  return parts[parts.length - 2]!;
}
