import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { CONSENT_CHANNEL_LABELS, CONSENT_CHANNELS } from '@harbour/shared';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { get } from '../../lib/api';
import { errorText, useApi } from '../../lib/filtering';
import { longDate } from '../../lib/compliance';
import { formText, usePageTitle } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { ComplianceNav } from './ComplianceNav';
import { PupilConsent, REASON_LABELS } from './PupilConsent';

interface Check {
  channels: string[];
  pupils: {
    pupilId: string;
    name: string;
    className: string | null;
    answers: { channel: string; allowed: boolean; reason: string }[];
    allowed: boolean;
  }[];
}

interface Withdrawal {
  id: string;
  pupilId: string;
  name: string;
  className: string | null;
  channel: keyof typeof CONSENT_CHANNEL_LABELS;
  decidedOn: string;
}

/** Withdrawals in the last 30 days, for the staff who publish: each takes effect at once (policy 3.4 [3.3]). */
function RecentWithdrawals() {
  const { data, error } = useApi<{ withdrawals: Withdrawal[] }>('/api/consents/withdrawals?days=30');
  return (
    <>
      <h2>Withdrawn in the last 30 days</h2>
      <ErrorMessage text={error} />
      {data && data.withdrawals.length === 0 && <p>No consent has been withdrawn in the last 30 days.</p>}
      {data && data.withdrawals.length > 0 && (
        <DataTable
          label="Recent withdrawals"
          caption="Consents withdrawn in the last 30 days: remove anything already published"
          columns={['Pupil', 'Class', 'Where', 'Withdrawn on']}
        >
          {data.withdrawals.map((w) => (
            <tr key={w.id}>
              <td>
                <Link to={`/consents/pupils/${encodeURIComponent(w.pupilId)}`}>{w.name}</Link>
              </td>
              <td>{w.className ?? '—'}</td>
              <td>{CONSENT_CHANNEL_LABELS[w.channel]}</td>
              <td>{longDate(w.decidedOn)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** Image consents (policy 2.2, 3.4 [3.3]): "may I publish these pupils?", and giving or withdrawing consent. */
export function Consents() {
  usePageTitle('Image consents');
  const { state, can } = useSession();
  const isParent = !state.loading && !!state.session?.roles.some((r) => r.role === 'parent');
  const children = useApi<{ people: { id: string; name: string }[] }>(
    isParent ? '/api/people?kind=pupil&limit=50' : null,
  );
  const [check, setCheck] = useState<Check | null>(null);
  const [problem, setProblem] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const runCheck = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setProblem('');
    const form = new FormData(e.currentTarget);
    const channel = formText(form, 'channel');
    try {
      setCheck(
        await get<Check>(
          `/api/consents/check?className=${encodeURIComponent(formText(form, 'className'))}${channel ? `&channel=${channel}` : ''}`,
        ),
      );
    } catch (err) {
      setProblem(errorText(err, 'Could not check the consents'));
    }
  };
  return (
    <section>
      <h1>Image consents</h1>
      <ComplianceNav />
      {isParent && (
        <>
          <h2>Your children</h2>
          <p>
            Choose where the school may publish photos or videos of your child. A withdrawal takes effect at
            once.
          </p>
          <ErrorMessage text={children.error} />
          {children.data?.people.map((c) => (
            <PupilConsent key={c.id} pupilId={c.id} asParent />
          ))}
        </>
      )}
      {!isParent && (
        <>
          {can('consents.import') && (
            <p>
              <Link to="/consents/import">Import consents from a CSV file</Link>
            </p>
          )}
          <h2>May I publish these pupils?</h2>
          <form className="inline-form" onSubmit={(e) => void runCheck(e)}>
            <label htmlFor="check-class">Class</label>
            <input id="check-class" name="className" required maxLength={50} />
            <label htmlFor="check-channel">Where</label>
            <select id="check-channel" name="channel" defaultValue="">
              <option value="">Every channel</option>
              {CONSENT_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CONSENT_CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
            <button type="submit">Check</button>
          </form>
          <ErrorMessage text={problem} />
          <div aria-live="polite">
            {check && check.pupils.length === 0 && <p>No pupils in that class.</p>}
            {check && check.pupils.length > 0 && (
              <DataTable
                label="Publish check"
                caption="May each pupil be published?"
                columns={[
                  'Pupil',
                  ...check.channels.map(
                    (c) => CONSENT_CHANNEL_LABELS[c as keyof typeof CONSENT_CHANNEL_LABELS],
                  ),
                  'All',
                ]}
              >
                {check.pupils.map((p) => (
                  <tr key={p.pupilId}>
                    <td>
                      {can('consents.record') ? (
                        <button
                          type="button"
                          aria-label={`${p.name}: record a decision`}
                          onClick={() => setOpen(p.pupilId)}
                        >
                          {p.name}
                        </button>
                      ) : (
                        p.name
                      )}
                    </td>
                    {p.answers.map((a) => (
                      <td key={a.channel}>
                        <strong>{a.allowed ? 'Yes' : 'No'}</strong>
                        {!a.allowed && ` (${REASON_LABELS[a.reason] ?? a.reason})`}
                      </td>
                    ))}
                    <td>{p.allowed ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </div>
          {open && can('consents.record') && <PupilConsent key={open} pupilId={open} asParent={false} />}
          <RecentWithdrawals />
        </>
      )}
    </section>
  );
}
