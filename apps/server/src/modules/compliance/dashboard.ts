import type { DashboardItem, TrafficLight } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import { daysBetween, schoolToday } from '../../http/caller.js';
import { iso } from '../../lib/time.js';
import { accessFigures } from '../access/service.js';
import { signedShare } from '../agreements/status.js';
import { consentFigures } from '../consents/service.js';
import { deviceFigures } from '../devices/inventory.js';
import { phoneFigures } from '../devices/phones.js';
import { filteringEvidence } from '../filtering/evidence.js';
import { policyFigures } from '../policy/service.js';
import { riskFigures } from '../risk/service.js';
import { trainingFigures } from '../training/service.js';
import { evidenceFrom } from './evidence-sources.js';
import { reviewFigures } from './review-figures.js';

/**
 * The compliance dashboard (policy 5.1, 1.3.2): each commitment the policy makes, the live evidence Harbour holds
 * for it, a traffic light and the figure behind the light. Figures only: no names, no narrative. Section numbers
 * are St Mark's, with All Souls' in brackets where it differs (clarification 17).
 */
export const SHARE_GREEN = 95;
export const SHARE_AMBER = 80;
export const POLICY_REVIEW_AMBER_DAYS = 60;
export const SELF_TEST_GREEN_DAYS = 31;
export const SELF_TEST_AMBER_DAYS = 92;

const pct = (part: number, whole: number) => (whole === 0 ? 100 : Math.floor((part * 100) / whole));
/** How a count is written: as it is on the dashboard; "fewer than 3" for 1-2 in the governor report. */
export type CountFormat = (n: number) => string;
const asIs: CountFormat = (n) => String(n);
const counter =
  (fmt: CountFormat) =>
  (n: number, one: string, many = `${one}s`): string =>
    `${fmt(n)} ${n === 1 && fmt(n) === '1' ? one : many}`;

function shareLight(p: number): TrafficLight {
  return p >= SHARE_GREEN ? 'green' : p >= SHARE_AMBER ? 'amber' : 'red';
}

/** Zero is green; anything else is the given light. */
const zeroIs = (n: number, otherwise: TrafficLight): TrafficLight => (n === 0 ? 'green' : otherwise);

type Share = Awaited<ReturnType<typeof signedShare>>;

function aupItem(key: string, shares: Share[], commitment: string, fmt: CountFormat): DashboardItem {
  let members = 0;
  let signed = 0;
  let missing = false;
  for (const s of shares) {
    members += s.members;
    signed += s.signed;
    if (!s.versionId && s.members > 0) missing = true;
  }
  const p = pct(signed, members);
  return {
    key,
    section: '5.3, 6.1',
    commitment,
    light: missing ? 'red' : shareLight(p),
    value: missing ? null : p,
    figure: missing ? 'No current version published' : `${p}% signed (${fmt(signed)} of ${members})`,
    link: '/aup',
  };
}

