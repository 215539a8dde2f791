import type { AgeProfile, MonitorCategory } from './categories.js';

/** How a phrase meets word edges: whole words, or the start ("suicid*") or end ("*phobe") of a word. */
export type PhraseMode = 'word' | 'prefix' | 'suffix';

/** Severity per age profile where it differs from the phrase's own; 0 means "not flagged for this profile". */
export type ProfileSeverities = Partial<Record<AgeProfile, number>>;

export interface PhraseEntry {
  /** Stable id ("en:kill myself", "school:<uuid>"): false-positive rates are counted per id. */
  id: string;
  text: string;
  category: MonitorCategory;
  severity: number;
  lang: string;
  mode: PhraseMode;
  profiles?: ProfileSeverities;
}

/** Co-occurrence: fires when each group has a term in the text ("how to" + "die"). */
export interface RuleEntry {
  id: string;
  category: MonitorCategory;
  severity: number;
  lang: string;
  groups: { text: string; mode: PhraseMode }[][];
  profiles?: ProfileSeverities;
}

/**
 * An innocent phrase ("kill the process", "killer whale", "Scunthorpe"): matches lying inside it are
 * dropped, for the listed categories or all of them.
 */
export interface ExclusionEntry {
  id: string;
  text: string;
  lang: string;
  mode: PhraseMode;
  categories: MonitorCategory[] | null;
}

/**
 * Context that makes milder matches elsewhere in the text innocent ("minecraft" beside "how to kill"):
 * matches of the listed categories up to maxSeverity are dropped.
 */
export interface ContextEntry {
  id: string;
  text: string;
  lang: string;
  mode: PhraseMode;
  categories: MonitorCategory[] | null;
  maxSeverity: number;
  /** Only co-occurrence matches (weaker evidence than a phrase) are dropped: "how to die" in "minecraft". */
  rulesOnly: boolean;
}

export interface PhraseLibrary {
  phrases: PhraseEntry[];
  rules: RuleEntry[];
  exclusions: ExclusionEntry[];
  contexts: ContextEntry[];
}

export const emptyLibrary = (): PhraseLibrary => ({ phrases: [], rules: [], exclusions: [], contexts: [] });

export function mergeLibraries(...libs: PhraseLibrary[]): PhraseLibrary {
  const out = emptyLibrary();
  for (const l of libs) {
    out.phrases.push(...l.phrases);
    out.rules.push(...l.rules);
    out.exclusions.push(...l.exclusions);
    out.contexts.push(...l.contexts);
  }
  return out;
}
