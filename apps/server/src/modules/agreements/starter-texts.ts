import type { AupAudience } from '@harbour/shared';

/**
 * Harbour's starter acceptable-use agreements, one per audience (policy 5.3, 6.1; All Souls' 3.3 for official
 * social media), written for Harbour from the policy's commitments. A school edits them before publishing.
 * Plain text: a blank line starts a paragraph, "- " starts a list item; {school} is replaced by the school's name
 * and {monitoring} by the school's monitoring notice (policy 6.1, 6.3: everyone is told that use is monitored).
 */
export const STARTER_TEXTS: Record<AupAudience, { title: string; body: string }> = {
  staff: {
    title: 'Code of Conduct for ICT: staff, governors and volunteers',
    body: `This agreement covers every device, account and connection that {school} provides, on site and off site, and my own devices whenever I use them for school work.

- I will use school systems for school purposes. I know that use of the network, the internet and school accounts is monitored and can be traced to me.
- I will keep my passwords private, never log in as someone else, and lock or log off a device before I leave it.
- I will contact pupils and parents only through the school's official channels, never from personal phones, email or social media accounts.
- I will take photos or videos of pupils only on school equipment, and only of pupils whose parents have given consent.
- I will not keep pupils' personal data on personal devices. Anything taken off site will be encrypted or reached through the school's secure remote access.
- I will keep my personal use of social media compatible with my professional role and will not share information I hold because of my job.
- I will report at once to a Designated Safeguarding Lead any concern about a child's safety online, any unsuitable website I find, and any message I receive that worries me.
- I will follow the rules for my phone and other personal devices set out in the online-safety policy.

I have read the online-safety policy. I understand that breaking this agreement may lead to disciplinary action and, where the law is broken, to the police being involved.

{monitoring}`,
  },
  pupil_ks1: {
    title: 'Our rules for using computers and tablets (Early Years and Key Stage 1)',
    body: `These are our rules for staying safe on computers and tablets at {school}. A grown-up will talk them through with you.

- I only use a computer or tablet when a grown-up says I can.
- I only go on the websites and apps my teacher shows me.
- I keep my name, my address and my school secret online.
- I am kind to other people online.
- If I see something that makes me feel sad, scared or worried, I tell a grown-up straight away.

A parent or carer can sign this for me, or a teacher can write down that we talked about it together.

{monitoring}`,
  },
  pupil_ks2: {
    title: 'Acceptable use agreement for pupils in Key Stage 2',
    body: `I want to stay safe and be kind when I use technology at {school} and at home.

- I will only use school computers, tablets and accounts for the work my teacher has set.
- I will keep my passwords secret and will never use someone else's account.
- I know the school can see what I do on its computers and network.
- I will not share my full name, address, phone number, school or photos with people I only know online.
- I will never arrange to meet someone I have met online unless a parent or carer has agreed and comes with me.
- I will only send polite and friendly messages. I will not join in with unkind messages, even as a joke.
- If I bring a phone, I will follow the school's phone rules and hand it in when I am asked to.
- If anything online worries me or makes me feel uncomfortable, I will tell a trusted adult. I can also report it to CEOP.

I understand that if I break these rules I might lose the use of the school's computers for a while, and my parents or carers may be told.

{monitoring}`,
  },
  parent: {
    title: 'Acceptable use agreement for parents and carers',
    body: `{school} gives pupils supervised internet access that suits their age and ability. Please read this agreement, talk about the pupil agreement with your child, and sign below.

- I have read the school's online-safety policy and the agreement my child is asked to follow, and I have talked about it with my child.
- I understand that the school filters and monitors internet use on its systems, and that no filter can block everything.
- I will follow the school's rules on photographs and videos at school events and will not post other children's images online.
- I will contact staff through the school's official channels, not through their personal social media accounts or phones.
- I will support the school's approach to online safety at home and will tell the school if I am worried about my child's safety online.
- I understand that many social media services are not meant for children under 13.

I know I can withdraw or change my consent for photographs of my child at any time by telling the school office.

{monitoring}`,
  },
  visitor: {
    title: 'Acceptable use agreement for visitors and guests',
    body: `Before using the network or Wi-Fi at {school}, please read and accept these terms.

- I will use the school's network and internet access only for the purpose of my visit.
- I understand that internet use on the school network is filtered and monitored.
- I will not take photos or videos of pupils unless the school has given permission, and then only in line with its image use policy.
- I will not use my phone or other devices in areas where pupils are, unless a member of staff agrees.
- I will not try to get round the school's filtering or security.
- If I see or hear anything that worries me about a child's safety, I will tell a Designated Safeguarding Lead before I leave.

My access ends when my visit ends.

{monitoring}`,
  },
  staff_social_media: {
    title: 'Agreement for staff using the school’s official social media',
    body: `This agreement is for staff who post on {school}'s official social media channels, in addition to the staff Code of Conduct for ICT.

- I will be professional at all times and remember that I represent the school.
- I will be open about my role at the school, and will make clear when a view is not the school's.
- I will post images of pupils only when the school's consent register shows that their parents or carers have agreed for social media, and I will check again before each post.
- I will not name pupils alongside their photographs.
- I will keep within the law, including on copyright, data protection, defamation and equality.
- I will not exchange direct or private messages with pupils or their parents or carers; I will point them to the school's official contact routes.
- I will tell my line manager, a Designated Safeguarding Lead or the headteacher about any worrying comment, criticism or inappropriate content on the school's channels.

{monitoring}`,
  },
};

/** A starter text as a new draft begins: the school's name and its monitoring notice filled in. */
export function fillStarter(text: string, o: { schoolName: string; monitoringNotice: string }): string {
  return text.replaceAll('{school}', o.schoolName).replaceAll('{monitoring}', o.monitoringNotice);
}
