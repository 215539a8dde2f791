import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { longDate } from '../../lib/compliance';
import { errorText, useApi } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { ComplianceNav } from './ComplianceNav';

export interface PolicyVersion {
  id: string;
  version: number;
  status: 'draft' | 'published' | 'superseded';
  notes: string | null;
  createdAt: string;
  headApprovedAt: string | null;
  chairApprovedAt: string | null;
  publishedAt: string | null;
  reviewDueOn: string | null;
  daysUntilReview: number | null;
}
interface Overview {
  publicUrl: string;
  current: PolicyVersion | null;
  draft: PolicyVersion | null;
  versions: PolicyVersion[];
}
export const POLICY_STATUS = { draft: 'Draft', published: 'Published', superseded: 'Superseded' };

/** The online-safety policy's lifecycle (policy 1.2): versions, approvals, publication and review. */
export function Policy() {
  usePageTitle('Online-safety policy');
  const { can } = useSession();
  const navigate = useNavigate();
  const { data, error } = useApi<Overview>('/api/policy');
  const [problem, setProblem] = useState('');
  const draft = async () => {
    setProblem('');
    try {
      const r = await post<{ version: PolicyVersion }>('/api/policy/versions', {});
      void navigate(`/policy/versions/${r.version.id}`);
    } catch (err) {
      setProblem(errorText(err, 'Could not prepare a new version'));
    }
  };
  return (
    <section>
      <h1>Online-safety policy</h1>
      <ComplianceNav />
      <ErrorMessage text={error || problem} />
      {data && (
        <>
          {data.current ? (
            <p>
              Version {data.current.version} is published (since {formatInstant(data.current.publishedAt)}) at{' '}
              <a href={data.publicUrl}>the school’s public policy address</a>; its review is due by{' '}
              {longDate(data.current.reviewDueOn)}
              {data.current.daysUntilReview !== null ? ` (in ${data.current.daysUntilReview} days)` : ''}.
            </p>
          ) : (
            <p>No version has been approved and published yet.</p>
          )}
          {data.draft && (
            <p>
              <Link to={`/policy/versions/${data.draft.id}`}>
                Version {data.draft.version} is a draft waiting for approval
              </Link>
              .
            </p>
          )}
          {can('settings.read') && (
            <p>
              <Link to="/policy/settings">What the policy names: the school’s settings</Link>
            </p>
          )}
          {can('policy.draft') && !data.draft && (
            <button type="button" onClick={() => void draft()}>
              Prepare a new version from the school’s settings
            </button>
          )}
          {data.versions.length > 0 && (
            <DataTable
              label="Versions"
              caption="Every version of the policy"
              columns={['Version', 'Status', 'Headteacher', 'Chair of governors', 'Review due']}
            >
              {data.versions.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link to={`/policy/versions/${v.id}`}>Version {v.version}</Link>
                  </td>
                  <td>{POLICY_STATUS[v.status]}</td>
                  <td>{v.headApprovedAt ? `Approved ${formatInstant(v.headApprovedAt)}` : 'Not yet'}</td>
                  <td>{v.chairApprovedAt ? `Approved ${formatInstant(v.chairApprovedAt)}` : 'Not yet'}</td>
                  <td>{longDate(v.reviewDueOn)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
