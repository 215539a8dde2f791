import { list, p, s, ul } from './template-blocks.js';
import { laterSections } from './template-later.js';
import type { Block, PolicyData, Section } from './template-types.js';

/**
 * Harbour's online-safety policy template: sections 1 to 9 and the contacts appendix, written for Harbour
 * in its own words from the Kent template's commitments, and filled from the school's settings. Numbering is
 * St Mark's with All Souls' in brackets where it differs (clarification 17). Bump the version when the text changes.
 */
export const TEMPLATE_VERSION = 'harbour-2026.1';

function phoneRules(d: PolicyData): Block[] {
  const r = d.phones;
  const who =
    r.pupilPhones === 'not_allowed'
      ? 'Pupils may not bring mobile phones or other personal devices to school.'
      : r.pupilPhones === 'any_year'
        ? 'Pupils may bring a mobile phone to school when their parents or carers agree.'
        : `Pupils in ${list(r.yearsAllowed.map((y) => (/^\d$/.test(y) ? `Year ${y}` : y)))} may bring a mobile phone to school${r.condition ? ` ${r.condition}` : ''}.`;
  return [
    p(
      'Pupils may not use mobile phones or other personal devices during the school day unless a member of staff has approved it for a specific learning activity.',
    ),
    ul(
      who,
      `A phone brought to school is switched off and handed in to ${r.keptAt} at the start of the day, and collected at the end of the day. The office keeps a register of phones handed in and collected.`,
      r.allowedOnTrips
        ? 'Phones may be taken on school trips only with the trip leader’s agreement.'
        : 'Phones and personal devices are not taken on school trips.',
      'A pupil who needs to contact home during the day uses a school phone.',
      'If a pupil breaks these rules, the phone is confiscated, recorded and kept safely in the office until it is released to a parent or carer.',
      'If a device may hold illegal content or evidence of an offence, it is not searched by staff: it is secured and handed to the police.',
      'Phones are brought in at the owner’s risk; the school cannot accept responsibility for loss or damage.',
    ),
  ];
}

