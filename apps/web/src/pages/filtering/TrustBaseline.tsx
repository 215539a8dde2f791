import { useState } from 'react';
import { ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import {
  GROUP_KIND_LABELS,
  categoryLabel,
  errorText,
  useApi,
  type Baseline,
  type ChangeRequest,
  type FilterPolicy,
} from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { BaselineForm } from './BaselineForm';
import { FilteringNav } from './FilteringNav';

const KINDS = Object.keys(GROUP_KIND_LABELS) as (keyof typeof GROUP_KIND_LABELS)[];

function BaselineView({ b, id }: { b: Baseline; id: string }) {
  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
        <table aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">Kind of group</th>
              <th scope="col">Blocked by the baseline</th>
            </tr>
          </thead>
          <tbody>
            {KINDS.map((k) => (
              <tr key={k}>
                <th scope="row">{GROUP_KIND_LABELS[k]}</th>
                <td>
                  {(b.blockedCategories[k] ?? []).map(categoryLabel).join(', ') ||
                    'Nothing beyond illegal content'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <strong>Denied in every school:</strong> {b.deny.length > 0 ? b.deny.join(', ') : 'no names'}
      </p>
    </>
  );
}

/** A pending baseline request: another trust officer approves or rejects it; its requester may withdraw it. */
function PendingRequest({ c, onDone }: { c: ChangeRequest; onDone: (text: string) => Promise<void> }) {
  const { state } = useSession();
  const mine = !state.loading && state.session?.accountId === c.requestedBy.accountId;
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const value = c.ops.find((o) => o.op === 'baseline.update')?.value as Baseline | undefined;
  const decide = async (verdict: 'approve' | 'reject' | 'withdraw') => {
    setProblem('');
    setBusy(true);
    try {
      await post(`/api/filtering/changes/${encodeURIComponent(c.id)}/${verdict}`, { note: note.trim() });
      await onDone(
        verdict === 'approve'
          ? `Request ${c.number} approved: every school of the trust follows the new baseline.`
          : verdict === 'reject'
            ? `Request ${c.number} rejected.`
            : `Request ${c.number} withdrawn.`,
      );
    } catch (err) {
      setProblem(errorText(err, 'Could not record the decision'));
    } finally {
      setBusy(false);
    }
  };
  const headingId = `bl-req-${c.id}`;
  return (
    <article className="panel" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Request {c.number}: {c.title}
      </h3>
      <p>
        Asked by {c.requestedBy.name} on {formatInstant(c.requestedAt)}
      </p>
      <dl>
        <dt>Why</dt>
        <dd>{c.reason}</dd>
        <dt>Educational view</dt>
        <dd>{c.riskEducational}</dd>
        <dt>Technical view</dt>
        <dd>{c.riskTechnical}</dd>
      </dl>
      {value && <BaselineView b={value} id={headingId} />}
      <ErrorMessage text={problem} />
      {mine ? (
        <>
          <p>Waiting for another trust officer.</p>
          <button type="button" disabled={busy} onClick={() => void decide('withdraw')}>
            Withdraw request {c.number}
          </button>
        </>
      ) : (
        <div className="field">
          <label htmlFor={`${headingId}-note`}>Decision note</label>
          <textarea
            id={`${headingId}-note`}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void decide('approve')}>
              Approve request {c.number}
            </button>
            <button type="button" disabled={busy} onClick={() => void decide('reject')}>
              Reject request {c.number}
            </button>
          </div>
        </div>
      )}
    </article>
  );
}

/**
 * The trust baseline (clarifications 4 and 13), for trust and local-authority officers: what every school of
 * the trust blocks, per kind of group; changes proposed with a reason and risk assessment, approved by
 * another officer.
 */
export function TrustBaseline() {
  usePageTitle('Trust baseline');
  const { can } = useSession();
  const policy = useApi<FilterPolicy>('/api/filtering/policy');
  const pending = useApi<{ changes: ChangeRequest[] }>('/api/filtering/changes?status=pending');
  const [notice, setNotice] = useState('');
  const requests = (pending.data?.changes ?? []).filter((c) => c.ops.some((o) => o.op === 'baseline.update'));
  const done = async (text: string) => {
    setNotice(text);
    await Promise.all([policy.reload(), pending.reload()]);
  };
  return (
    <section>
      <h1>Trust baseline</h1>
      <FilteringNav />
      <ErrorMessage text={policy.error || pending.error} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      <h2 id="bl-now">In force now</h2>
      {policy.data && <BaselineView b={policy.data.baseline} id="bl-now" />}
      <h2>Waiting for a decision</h2>
      {requests.length === 0 ? (
        <p>No baseline change is waiting.</p>
      ) : (
        requests.map((c) => <PendingRequest key={c.id} c={c} onDone={done} />)
      )}
      {policy.data && can('filtering.propose') && (
        <BaselineForm
          key={JSON.stringify(policy.data.baseline)}
          current={policy.data.baseline}
          onSent={(c) => void done(`Request ${c.number} sent: another trust officer decides it.`)}
        />
      )}
    </section>
  );
}
