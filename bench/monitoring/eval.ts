import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  AGE_PROFILES,
  MONITOR_CATEGORIES,
  isMonitorCategory,
  type AgeProfile,
  type MonitorCategory,
  type MonitorClassifier,
} from '@harbour/shared';

export interface EvalItem {
  text: string;
  lang: string;
  profile: AgeProfile;
  /** null: innocent, should raise nothing. */
  category: MonitorCategory | null;
  severity: number;
  line: number;
}

/** Reads bench/monitoring/eval/*.txt (format in eval/README.md). */
export function loadEvalSet(dir = path.join(import.meta.dirname, 'eval')): EvalItem[] {
  const items: EvalItem[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const lang = file.replace(/\.txt$/, '');
    let category: MonitorCategory | null = null;
    let severity = 0;
    let profile: AgeProfile = 'ks2';
    let started = false;
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((raw, i) => {
        const line = raw.trim();
        if (line === '') return;
        if (line.startsWith('##')) {
          const [cat, sev, prof] = line.slice(2).trim().split(/\s+/);
          if (cat === 'none') {
            category = null;
            severity = 0;
            profile = (sev ?? 'ks2') as AgeProfile;
          } else {
            if (!cat || !isMonitorCategory(cat)) throw new Error(`${file}:${i + 1}: unknown category ${cat}`);
            category = cat;
            severity = Number(sev);
            profile = (prof ?? 'ks2') as AgeProfile;
          }
          if (!AGE_PROFILES.includes(profile))
            throw new Error(`${file}:${i + 1}: unknown profile ${profile}`);
          started = true;
          return;
        }
        if (line.startsWith('#')) return;
        if (!started) throw new Error(`${file}:${i + 1}: text before any ## header`);
        items.push({ text: line, lang, profile, category, severity, line: i + 1 });
      });
  }
  return items;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const ratio = (a: number, b: number): number => (b === 0 ? NaN : a / b);

export interface EvalReport {
  items: number;
  byLanguage: Record<string, number>;
  /** Per category: an alert (severity >= 2) of that category vs expected category with severity >= 2. */
  categories: Record<MonitorCategory, Counts & { precision: number; recall: number; expected: number }>;
  /** Severity 4-5: predicted >= 4 of the expected category vs expected >= 4. */
  high: Counts & { precision: number; recall: number; expected: number };
  highByCategory: Record<MonitorCategory, Counts & { precision: number; recall: number; expected: number }>;
  innocent: { total: number; raised: number };
  severityExact: number;
  severityWithinOne: number;
  misses: { item: EvalItem; got: string }[];
}

/**
 * Alert semantics: severity 1 is "logged only" (issue 6), so an expected or predicted severity of 1 counts
 * as no alert. A prediction is right for its category when the expected category matches.
 */
export function evaluate(classifier: MonitorClassifier, items: EvalItem[]): EvalReport {
  const blank = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
  const cats = Object.fromEntries(MONITOR_CATEGORIES.map((c) => [c, blank()])) as Record<
    MonitorCategory,
    Counts
  >;
  const highCats = Object.fromEntries(MONITOR_CATEGORIES.map((c) => [c, blank()])) as Record<
    MonitorCategory,
    Counts
  >;
  const high = blank();
  const byLanguage: Record<string, number> = {};
  let innocent = 0;
  let raised = 0;
  let exact = 0;
  let withinOne = 0;
  let graded = 0;
  const misses: EvalReport['misses'] = [];
  for (const item of items) {
    byLanguage[item.lang] = (byLanguage[item.lang] ?? 0) + 1;
    const r = classifier.classify(item.text, item.profile);
    const got = r.severity >= 2 ? r.category : null;
    const want = item.severity >= 2 ? item.category : null;
    if (want === null) {
      innocent++;
      if (got !== null) raised++;
    }
    if (got !== null && got === want) {
      cats[got].tp++;
      graded++;
      if (r.severity === item.severity) exact++;
      if (Math.abs(r.severity - item.severity) <= 1) withinOne++;
    } else {
      if (got !== null) cats[got].fp++;
      if (want !== null) cats[want].fn++;
    }
    const gotHigh = r.severity >= 4 ? r.category : null;
    const wantHigh = item.severity >= 4 ? item.category : null;
    if (gotHigh !== null && gotHigh === wantHigh) {
      high.tp++;
      highCats[gotHigh].tp++;
    } else {
      if (gotHigh !== null) {
        high.fp++;
        highCats[gotHigh].fp++;
      }
      if (wantHigh !== null) {
        high.fn++;
        highCats[wantHigh].fn++;
      }
    }
    if (got !== want || (want !== null && Math.abs(r.severity - item.severity) > 1))
      misses.push({ item, got: got ? `${got} ${r.severity} (${r.matches[0]?.id ?? ''})` : 'none' });
  }
  const finish = (c: Counts) => ({
    ...c,
    expected: c.tp + c.fn,
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
  });
  return {
    items: items.length,
    byLanguage,
    categories: Object.fromEntries(
      MONITOR_CATEGORIES.map((c) => [c, finish(cats[c])]),
    ) as EvalReport['categories'],
    high: finish(high),
    highByCategory: Object.fromEntries(
      MONITOR_CATEGORIES.map((c) => [c, finish(highCats[c])]),
    ) as EvalReport['highByCategory'],
    innocent: { total: innocent, raised },
    severityExact: ratio(exact, graded),
    severityWithinOne: ratio(withinOne, graded),
    misses,
  };
}
