/**
 * The filtering categories (brief, pillar 2). The first ten follow the UK Safer Internet Centre's
 * "appropriate filtering" definitions (illegal content, then the inappropriate-content rows); the rest are the
 * school-level categories the policies name (policy 7.3, 9.3: social media, games, chat, dating, video,
 * webmail, circumvention). The order is the reporting order: when a name is in lists of several categories,
 * the decision names the first of them.
 */
export const FILTER_CATEGORIES = [
  'illegal',
  'pornography',
  'self-harm',
  'extremism',
  'discrimination',
  'violence',
  'drugs',
  'gambling',
  'malware',
  'piracy',
  'circumvention',
  'dating',
  'social-media',
  'chat',
  'games',
  'streaming',
  'webmail',
] as const;

export type FilterCategory = (typeof FILTER_CATEGORIES)[number];

export interface CategoryInfo {
  label: string;
  /** On the UKSIC appropriate-filtering list (every school must block these for pupils). */
  uksic: boolean;
  description: string;
}

export const CATEGORY_INFO: Record<FilterCategory, CategoryInfo> = {
  illegal: {
    label: 'Illegal content',
    uksic: true,
    description:
      'Child sexual abuse material (IWF URL list) and unlawful terrorist content (police CTIRU list). Nobody at the school can allow it.',
  },
  pornography: { label: 'Pornography', uksic: true, description: 'Sexual acts or explicit images' },
  'self-harm': {
    label: 'Self-harm',
    uksic: true,
    description: 'Promotes or shows self-harm, including suicide and eating disorders',
  },
  extremism: {
    label: 'Extremism',
    uksic: true,
    description: 'Promotes terrorism, terrorist ideology, violence or intolerance',
  },
  discrimination: {
    label: 'Discrimination and hate',
    uksic: true,
    description:
      'Unjust or prejudicial treatment of people with protected characteristics (Equality Act 2010)',
  },
  violence: { label: 'Violence', uksic: true, description: 'Shows or promotes force meant to hurt or kill' },
  drugs: {
    label: 'Drugs and substance abuse',
    uksic: true,
    description: 'Shows or promotes illegal drug use',
  },
  gambling: { label: 'Gambling', uksic: true, description: 'Enables gambling' },
  malware: {
    label: 'Malware and hacking',
    uksic: true,
    description: 'Compromising systems, phishing and malicious hosting',
  },
  piracy: {
    label: 'Piracy and copyright theft',
    uksic: true,
    description: 'Illegal copies of copyrighted material',
  },
  circumvention: {
    label: 'Circumvention (VPN, proxy, DoH)',
    uksic: true,
    description: 'Anonymisers, VPNs, web proxies and DNS-over-HTTPS resolvers that bypass the filter',
  },
  dating: { label: 'Dating', uksic: false, description: 'Dating and adult contact sites' },
  'social-media': { label: 'Social media', uksic: false, description: 'Social networks' },
  chat: { label: 'Chat and messaging', uksic: false, description: 'Chat rooms and messaging services' },
  games: { label: 'Games', uksic: false, description: 'Online games' },
  streaming: { label: 'Streaming and video', uksic: false, description: 'Video and streaming sites' },
  webmail: { label: 'Webmail', uksic: false, description: 'Personal webmail' },
};

export const isFilterCategory = (s: string): s is FilterCategory =>
  (FILTER_CATEGORIES as readonly string[]).includes(s);
