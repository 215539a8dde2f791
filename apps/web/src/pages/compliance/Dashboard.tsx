import { Link } from 'react-router-dom';
import type { DashboardItem, TrafficLight } from '@harbour/shared';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { Light, LIGHT_LABELS } from '../../lib/compliance';
import { useApi } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { ComplianceNav } from './ComplianceNav';

interface DashboardData {
  today: string;
  generatedAt: string;
  counts: Record<TrafficLight, number>;
  items: DashboardItem[];
}

/** The compliance dashboard (policy 5.1): each commitment, its live figure and a traffic light. */
export function Dashboard() {
  usePageTitle('Compliance dashboard');
  const { data, error } = useApi<DashboardData>('/api/compliance/dashboard');
  return (
    <section>
      <h1>Compliance dashboard</h1>
      <ComplianceNav />
      <ErrorMessage text={error} />
      {data && (
        <>
          <p>
            What the online-safety policy promises, and what Harbour’s records show, as of{' '}
            {formatInstant(data.generatedAt)}.
          </p>
          <ul className="actions" aria-label="Summary">
            {(['green', 'amber', 'red', 'grey'] as const).map((l) => (
              <li key={l}>
                <Light light={l} /> {data.counts[l]}
                <span className="visually-hidden"> {LIGHT_LABELS[l].toLowerCase()}</span>
              </li>
            ))}
          </ul>
          <DataTable
            label="Policy commitments"
            caption="Each policy commitment with its evidence"
            columns={['Section', 'Commitment', 'Status', 'Evidence']}
          >
            {data.items.map((i) => (
              <tr key={i.key} data-key={i.key}>
                <td>{i.section}</td>
                <td>{i.link ? <Link to={i.link}>{i.commitment}</Link> : i.commitment}</td>
                <td>
                  <Light light={i.light} />
                </td>
                <td className="figure">{i.figure}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
