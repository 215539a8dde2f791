import type { FilterCategory } from './categories.js';
import type { ListSpec, PolicySpec } from './compile.js';
import { SAFE_SEARCH_ALL_ON } from './safe-search.js';

/**
 * A small, fictional policy in the shape of the two seed schools' rules (policy 9.3, 9.4; All Souls' 3.1):
 * EYFS/KS1 on approved sites only, KS2 with every UKSIC category and social media blocked, staff with social
 * media at break times only, guests filtered like KS2. Names are under `.example` (RFC 2606), never real.
 * The resolver serves it until the filtering module compiles the school's own policy, and tests build on it.
 */
export const DEMO_SCHOOL_ID = 'demo-school';
export const DEMO_GROUPS = { eyfs: 'eyfs-ks1', ks2: 'ks2', staff: 'staff', guests: 'guests' } as const;

const UKSIC: FilterCategory[] = [
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
];
const PUPIL_EXTRA: FilterCategory[] = ['dating', 'social-media', 'chat', 'games', 'streaming', 'webmail'];

/** Sample names per category (the self-test resolves these too). */
export const DEMO_LIST_DOMAINS: Record<FilterCategory, string[]> = {
  illegal: ['illegal-content.example'],
  pornography: ['adult-videos.example'],
  'self-harm': ['harm-forum.example'],
  extremism: ['extreme-views.example'],
  discrimination: ['hate-site.example'],
  violence: ['gore-clips.example'],
  drugs: ['buy-drugs.example'],
  gambling: ['big-bets.example', 'casino-spins.example'],
  malware: ['malware-drop.example'],
  piracy: ['free-films.example'],
  circumvention: ['vpn-tunnel.example', 'doh-resolver.example'],
  dating: ['meet-singles.example'],
  'social-media': ['friendbook.example', 'photogram.example'],
  chat: ['chat-rooms.example'],
  games: ['online-games.example'],
  streaming: ['video-tube.example'],
  webmail: ['web-mail.example'],
};
export const DEMO_APPROVED = ['phonics-play.example', 'maths-garden.example', 'school-library.example'];

export interface DemoPolicyOptions {
  version?: number;
  generatedAt?: string;
  subnets?: { cidr: string; groupId: string }[];
  blockPage?: { ipv4: string[]; ipv6: string[] } | 'nxdomain';
  timeZone?: string;
}

export function demoPolicySpec(o: DemoPolicyOptions = {}): PolicySpec {
  const lists: ListSpec[] = (Object.keys(DEMO_LIST_DOMAINS) as FilterCategory[]).map((c) => ({
    id: `demo-${c}`,
    name: `Demo ${c} list`,
    kind: 'block',
    category: c,
    domains: DEMO_LIST_DOMAINS[c],
  }));
  lists.push({
    id: 'demo-approved',
    name: 'Approved for EYFS/KS1',
    kind: 'allow',
    category: null,
    domains: DEMO_APPROVED,
  });
  const blockPage = o.blockPage ?? { ipv4: ['127.0.0.1'], ipv6: ['::1'] };
  const g = DEMO_GROUPS;
  return {
    version: o.version ?? 1,
    generatedAt: o.generatedAt ?? new Date(0).toISOString(),
    schools: [
      {
        id: DEMO_SCHOOL_ID,
        name: 'Harbour Demo Primary',
        timeZone: o.timeZone ?? 'Europe/London',
        lists: lists.map((l) => l.id),
        blockAnswer: blockPage === 'nxdomain' ? { mode: 'nxdomain' } : { mode: 'block-page', ...blockPage },
        answerTtl: 30,
      },
    ],
    groups: [
      {
        id: g.eyfs,
        schoolId: DEMO_SCHOOL_ID,
        name: 'EYFS/KS1',
        mode: 'allowlist',
        blockedCategories: [],
        allowLists: ['demo-approved'],
        allow: ['bbc.co.uk'],
        safeSearch: SAFE_SEARCH_ALL_ON,
      },
      {
        id: g.ks2,
        schoolId: DEMO_SCHOOL_ID,
        name: 'KS2',
        mode: 'blocklist',
        blockedCategories: [...UKSIC, ...PUPIL_EXTRA],
        deny: ['pupil-distraction.example'],
        safeSearch: SAFE_SEARCH_ALL_ON,
      },
      {
        id: g.staff,
        schoolId: DEMO_SCHOOL_ID,
        name: 'Staff',
        mode: 'blocklist',
        blockedCategories: [...UKSIC, 'dating', 'social-media'],
        rules: [
          {
            id: 'staff-social-breaks',
            label: 'Social media at break times (All Souls 3.1)',
            effect: 'allow',
            categories: ['social-media'],
            windows: [
              { days: [1, 2, 3, 4, 5], from: '10:30', to: '10:45' },
              { days: [1, 2, 3, 4, 5], from: '12:00', to: '13:00' },
            ],
          },
        ],
        safeSearch: { google: true, youtube: 'moderate', bing: true, duckduckgo: true },
      },
      {
        id: g.guests,
        schoolId: DEMO_SCHOOL_ID,
        name: 'Guests and visitors',
        mode: 'blocklist',
        blockedCategories: [...UKSIC, ...PUPIL_EXTRA],
        safeSearch: SAFE_SEARCH_ALL_ON,
      },
    ],
    clients: {
      subnets: o.subnets ?? [
        { cidr: '10.10.1.0/24', groupId: g.eyfs },
        { cidr: '10.10.2.0/24', groupId: g.ks2 },
        { cidr: '10.10.3.0/24', groupId: g.staff },
        { cidr: '10.10.9.0/24', groupId: g.guests },
      ],
      defaultGroupId: g.guests,
    },
    lists,
  };
}
