import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { STATUS_LABELS, errorText, useApi, type ChangeRequest } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { ChangeDiff } from './ChangeDiff';
import { FilteringNav } from './FilteringNav';
import { opSummary } from './op-summary';

/**
 * One change request: what, why, the risk assessment, who asked; the decision by a leadership member who is
 * not the requester; and once applied, the logged diff.
 */
export function ChangeDetail() {
  const { id = '' } = useParams();
  const { can, state } = useSession();
  const me = !state.loading ? state.session?.accountId : undefined;
  const { data, error, reload } = useApi<{ change: ChangeRequest }>(
    `/api/filtering/changes/${encodeURIComponent(id)}`,
  );
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const c = data?.change;
  usePageTitle(c ? `Change request ${c.number}` : 'Change request');

  const [note, setNote] = useState('');
  const decide = async (verdict: 'approve' | 'reject' | 'withdraw') => {
    setProblem('');
    setNotice('');
    setBusy(true);
    try {
      await post(`/api/filtering/changes/${encodeURIComponent(id)}/${verdict}`, { note: note.trim() });
      setNotice(
        verdict === 'approve'
          ? 'Approved: the change is live on the resolver.'
          : verdict === 'reject'
            ? 'Rejected.'
            : 'Withdrawn.',
      );
      await reload();
    } catch (err) {
      setProblem(errorText(err, 'Could not record the decision'));
    } finally {
      setBusy(false);
    }
  };

  const mine = c?.requestedBy.accountId === me;
  return (
    <section>
      <h1>{c ? `Change request ${c.number}: ${c.title}` : 'Change request'}</h1>
      <FilteringNav />
      <ErrorMessage text={error} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      <ErrorMessage text={problem} />
      {c && (
        <>
          <dl className="details">
            <div>
              <dt>Status</dt>
              <dd>
                {STATUS_LABELS[c.status]}
                {c.kind === 'emergency' ? ' (emergency unblock)' : ''}
              </dd>
            </div>
            <div>
              <dt>Requested by</dt>
              <dd>
                {c.requestedBy.name}, {formatInstant(c.requestedAt)}
              </dd>
            </div>
            <div>
              <dt>Why</dt>
              <dd className="pre">{c.reason}</dd>
            </div>
            <div>
              <dt>Risk: educational view</dt>
              <dd className="pre">{c.riskEducational}</dd>
            </div>
            <div>
              <dt>Risk: technical view</dt>
              <dd className="pre">{c.riskTechnical}</dd>
            </div>
            {c.decidedBy && (
              <div>
                <dt>Decided by</dt>
                <dd>
                  {c.decidedBy.name}, {formatInstant(c.decidedAt)}
                  {c.decisionNote ? `: ${c.decisionNote}` : ''}
                </dd>
              </div>
            )}
            {c.policyVersion !== null && (
              <div>
                <dt>Policy version</dt>
                <dd>{c.policyVersion}</dd>
              </div>
            )}
          </dl>
          <h2>What it changes</h2>
          <ul className="ops">
            {c.ops.map((o, i) => (
              <li key={i}>{opSummary(o)}</li>
            ))}
          </ul>
          {c.status === 'pending' && can('filtering.approve') && !mine && (
            <form
              className="panel narrow-form"
              aria-label="Decide"
              onSubmit={(e) => {
                e.preventDefault();
                void decide('approve');
              }}
            >
              <h2>Decide</h2>
              <label htmlFor="decision-note">Note (needed to reject)</label>
              <textarea
                id="decision-note"
                rows={3}
                maxLength={2000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              <div className="form-buttons">
                <button type="submit" disabled={busy}>
                  Approve and apply
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => void decide('reject')}
                >
                  Reject
                </button>
              </div>
            </form>
          )}
          {c.status === 'pending' && mine && (
            <form
              className="panel narrow-form"
              onSubmit={(e) => {
                e.preventDefault();
                void decide('withdraw');
              }}
            >
              <h2>Your request</h2>
              <p>Another member of the leadership team must decide it. You can withdraw it.</p>
              <button type="submit" className="secondary" disabled={busy}>
                Withdraw
              </button>
            </form>
          )}
          {c.diff && (
            <>
              <h2>The logged diff</h2>
              <ChangeDiff diff={c.diff} />
            </>
          )}
        </>
      )}
      <p>
        <Link to="/filtering/changes">All change requests</Link>
      </p>
    </section>
  );
}
