import { makePdf } from '../../lib/pdf.js';
import type { GovernorReport } from './governor-report.js';

const day = (d: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(
    new Date(`${d.slice(0, 10)}T12:00:00Z`),
  );

export const reportTitle = (r: GovernorReport): string =>
  `${r.school}: online safety report to governors, ${r.term.label}`;

/** The governor report as a PDF, made in-process (clarification 16). Counts only; small numbers suppressed. */
export function renderGovernorReportPdf(r: GovernorReport): Promise<Buffer> {
  return makePdf({ title: reportTitle(r), author: r.school }, (w) => {
    w.title(reportTitle(r));
    w.small(
      `${day(r.term.from)} to ${day(r.term.to)}. Prepared by Harbour on ${day(r.generatedAt)}. Counts only: no pupil is named, and any count of 1 or 2 is shown as “fewer than 3”.`,
    );

    w.heading('1. Concerns (policy 8)', 1);
    if (!r.concerns)
      w.paragraph(
        'Concerns are not yet recorded in Harbour, so this report has no concern figures for the term.',
      );
    else {
      w.paragraph(
        `Concerns raised this term: ${r.concerns.raised}. Closed: ${r.concerns.closed}. Open for more than 30 days: ${r.concerns.openOver30Days}.`,
      );
      if (r.concerns.byCategory.length)
        w.table(
          ['Category', 'Concerns raised'],
          r.concerns.byCategory.map((c) => [c.category, c.count]),
        );
      if (r.concerns.byMonth.length)
        w.table(
          ['Month', 'Concerns raised'],
          r.concerns.byMonth.map((c) => [c.month, c.count]),
        );
    }

    w.heading('2. Filtering and monitoring (policy 7.3)', 1);
    const f = r.filtering;
    w.table(
      ['Filtering activity this term', 'Count'],
      [
        ['Approved changes to the filter', f.changesApplied],
        ['Emergency unblocks (time-limited, logged)', f.emergencyUnblocks],
        ['Change requests waiting for a decision', f.pendingChanges],
        ['Filtering self-tests run', f.selfTests],
        ['Self-tests with a failed check', f.selfTestsFailed],
        ['Requests blocked', f.blockedRequests],
        ['Reports of a wrongly blocked site', f.wronglyBlockedReports],
        ['Reports of an unsuitable site', f.unsuitableReports],
      ],
      [363, 120],
    );
    if (f.blockedByCategory.length)
      w.table(
        ['Blocked requests by category', 'Count'],
        f.blockedByCategory.map((c) => [c.category, c.count]),
        [363, 120],
      );
    if (!r.monitoring)
      w.paragraph(
        'Monitoring alerts are not yet recorded in Harbour, so there are no monitoring figures for the term.',
      );
    else
      w.table(
        ['Monitoring alerts by category', 'Count'],
        [
          ...r.monitoring.byCategory.map((c) => [c.category, c.count]),
          ['Alerts triaged', r.monitoring.alertsTriaged],
          ['Waiting more than a school day', r.monitoring.untriagedOverdue],
        ],
        [363, 120],
      );

    w.heading('3. Compliance status (policy 5.1)', 1);
    const cnt = r.compliance.counts;
    w.paragraph(
      `${cnt.green} commitments met, ${cnt.amber} needing attention, ${cnt.red} not met, ${cnt.grey} with no evidence yet.`,
    );
    w.table(
      ['Section', 'Commitment', 'Status', 'Evidence'],
      r.compliance.items.map((i) => [i.section, i.commitment, i.status, i.figure]),
      [60, 165, 75, 183],
    );

    w.heading('4. Actions', 1);
    if (r.actions.length === 0) w.paragraph('No actions are open, and none was completed this term.');
    else
      w.table(
        ['Action', 'Owner', 'Due', 'Status'],
        r.actions.map((a) => [a.title, a.owner ?? '—', a.dueOn ? day(a.dueOn) : '—', a.status]),
        [213, 110, 90, 70],
      );

    w.heading('5. Self-review', 1);
    if (!r.selfReview) w.paragraph('No self-review has been completed yet.');
    else {
      w.paragraph(
        `The last self-review (“${r.selfReview.title}”) was completed on ${day(r.selfReview.completedAt ?? r.generatedAt)}. Average level by strand (1 is the strongest, 5 the weakest):`,
      );
      w.table(
        ['Strand', 'Average level'],
        r.selfReview.strands.map((s) => [s.strand, s.averageLevel]),
        [363, 120],
      );
    }
  });
}
