import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { useApi } from '../../lib/filtering';
import { Field, formText, useFormErrors, usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import {
  MonitoringNav,
  SEVERITY_WORDS,
  STATUS_LABELS,
  subjectText,
  type AlertSummary,
} from './MonitoringNav';

interface AlertEvent {
  id: string;
  at: string;
  kind: string;
  text: string | null;
  url: string | null;
  search: string | null;
  names: string[] | null;
  severity: number;
  device: string | null;
  client: string | null;
  matches: { id: string; text: string }[];
}

interface AlertPage {
  alert: AlertSummary;
  events: AlertEvent[];
  notes: { id: string; action: string; at: string; by: string | null; text: string | null }[];
  viewers: { accountId: string; name: string; namedAt: string }[];
  /** For the head (or the chair): who on the safeguarding team may be named to see an alert about staff. */
  mayName: { accountId: string; name: string }[];
  /** The head (or the chair): names and removes who may see an alert about staff. */
  managesViewers: boolean;
}

const KIND_WORDS: Record<string, string> = {
  search: 'Searched',
  url: 'Visited',
  title: 'Page title',
  typed: 'Typed',
  blocked: 'Blocked site',
};
const NOTE_WORDS: Record<string, string> = {
  note: 'Note',
  watch: 'Keep watching',
  false_positive: 'False positive',
  reopen: 'Reopened',
  escalate: 'Escalated to a concern',
  viewer: 'Named a viewer',
  viewer_removed: 'Removed a viewer',
};

const ACTIONS = [
  { value: 'watch', label: 'Note and keep watching', field: 'note' },
  { value: 'note', label: 'Add a note only', field: 'note' },
  { value: 'false_positive', label: 'False positive (say why)', field: 'reason' },
  { value: 'reopen', label: 'Reopen', field: 'note' },
] as const;

/** One alert with its events and triage (issue 6). Opening it is audited by the server. */
export function AlertDetail() {
  const { id = '' } = useParams();
  usePageTitle('Monitoring alert');
  const { can } = useSession();
  const { data, error, reload } = useApi<AlertPage>(`/api/monitoring/alerts/${encodeURIComponent(id)}`);
  const [action, setAction] = useState<(typeof ACTIONS)[number]['value']>('watch');
  const [notice, setNotice] = useState('');
  const triageErrors = useFormErrors(() => 'triage-text');
  const escalateErrors = useFormErrors(() => 'escalate-text');
  const canTriage = can('monitoring.triage');
  const viewerErrors = useFormErrors(() => 'viewer-account');

  const nameViewer = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    viewerErrors.clear();
    setNotice('');
    const accountId = formText(new FormData(e.currentTarget), 'accountId');
    try {
      await post(`/api/monitoring/alerts/${encodeURIComponent(id)}/viewers`, { accountId });
      setNotice('They can see this alert now.');
      await reload();
    } catch (err) {
      viewerErrors.show(err, 'Could not name them');
    }
  };

  const removeViewer = async (v: { accountId: string; name: string }) => {
    viewerErrors.clear();
    setNotice('');
    try {
      await post(`/api/monitoring/alerts/${encodeURIComponent(id)}/viewers/remove`, {
        accountId: v.accountId,
      });
      setNotice(`${v.name} can no longer see this alert.`);
      await reload();
    } catch (err) {
      viewerErrors.show(err, 'Could not remove them');
    }
  };

  const triage = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    triageErrors.clear();
    setNotice('');
    const field = ACTIONS.find((a) => a.value === action)!.field;
    const text = formText(new FormData(form), 'text').trim();
    try {
      await post(`/api/monitoring/alerts/${encodeURIComponent(id)}/triage`, {
        action,
        ...(text || action !== 'reopen' ? { [field]: text } : {}),
      });
      form.reset();
      setNotice('Saved.');
      await reload();
    } catch (err) {
      triageErrors.show(err, 'Could not save the triage');
    }
  };

  const escalate = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    escalateErrors.clear();
    setNotice('');
    const account = formText(new FormData(e.currentTarget), 'account').trim();
    try {
      await post(`/api/monitoring/alerts/${encodeURIComponent(id)}/escalate`, account ? { account } : {});
      setNotice('A concern was recorded with the alert’s events.');
      await reload();
    } catch (err) {
      escalateErrors.show(err, 'Could not escalate the alert');
    }
  };

  if (error) return <ErrorMessage text={error} />;
  if (!data) return <p aria-live="polite">Loading…</p>;
  const a = data.alert;
  const closed = a.status === 'escalated';
  return (
    <section>
      <h1>Monitoring alert: {a.categoryLabel}</h1>
      <MonitoringNav />
      <p>
        <Link to="/monitoring">Back to the alerts</Link>
      </p>
      <dl className="facts">
        <dt>Who</dt>
        <dd>
          {a.subject.personId ? (
            <Link to={`/people/${encodeURIComponent(a.subject.personId)}`}>{subjectText(a.subject)}</Link>
          ) : (
            subjectText(a.subject)
          )}
        </dd>
        <dt>Severity</dt>
        <dd>
          {a.severity} – {SEVERITY_WORDS[a.severity]}
        </dd>
        <dt>Events</dt>
        <dd>
          {a.eventCount}, from {formatInstant(a.firstAt)} to {formatInstant(a.lastAt)}
        </dd>
        <dt>Status</dt>
        <dd>
          {STATUS_LABELS[a.status]}
          {a.concernId && (
            <>
              {' '}
              (<Link to={`/concerns/${encodeURIComponent(a.concernId)}`}>open the concern</Link>)
            </>
          )}
        </dd>
        {a.restricted && (
          <>
            <dt>Restricted</dt>
            <dd>
              About a member of staff: seen only by the head (the chair, for the head) and those they name
              {data.viewers.length > 0 && `: ${data.viewers.map((v) => v.name).join(', ')}`}.
            </dd>
          </>
        )}
      </dl>
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      {data.managesViewers && data.viewers.length > 0 && (
        <ul className="account-list" aria-label="Who you have named to see this alert">
          {data.viewers.map((v) => (
            <li key={v.accountId}>
              {v.name}, named {formatInstant(v.namedAt)}{' '}
              <button type="button" onClick={() => void removeViewer(v)}>
                Remove {v.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {data.managesViewers && data.mayName.length === 0 && viewerErrors.summary}
      {data.mayName.length > 0 && (
        <form
          className="narrow-form"
          onSubmit={(e) => void nameViewer(e)}
          aria-label="Name who may see this alert"
        >
          {viewerErrors.summary}
          <div className="field">
            <label htmlFor="viewer-account">Let a designated safeguarding lead see this alert</label>
            <select id="viewer-account" name="accountId">
              {data.mayName.map((v) => (
                <option key={v.accountId} value={v.accountId}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Name them</button>
        </form>
      )}

      <h2>Events</h2>
      <DataTable
        label="Events of this alert"
        caption="What was searched, typed or visited, newest first"
        columns={['When', 'What', 'Words matched', 'Severity']}
      >
        {data.events.map((e) => (
          <tr key={e.id}>
            <td>{formatInstant(e.at)}</td>
            <td className="break">
              <strong>{KIND_WORDS[e.kind] ?? e.kind}:</strong>{' '}
              {e.search ?? e.text ?? e.names?.join(', ') ?? e.url}
              {e.url && (e.search || e.text) && <span className="hint">{e.url}</span>}
              {(e.device || e.client) && (
                <span className="hint">{[e.device, e.client].filter(Boolean).join(' at ')}</span>
              )}
            </td>
            <td className="break">{e.matches.map((m) => m.text).join(', ')}</td>
            <td>{e.severity}</td>
          </tr>
        ))}
      </DataTable>

      <h2>Triage</h2>
      {data.notes.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <ol className="timeline">
          {data.notes.map((n) => (
            <li key={n.id}>
              <strong>{NOTE_WORDS[n.action] ?? n.action}</strong>, {formatInstant(n.at)}
              {n.by && ` by ${n.by}`}
              {n.text && <p>{n.text}</p>}
            </li>
          ))}
        </ol>
      )}
      {canTriage && !closed && (
        <>
          <form
            className="narrow-form"
            onSubmit={(e) => void triage(e)}
            aria-label="Triage this alert"
            noValidate
          >
            {triageErrors.summary}
            <fieldset>
              <legend>What to record</legend>
              {ACTIONS.filter((x) => x.value !== 'reopen' || a.status !== 'open').map((x) => (
                <div key={x.value} className="choice">
                  <input
                    type="radio"
                    id={`action-${x.value}`}
                    name="action"
                    value={x.value}
                    checked={action === x.value}
                    onChange={() => setAction(x.value)}
                  />
                  <label htmlFor={`action-${x.value}`}>{x.label}</label>
                </div>
              ))}
            </fieldset>
            <Field
              id="triage-text"
              label={action === 'false_positive' ? 'Why it is a false positive' : 'Note'}
              required={action !== 'reopen'}
              error={triageErrors.fieldError('note') ?? triageErrors.fieldError('reason')}
            >
              {(x) => <textarea {...x} name="text" rows={3} maxLength={5000} />}
            </Field>
            <button type="submit">Save</button>
          </form>
          <form
            className="narrow-form"
            onSubmit={(e) => void escalate(e)}
            aria-label="Escalate to a concern"
            noValidate
          >
            {escalateErrors.summary}
            <h3>Escalate to a concern</h3>
            <p>Records a concern of the matching category, with this alert’s events written into it.</p>
            <Field
              id="escalate-text"
              label="Opening words for the concern (optional)"
              error={escalateErrors.fieldError('account')}
            >
              {(x) => <textarea {...x} name="account" rows={3} maxLength={5000} />}
            </Field>
            <button type="submit">Escalate to a concern</button>
          </form>
        </>
      )}
    </section>
  );
}
