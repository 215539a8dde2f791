import type { TrafficLight } from './compliance.js';
import type { FilterCategory } from './filter/categories.js';

/**
 * The self-review's shared definitions (issue 5; policy 5.1, 1.3.2): the dashboard's item shape, the DfE
 * filtering-and-monitoring standards and the UK Safer Internet Centre's appropriate-filtering items as
 * checklists, and the 360-degree-safe-style aspects. Wording is Harbour's own summary, not the sources' text.
 */
export interface DashboardItem {
  key: string;
  /** Policy sections (St Mark's numbering, All Souls' in brackets where it differs). */
  section: string;
  commitment: string;
  light: TrafficLight;
  /** The number behind the light (a percentage, a count or a number of days), null when there is none. */
  value: number | null;
  figure: string;
  link: string | null;
}

export const CHECK_STATUSES = ['not_assessed', 'met', 'partly', 'not_met', 'not_applicable'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
export const CHECK_STATUS_LABELS: Record<CheckStatus, string> = {
  not_assessed: 'Not assessed',
  met: 'Met',
  partly: 'Partly met',
  not_met: 'Not met',
  not_applicable: 'Not applicable',
};

export const FRAMEWORKS = ['dfe', 'uksic'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
export const FRAMEWORK_LABELS: Record<Framework, string> = {
  dfe: 'DfE filtering and monitoring standards',
  uksic: 'UK Safer Internet Centre: appropriate filtering',
};

/**
 * What Harbour can show as evidence for an item: a dashboard item's key, a setting, or a filtering category
 * (`category:<name>`: whether pupils' groups block it).
 */
export type EvidenceRef =
  | { dashboard: string }
  | { setting: 'governor_lead' | 'dsl' | 'providers' | 'leadership' }
  | { category: FilterCategory }
  | { filtering: 'reports' | 'groups' | 'safe_search' | 'guests' }
  | { monitoring: true };

export interface ChecklistItem {
  key: string;
  group: string;
  text: string;
  evidence: EvidenceRef[];
}

const dfe = (key: string, group: string, text: string, evidence: EvidenceRef[] = []): ChecklistItem => ({
  key,
  group,
  text,
  evidence,
});

export const DFE_STANDARDS: ChecklistItem[] = [
  dfe(
    '1.governor',
    '1. Roles and responsibilities',
    'A governor is named to oversee filtering and monitoring.',
    [{ setting: 'governor_lead' }],
  ),
  dfe(
    '1.leadership',
    '1. Roles and responsibilities',
    'A member of the senior leadership team is responsible for filtering and monitoring, and decides what is blocked.',
    [{ setting: 'leadership' }, { dashboard: 'filtering_unapproved' }],
  ),
  dfe(
    '1.dsl',
    '1. Roles and responsibilities',
    'The designated safeguarding lead takes lead responsibility for online safety, including filtering and monitoring.',
    [{ setting: 'dsl' }],
  ),
  dfe(
    '1.providers',
    '1. Roles and responsibilities',
    'The filtering and monitoring providers and IT support are named and know what they are responsible for.',
    [{ setting: 'providers' }],
  ),
  dfe(
    '1.staff',
    '1. Roles and responsibilities',
    'All staff know their part, are trained, and know how to report a concern about what they see.',
    [{ dashboard: 'training_current' }, { dashboard: 'aup_staff' }],
  ),
  dfe(
    '2.annual',
    '2. Review at least once a year',
    'Filtering and monitoring provision is reviewed at least once every academic year, and the review is recorded.',
    [{ dashboard: 'self_review' }],
  ),
  dfe(
    '2.triggers',
    '2. Review at least once a year',
    'It is also reviewed when a safeguarding risk is found, when the policy changes, or when new technology arrives.',
    [{ dashboard: 'risk_reviews' }, { dashboard: 'policy_review' }],
  ),
  dfe(
    '2.checks',
    '2. Review at least once a year',
    'Checks that the filtering works are carried out regularly and the results kept.',
    [{ dashboard: 'filtering_self_test' }],
  ),
  dfe(
    '3.illegal',
    '3. Filtering blocks harmful content without over-blocking',
    'The filter blocks illegal content (the IWF and police terrorism lists) and is kept up to date.',
    [{ category: 'illegal' }],
  ),
  dfe(
    '3.categories',
    '3. Filtering blocks harmful content without over-blocking',
    'Harmful and inappropriate categories are blocked for pupils, staff and guests as the school decides.',
    [{ filtering: 'groups' }, { dashboard: 'filtering_self_test' }],
  ),
  dfe(
    '3.devices',
    '3. Filtering blocks harmful content without over-blocking',
    'Filtering covers every school device and network, guest Wi-Fi included.',
    [{ filtering: 'guests' }, { dashboard: 'devices_secure' }],
  ),
  dfe(
    '3.learning',
    '3. Filtering blocks harmful content without over-blocking',
    'Teaching is not held back: wrongly blocked sites can be reported and are dealt with quickly.',
    [{ filtering: 'reports' }],
  ),
  dfe(
    '3.changes',
    '3. Filtering blocks harmful content without over-blocking',
    'Changes to what is blocked are risk-assessed, approved and logged.',
    [{ dashboard: 'filtering_unapproved' }],
  ),
  dfe(
    '4.strategy',
    '4. Effective monitoring',
    'Monitoring fits the school’s risks: the ages of the pupils, the devices they use and how they use them.',
    [{ monitoring: true }],
  ),
  dfe(
    '4.alerts',
    '4. Effective monitoring',
    'Monitoring alerts reach the safeguarding team quickly and are acted on.',
    [{ monitoring: true }, { dashboard: 'concerns_open_30' }],
  ),
  dfe(
    '4.supervision',
    '4. Effective monitoring',
    'Pupils are supervised when they use devices, and staff watch what is on screen.',
  ),
];

const uk = (key: string, group: string, text: string, evidence: EvidenceRef[] = []): ChecklistItem => ({
  key,
  group,
  text,
  evidence,
});
const ILLEGAL = 'Illegal online content';
const CONTENT = 'Inappropriate online content';
const FEATURES = 'Filtering system features';

export const UKSIC_ITEMS: ChecklistItem[] = [
  uk(
    'iwf',
    ILLEGAL,
    'The filtering provider is an IWF member and blocks its list of child sexual abuse content.',
    [{ category: 'illegal' }],
  ),
  uk('ctiru', ILLEGAL, 'The police-assessed list of unlawful terrorist content (CTIRU) is blocked.', [
    { category: 'illegal' },
  ]),
  uk(
    'discrimination',
    CONTENT,
    'Content promoting unjust or prejudicial treatment of people for protected characteristics.',
    [{ category: 'discrimination' }],
  ),
  uk('drugs', CONTENT, 'Content showing or promoting the illegal use of drugs or substances.', [
    { category: 'drugs' },
  ]),
  uk('extremism', CONTENT, 'Content promoting terrorism and terrorist ideologies, violence or intolerance.', [
    { category: 'extremism' },
  ]),
  uk('gambling', CONTENT, 'Gambling sites and content.', [{ category: 'gambling' }]),
  uk('malware', CONTENT, 'Content that spreads malware or helps hacking and compromises systems.', [
    { category: 'malware' },
  ]),
  uk('pornography', CONTENT, 'Pornography and sexually explicit content.', [{ category: 'pornography' }]),
  uk('piracy', CONTENT, 'Content that breaches copyright, such as pirated films and music.', [
    { category: 'piracy' },
  ]),
  uk('self_harm', CONTENT, 'Content promoting or showing self-harm, suicide or eating disorders.', [
    { category: 'self-harm' },
  ]),
  uk('violence', CONTENT, 'Content promoting violence, weapons or the harm of others.', [
    { category: 'violence' },
  ]),
  uk('age', FEATURES, 'Filtering can differ by age and ability, so younger pupils are protected more.', [
    { filtering: 'groups' },
  ]),
  uk(
    'circumvention',
    FEATURES,
    'Attempts to get round the filter (proxies, VPNs, encrypted DNS) are blocked or flagged.',
    [{ category: 'circumvention' }],
  ),
  uk(
    'control',
    FEATURES,
    'The school can change what is filtered itself, with the changes controlled and recorded.',
    [{ dashboard: 'filtering_unapproved' }],
  ),
  uk('policy', FEATURES, 'The filtering policy is written down and explains what is blocked and why.', [
    { dashboard: 'policy_review' },
  ]),
  uk(
    'identification',
    FEATURES,
    'The filter can tell which group of users (and ideally which device) made a request.',
    [{ filtering: 'groups' }],
  ),
  uk('mobile', FEATURES, 'Content reached through mobile apps is filtered as well as websites.'),
  uk('languages', FEATURES, 'Inappropriate content is caught in the languages the school community uses.'),
  uk(
    'network',
    FEATURES,
    'Filtering applies at network level, so it does not rely on software on each device.',
    [{ filtering: 'guests' }],
  ),
  uk('remote', FEATURES, 'School devices used off site are filtered too.', [{ dashboard: 'devices_secure' }]),
  uk('reporting', FEATURES, 'Anyone can report a site that is wrongly blocked or should be blocked.', [
    { filtering: 'reports' },
  ]),
  uk('reports', FEATURES, 'The school gets reports of blocked activity that it can act on.', [
    { dashboard: 'filtering_self_test' },
  ]),
  uk('safe_search', FEATURES, 'Safe search is enforced on the search engines and video sites pupils use.', [
    { filtering: 'safe_search' },
  ]),
];

export const CHECKLISTS: Record<Framework, ChecklistItem[]> = { dfe: DFE_STANDARDS, uksic: UKSIC_ITEMS };

/**
 * The self-review's aspects, in the style of 360 degree safe: level 1 is the strongest (embedded, reviewed and
 * shared) and level 5 the weakest (nothing in place), as in that tool.
 */
export interface ReviewAspect {
  key: string;
  strand: string;
  title: string;
  question: string;
  /** Dashboard items whose figures are shown beside the rating. */
  evidence: string[];
}
export const REVIEW_LEVELS: Record<1 | 2 | 3 | 4 | 5, string> = {
  1: 'Embedded: in place, reviewed and shared with others',
  2: 'Established: in place and working across the school',
  3: 'Developing: agreed and partly in place',
  4: 'Starting: planned, not yet in place',
  5: 'Not in place',
};
const a = (key: string, strand: string, title: string, question: string, evidence: string[] = []) => ({
  key,
  strand,
  title,
  question,
  evidence,
});
const LEAD = 'Policy and leadership';
const INFRA = 'Infrastructure';
const EDU = 'Education';
const OUTCOMES = 'Standards and inspection';
export const REVIEW_ASPECTS: ReviewAspect[] = [
  a(
    'responsibilities',
    LEAD,
    'Responsibilities',
    'Are the online-safety roles named, known and working?',
    [],
  ),
  a(
    'policy',
    LEAD,
    'The online-safety policy',
    'Is the policy current, approved, known to everyone and reviewed yearly?',
    ['policy_review'],
  ),
  a(
    'aup',
    LEAD,
    'Acceptable use agreements',
    'Does everyone sign an agreement suited to them before using school systems?',
    ['aup_staff', 'aup_pupils'],
  ),
  a(
    'incidents',
    LEAD,
    'Reporting and responding',
    'Do incidents get reported, recorded and dealt with quickly?',
    ['concerns_open_30'],
  ),
  a(
    'images',
    LEAD,
    'Digital and video images',
    'Is consent recorded and respected before pupils’ images are published?',
    ['consents_recorded'],
  ),
  a(
    'filtering',
    INFRA,
    'Filtering',
    'Does the filter block what it should, and are changes controlled and tested?',
    ['filtering_unapproved', 'filtering_self_test'],
  ),
  a(
    'monitoring',
    INFRA,
    'Monitoring',
    'Does monitoring pick up risks and reach the safeguarding team quickly?',
    [],
  ),
  a(
    'security',
    INFRA,
    'Technical security',
    'Are accounts, access and devices managed securely, leavers removed and devices encrypted?',
    ['access_leavers', 'devices_secure'],
  ),
  a('technology', INFRA, 'New technology', 'Are new apps and tools risk-assessed and approved before use?', [
    'risk_reviews',
  ]),
  a(
    'pupils',
    EDU,
    'Pupils’ online-safety education',
    'Do pupils learn to stay safe online, in every year, in a planned way?',
    [],
  ),
  a('staff', EDU, 'Staff training', 'Are all staff trained at induction and at least yearly?', [
    'training_current',
  ]),
  a('parents', EDU, 'Parents and carers', 'Are parents told about online safety and the school’s rules?', []),
  a('phones', EDU, 'Mobile phones', 'Are the rules on pupils’ phones kept and recorded?', [
    'phones_uncollected',
  ]),
  a(
    'impact',
    OUTCOMES,
    'Impact and evaluation',
    'Does the school check what works, and act on what it finds?',
    ['self_review'],
  ),
];

/** Clarification 16: a breakdown cell of 1 or 2 shows "fewer than 3", so no small group can be identified. */
export function suppressSmall(n: number): string {
  return n > 0 && n < 3 ? 'fewer than 3' : String(n);
}