export function policySections(d: PolicyData): Section[] {
  const sm = d.socialMedia;
  const lp = d.learningPlatform;
  const official = sm.channels.length > 0;
  const channelList = sm.channels.map((c) => `${c.platform} (${c.address})`);
  const sections: Section[] = [
    s('1', 'Creating an online safety ethos', []),
    s('1.1', 'Aims and scope of the policy', [
      p(
        `${d.schoolName} sees online safety as part of keeping children and adults safe, whenever they use technology such as computers, tablets, phones or games consoles. Technology is part of everyday life: pupils need to learn how to manage risk online and to build resilience, and the school has a duty both to provide good internet access for learning and to protect everyone from harm online.`,
      ),
      p(
        'This policy sets out what the whole school community is expected to do to use technology safely and responsibly, how the school reduces the risks, and what happens when something goes wrong. It applies to all staff (including governors, volunteers, contractors and visitors), to pupils and to parents and carers, on any device used in school or issued by the school for use elsewhere.',
      ),
      p(
        'It is read alongside the school’s safeguarding and child protection, anti-bullying, behaviour, data protection and image use policies, and the acceptable use agreements (Code of Conduct for ICT).',
      ),
    ]),
    s('1.2', 'Writing and reviewing the policy', [
      p(
        `The Designated Safeguarding Lead${d.dsls.length === 1 ? ' is' : 's are'} ${list(d.dsls)}.${d.deputies.length ? ` The deputy Designated Safeguarding Lead${d.deputies.length === 1 ? ' is' : 's are'} ${list(d.deputies)}.` : ''}`,
      ),
      p(
        `The online safety lead${d.onlineSafetyLeads.length === 1 ? ' is' : 's are'} ${list(d.onlineSafetyLeads.length ? d.onlineSafetyLeads : d.dsls)}. The governor with lead responsibility for online safety is ${d.governorLead ?? '(not yet named in the school’s settings)'}.`,
      ),
      p(
        'The school wrote this policy with staff, pupils and parents, starting from a local-authority template. It is approved by the headteacher and by the governing body.',
      ),
      ul(
        `Approved by the headteacher: ${d.approvals.headteacher ? `${d.approvals.headteacher.name}, ${d.approvals.headteacher.on}` : 'awaiting approval'}.`,
        `Approved for the governing body by the chair of governors: ${d.approvals.chair ? `${d.approvals.chair.name}, ${d.approvals.chair.on}` : 'awaiting approval'}.`,
        `Next review due: ${d.reviewDueOn ?? `within ${d.reviewMonths} months of approval`}.`,
      ),
      p(
        'The policy and how well it works are reviewed at least once a year, and sooner if technology, the law or an incident calls for it.',
      ),
    ]),
    s('1.3', 'Key responsibilities', [
      p('The leadership team and governors will:'),
      ul(
        'lead a culture in which online safety is understood by everyone as a safeguarding matter;',
        'give the Designated Safeguarding Leads the time and resources their online safety role needs;',
        'keep this policy and the acceptable use agreements up to date;',
        'make sure appropriate filtering and monitoring are in place and reviewed, and that the network is monitored;',
        'make sure all staff receive regular, up-to-date online safety training;',
        'make sure online safety is taught throughout the curriculum;',
        'make sure risk assessments are carried out before new technology is used, and that devices are used safely;',
        'receive and review the school’s online safety records and use them to improve practice;',
        'name a governor with lead responsibility for online safety.',
      ),
    ]),
    s('1.3.2', 'The Designated Safeguarding Lead', [
      ul(
        'is the named contact for all online safeguarding matters, working with staff and outside agencies;',
        'keeps up to date with research, legislation and trends, and promotes events such as Safer Internet Day;',
        'promotes online safety to parents and the wider community;',
        'works with the school’s data protection lead so that practice follows the law;',
        'keeps a record of online safety concerns and the action taken, and studies it for patterns and gaps;',
        'reports on online safety to the leadership team and governors, with figures that identify no child;',
        'reviews this policy with the leadership team at least once a year.',
      ),
    ]),
    s('1.3.3', 'All members of staff', [
      ul(
        'read and follow the staff Code of Conduct for ICT and help develop this policy;',
        'take responsibility for the security of school systems and data;',
        'know the online risks to the children they work with and model safe, positive use of technology;',
        'include online safety in their teaching wherever they can;',
        'report any concern about a child to a Designated Safeguarding Lead at once, following the safeguarding policy;',
        'know how to escalate concerns and where to point people for help;',
        'keep a professional standard of conduct in their own use of technology, in and out of school.',
      ),
    ]),
    s('1.3.4', 'Staff who manage the technical environment', [
      ul(
        'provide secure systems that support safe practice without getting in the way of learning;',
        'apply access controls and encryption to protect personal data on school devices;',
        'apply and update the filtering policy, sharing responsibility for it with the DSL, and make no change to it without the agreed approval;',
        'monitor use of the network and report misuse or breaches to the DSL and leadership team;',
        'support the DSL and leaders with technical advice when policies are written or reviewed.',
      ),
    ]),
    s('1.3.5', 'Pupils', [
      ul(
        'read, or have read with them, the pupil acceptable use agreement for their age, and follow it;',
        'respect other people’s feelings and rights online as they would offline;',
        'ask a trusted adult for help when something goes wrong, and help others who are worried;',
        'at a level that suits their age and ability, take responsibility for keeping themselves and others safe online.',
      ),
    ]),
    s('1.3.6', 'Parents and carers', [
      ul(
        'read the acceptable use agreements, talk them through with their children and follow them themselves;',
        'talk to their children about online safety and support the school’s approach at home;',
        'model safe use of technology and social media;',
        'watch for changes in behaviour that might show a child is at risk online, and ask the school or other agencies for help.',
      ),
    ]),
    s('2', 'Online communication and safer use of technology', []),
    s('2.1', 'The school website', [
      p(
        'The website meets the Department for Education’s requirements. It gives the school’s own address, email and telephone number and never staff’s or pupils’ personal details. The headteacher has overall editorial responsibility for what is published, and the site respects accessibility, copyright and privacy.',
      ),
    ]),
    s('2.2', 'Publishing images and videos online', [
      p(
        'Images and videos are used in line with the school’s image use policy. Written consent from a parent or carer is obtained before an image or video of a pupil is published, separately for each place it may appear (website, newsletter, local press, official social media). Harbour keeps these consents: no consent means the image is not published, a parent’s withdrawal takes effect immediately, and the staff who publish are told.',
      ),
    ]),
    s('2.3', 'Email', [
      ul(
        'Staff use their school email address for all official communication, never a personal one.',
        'Pupils use school-provided email accounts for school work only.',
        'Personal or sensitive information is sent only by secure, encrypted email.',
        'Chain messages are not forwarded, and spam is blocked and reported.',
        'Anyone who receives an offensive or worrying message tells a designated member of staff at once, and it is recorded in the safeguarding records.',
      ),
    ]),
    s('2.4', 'Safe use of the internet and devices in the classroom', [
      p(
        'Internet access is designed to support learning and is reviewed to suit the curriculum and the age and ability of pupils. Filtering alone cannot keep children safe: supervision, classroom management and teaching about safe use matter just as much.',
      ),
      ul(
        'In the Early Years and Key Stage 1, internet use is mostly by adult demonstration, with occasional closely supervised use of approved material.',
        'In Key Stage 2, pupils are supervised, use age-appropriate search tools and are directed to suitable material.',
        'Staff check websites, tools and apps before using them in class or recommending them for home.',
        'Pupils learn to search for, evaluate and acknowledge information, and to respect copyright.',
        'When staff or pupils leave, their accounts and access are removed; the access register shows what remains to be removed.',
      ),
    ]),
  ];
  if (lp.name)
    sections.push(
      s('2.5', `The learning platform (${lp.name})`, [
        p(
          `The school’s learning platform is ${lp.name}${lp.address ? ` (${lp.address})` : ''}. Only current pupils, parents, carers and staff have accounts, and leaders and staff monitor its use, especially messaging and publishing.`,
        ),
        ul(
          'Users are told what acceptable conduct on the platform is, and upload only appropriate content that respects copyright.',
          'If content causes concern, the user is asked to remove it; if they do not, an administrator removes it; the user’s access may be suspended until they have discussed it with a leader; a pupil’s parents may be told.',
          'A visitor may be given limited access by a leader, for an agreed purpose and time.',
          'Accounts are disabled when people leave the school.',
        ),
      ]),
    );
  sections.push(
    s('3', 'Social media', []),
    s('3.1', 'General use of social media', [
      p(
        'These expectations apply to everyone in the school community and protect the school and its members, online and offline. Social media includes blogs, social networks, forums, online games with chat, video and photo sharing sites, messaging apps and similar services.',
      ),
      ul(
        'Everyone is encouraged to use social media positively and safely, and is advised not to post private details or anything threatening, hurtful or defamatory.',
        `The school controls access to social media on its network and devices.${sm.staffOnlySites.length ? ` ${list(sm.staffOnlySites)} ${sm.staffOnlySites.length === 1 ? 'is' : 'are'} available on staff devices only.` : ''}`,
        sm.staffPersonalUseInBreaks
          ? 'Staff may use social media for personal reasons during breaks, only in areas where there are no pupils. Pupils do not use social media in school unless a teacher authorises it for learning.'
          : 'Personal use of social media during the school day is not permitted.',
        'Concerns about anyone’s conduct on social media are reported to the leadership team and handled under the relevant school policies.',
      ),
    ]),
    s('3.2', 'Official use of social media', [
      p(
        official
          ? `The school’s official social media channels are: ${list(channelList)}. They are run by staff who have signed the acceptable use agreement for official social media, and used only with the leadership team’s approval.`
          : `${d.schoolName} does not have any official social media channels.`,
      ),
    ]),
    s(
      '3.3',
      'Staff personal use of social media',
      [
        ul(
          'Safe and professional use of social media is covered at induction and in regular training.',
          'Staff do not add current or past pupils, or their family members, as friends or contacts on personal accounts; any existing relationship that could compromise this is discussed with the DSL or headteacher.',
          'Staff never use personal accounts to contact pupils or parents, and report any contact they receive to the DSL.',
          'Staff do not share information, photos or opinions about pupils, families or colleagues that they have because of their work.',
          'Staff keep their privacy settings strict, think about what they post, and do not present personal views as the school’s. School email addresses are not used for personal accounts.',
        ),
      ],
      '3.2',
    ),
    s(
      '3.4',
      'Staff official use of social media',
      [
        p(
          official
            ? 'Staff who post on the school’s channels sign the social media acceptable use agreement. They act professionally, disclose their role, stay within the law (including copyright, data protection and defamation), post images only of pupils whose parents have consented for social media, never message pupils or parents privately, and report worrying comments to the DSL or headteacher.'
            : `${d.schoolName} does not have any official social media channels. If it opens one, this section sets out how staff use it.`,
        ),
      ],
      '3.3',
    ),
    s(
      '3.5',
      'Pupils’ use of social media',
      [
        ul(
          'Safe use of social media is taught through the curriculum using age-appropriate sites that have been risk assessed.',
          'Pupils learn not to share personal details or photos that could identify them or where they are, to keep profiles private, and never to meet an online friend without a trusted adult.',
          'Many services are not for children under 13: the school does not create accounts for pupils under that age.',
          'Concerns about pupils’ use of social media, in or out of school, are handled under the behaviour and anti-bullying policies and shared with parents, especially where a service is used below its minimum age.',
        ),
      ],
      '3.4',
    ),
    s('4', 'Personal devices and mobile phones', []),
    s('4.1', 'Why these rules exist', [
      p(
        'Most children and adults own phones and other devices. They are part of everyday life, but in school they must be used safely and appropriately, in line with the law and school policies.',
      ),
    ]),
    s('4.2', 'Expectations for everyone', [
      ul(
        'Devices brought on site are the owner’s responsibility.',
        'Phones and personal devices are not used in areas such as toilets and changing rooms, and staff do not use them in the presence of children.',
        'Abusive or inappropriate messages or content sent by phone are dealt with under the behaviour and discipline policies.',
        'Staff are given a work phone number and email address where they need to contact pupils or families.',
        'Everyone is advised to protect their devices with a PIN or password and not to share them.',
      ),
    ]),
    s('4.3', 'Pupils’ phones and personal devices', phoneRules(d)),
    s(
      '4.4',
      'Staff use of personal devices',
      [
        ul(
          'Staff do not use personal phones or devices to contact pupils or families, or to take photos or videos of children; they use school equipment only.',
          'Staff do not use personal devices with children during lessons.',
          d.phones.staffUse === 'breaks_only_away_from_pupils'
            ? 'Personal phones are switched off or silent during lessons and used only during breaks, away from pupils, unless a senior leader agrees otherwise.'
            : 'Personal phones are not used in the presence of children.',
          'Any allegation involving a member of staff’s personal device is handled under the allegations procedure; suspected illegal content is reported to the police.',
        ),
      ],
      '4.5',
    ),
    s(
      '4.5',
      'Visitors’ use of personal devices',
      [
        ul(
          'Visitors, parents and carers use phones and devices in line with the visitor acceptable use agreement and the image use policy, and take photos only where the school allows.',
          'Signs and information tell visitors what is expected; staff challenge concerns where it is safe to do so and tell the DSL about any breach.',
        ),
      ],
      '4.6',
    ),
    s('5', 'Policy decisions', []),
    s('5.1', 'Reducing online risks', [
      p(
        'New apps, tools, devices and sites appear all the time. The leadership team makes sure each new technology is risk assessed before it is used in school; Harbour records each assessment, the data-protection check, the decision and the date for review.',
      ),
      p(
        `Filtering and monitoring prevent access to unsuitable and illegal content. Filtering is provided by ${d.filteringProvider}${d.monitoringProvider ? ` and monitoring by ${d.monitoringProvider}` : ''}.${d.technicalSupport ? ` Technical support is provided by ${d.technicalSupport}.` : ''} No system is perfect, so the school also relies on supervision and education, audits its use of technology, and reviews how it identifies and reduces risks.`,
      ),
    ]),
    s('5.2', 'The wider school community', [
      p(
        'The school works with local organisations towards a shared approach to online safety, takes account of the community’s languages, cultures and beliefs, and gives any guest who needs the network or internet an acceptable use agreement to accept first.',
      ),
    ]),
    s('5.3', 'Authorising internet access', [
      ul(
        'The school keeps a current record of everyone who has access to its systems and devices (the access register).',
        'Every member of staff, pupil and visitor reads and signs the acceptable use agreement for their group before using any school resources; younger pupils’ agreements are signed by a parent or carer or recorded by staff as discussed with them. Access is not given until the current version has been signed.',
        'Parents are told that pupils have supervised access suited to their age and ability, and are asked to discuss the pupil agreement with their child.',
        'Decisions about access for vulnerable pupils, including those with special educational needs, are based on each child’s needs and understanding.',
      ),
    ]),
    ...laterSections(d),
  );
  return sections;
}

