/** Year groups of an English primary school (clarification 10) and the key stage each falls in. */
export const YEAR_GROUPS = ['N1', 'N2', 'R', '1', '2', '3', '4', '5', '6'] as const;
export type YearGroup = (typeof YEAR_GROUPS)[number];
export const KEY_STAGES = ['EYFS', 'KS1', 'KS2'] as const;
export type KeyStage = (typeof KEY_STAGES)[number];

/** How a year group is written for people: "Nursery 1", "Reception", "Year 3". */
export function yearGroupLabel(year: YearGroup): string {
  if (year === 'N1' || year === 'N2') return `Nursery ${year[1]}`;
  if (year === 'R') return 'Reception';
  return `Year ${year}`;
}

/** The year groups a key stage covers. */
export const yearGroupsIn = (stage: KeyStage): YearGroup[] =>
  YEAR_GROUPS.filter((y) => keyStageOf(y) === stage);

export function keyStageOf(year: YearGroup): KeyStage {
  if (year === 'N1' || year === 'N2' || year === 'R') return 'EYFS';
  if (year === '1' || year === '2') return 'KS1';
  return 'KS2';
}

/** Accepts the spellings MIS exports use ("Year 3", "Y3", "Reception", "Nursery 1") and returns ours. */
export function parseYearGroup(raw: string): YearGroup | undefined {
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return undefined;
  if (s === 'r' || s === 'rec' || s === 'reception' || s === 'yr') return 'R';
  const nursery = /^(?:n|nursery ?)([12])$/.exec(s);
  if (nursery) return `N${nursery[1]}` as YearGroup;
  if (s === 'n' || s === 'nursery') return 'N2';
  const year = /^(?:y|yr|year ?)?([1-6])$/.exec(s);
  if (year) return year[1] as YearGroup;
  return undefined;
}
