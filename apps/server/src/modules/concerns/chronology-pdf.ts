import { makePdf } from '../../lib/pdf.js';
import type { chronology } from './chronology.js';

const KIND_LABELS: Record<string, string> = {
  concern: 'Concern',
  addition: 'Added by the reporter',
  note: 'DSL note',
  step: 'Step done',
  step_not_applicable: 'Step not applicable',
  action: 'Action set',
  action_done: 'Action done',
  referral: 'Referral',
  referral_response: 'Agency reply',
  no_referral: 'Decision not to refer',
  parents_informed: 'Parents informed',
  parents_not_informed: 'Parents not informed',
  sanction: 'Sanction',
  status_new: 'Recorded',
  status_open: 'Opened',
  status_closed: 'Closed',
  custody_secured: 'Device secured',
  custody_handed_over: 'Device handed over',
  custody_returned: 'Device returned',
};

/** A pupil's chronology, printable (issue 3): one table in event-date order, times in the school's zone. */
export async function chronologyPdf(
  ch: Awaited<ReturnType<typeof chronology>>,
  opts: { timeZone: string; printedAt: string },
): Promise<Buffer> {
  const when = new Intl.DateTimeFormat('en-GB', {
    timeZone: opts.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return makePdf({ title: `Chronology: ${ch.pupil.name}` }, (w) => {
    w.title(`Chronology: ${ch.pupil.name}`);
    w.small(
      `Year ${ch.pupil.yearGroup ?? '—'}${ch.pupil.className ? `, ${ch.pupil.className}` : ''}. ` +
        `Printed ${when.format(new Date(opts.printedAt))}. Confidential: child protection record.`,
    );
    w.table(
      ['When', 'What', 'Details', 'By'],
      ch.entries.map((e) => [
        when.format(new Date(e.at)),
        KIND_LABELS[e.kind] ?? e.kind,
        e.text ?? '',
        e.byName ?? '',
      ]),
      [90, 90, 250, 60],
    );
  });
}
