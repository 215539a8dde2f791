/**
 * Monitoring themes (UKSIC "appropriate monitoring" categories; issue 6). The order is the priority order
 * when two themes share the highest severity in one text.
 */
export const MONITOR_CATEGORIES = [
  'self-harm',
  'grooming',
  'extremism',
  'weapons',
  'hate',
  'bullying',
  'pornography',
  'drugs',
  'gambling',
] as const;
export type MonitorCategory = (typeof MONITOR_CATEGORIES)[number];

export const MONITOR_CATEGORY_LABELS: Record<MonitorCategory, string> = {
  'self-harm': 'Self-harm and suicide',
  grooming: 'Grooming and sexual exploitation',
  extremism: 'Extremism and radicalisation',
  weapons: 'Weapons and violence',
  hate: 'Hate and discrimination',
  bullying: 'Bullying',
  pornography: 'Pornography',
  drugs: 'Drugs and substance misuse',
  gambling: 'Gambling',
};

export const isMonitorCategory = (s: string): s is MonitorCategory =>
  (MONITOR_CATEGORIES as readonly string[]).includes(s);

/** Age profiles: the same words weigh differently from a five-year-old, a ten-year-old and an adult. */
export const AGE_PROFILES = ['eyfs-ks1', 'ks2', 'staff'] as const;
export type AgeProfile = (typeof AGE_PROFILES)[number];
export const AGE_PROFILE_LABELS: Record<AgeProfile, string> = {
  'eyfs-ks1': 'Nursery, Reception and Key Stage 1 (ages 3-7)',
  ks2: 'Key Stage 2 (ages 7-11)',
  staff: 'Staff and other adults',
};

/**
 * Severities (Smoothwall Monitor's 1-5 scale): 5 serious, act now; 4 moderate, attention soon; 3 mild;
 * 2 low; 1 logged only.
 */
export const SEVERITY_LABELS = ['', 'Logged only', 'Low', 'Mild', 'Moderate', 'Serious'] as const;
export type Severity = 1 | 2 | 3 | 4 | 5;

/**
 * Per-profile shifts applied to a phrase's severity unless the phrase names its own severity for the profile.
 * Young children: anything sexual is more worrying. Adults: gambling is legal (logged only).
 */
export const PROFILE_SHIFT: Record<AgeProfile, Partial<Record<MonitorCategory, number>>> = {
  'eyfs-ks1': { pornography: 1 },
  ks2: {},
  staff: { gambling: -2 },
};

/** Languages of the built-in library (ISO 639-1); a school's own phrases may use any. */
export const MONITOR_LANGUAGES = ['en', 'pl', 'ro', 'ur', 'ar', 'cy'] as const;
export const MONITOR_LANGUAGE_LABELS: Record<string, string> = {
  en: 'English',
  pl: 'Polish',
  ro: 'Romanian',
  ur: 'Urdu',
  ar: 'Arabic',
  cy: 'Welsh',
};