export async function dashboard(ctx: AppContext, schoolId: string, opts: { fmt?: CountFormat } = {}) {
  const fmt = opts.fmt ?? asIs;
  const plural = counter(fmt);
  const days = counter(asIs);
  const today = await schoolToday(ctx, schoolId);
  const nowIso = iso(ctx.clock.now());
  const period = { from: '0000', to: nowIso };
  // Independent reads, started together (on PostgreSQL they overlap; on SQLite they run one after another).
  const [staffAup, ks1Aup, ks2Aup, t, pol, f, concerns, acc, con, ph, dev, risk, rv] = await Promise.all([
    signedShare(ctx, schoolId, 'staff'),
    signedShare(ctx, schoolId, 'pupil_ks1'),
    signedShare(ctx, schoolId, 'pupil_ks2'),
    trainingFigures(ctx, schoolId),
    policyFigures(ctx, schoolId),
    filteringEvidence(ctx, { schoolId }),
    evidenceFrom('concerns', ctx, schoolId, period),
    accessFigures(ctx, schoolId),
    consentFigures(ctx, schoolId),
    phoneFigures(ctx, schoolId),
    deviceFigures(ctx, schoolId),
    riskFigures(ctx, schoolId),
    reviewFigures(ctx, schoolId, today),
  ]);
  const items: DashboardItem[] = [
    aupItem('aup_staff', [staffAup], 'Staff sign the acceptable-use agreement', fmt),
    aupItem('aup_pupils', [ks1Aup, ks2Aup], 'Pupils’ acceptable-use agreements are signed or discussed', fmt),
  ];

  const tp = pct(t.current, t.staff);
  items.push({
    key: 'training_current',
    section: '6.3',
    commitment: 'Staff online-safety training is current (at least yearly)',
    light: t.inductionDue > 0 && shareLight(tp) === 'green' ? 'amber' : shareLight(tp),
    value: tp,
    figure: `${tp}% current (${fmt(t.current)} of ${t.staff})${t.inductionDue ? `; ${plural(t.inductionDue, 'induction')} due` : ''}`,
    link: '/training',
  });

  const d = pol.daysUntilReview;
  items.push({
    key: 'policy_review',
    section: '1.2',
    commitment: 'The policy is approved and reviewed at least yearly',
    light:
      d === null
        ? 'red'
        : d < 0
          ? 'red'
          : d <= POLICY_REVIEW_AMBER_DAYS || pol.draftAwaiting
            ? 'amber'
            : 'green',
    value: d,
    figure:
      d === null
        ? 'No approved version'
        : d < 0
          ? `Review overdue by ${days(-d, 'day')}`
          : `Review due in ${days(d, 'day')}`,
    link: '/policy',
  });

  items.push({
    key: 'filtering_unapproved',
    section: '7.3',
    commitment: 'Filtering changes are approved by someone other than the person asking',
    light: zeroIs(f.changesWithoutApproval, 'red'),
    value: f.changesWithoutApproval,
    figure: `${plural(f.changesWithoutApproval, 'change')} without approval`,
    link: '/filtering',
  });
  const st = f.lastSelfTest;
  const age = st ? daysBetween(st.at.slice(0, 10), today) : null;
  items.push({
    key: 'filtering_self_test',
    section: '7.3',
    commitment: 'The filtering is tested regularly and works',
    light:
      !st || age === null
        ? 'red'
        : !st.passed || age > SELF_TEST_AMBER_DAYS
          ? 'red'
          : age > SELF_TEST_GREEN_DAYS || f.failingChecks > 0
            ? 'amber'
            : 'green',
    value: age,
    figure: !st
      ? 'Never run'
      : `Last self-test ${age === 0 ? 'today' : `${days(age ?? 0, 'day')} ago`}${st.passed ? ', passed' : `, ${plural(st.failures, 'check')} failed`}`,
    link: '/filtering',
  });

  items.push({
    key: 'concerns_open_30',
    section: '8',
    commitment: 'Concerns are dealt with promptly',
    light: concerns ? zeroIs(concerns.openOver30Days, 'amber') : 'grey',
    value: concerns?.openOver30Days ?? null,
    figure: concerns ? `${plural(concerns.openOver30Days, 'concern')} open over 30 days` : 'No evidence yet',
    link: concerns ? '/concerns' : null,
  });

  items.push({
    key: 'access_leavers',
    section: '5.3, 2.4',
    commitment: 'Leavers’ access to school systems is removed',
    light: zeroIs(acc.leaversWithAccess, 'amber'),
    value: acc.leaversWithAccess,
    figure: `${plural(acc.leaversWithAccess, 'leaver')} with access still to remove`,
    link: '/access',
  });

  items.push({
    key: 'consents_recorded',
    section: '2.2, 3.4 [3.3]',
    commitment: 'Parents’ image consent is recorded before anything is published',
    light: zeroIs(con.pupilsWithoutConsent, 'amber'),
    value: con.pupilsWithoutConsent,
    figure: `${plural(con.pupilsWithoutConsent, 'pupil')} with no consent recorded (treated as no); ${plural(con.withdrawals30d, 'withdrawal')} in 30 days`,
    link: '/consents',
  });

  items.push({
    key: 'phones_uncollected',
    section: '4.3',
    commitment: 'Pupils’ phones are handed in and collected each day',
    light: zeroIs(ph.notCollectedEarlierDays, 'amber'),
    value: ph.notCollectedEarlierDays,
    figure: `${plural(ph.notCollectedEarlierDays, 'phone')} not collected on an earlier day; ${plural(ph.confiscationsHeld, 'confiscation')} held`,
    link: '/phones',
  });

  items.push({
    key: 'devices_secure',
    section: '7.2, 7.4',
    commitment: 'School devices taken off site are encrypted and protected',
    light: dev.unencryptedOffSite > 0 ? 'red' : zeroIs(dev.antivirusProblems, 'amber'),
    value: dev.unencryptedOffSite,
    figure: `${plural(dev.unencryptedOffSite, 'device')} off site unencrypted; ${fmt(dev.antivirusProblems)} with anti-virus problems (of ${dev.devices})`,
    link: '/devices',
  });

  items.push({
    key: 'risk_reviews',
    section: '5.1, 7.4',
    commitment: 'New apps and tools are risk-assessed, approved and reviewed',
    light: risk.reviewOverdue > 0 ? 'red' : zeroIs(risk.awaitingDecision + risk.reviewDueSoon, 'amber'),
    value: risk.reviewOverdue,
    figure: `${plural(risk.reviewOverdue, 'review')} overdue; ${fmt(risk.awaitingDecision)} awaiting a decision; ${risk.inUse} in use`,
    link: '/risk',
  });

  items.push({
    key: 'self_review',
    section: '5.1',
    commitment: 'Online-safety provision is reviewed at least once a year',
    light: rv.daysSinceLast === null || rv.daysSinceLast > 365 ? 'red' : zeroIs(rv.actionsOverdue, 'amber'),
    value: rv.daysSinceLast,
    figure:
      rv.daysSinceLast === null
        ? 'No completed self-review'
        : `Last self-review ${days(rv.daysSinceLast, 'day')} ago; ${plural(rv.actionsOverdue, 'action')} overdue`,
    link: '/compliance/reviews',
  });

  const counts = { green: 0, amber: 0, red: 0, grey: 0 };
  for (const i of items) counts[i.light]++;
  return { today, generatedAt: nowIso, counts, items };
}
