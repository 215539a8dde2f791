import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { longDate } from '../../lib/compliance';
import { errorText, useApi } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { ComplianceNav } from './ComplianceNav';
import { STATUS_LABELS, type Assessment } from './RiskList';

const DP_LABELS = { not_done: 'Not done', passed: 'Passed', concerns: 'Concerns raised' };

/** One risk assessment: submit it, record the data-protection check and the leadership's decision. */
export function RiskDetail() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const { data, error, reload } = useApi<{ assessment: Assessment }>(`/api/risk/${encodeURIComponent(id)}`);
  const a = data?.assessment;
  usePageTitle(a ? `Risk assessment: ${a.name}` : 'Risk assessment');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setNotice('');
    setProblem('');
    try {
      await fn();
      setNotice(ok);
      await reload();
    } catch (err) {
      setProblem(errorText(err, 'Could not save'));
    }
  };
  const dp = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void run(
      () =>
        post(`/api/risk/${id}/dp-check`, { outcome: formText(f, 'outcome'), notes: formText(f, 'notes') }),
      'The data-protection check is recorded.',
    );
  };
  const decide = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const decision = formText(f, 'decision');
    void run(
      () =>
        post(`/api/risk/${id}/decide`, {
          decision,
          notes: formText(f, 'notes'),
          ...(formText(f, 'reviewOn') ? { reviewOn: formText(f, 'reviewOn') } : {}),
        }),
      decision === 'approved'
        ? 'Approved: the tool may now be used.'
        : 'Rejected: the tool is not to be used.',
    );
  };
  if (!a) return <ErrorMessage text={error} />;
  return (
    <section>
      <h1>Risk assessment: {a.name}</h1>
      <ComplianceNav />
      <ErrorMessage text={problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      <dl className="details">
        <div>
          <dt>Status</dt>
          <dd>{STATUS_LABELS[a.status]}</dd>
        </div>
        <div>
          <dt>Supplier</dt>
          <dd>{a.supplier ?? '—'}</dd>
        </div>
        <div>
          <dt>Purpose</dt>
          <dd className="pre">{a.purpose}</dd>
        </div>
        <div>
          <dt>Personal data</dt>
          <dd>
            {a.storesPersonalData ? 'Yes' : 'No'}; pupils’ images: {a.storesPupilImages ? 'yes' : 'no'}
            {a.dataDescription ? `. ${a.dataDescription}` : ''}
          </dd>
        </div>
        <div>
          <dt>Risks</dt>
          <dd className="pre">{a.risks}</dd>
        </div>
        <div>
          <dt>Mitigations</dt>
          <dd className="pre">{a.mitigations}</dd>
        </div>
        <div>
          <dt>Data-protection check</dt>
          <dd>
            {DP_LABELS[a.dpCheck]}
            {a.dpNotes ? `: ${a.dpNotes}` : ''}
          </dd>
        </div>
        {a.decisionNotes && (
          <div>
            <dt>Decision</dt>
            <dd>{a.decisionNotes}</dd>
          </div>
        )}
        {a.reviewOn && (
          <div>
            <dt>Review by</dt>
            <dd>{longDate(a.reviewOn)}</dd>
          </div>
        )}
      </dl>
      {a.status === 'draft' && can('risk.write') && (
        <button
          type="button"
          onClick={() => void run(() => post(`/api/risk/${id}/submit`), 'Submitted for a decision.')}
        >
          Submit for a decision
        </button>
      )}
      {(a.status === 'draft' || a.status === 'submitted') && can('risk.decide') && (
        <form className="panel" onSubmit={dp}>
          <h2>Data-protection check</h2>
          <fieldset className="inline-choices">
            <legend>Outcome</legend>
            <label>
              <input type="radio" name="outcome" value="passed" required /> Passed
            </label>
            <label>
              <input type="radio" name="outcome" value="concerns" required /> Concerns
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="dp-notes">Notes</label>
            <textarea id="dp-notes" name="notes" required rows={2} maxLength={2000} />
          </div>
          <button type="submit">Record the check</button>
        </form>
      )}
      {a.status === 'submitted' && can('risk.decide') && (
        <form className="panel" onSubmit={decide}>
          <h2>Leadership decision</h2>
          <fieldset className="inline-choices">
            <legend>Decision</legend>
            <label>
              <input type="radio" name="decision" value="approved" required /> Approve
            </label>
            <label>
              <input type="radio" name="decision" value="rejected" required /> Reject
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="decide-notes">Reasons</label>
            <textarea id="decide-notes" name="notes" required rows={2} maxLength={2000} />
          </div>
          <div className="field">
            <label htmlFor="decide-review">Review by (within a year; a year from today if left empty)</label>
            <input id="decide-review" name="reviewOn" type="date" />
          </div>
          <button type="submit">Record the decision</button>
        </form>
      )}
    </section>
  );
}
