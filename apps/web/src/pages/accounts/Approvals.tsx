import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../lib/api';
import type { Approval } from '../../lib/accounts';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { DataTable } from '../../components/DataTable';

/**
 * The approvals queue (clarification 9) for the head and DSLs: password and two-factor resets and safeguarding
 * role grants asked for by an administrator. Nobody decides a request about their own account or one they made.
 */
export function Approvals() {
  const [pending, setPending] = useState<Approval[]>([]);
  const [decided, setDecided] = useState<Approval[]>([]);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [resetLink, setResetLink] = useState<{ username: string; link: string } | null>(null);
  usePageTitle('Approvals');

  const load = useCallback(async () => {
    try {
      const [p, d] = await Promise.all([
        get<{ approvals: Approval[] }>('/api/approvals?status=pending'),
        get<{ approvals: Approval[] }>('/api/approvals?status=decided&limit=20'),
      ]);
      setPending(p.approvals);
      setDecided(d.approvals);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not load the approvals');
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (a: Approval, verdict: 'approve' | 'reject') => {
    setError('');
    setNotice('');
    setResetLink(null);
    try {
      const res = await post<{ status: string; link?: string }>(`/api/approvals/${a.id}/${verdict}`, {});
      setNotice(`${a.label} for ${a.target.username}: ${res.status}`);
      if (res.link) setResetLink({ username: a.target.username, link: res.link });
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not record the decision');
    }
  };

  return (
    <section>
      <h1>Approvals</h1>
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {resetLink && (
        <div className="panel" role="status">
          <h2>New-password link for {resetLink.username}</h2>
          <p>
            Give this link to {resetLink.username} (it has also been emailed if they have an address). It is
            not shown again.
          </p>
          <label htmlFor="reset-link">Password link</label>
          <input id="reset-link" readOnly value={resetLink.link} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      <h2>Waiting for a decision</h2>
      {pending.length === 0 && <p>Nothing is waiting.</p>}
      <ul className="account-list">
        {pending.map((a) => (
          <li key={a.id} className="panel" aria-labelledby={`appr-${a.id}`}>
            <h3 id={`appr-${a.id}`}>
              {a.label}
              {a.role ? `: ${a.role.label}` : ''} for {a.target.name ?? a.target.username} (
              {a.target.username})
            </h3>
            <p>
              Asked by {a.requestedBy ?? 'someone'} on {formatInstant(a.requestedAt)}.
            </p>
            {a.canDecide ? (
              <div className="form-buttons">
                <button type="button" onClick={() => void decide(a, 'approve')}>
                  Approve
                </button>
                <button type="button" className="secondary" onClick={() => void decide(a, 'reject')}>
                  Reject
                </button>
              </div>
            ) : (
              <p className="hint">{a.whyNot}: another approver must decide it.</p>
            )}
          </li>
        ))}
      </ul>
      {decided.length > 0 && (
        <>
          <h2>Decided recently</h2>
          <DataTable
            label="Decided requests"
            caption="Requests decided recently"
            columns={['Request', 'Account', 'Decision', 'By', 'When']}
          >
            {decided.map((a) => (
              <tr key={a.id}>
                <td>
                  {a.label}
                  {a.role ? `: ${a.role.label}` : ''}
                </td>
                <td>{a.target.username}</td>
                <td>{a.status}</td>
                <td>{a.decidedBy}</td>
                <td>{formatInstant(a.decidedAt)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
