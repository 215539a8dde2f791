import {
  MonitorClassifier,
  builtInLibrary,
  isMonitorCategory,
  patternOf,
  searchTermsFromUrl,
  type AgeProfile,
  type Classification,
  type LibraryCustomisation,
  type MonitorMatch,
  type PhraseLibrary,
} from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { MonitorTermTable } from '../../db/schema-monitoring.js';
import type { PersonTable } from '../../db/schema.js';

/**
 * The school's classifier: the built-in library plus the school's own phrases, exclusions and switched-off
 * phrases (monitor_terms). Compiling takes about half a second, so one is kept per school and rebuilt only
 * when its terms change; schools with no terms of their own share the built-in one.
 */
let library: PhraseLibrary | null = null;
let shared: MonitorClassifier | null = null;
const perSchool = new WeakMap<AppContext, Map<string, { stamp: string; classifier: MonitorClassifier }>>();

export const builtIn = (): PhraseLibrary => (library ??= builtInLibrary());
const sharedClassifier = (): MonitorClassifier => (shared ??= new MonitorClassifier(builtIn()));

/**
 * Switching off a built-in phrase switches off its twins: the same wording and theme listed under another
 * language ("vape" is English, Polish and Romanian), which would otherwise match in its place.
 */
let twins: Map<string, string[]> | null = null;
function withTwins(ids: string[]): string[] {
  if (!twins) {
    const byPattern = new Map<string, string[]>();
    twins = new Map();
    for (const p of builtIn().phrases) {
      const k = `${p.category}|${patternOf(p.text, p.mode)}`;
      const list = byPattern.get(k) ?? [];
      list.push(p.id);
      byPattern.set(k, list);
      twins.set(p.id, list);
    }
  }
  return [...new Set(ids.flatMap((id) => twins!.get(id) ?? [id]))];
}

export function customisationOf(rows: MonitorTermTable[]): LibraryCustomisation {
  const live = rows.filter((r) => r.removed_at === null);
  return {
    phrases: live.flatMap((r) =>
      r.kind === 'phrase' && r.category && isMonitorCategory(r.category)
        ? [
            {
              id: `school:${r.id}`,
              text: r.text,
              category: r.category,
              severity: r.severity ?? 3,
              lang: r.lang,
              mode: r.mode,
            },
          ]
        : [],
    ),
    exclusions: live
      .filter((r) => r.kind === 'exclusion')
      .map((r) => ({
        id: `school:${r.id}`,
        text: r.text,
        lang: r.lang,
        mode: r.mode,
        categories: r.categories ? (JSON.parse(r.categories) as never) : null,
      })),
    disabled: withTwins(live.filter((r) => r.kind === 'disable').map((r) => r.text)),
  };
}

export async function classifierFor(
  ctx: AppContext,
  db: Executor,
  schoolId: string,
): Promise<MonitorClassifier> {
  const rows = await db.selectFrom('monitor_terms').selectAll().where('school_id', '=', schoolId).execute();
  if (rows.length === 0) return sharedClassifier();
  const stamp = rows
    .map((r) => `${r.id}:${r.removed_at ?? ''}`)
    .sort()
    .join(',');
  let forCtx = perSchool.get(ctx);
  if (!forCtx)
    perSchool.set(ctx, (forCtx = new Map<string, { stamp: string; classifier: MonitorClassifier }>()));
  const hit = forCtx.get(schoolId);
  if (hit?.stamp === stamp) return hit.classifier;
  const classifier = new MonitorClassifier(builtIn(), customisationOf(rows));
  forCtx.set(schoolId, { stamp, classifier });
  return classifier;
}

const YOUNG = new Set(['N1', 'N2', 'R', '1', '2']);

/** The age profile for a person: EYFS/KS1, KS2 or adult; unknown users are read as KS2 (a primary school). */
export function profileOf(p: Pick<PersonTable, 'kind' | 'year_group'> | undefined): AgeProfile {
  if (!p) return 'ks2';
  if (p.kind !== 'pupil') return 'staff';
  return p.year_group && YOUNG.has(p.year_group) ? 'eyfs-ks1' : 'ks2';
}

/** The words of a visited URL's host and path ("https://x.example/how-to-be-thin" -> "x example how to be thin"). */
export function urlWords(raw: string): string {
  try {
    const u = new URL(raw.includes('://') ? raw : `https://${raw}`);
    let path = u.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // a malformed escape: read it as written
    }
    return `${u.hostname.replace(/^www\./, '')} ${path}`.replace(/[/._\-+~=%]+/g, ' ').trim();
  } catch {
    return '';
  }
}

export interface EventText {
  text?: string | undefined;
  url?: string | undefined;
}

/** The search a URL carries (Google q, YouTube search_query, ...), or null. */
export const searchOf = (e: EventText): string | null =>
  e.url ? (searchTermsFromUrl(e.url)?.terms ?? null) : null;

/**
 * Classifies each part of an event (search terms from its URL, its text, its URL's words) on its own and keeps
 * the worst: parts are never joined, so words from two parts cannot make a co-occurrence match.
 */
export function classifyEvent(
  c: MonitorClassifier,
  e: EventText,
  search: string | null,
  profile: AgeProfile,
): Classification {
  const parts = [search, e.text?.trim() || null, e.url && !search ? urlWords(e.url) : null];
  let best: Classification | null = null;
  const matches = new Map<string, MonitorMatch>();
  for (const part of parts) {
    if (!part) continue;
    const r = c.classify(part, profile);
    for (const m of r.matches) if (!matches.has(m.id)) matches.set(m.id, m);
    if (r.severity > (best?.severity ?? 0)) best = r;
  }
  if (!best) return { category: null, severity: 0, matches: [] };
  return {
    category: best.category,
    severity: best.severity,
    matches: [...matches.values()].sort((a, b) => b.severity - a.severity),
  };
}
