import { Link, useParams } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { categoryLabel, useApi, type FilterList } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { FilteringNav } from './FilteringNav';

interface ListVersion {
  id: string;
  at: string;
  status: string;
  cause: 'proposal' | 'refresh';
  lines: number;
  entries: number;
  badLines: number;
  pathEntries: number;
  added: number | null;
  removed: number | null;
  samples: string[];
  message: string | null;
}

const STATUS: Record<string, string> = {
  staged: 'Waiting in a change request',
  active: 'In use',
  superseded: 'Replaced',
  failed: 'Failed',
  kept_old: 'Kept the old list',
  unchanged: 'No change',
  discarded: 'Discarded',
};

/**
 * One list and every import and refresh of it with its counts (clarification 13: approving a subscription
 * approves its refreshes, each logged; one that fails or shrinks by more than 20% keeps the old list).
 */
export function ListHistory() {
  const { id = '' } = useParams();
  const { data, error } = useApi<{ list: FilterList; versions: ListVersion[] }>(
    `/api/filtering/lists/${encodeURIComponent(id)}`,
  );
  const l = data?.list;
  usePageTitle(l ? `List: ${l.name}` : 'List');
  return (
    <section>
      <h1>{l ? `List: ${l.name}` : 'List'}</h1>
      <FilteringNav />
      <ErrorMessage text={error} />
      {l && (
        <dl className="details">
          <div>
            <dt>Kind</dt>
            <dd>
              {l.kind === 'block'
                ? `Block list: ${categoryLabel(l.category)}`
                : 'Allow list (approved sites)'}
            </dd>
          </div>
          <div>
            <dt>Entries now</dt>
            <dd>{l.entries.toLocaleString('en-GB')}</dd>
          </div>
          <div>
            <dt>Source</dt>
            <dd>{l.licensed ? 'Licensed file from the provider' : (l.url ?? 'Uploaded file')}</dd>
          </div>
          <div>
            <dt>Refresh</dt>
            <dd>{l.refreshHours ? `Every ${l.refreshHours} hours` : 'Not refreshed'}</dd>
          </div>
        </dl>
      )}
      {data && (
        <>
          <h2>Imports and refreshes</h2>
          <DataTable
            label="List versions"
            caption="Every import and refresh, newest first"
            columns={['When', 'Why', 'Result', 'Entries', 'Added', 'Removed', 'Bad lines', 'With a path']}
          >
            {data.versions.map((v) => (
              <tr
                key={v.id}
                className={v.status === 'failed' || v.status === 'kept_old' ? 'failed' : undefined}
              >
                <td>{formatInstant(v.at)}</td>
                <td>{v.cause === 'refresh' ? 'Scheduled refresh' : 'Change request'}</td>
                <td className="break">
                  {STATUS[v.status] ?? v.status}
                  {v.message && <span className="hint">{v.message}</span>}
                </td>
                <td>{v.entries.toLocaleString('en-GB')}</td>
                <td>{v.added ?? ''}</td>
                <td>{v.removed ?? ''}</td>
                <td>{v.badLines}</td>
                <td>{v.pathEntries}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <p>
        <Link to="/filtering/lists">All lists</Link>
      </p>
    </section>
  );
}
