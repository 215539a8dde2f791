import type { AgencyKind } from '@harbour/shared';

/**
 * The steps the playbooks share (playbooks.ts). Response playbooks (issue 3; product brief Pillar 1), kept as data: for each category (and variant), the
 * ordered steps of the policy's procedure, in Harbour's own words. Each step names the role expected to do it and,
 * where the policy sets one, a time limit. A step with `referral` is a referral to that kind of agency: marking
 * it not applicable needs a reason and is recorded as a decision not to refer (KCSIE). Sections cite St Mark's
 * numbering, All Souls' in brackets where it differs (clarification 17).
 */
export interface PlaybookStep {
  key: string;
  text: string;
  role: 'reporter' | 'dsl' | 'headteacher' | 'leadership' | 'technical_staff';
  /** Words shown beside the step, and the minutes after recording by which it is due. */
  limit?: { label: string; minutes: number };
  referral?: AgencyKind;
}
export interface Playbook {
  key: string;
  section: string;
  steps: PlaybookStep[];
}

export const NOW = { label: 'immediately', minutes: 60 };
export const TODAY = { label: 'the same day', minutes: 8 * 60 };

export const notifyDsl: PlaybookStep = {
  key: 'notify_dsl',
  text: 'Tell the designated safeguarding lead straight away, in person where possible.',
  role: 'reporter',
  limit: NOW,
};
export const safeguardingPolicy: PlaybookStep = {
  key: 'safeguarding_policy',
  text: 'Follow the school’s child protection and safeguarding policy and the local safeguarding partnership’s procedures.',
  role: 'dsl',
};
export const secureDevice: PlaybookStep = {
  key: 'secure_device',
  text: 'Secure any device involved, switched off, where nobody else can use it; record its custody in Harbour.',
  role: 'reporter',
  limit: NOW,
};
export const riskAssessment: PlaybookStep = {
  key: 'risk_assessment',
  text: 'Assess the risk to each child involved, taking account of their vulnerabilities.',
  role: 'dsl',
  limit: TODAY,
};
export const agencyChecks: PlaybookStep = {
  key: 'agency_checks',
  text: 'Check with other agencies what is already known about the children involved.',
  role: 'dsl',
};
export const socialCare: PlaybookStep = {
  key: 'refer_social_care',
  text: 'Refer to children’s social care if the threshold is met.',
  role: 'dsl',
  referral: 'social_care',
};
export const support: PlaybookStep = {
  key: 'support',
  text: 'Put safeguards and pastoral support in place for those involved (counselling, immediate protection).',
  role: 'dsl',
};
export const parents: PlaybookStep = {
  key: 'inform_parents',
  text: 'Tell the parents or carers what happened and how the school is handling it, unless that would put a child at risk.',
  role: 'dsl',
};
export const review: PlaybookStep = {
  key: 'review',
  text: 'Review how the incident was handled; leadership updates procedures where needed (debrief, lessons learnt).',
  role: 'leadership',
};
export const adviceIfUnsure: PlaybookStep = {
  key: 'advice',
  text: 'If it is unclear whether a crime has been committed, get advice at once from the Education Safeguarding Team or the police.',
  role: 'dsl',
  limit: NOW,
  referral: 'education_safeguarding',
};
export const police = (text: string, limit = NOW): PlaybookStep => ({
  key: 'inform_police',
  text,
  role: 'dsl',
  limit,
  referral: 'police',
});
export const bullying = (section: string, what: string): Playbook => ({
  key: section === '9.5' ? 'cyberbullying' : 'online_hate',
  section,
  steps: [
    {
      key: 'record',
      text: `Record every reported incident of ${what}; this record is that step.`,
      role: 'reporter',
    },
    {
      key: 'evidence',
      text: 'Keep the evidence (screenshots, messages, dates) and ask those affected to keep their own record.',
      role: 'reporter',
    },
    {
      key: 'identify',
      text: 'Identify those responsible where possible: school system logs, witnesses, the service provider, the police if necessary.',
      role: 'dsl',
    },
    adviceIfUnsure,
    {
      key: 'sanctions',
      text: 'Decide sanctions for those responsible from the policy’s list and record them against each pupil.',
      role: 'dsl',
    },
    { ...parents, text: 'Tell the parents or carers of the pupils involved.' },
    police('Contact the police if a criminal offence is suspected.', TODAY),
    support,
    review,
  ],
});
