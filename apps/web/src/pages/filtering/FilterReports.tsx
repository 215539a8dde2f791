import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { categoryLabel, errorText, groupNameOf, useApi, type FilterPolicy } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { FilteringNav } from './FilteringNav';
import { ReportConcernForm } from './ReportConcernForm';

interface Report {
  id: string;
  kind: 'wrongly_blocked' | 'unsuitable';
  name: string;
  groupId: string | null;
  category: string | null;
  reason: string | null;
  client: string;
  site: string | null;
  comment: string | null;
  status: 'open' | 'resolved' | 'concern';
  createdAt: string;
  handledBy: string | null;
  handledAt: string | null;
  outcome: string | null;
  concernId: string | null;
}

const KIND_LABELS = { wrongly_blocked: 'Wrongly blocked', unsuitable: 'Unsuitable site got through' };

/**
 * The block-page reports queue (policy 7.3: reporting breaches of filtering) for technical staff and the DSLs:
 * "wrongly blocked" (for review) and "an unsuitable site got through". Each is resolved with what was done,
 * usually a change request allowing or denying the name.
 */
export function FilterReports() {
  usePageTitle('Filtering reports');
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const { data, error, reload } = useApi<{ reports: Report[] }>(
    `/api/filtering/reports?status=${encodeURIComponent(status)}`,
  );
  const policy = useApi<FilterPolicy>('/api/filtering/policy');
  const groups = policy.data?.groups ?? [];
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');

  const resolve = async (e: FormEvent<HTMLFormElement>, r: Report) => {
    e.preventDefault();
    setNotice('');
    setProblem('');
    try {
      await post(`/api/filtering/reports/${encodeURIComponent(r.id)}/resolve`, {
        outcome: formText(new FormData(e.currentTarget), 'outcome'),
      });
      setNotice(`The report about ${r.name} is resolved.`);
      await reload();
    } catch (err) {
      setProblem(errorText(err, 'Could not resolve the report'));
    }
  };

  return (
    <section>
      <h1>Reports queue</h1>
      <FilteringNav />
      <div className="inline-form">
        <label htmlFor="report-status">Show</label>
        <select id="report-status" value={status} onChange={(e) => setParams({ status: e.target.value })}>
          <option value="open">Open reports</option>
          <option value="resolved">Resolved reports</option>
          <option value="concern">Recorded as concerns</option>
        </select>
      </div>
      <ErrorMessage text={error || problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      {data && data.reports.length === 0 && (
        <p>{status === 'concern' ? 'No reports recorded as concerns.' : `No ${status} reports.`}</p>
      )}
      <ul className="account-list">
        {data?.reports.map((r) => (
          <li key={r.id} className="panel" aria-labelledby={`report-${r.id}`}>
            <h2 id={`report-${r.id}`}>
              {KIND_LABELS[r.kind]}: <span className="break-word">{r.name}</span>
            </h2>
            <dl className="details">
              <div>
                <dt>Reported</dt>
                <dd>
                  {formatInstant(r.createdAt)} from {r.client}
                </dd>
              </div>
              <div>
                <dt>Group</dt>
                <dd>{groupNameOf(groups, r.groupId)}</dd>
              </div>
              {r.category && (
                <div>
                  <dt>Blocked as</dt>
                  <dd>{categoryLabel(r.category)}</dd>
                </div>
              )}
              {r.site && (
                <div>
                  <dt>Site</dt>
                  <dd>{r.site}</dd>
                </div>
              )}
              {r.comment && (
                <div>
                  <dt>Comment</dt>
                  <dd className="pre">{r.comment}</dd>
                </div>
              )}
              {r.outcome && (
                <div>
                  <dt>Outcome</dt>
                  <dd>
                    {r.outcome} ({r.handledBy}, {formatInstant(r.handledAt)})
                  </dd>
                </div>
              )}
            </dl>
            {r.status === 'open' && (
              <>
                {can('filtering.propose') && (
                  <p>
                    <Link
                      to={`/filtering/changes/new?kind=entry.add&domain=${encodeURIComponent(r.name)}&effect=${r.kind === 'unsuitable' ? 'deny' : 'allow'}`}
                    >
                      {r.kind === 'unsuitable' ? 'Propose blocking' : 'Propose allowing'} {r.name}
                    </Link>
                  </p>
                )}
                <form className="inline-form" onSubmit={(e) => void resolve(e, r)}>
                  <label htmlFor={`outcome-${r.id}`}>What was done</label>
                  <input id={`outcome-${r.id}`} name="outcome" required maxLength={2000} />
                  <button type="submit">
                    Resolve<span className="visually-hidden"> the report about {r.name}</span>
                  </button>
                </form>
                {can('concerns.record') && (
                  <ReportConcernForm
                    reportId={r.id}
                    name={r.name}
                    onDone={(msg) => {
                      setNotice(msg);
                      void reload();
                    }}
                  />
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
