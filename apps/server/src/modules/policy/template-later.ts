import { p, s, ul } from './template-blocks.js';
import type { PolicyData, Section } from './template-types.js';

/** Sections 6 to 9 of the policy template (template.ts has 1 to 5 and the contacts appendix). */
export function laterSections(d: PolicyData): Section[] {
  return [
    s('6', 'Engagement and education', []),
    s('6.1', 'Pupils', [
      p(
        'An online safety curriculum runs through the whole school, in PSHE, RSE, citizenship and computing, and covers use at home as well as at school. Teaching about safe use comes before internet access. Pupils help shape the school’s approach, are supported to understand their acceptable use agreement, and are told that use of the network and internet is monitored.',
      ),
    ]),
    s('6.2', 'Pupils who may be more vulnerable', [
      p(
        'Some children are more vulnerable online. The school adapts its online safety teaching to their needs, with advice from specialist staff such as the SENCO and the designated teacher for looked-after children.',
      ),
    ]),
    s('6.3', 'Staff', [
      ul(
        'The policy is given to and discussed with every new member of staff at induction, as part of their safeguarding responsibilities.',
        'Staff know that internet use on school systems is monitored and can be traced to them.',
        'All staff receive up-to-date training on safe and responsible use at least once a year; Harbour records each course, its date and when it expires, and shows who is due.',
        'Staff understand that their conduct online outside school can affect their role and may lead to disciplinary or legal action.',
      ),
    ]),
    s('6.4', 'Parents and carers', [
      p(
        'Parents and carers have an essential role. The school draws their attention to this policy through newsletters, letters, the prospectus and the website, offers information and events on keeping children safe online, and encourages them to read the pupil acceptable use agreement with their children and to model positive behaviour.',
      ),
    ]),
    s('7', 'Managing information systems', []),
    s('7.1', 'Personal data', [
      p(
        'Personal data is recorded, processed, shared and kept in line with data protection law (UK GDPR and the Data Protection Act 2018), as set out in the school’s data protection and information security policies.',
      ),
    ]),
    s('7.2', 'Security of information systems', [
      ul(
        'The security of school systems is reviewed regularly, and virus protection is kept up to date; Harbour’s device register records each device’s anti-virus status and when it was checked.',
        'Personal data sent over the internet or taken off site is encrypted or reached through secure remote access.',
        'Everyone has their own username and keeps their password private; nobody logs in as someone else; strong passwords are required; screens are locked when left.',
      ),
    ]),
    s('7.3', 'Filtering and monitoring', [
      p(
        `The governors make sure the school has filtering and monitoring suited to pupils’ ages and abilities on all school systems and devices, meeting the Department for Education’s filtering and monitoring standards. Filtering is provided by ${d.filteringProvider}${d.monitoringProvider ? `; monitoring by ${d.monitoringProvider}` : ''}.`,
      ),
      ul(
        'Everyone is told that use of school systems is monitored, and monitoring respects data protection, human rights and privacy law.',
        'The filter blocks all content on the Internet Watch Foundation’s list, and the school checks regularly that it works.',
        'Every change to the filtering policy is risk assessed by staff with educational and technical experience, approved by the leadership team, and logged.',
        'Anyone who finds an unsuitable site reports it to the DSL, who records it and escalates it as needed.',
        'Material the school believes is illegal is reported at once to the appropriate agency, such as the IWF, the police or CEOP.',
      ),
    ]),
    s('7.4', 'Apps that record children’s progress', [
      ul(
        'The headteacher is ultimately responsible for the security of data and images held about children.',
        'Apps and systems that store personal data are risk assessed before use.',
        'Only school devices are used with apps that record children’s details, attainment or photographs, never staff’s personal devices.',
        'Devices taken off site are encrypted; the device register flags any that are not.',
        'Parents given access are told what is expected of them, such as not sharing passwords or images.',
      ),
    ]),
    s('8', 'Responding to online incidents and safeguarding concerns', [
      p(
        'Everyone is told about the online risks they may meet and how to report a concern, and is never prevented from doing so: reporting a concern and the CEOP link are open to everyone, whatever else they have or have not signed.',
      ),
      ul(
        'The DSL is told about any online safety incident that involves a child protection concern; it is recorded and, where thresholds are met, referred to the relevant agencies.',
        'Complaints about internet misuse follow the complaints procedure; cyberbullying follows the anti-bullying policy; concerns about a member of staff go to the headteacher, and allegations about a staff member’s online conduct are discussed with the Local Authority Designated Officer (LADO).',
        'Where illegal activity is suspected, the school contacts the police (999 in an emergency, 101 otherwise) or the local authority’s education safeguarding team for advice.',
        'Misuse of computer systems may be an offence under the Computer Misuse Act 1990 and is reported to the police.',
        'Parents and carers are told about incidents when appropriate, and after every investigation the school reviews what happened and what it has learnt.',
      ),
    ]),
    s('9', 'Procedures for specific incidents', []),
    s('9.1', 'Youth-produced sexual imagery (“sexting”)', [
      ul(
        'Tell the DSL at once. Secure the device; do not view, copy, print, send or save the image, or ask a child to delete it.',
        'The DSL assesses the risk, considers each child’s vulnerability, and decides whether to refer to children’s social care or the police.',
        'Parents and carers are told unless that would put a child at risk; the children involved are supported, and any sanction avoids causing further distress.',
        'The school never stores such images; Harbour refuses them as attachments and records who secured which device instead.',
      ),
    ]),
    s('9.2', 'Online child sexual abuse and exploitation', [
      ul(
        'Tell the DSL at once and secure any devices. If a child is at immediate risk, call 999; otherwise contact the police on 101.',
        'The DSL considers a report to CEOP, a referral to children’s social care, and sharing information with the local authority’s safeguarding team, including where pupils at other schools may be targeted.',
        'The child is supported and their parents or carers informed where it is safe to do so.',
      ),
    ]),
    s('9.3', 'Indecent images of children', [
      ul(
        'If such material is found by accident, report the address to the Internet Watch Foundation and do not copy or share it.',
        'If it is found on a school device, secure the device, and inform the police and children’s social care; store nothing unless the police ask.',
        'If a member of staff is thought to possess such material, follow the whistleblowing and allegations procedures: inform the police and the LADO, and quarantine the devices.',
      ),
    ]),
    s('9.4', 'Radicalisation and extremism online', [
      p(
        'Any concern that a child may be at risk of radicalisation is passed to the DSL immediately and handled under the safeguarding policy. Where it is unclear whether an offence has been committed, the DSL seeks advice from the local authority’s safeguarding team or the police.',
      ),
    ]),
    s('9.5', 'Cyberbullying', [
      ul(
        'Cyberbullying is never tolerated and is always recorded. Evidence is kept.',
        'The school works to identify those responsible, using system logs, witnesses, the service provider and, where needed, the police.',
        'Sanctions may include removing the material, asking the provider to take it down, suspending a pupil’s internet access for a period, informing parents, and involving the police if a crime may have been committed.',
      ),
    ]),
    s('9.6', 'Online hate', [
      p(
        'Online hate directed at any member of the community is recorded and dealt with under the school’s behaviour and anti-bullying policies, with support for those targeted. Content that may be a crime is reported to the police.',
      ),
    ]),
  ];
}
