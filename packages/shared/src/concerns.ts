/**
 * Concern categories (issue 3, product brief Pillar 1). Section numbers are St Mark's (the template's order);
 * All Souls' number follows in brackets where it differs (clarification 17).
 */
export const CONCERN_CATEGORIES = [
  'youth_sexual_imagery',
  'online_sexual_abuse',
  'indecent_images',
  'radicalisation',
  'cyberbullying',
  'online_hate',
  'filtering_breach',
  'offensive_communication',
  'learning_platform',
  'social_media',
  'personal_device',
  'staff_allegation',
  'data_breach',
  'computer_misuse',
  'other',
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

interface CategoryInfo {
  label: string;
  /** Where the policy speaks of it. */
  section: string;
  /** Variants the policy handles differently; one must be chosen when there are any. */
  subtypes?: Record<string, string>;
  /** Harbour never stores suspected indecent imagery: no attachments, device custody instead. */
  imagery?: boolean;
}

export const CONCERN_CATEGORY_INFO: Record<ConcernCategory, CategoryInfo> = {
  youth_sexual_imagery: { label: 'Youth-produced sexual imagery ("sexting")', section: '9.1', imagery: true },
  online_sexual_abuse: { label: 'Online child sexual abuse, exploitation or grooming', section: '9.2' },
  indecent_images: {
    label: 'Indecent images of children',
    section: '9.3',
    imagery: true,
    subtypes: {
      accidental_exposure: 'Someone was exposed to them by accident while using the internet',
      school_device: 'Found on a school device',
      staff_possession: 'A member of staff in possession of them',
    },
  },
  radicalisation: { label: 'Radicalisation or extremism online', section: '9.4' },
  cyberbullying: { label: 'Cyberbullying', section: '9.5' },
  online_hate: { label: 'Online hate', section: '9.6' },
  filtering_breach: { label: 'Filtering breach or unsuitable site found', section: '7.3' },
  offensive_communication: { label: 'Offensive communication received', section: '2.3' },
  learning_platform: { label: 'Learning-platform content', section: '2.5 [All Souls’]' },
  social_media: {
    label: 'Social-media conduct',
    section: '3.1, 3.5 [3.4]',
    subtypes: { conduct: 'Conduct on social media', under_13: 'Use of a service by a child under 13' },
  },
  personal_device: { label: 'Misuse of a personal device or phone', section: '4.3, 4.4 [4.5]' },
  staff_allegation: { label: 'Allegation about a member of staff’s online conduct', section: '8' },
  data_breach: { label: 'Data-security breach', section: '7.1, 7.2' },
  computer_misuse: { label: 'Computer misuse', section: '8' },
  other: { label: 'Other online-safety concern', section: '8' },
};

export const isImageryCategory = (c: ConcernCategory): boolean => CONCERN_CATEGORY_INFO[c].imagery === true;

/**
 * Allegations about a member of staff are restricted records (clarification 6): the subject never meets them;
 * only the headteacher (the chair of governors when the head is the subject) and the DSLs they name see them.
 */
export const isStaffAllegation = (c: ConcernCategory, subtype: string | null | undefined): boolean =>
  c === 'staff_allegation' || (c === 'indecent_images' && subtype === 'staff_possession');

export const IMAGERY_REFUSAL =
  'Harbour never stores suspected indecent imagery of children (policy 9.1 and 9.3): do not copy, send or ' +
  'save the image. Record who secured the device, where and when, and who it was handed to, instead.';

export const CONCERN_STATUSES = ['new', 'open', 'closed'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

/** Narrative fields of a concern that may be amended (never edited in place). */
export const CONCERN_TEXT_FIELDS = ['location', 'account', 'immediateAction', 'adultDescription'] as const;
export type ConcernTextField = (typeof CONCERN_TEXT_FIELDS)[number];

/** Files a concern may carry (screenshots of messages, a PDF export, a text log). */
export const CONCERN_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
] as const;
export const CONCERN_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Kinds of agency in the directory (policy Appendix E, 8, 9.x); a referral step names the kind it expects. */
export const AGENCY_KINDS = [
  'police',
  'ceop',
  'iwf',
  'lado',
  'social_care',
  'education_safeguarding',
  'childline',
  'nspcc',
  'helpline',
  'action_fraud',
  'service_provider',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Sanctions for online bullying and online hate (policy 9.5, 9.6), and the behaviour policy for the rest. */
export const CONCERN_SANCTIONS = {
  remove_material: 'Asked to remove the material deemed inappropriate or offensive',
  provider_removal: 'Service provider contacted to remove the content',
  internet_suspended: 'Internet access at school suspended for a period',
  parents_informed: 'Parents or carers informed',
  police: 'Police contacted: a criminal offence is suspected',
  behaviour_policy: 'Other sanction under the anti-bullying, behaviour or acceptable-use policy',
} as const;
export type ConcernSanction = keyof typeof CONCERN_SANCTIONS;

export const PARENT_CONTACT_METHODS = ['in_person', 'phone', 'email', 'letter', 'meeting'] as const;
