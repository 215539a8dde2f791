import { useState, type FormEvent } from 'react';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { errorText, useApi } from '../../lib/filtering';
import { Field, formText, useFormErrors, usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { MonitoringNav } from './MonitoringNav';

interface Source {
  id: string;
  name: string;
  kind: 'agent' | 'import' | 'resolver';
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

const KIND_LABELS: Record<Source['kind'], string> = {
  agent: 'Agent (token)',
  import: 'CSV imports',
  resolver: 'Filtering resolver',
};

/**
 * Monitoring sources (issue 6): each agent, proxy or extension that sends activity events has its own token,
 * shown once and stored hashed; revoking it makes the server refuse that source at once.
 */
export function MonitoringSources() {
  usePageTitle('Monitoring sources');
  const { data, error, reload } = useApi<{ sources: Source[] }>('/api/monitoring/sources');
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const errors = useFormErrors(() => 'source-name');

  const issue = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    errors.clear();
    setNotice('');
    try {
      const res = await post<{ source: { id: string; name: string }; token: string }>(
        '/api/monitoring/sources',
        { name: formText(new FormData(form), 'name') },
      );
      setIssued({ name: res.source.name, token: res.token });
      form.reset();
      await reload();
    } catch (err) {
      errors.show(err, 'Could not issue the token');
    }
  };

  const revoke = async (s: Source) => {
    setProblem('');
    setNotice('');
    setIssued(null);
    try {
      await post(`/api/monitoring/sources/${encodeURIComponent(s.id)}/revoke`, {});
      setNotice(`The token of ${s.name} is revoked: its events are refused from now on.`);
      await reload();
    } catch (err) {
      setProblem(errorText(err, 'Could not revoke the token'));
    }
  };

  return (
    <section>
      <h1>Monitoring sources</h1>
      <MonitoringNav />
      <p>
        A source sends what pupils and staff search for and visit (POST /api/monitoring/events, in batches of
        up to 1,000 events). Each source needs its own token.
      </p>
      <ErrorMessage text={error || problem} />
      <div aria-live="polite">
        {notice && <p className="ok">{notice}</p>}
        {issued && (
          <div className="panel" role="status">
            <h2>Token for {issued.name}</h2>
            <p>Copy it now: it is not shown again. The source sends it as a bearer token.</p>
            <label htmlFor="source-token">Source token</label>
            <input
              id="source-token"
              readOnly
              value={issued.token}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
        )}
      </div>
      <form
        className="narrow-form"
        onSubmit={(e) => void issue(e)}
        aria-label="Issue a source token"
        noValidate
      >
        {errors.summary}
        <Field
          id="source-name"
          label="Source name"
          required
          hint="For example: classroom laptops agent"
          error={errors.fieldError('name')}
        >
          {(a) => <input {...a} name="name" maxLength={100} />}
        </Field>
        <button type="submit">Issue a token</button>
      </form>
      <h2>Sources</h2>
      {data && data.sources.length === 0 && <p>No sources yet.</p>}
      {data && data.sources.length > 0 && (
        <DataTable
          label="Monitoring sources"
          caption="Monitoring sources and when each last sent events"
          columns={['Source', 'Kind', 'Issued', 'Last events', 'State']}
        >
          {data.sources.map((s) => (
            <tr key={s.id}>
              <td className="break">{s.name}</td>
              <td>{KIND_LABELS[s.kind]}</td>
              <td>
                {formatInstant(s.createdAt)}
                {s.createdBy && <span className="hint">by {s.createdBy}</span>}
              </td>
              <td>{s.lastSeenAt ? formatInstant(s.lastSeenAt) : 'Never'}</td>
              <td>
                {s.revokedAt ? (
                  `Revoked ${formatInstant(s.revokedAt)}`
                ) : s.kind === 'agent' ? (
                  <button type="button" className="secondary" onClick={() => void revoke(s)}>
                    Revoke<span className="visually-hidden"> the token of {s.name}</span>
                  </button>
                ) : (
                  'In use'
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
