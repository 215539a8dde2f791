import { describe, expect, it } from 'vitest';
import { MONITOR_CATEGORIES, MONITOR_LANGUAGES } from './categories.js';
import { patternOf } from './classifier.js';
import { parseLibrary } from './library-dsl.js';
import { builtInLibrary } from './library/index.js';

describe('phrase library integrity', () => {
  const lib = builtInLibrary();
  it('has unique ids, severities 1-5 and phrases that normalise to something', () => {
    const ids = new Set<string>();
    for (const p of lib.phrases) {
      expect(ids.has(p.id), p.id).toBe(false);
      ids.add(p.id);
      expect(p.severity >= 1 && p.severity <= 5, p.id).toBe(true);
      expect(patternOf(p.text, p.mode).trim(), p.id).not.toBe('');
    }
  });
  it('does not list one spelling twice in a category with different severities', () => {
    const seen = new Map<string, string>();
    for (const p of lib.phrases) {
      const key = `${p.category}|${patternOf(p.text, p.mode)}`;
      const grade = `${p.severity} ${JSON.stringify(p.profiles ?? {})}`;
      const before = seen.get(key);
      if (before !== undefined) expect(grade, `${p.id} graded twice`).toBe(before);
      seen.set(key, grade);
    }
  });
  it('covers every category in English and has every language', () => {
    for (const c of MONITOR_CATEGORIES)
      expect(lib.phrases.filter((p) => p.lang === 'en' && p.category === c).length, c).toBeGreaterThan(40);
    for (const l of MONITOR_LANGUAGES)
      expect(lib.phrases.filter((p) => p.lang === l).length, l).toBeGreaterThan(l === 'en' ? 2000 : 100);
  });
  it('rejects malformed source with the line number', () => {
    expect(() => parseLibrary('xx', 'kill')).toThrow(/line 1/);
    expect(() => parseLibrary('xx', '@nonsense 3\nkill')).toThrow(/unknown category/);
    expect(() => parseLibrary('xx', '@drugs 9\nweed')).toThrow(/severity/);
    expect(() => parseLibrary('xx', '@rule drugs 3\nonly one group')).toThrow(/two groups/);
    expect(() => parseLibrary('xx', '@rule drugs 3\n$missing + x')).toThrow(/unknown term set/);
  });
});
