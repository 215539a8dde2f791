import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { errorText, useApi } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { ComplianceNav } from './ComplianceNav';
import { POLICY_STATUS, type PolicyVersion } from './Policy';

/** One version of the policy: read it, download the PDF, approve it as headteacher or chair of governors. */
export function PolicyVersionPage() {
  const { id = '' } = useParams();
  const { state, can } = useSession();
  const roles = !state.loading ? (state.session?.roles.map((r) => r.role) ?? []) : [];
  const { data, error, reload } = useApi<{ version: PolicyVersion; html: string }>(
    `/api/policy/versions/${encodeURIComponent(id)}`,
  );
  const v = data?.version;
  usePageTitle(v ? `Online-safety policy, version ${v.version}` : 'Online-safety policy');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const run = async (fn: () => Promise<string>) => {
    setNotice('');
    setProblem('');
    try {
      const ok = await fn();
      await reload();
      setNotice(ok);
    } catch (err) {
      setProblem(errorText(err, 'Could not save'));
    }
  };
  const approve = (as: 'headteacher' | 'chair') =>
    void run(async () => {
      const r = await post<{ published: boolean }>(`/api/policy/versions/${id}/approve`, { as });
      return r.published
        ? 'Approved by both: this version is now published.'
        : `Your approval as ${as === 'headteacher' ? 'headteacher' : 'chair of governors'} is recorded.`;
    });
  if (!v || !data) return <ErrorMessage text={error} />;
  return (
    <section>
      <h1>Online-safety policy, version {v.version}</h1>
      <ComplianceNav />
      <ErrorMessage text={problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      <dl className="details">
        <div>
          <dt>Status</dt>
          <dd>{POLICY_STATUS[v.status]}</dd>
        </div>
        <div>
          <dt>Headteacher</dt>
          <dd>{v.headApprovedAt ? `Approved ${formatInstant(v.headApprovedAt)}` : 'Not yet approved'}</dd>
        </div>
        <div>
          <dt>Chair of governors</dt>
          <dd>{v.chairApprovedAt ? `Approved ${formatInstant(v.chairApprovedAt)}` : 'Not yet approved'}</dd>
        </div>
      </dl>
      <p>
        <a href={`/api/policy/versions/${v.id}/pdf`}>Download version {v.version} as a PDF</a>
      </p>
      {v.status === 'draft' && (
        <ul className="actions">
          {can('policy.approve') && roles.includes('headteacher') && !v.headApprovedAt && (
            <li>
              <button type="button" onClick={() => approve('headteacher')}>
                Approve as headteacher
              </button>
            </li>
          )}
          {can('policy.approve') && roles.includes('chair_of_governors') && !v.chairApprovedAt && (
            <li>
              <button type="button" onClick={() => approve('chair')}>
                Approve as chair of governors
              </button>
            </li>
          )}
          {can('policy.draft') && (
            <li>
              <button
                type="button"
                onClick={() =>
                  void run(async () => {
                    await post(`/api/policy/versions/${id}/refresh`);
                    return 'The draft is refreshed from the settings; any approvals must be given again.';
                  })
                }
              >
                Refresh from the school’s settings
              </button>
            </li>
          )}
        </ul>
      )}
      <iframe
        title={`The text of version ${v.version} of the online-safety policy`}
        srcDoc={data.html}
        className="policy-frame"
        sandbox=""
      />
    </section>
  );
}