/** The contacts appendix: national services only; local contacts are for the school to fill in (clarification 16). */
export const CONTACTS: { heading: string; entries: { name: string; detail: string }[] }[] = [
  {
    heading: 'Emergency and national reporting',
    entries: [
      { name: 'Police', detail: '999 if a child is in immediate danger; 101 otherwise' },
      {
        name: 'CEOP (National Crime Agency)',
        detail: 'www.ceop.police.uk — report online sexual abuse or grooming',
      },
      { name: 'Internet Watch Foundation', detail: 'www.iwf.org.uk — report child sexual abuse images' },
      { name: 'ChildLine', detail: '0800 1111, www.childline.org.uk' },
      { name: 'NSPCC helpline', detail: '0808 800 5000, www.nspcc.org.uk' },
      {
        name: 'Professional Online Safety Helpline',
        detail: 'www.saferinternet.org.uk/professionals-online-safety-helpline',
      },
      { name: 'Action Fraud', detail: 'www.actionfraud.police.uk' },
    ],
  },
  {
    heading: 'Advice and resources',
    entries: [
      { name: 'UK Safer Internet Centre', detail: 'www.saferinternet.org.uk' },
      { name: 'Childnet', detail: 'www.childnet.com' },
      { name: 'Think U Know', detail: 'www.thinkuknow.co.uk' },
      { name: 'Internet Matters', detail: 'www.internetmatters.org' },
      { name: '360 degree safe self-review tool', detail: '360safe.org.uk' },
    ],
  },
  {
    heading: 'Local contacts (completed by the school)',
    entries: [
      { name: 'Local authority children’s social care (front door)', detail: '' },
      { name: 'Local authority education safeguarding team', detail: '' },
      { name: 'Local Authority Designated Officer (LADO)', detail: '' },
      { name: 'Local police safer schools officer', detail: '' },
      { name: 'Broadband and filtering support', detail: '' },
    ],
  },
];
