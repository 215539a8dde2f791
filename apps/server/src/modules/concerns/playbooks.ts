import type { ConcernCategory } from '@harbour/shared';
import {
  adviceIfUnsure,
  agencyChecks,
  bullying,
  notifyDsl,
  NOW,
  parents,
  police,
  review,
  riskAssessment,
  safeguardingPolicy,
  secureDevice,
  socialCare,
  support,
  TODAY,
  type Playbook,
} from './playbook-steps.js';

export type { Playbook, PlaybookStep } from './playbook-steps.js';

/** Each category's (and variant's) playbook; playbook-steps.ts says what a step holds. */
const PLAYBOOKS: Record<string, Playbook> = {
  youth_sexual_imagery: {
    key: 'youth_sexual_imagery',
    section: '9.1',
    steps: [
      notifyDsl,
      safeguardingPolicy,
      secureDevice,
      {
        key: 'do_not_view',
        text: 'Do not view, copy, send or save the image; only the DSL views it, only if unavoidable, and records why.',
        role: 'dsl',
      },
      {
        key: 'isolate',
        text: 'If the image was taken or shared on the school network or devices, block access to it for all users and isolate it.',
        role: 'technical_staff',
        limit: TODAY,
      },
      riskAssessment,
      agencyChecks,
      { ...socialCare, text: 'Refer to children’s social care as needed.' },
      police('Refer to the police as needed.', TODAY),
      support,
      {
        key: 'sanctions',
        text: 'Apply sanctions under the behaviour policy, taking care not to traumatise victims further.',
        role: 'dsl',
      },
      parents,
      review,
    ],
  },
  online_sexual_abuse: {
    key: 'online_sexual_abuse',
    section: '9.2',
    steps: [
      safeguardingPolicy,
      notifyDsl,
      { ...secureDevice, text: 'Store any devices involved securely; record their custody in Harbour.' },
      police('Inform the police at once: 101, or 999 if a child is at immediate risk.'),
      {
        key: 'ceop',
        text: 'Where appropriate, help the child report to CEOP themselves (ClickCEOP).',
        role: 'dsl',
        referral: 'ceop',
      },
      riskAssessment,
      agencyChecks,
      socialCare,
      support,
      parents,
      {
        key: 'intelligence',
        text: 'Pass any intelligence about child sexual exploitation to the local authority’s safeguarding team.',
        role: 'dsl',
        referral: 'education_safeguarding',
      },
      {
        key: 'other_schools',
        text: 'If pupils at other schools may have been targeted, ask the Education Safeguarding Team to alert them.',
        role: 'dsl',
      },
      review,
    ],
  },
  'indecent_images/accidental_exposure': {
    key: 'indecent_images/accidental_exposure',
    section: '9.3',
    steps: [
      { ...notifyDsl, text: 'Make sure the DSL knows.' },
      {
        key: 'report_iwf',
        text: 'Report the web addresses (URLs) holding the suspected images to the Internet Watch Foundation.',
        role: 'dsl',
        limit: NOW,
        referral: 'iwf',
      },
      {
        key: 'delete_copies',
        text: 'Make sure any copies (for example in emails) are deleted.',
        role: 'technical_staff',
        limit: TODAY,
      },
      support,
      review,
    ],
  },
  'indecent_images/school_device': {
    key: 'indecent_images/school_device',
    section: '9.3',
    steps: [
      { ...notifyDsl, text: 'Make sure the DSL knows.' },
      { ...secureDevice, text: 'Secure the school device; record its custody in Harbour.' },
      {
        key: 'report_iwf',
        text: 'Report the web addresses (URLs) holding the suspected images to the Internet Watch Foundation.',
        role: 'dsl',
        limit: NOW,
        referral: 'iwf',
      },
      { key: 'delete_copies', text: 'Make sure any other copies are deleted.', role: 'technical_staff' },
      police('Inform the police: 101, or 999 if there is an immediate risk of harm.'),
      { ...socialCare, text: 'Inform children’s social care as appropriate.' },
      {
        key: 'store_only_for_police',
        text: 'Store a copy only if the police ask, securely and where nobody else can reach it.',
        role: 'dsl',
      },
      review,
    ],
  },
  'indecent_images/staff_possession': {
    key: 'indecent_images/staff_possession',
    section: '9.3',
    steps: [
      {
        key: 'notify',
        text: 'Make sure the DSL knows, or another member of staff under the whistleblowing procedure.',
        role: 'reporter',
        limit: NOW,
      },
      police('Contact the police about the images.'),
      {
        key: 'quarantine',
        text: 'Quarantine every device involved until the police have given advice; record custody in Harbour.',
        role: 'headteacher',
        limit: NOW,
      },
      {
        key: 'lado',
        text: 'Inform the Local Authority Designated Officer (LADO) under the managing-allegations policy.',
        role: 'headteacher',
        limit: TODAY,
        referral: 'lado',
      },
      { key: 'conduct', text: 'Follow the school’s staff conduct policies.', role: 'headteacher' },
      review,
    ],
  },
  radicalisation: {
    key: 'radicalisation',
    section: '9.4',
    steps: [
      { ...notifyDsl, text: 'Tell the DSL immediately.' },
      safeguardingPolicy,
      adviceIfUnsure,
      riskAssessment,
      support,
      parents,
      review,
    ],
  },
  cyberbullying: bullying('9.5', 'online bullying'),
  online_hate: bullying('9.6', 'online hate'),
  filtering_breach: {
    key: 'filtering_breach',
    section: '7.3',
    steps: [
      notifyDsl,
      {
        key: 'report_filter',
        text: 'Note the web address and report it so the filter is changed (a filtering change request).',
        role: 'technical_staff',
        limit: TODAY,
      },
      {
        key: 'illegal',
        text: 'If the content may be illegal, report it to the IWF and the police.',
        role: 'dsl',
        referral: 'iwf',
      },
      support,
      review,
    ],
  },
  offensive_communication: {
    key: 'offensive_communication',
    section: '2.3',
    steps: [
      notifyDsl,
      { key: 'keep', text: 'Keep the message as evidence; do not reply to it.', role: 'reporter' },
      adviceIfUnsure,
      support,
      review,
    ],
  },
  learning_platform: {
    key: 'learning_platform',
    section: '2.5 [All Souls’]',
    steps: [
      { key: 'ask_remove', text: 'Ask the user to remove the content.', role: 'dsl' },
      {
        key: 'admin_remove',
        text: 'If they do not, the platform administrator removes it.',
        role: 'technical_staff',
      },
      {
        key: 'suspend',
        text: 'Suspend the user’s access to the platform if needed.',
        role: 'technical_staff',
      },
      {
        key: 'leadership',
        text: 'Leadership discusses the incident before access is given back.',
        role: 'leadership',
      },
      { ...parents, text: 'Inform the parent or carer of a pupil involved.' },
      review,
    ],
  },
  social_media: {
    key: 'social_media',
    section: '3.1, 3.5 [3.4]',
    steps: [
      notifyDsl,
      { key: 'evidence', text: 'Keep the evidence of what was posted.', role: 'reporter' },
      {
        key: 'age',
        text: 'Where a child under 13 uses a service, talk to the child and the parents about age limits.',
        role: 'dsl',
      },
      parents,
      adviceIfUnsure,
      review,
    ],
  },
  personal_device: {
    key: 'personal_device',
    section: '4.3, 4.4 [4.5]',
    steps: [
      {
        key: 'confiscate',
        text: 'Confiscate the device under the behaviour policy; record its custody.',
        role: 'reporter',
      },
      { key: 'release', text: 'Release the device to a parent or carer.', role: 'dsl' },
      police('If the device holds content that may be illegal, contact the police.', TODAY),
      parents,
      review,
    ],
  },
  staff_allegation: {
    key: 'staff_allegation',
    section: '8',
    steps: [
      {
        key: 'head',
        text: 'Refer the complaint or allegation to the headteacher.',
        role: 'reporter',
        limit: NOW,
      },
      {
        key: 'lado',
        text: 'Discuss the allegation with the Local Authority Designated Officer (LADO).',
        role: 'headteacher',
        limit: { label: 'within one working day', minutes: 24 * 60 },
        referral: 'lado',
      },
      {
        key: 'conduct',
        text: 'Follow the managing-allegations and staff conduct policies.',
        role: 'headteacher',
      },
      review,
    ],
  },
  data_breach: {
    key: 'data_breach',
    section: '7.1, 7.2',
    steps: [
      notifyDsl,
      {
        key: 'contain',
        text: 'Contain the breach: secure accounts, devices and data.',
        role: 'technical_staff',
        limit: NOW,
      },
      {
        key: 'dpo',
        text: 'Tell the data protection officer, who decides whether to report to the ICO (within 72 hours).',
        role: 'leadership',
        limit: TODAY,
      },
      review,
    ],
  },
  computer_misuse: {
    key: 'computer_misuse',
    section: '8',
    steps: [
      notifyDsl,
      {
        key: 'preserve',
        text: 'Preserve the system logs and secure the accounts involved.',
        role: 'technical_staff',
      },
      police('Report breaches of the Computer Misuse Act 1990 to the police.', TODAY),
      review,
    ],
  },
  other: {
    key: 'other',
    section: '8',
    steps: [
      {
        key: 'triage',
        text: 'Decide which procedure applies; change the category if another fits better.',
        role: 'dsl',
        limit: TODAY,
      },
      adviceIfUnsure,
      parents,
      review,
    ],
  },
};

/** The playbook for a concern's category and variant. */
export function playbookFor(category: ConcernCategory, subtype: string | null): Playbook {
  const found = PLAYBOOKS[subtype ? `${category}/${subtype}` : category] ?? PLAYBOOKS[category];
  return found ?? PLAYBOOKS.other!;
}

export const allPlaybooks = (): Playbook[] => Object.values(PLAYBOOKS);
