import { DataTable } from '../../components/DataTable';
import { formatInstant } from '../../lib/people';

export interface ViewEntry {
  at: string;
  action: string;
  actorAccountId: string | null;
  username: string | null;
}

const ACTION_WORDS: Record<string, string> = {
  'concern.create': 'Recorded it',
  'concern.worry': 'Told us through the worried form',
  'concern.read': 'Opened it',
  'concern.views': 'Looked at who viewed it',
  'concern.attachment.add': 'Attached a file',
  'concern.attachment.read': 'Opened a file',
  'concern.addition': 'Added to it',
  'concern.note': 'Wrote a DSL note',
  'concern.amend': 'Amended it',
  'concern.custody': 'Recorded device custody',
  'concern.imagery_viewed': 'Recorded viewing imagery',
  'concern.open': 'Opened it for work',
  'concern.step': 'Settled a playbook step',
  'concern.recategorise': 'Changed its category',
  'concern.action': 'Set an action',
  'concern.action.done': 'Completed an action',
  'concern.referral': 'Recorded a referral',
  'concern.referral.response': 'Recorded an agency’s reply',
  'concern.no_referral': 'Recorded a decision not to refer',
  'concern.parents': 'Recorded parents informed',
  'concern.sanction': 'Recorded a sanction',
  'concern.close': 'Closed it',
  'concern.reopen': 'Reopened it',
  'concern.viewers': 'Named who may see it',
};

/** Who has viewed or changed the concern, from the audit trail (issue 3: every view is logged). */
export function ViewsPanel({ entries }: { entries: ViewEntry[] }) {
  return (
    <section aria-labelledby="views-heading">
      <h2 id="views-heading">Who has viewed it</h2>
      <DataTable
        label="Who has viewed it"
        caption="Audit trail entries for this concern, oldest first"
        columns={['When', 'Who', 'What']}
      >
        {entries.map((e, i) => (
          <tr key={`${e.at}-${i}`}>
            <td>{formatInstant(e.at)}</td>
            <td>{e.username ?? 'unknown'}</td>
            <td>{ACTION_WORDS[e.action] ?? e.action.replace(/^concern\./, '').replace(/[._]/g, ' ')}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
