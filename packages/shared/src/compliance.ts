import type { YearGroup } from './year-groups.js';
import { keyStageOf } from './year-groups.js';

/** Who an acceptable-use agreement is written for (policy 5.3, 6.1; All Souls' 3.3 for official social media). */
export const AUP_AUDIENCES = [
  'staff',
  'pupil_ks1',
  'pupil_ks2',
  'parent',
  'visitor',
  'staff_social_media',
] as const;
export type AupAudience = (typeof AUP_AUDIENCES)[number];
export const AUP_AUDIENCE_LABELS: Record<AupAudience, string> = {
  staff: 'Staff, governors and volunteers',
  pupil_ks1: 'Pupils in Early Years and Key Stage 1',
  pupil_ks2: 'Pupils in Key Stage 2',
  parent: 'Parents and carers',
  visitor: 'Visitors and guests',
  staff_social_media: 'Staff using the school’s official social media',
};

/** The agreement a pupil signs: EYFS and KS1 pupils use the younger text and are too young to sign it. */
export function pupilAudience(year: YearGroup): AupAudience {
  return keyStageOf(year) === 'KS2' ? 'pupil_ks2' : 'pupil_ks1';
}

/** School systems in the access register (policy 5.3, 2.4, 2.5 [All Souls']). */
export const SCHOOL_SYSTEMS = ['network', 'email', 'learning_platform', 'mis', 'harbour', 'devices'] as const;
export type SchoolSystem = (typeof SCHOOL_SYSTEMS)[number];
export const SCHOOL_SYSTEM_LABELS: Record<SchoolSystem, string> = {
  network: 'School network and Wi-Fi',
  email: 'School email',
  learning_platform: 'Learning platform',
  mis: 'Management information system (MIS)',
  harbour: 'Harbour',
  devices: 'School devices',
};

/** Where a pupil's image or video may be published (policy 2.2, 3.4 [3.3]). */
export const CONSENT_CHANNELS = ['website', 'newsletter', 'press', 'social_media'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CONSENT_CHANNEL_LABELS: Record<ConsentChannel, string> = {
  website: 'School website',
  newsletter: 'Newsletter',
  press: 'Local press',
  social_media: 'Official social media',
};

export const TRAINING_KINDS = ['online_safety', 'safeguarding', 'induction', 'dsl', 'other'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = {
  online_safety: 'Online safety',
  safeguarding: 'Safeguarding (including online safety)',
  induction: 'Induction',
  dsl: 'Designated safeguarding lead',
  other: 'Other',
};

export const DEVICE_KINDS = ['laptop', 'tablet', 'desktop', 'phone', 'camera', 'storage', 'other'] as const;
export const ANTIVIRUS_STATUSES = ['up_to_date', 'out_of_date', 'none', 'not_applicable'] as const;

/** A dashboard light: green met, amber needs attention, red not met, grey no evidence yet. */
export type TrafficLight = 'green' | 'amber' | 'red' | 'grey';
