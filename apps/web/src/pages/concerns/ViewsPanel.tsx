import { DataTable } from '../../components/DataTable';
import { formatInstant } from '../../lib/people';

export interface ViewEntry {
  at: string;
  action: string;
  actorAccountId: string | null;
  username: string | null;
}

const ACTION_WORDS: Record<string, string> = {
  'concern.read': 'Opened it',
  'concern.list': 'Saw it in a list',
  'concern.views': 'Looked at who viewed it',
  'concern.record': 'Recorded it',
  'concern.attachment.read': 'Opened a file',
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
