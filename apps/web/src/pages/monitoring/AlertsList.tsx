import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { useApi } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import {
  MonitoringNav,
  SEVERITY_WORDS,
  STATUS_LABELS,
  subjectText,
  type AlertSummary,
} from './MonitoringNav';

const FILTERS = [
  { value: 'active', label: 'Open and watching' },
  { value: 'open', label: 'Open' },
  { value: 'watching', label: 'Watching' },
  { value: 'false_positive', label: 'False positives' },
  { value: 'escalated', label: 'Escalated' },
  { value: 'all', label: 'All' },
];

/**
 * Monitoring alerts (issue 6), most urgent first: severity, then repetition, then recency. Only the DSL team
 * reaches this page; the server audits every list it gives.
 */
export function AlertsList() {
  usePageTitle('Monitoring alerts');
  const [status, setStatus] = useState('active');
  const { data, error } = useApi<{ alerts: AlertSummary[] }>(
    `/api/monitoring/alerts?status=${encodeURIComponent(status)}`,
  );
  return (
    <section>
      <h1>Monitoring alerts</h1>
      <MonitoringNav />
      <p>
        Searches and visits that match the safeguarding phrase library, grouped per person and theme. The most
        urgent are first. Every view is recorded in the audit trail.
      </p>
      <div className="field narrow-form">
        <label htmlFor="alert-status">Show</label>
        <select id="alert-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage text={error} />
      <div aria-live="polite">{data && data.alerts.length === 0 && <p>No alerts to show.</p>}</div>
      {data && data.alerts.length > 0 && (
        <DataTable
          label="Monitoring alerts"
          caption="Monitoring alerts, most urgent first"
          columns={['Who', 'Theme', 'Severity', 'Events', 'Last seen', 'Status']}
        >
          {data.alerts.map((a) => (
            <tr key={a.id}>
              <td className="break">
                <Link to={`/monitoring/alerts/${encodeURIComponent(a.id)}`}>{subjectText(a.subject)}</Link>
                {a.restricted && <span className="hint">About a member of staff: restricted</span>}
              </td>
              <td>
                {a.categoryLabel}
                {a.origin === 'resolver' && <span className="hint">Blocked sites</span>}
              </td>
              <td>
                {a.severity} – {SEVERITY_WORDS[a.severity]}
              </td>
              <td>{a.eventCount}</td>
              <td>{formatInstant(a.lastAt)}</td>
              <td>{STATUS_LABELS[a.status]}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
