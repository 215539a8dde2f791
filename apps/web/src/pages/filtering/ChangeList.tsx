import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { STATUS_LABELS, useApi, type ChangeRequest } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { FilteringNav } from './FilteringNav';

const STATUSES = ['pending', 'applied', 'rejected', 'withdrawn'] as const;

/** The change history (policy 7.3: every change risk-assessed, approved and logged), browsable and exportable. */
export function ChangeList() {
  usePageTitle('Filtering change requests');
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const { data, error } = useApi<{ changes: ChangeRequest[] }>(
    `/api/filtering/changes?limit=200${status ? `&status=${status}` : ''}`,
  );
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const exportQuery = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  return (
    <section>
      <h1>Change requests</h1>
      <FilteringNav />
      {can('filtering.propose') && (
        <p>
          <Link to="/filtering/changes/new">Make a change request</Link>
        </p>
      )}
      <div className="inline-form">
        <label htmlFor="change-status">Show</label>
        <select
          id="change-status"
          value={status}
          onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}
        >
          <option value="">Every request</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage text={error} />
      {data && data.changes.length === 0 && <p>No change requests{status ? ' with this status' : ''}.</p>}
      {data && data.changes.length > 0 && (
        <DataTable
          label="Change requests"
          caption="Filtering change requests, newest first"
          columns={['No.', 'What', 'Status', 'Requested by', 'Decided by', 'Policy version']}
        >
          {data.changes.map((c) => (
            <tr key={c.id}>
              <td>{c.number}</td>
              <td className="break">
                <Link to={`/filtering/changes/${c.id}`}>{c.title}</Link>
                {c.kind === 'emergency' && <span className="hint">Emergency unblock</span>}
              </td>
              <td>{STATUS_LABELS[c.status]}</td>
              <td>
                {c.requestedBy.name}
                <span className="hint">{formatInstant(c.requestedAt)}</span>
              </td>
              <td>
                {c.decidedBy?.name ?? ''}
                {c.decidedAt && <span className="hint">{formatInstant(c.decidedAt)}</span>}
              </td>
              <td>{c.policyVersion ?? ''}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="panel">
        <h2>Export the history</h2>
        <p>Every request with its risk assessment, decision and changes, as a CSV file.</p>
        <div className="filter-form">
          <div>
            <label htmlFor="export-from">From (optional)</label>
            <input id="export-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div>
            <label htmlFor="export-to">To (optional)</label>
            <input id="export-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        <p>
          <a href={`/api/filtering/changes/export${exportQuery ? `?${exportQuery}` : ''}`} download>
            Download the change history (CSV)
          </a>
        </p>
      </div>
    </section>
  );
}
