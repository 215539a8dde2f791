import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { longDate } from '../../lib/compliance';
import { errorText, useApi } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { ComplianceNav } from './ComplianceNav';

export interface Assessment {
  id: string;
  name: string;
  supplier: string | null;
  purpose: string;
  storesPersonalData: boolean;
  storesPupilImages: boolean;
  dataDescription: string | null;
  risks: string;
  mitigations: string;
  dpCheck: 'not_done' | 'passed' | 'concerns';
  dpNotes: string | null;
  status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'retired';
  inUse: boolean;
  decisionNotes: string | null;
  reviewOn: string | null;
  reviewDue: boolean;
  reviewOverdue: boolean;
}
export const STATUS_LABELS: Record<Assessment['status'], string> = {
  draft: 'Draft',
  submitted: 'Waiting for a decision',
  approved: 'Approved: in use',
  rejected: 'Rejected',
  retired: 'Retired',
};

/** Technology risk assessments (policy 5.1, 7.4): a new app or tool is in use only once approved. */
export function RiskList() {
  usePageTitle('Technology risk assessments');
  const { can } = useSession();
  const navigate = useNavigate();
  const { data, error } = useApi<{ assessments: Assessment[] }>('/api/risk');
  const [problem, setProblem] = useState('');
  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setProblem('');
    const f = new FormData(e.currentTarget);
    try {
      const r = await post<{ assessment: Assessment }>('/api/risk', {
        name: formText(f, 'name'),
        supplier: formText(f, 'supplier') || null,
        purpose: formText(f, 'purpose'),
        storesPersonalData: f.get('personal') === 'on',
        storesPupilImages: f.get('images') === 'on',
        dataDescription: formText(f, 'data') || null,
        risks: formText(f, 'risks'),
        mitigations: formText(f, 'mitigations'),
      });
      void navigate(`/risk/${r.assessment.id}`);
    } catch (err) {
      setProblem(errorText(err, 'Could not save the assessment'));
    }
  };
  return (
    <section>
      <h1>Technology risk assessments</h1>
      <ComplianceNav />
      <ErrorMessage text={error} />
      {data && data.assessments.length === 0 && <p>No assessments yet.</p>}
      {data && data.assessments.length > 0 && (
        <DataTable
          label="Assessments"
          caption="Technology risk assessments"
          columns={['App or tool', 'Status', 'Review by']}
        >
          {data.assessments.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/risk/${a.id}`}>{a.name}</Link>
              </td>
              <td>{STATUS_LABELS[a.status]}</td>
              <td>
                {longDate(a.reviewOn)}
                {a.reviewOverdue ? ' (overdue)' : a.reviewDue ? ' (due soon)' : ''}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {can('risk.write') && (
        <form className="panel narrow-form" onSubmit={(e) => void create(e)}>
          <h2>Assess a new app or tool</h2>
          <ErrorMessage text={problem} />
          <div className="field">
            <label htmlFor="risk-name">Name of the app or tool</label>
            <input id="risk-name" name="name" required maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="risk-supplier">Supplier</label>
            <input id="risk-supplier" name="supplier" maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="risk-purpose">What it is for</label>
            <textarea id="risk-purpose" name="purpose" required rows={2} maxLength={2000} />
          </div>
          <label className="checkbox">
            <input type="checkbox" name="personal" /> It stores personal data
          </label>
          <label className="checkbox">
            <input type="checkbox" name="images" /> It stores pupils’ images or videos
          </label>
          <div className="field">
            <label htmlFor="risk-data">What data it stores</label>
            <textarea id="risk-data" name="data" rows={2} maxLength={2000} />
          </div>
          <div className="field">
            <label htmlFor="risk-risks">Risks</label>
            <textarea id="risk-risks" name="risks" required rows={3} maxLength={5000} />
          </div>
          <div className="field">
            <label htmlFor="risk-mitigations">Mitigations</label>
            <textarea id="risk-mitigations" name="mitigations" required rows={3} maxLength={5000} />
          </div>
          <button type="submit">Save the assessment</button>
        </form>
      )}
    </section>
  );
}
