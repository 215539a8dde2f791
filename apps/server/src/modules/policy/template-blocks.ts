import type { Block, Section } from './template-types.js';

/** The building blocks the policy template is written in (template.ts, template-later.ts). */
export const list = (names: string[]): string =>
  names.length === 0
    ? '(not yet named in the school’s settings)'
    : names.length === 1
      ? names[0]!
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
export const p = (text: string): Block => ({ p: text });
export const ul = (...items: string[]): Block => ({ ul: items });
export const s = (number: string, title: string, blocks: Block[], allSouls?: string): Section => ({
  number,
  title,
  level: number.split('.').length as 1 | 2 | 3,
  blocks,
  ...(allSouls ? { allSouls } : {}),
});
