import { SCHOOL_SYSTEM_LABELS, SCHOOL_SYSTEMS } from '@harbour/shared';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { useApi } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { useRun } from '../../lib/useRun';
import { ComplianceNav } from './ComplianceNav';

interface Entry {
  id: string;
  personId: string;
  name: string;
  kind: string;
  systemLabel: string;
  detail: string | null;
  grantedAt: string;
  endsAt: string | null;
}
interface ToRemove {
  people: {
    personId: string;
    name: string;
    leftAt: string | null;
    entries: { id: string; systemLabel: string }[];
  }[];
}

/** The access register (policy 5.3, 2.4): who has access to which system; leavers' access to remove. */
export function AccessRegister() {
  usePageTitle('Access register');
  const { can } = useSession();
  const entries = useApi<{ entries: Entry[] }>('/api/access');
  const toRemove = useApi<ToRemove>('/api/access/to-remove');
  const people = useApi<{ people: { id: string; name: string; kind: string }[] }>(
    can('access.manage') ? '/api/people?limit=200' : null,
  );
  const { run, onSubmit, messages } = useRun(async () => {
    await Promise.all([entries.reload(), toRemove.reload()]);
  });
  const grant = onSubmit(
    (f) =>
      post('/api/access', {
        personId: formText(f, 'person'),
        system: formText(f, 'system'),
        detail: formText(f, 'detail') || null,
      }),
    'Access recorded.',
  );
  const remove = (id: string, what: string) =>
    void run(() => post(`/api/access/${id}/remove`, {}), `Removed: ${what}.`);
  return (
    <section>
      <h1>Access register</h1>
      <ComplianceNav />
      <ErrorMessage text={entries.error} />
      {messages}
      <h2>Leavers’ access to remove</h2>
      {toRemove.data && toRemove.data.people.length === 0 && <p>No leaver has access left to remove.</p>}
      {toRemove.data && toRemove.data.people.length > 0 && (
        <DataTable
          label="Access to remove"
          caption="Leavers’ access to remove"
          columns={['Person', 'Left', 'Access']}
        >
          {toRemove.data.people.map((p) => (
            <tr key={p.personId}>
              <td>{p.name}</td>
              <td>{formatInstant(p.leftAt)}</td>
              <td>
                <ul className="actions">
                  {p.entries.map((x) => (
                    <li key={x.id}>
                      {x.systemLabel}{' '}
                      {can('access.manage') && (
                        <button
                          type="button"
                          aria-label={`Remove ${x.systemLabel} from ${p.name}`}
                          onClick={() => remove(x.id, `${x.systemLabel} for ${p.name}`)}
                        >
                          Remove
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {can('access.manage') && people.data && (
        <form className="panel" onSubmit={grant}>
          <h2>Record access given</h2>
          <p>
            Access is given only to someone who has signed the current acceptable-use agreement (policy 5.3).
          </p>
          <div className="field">
            <label htmlFor="grant-person">Person</label>
            <select id="grant-person" name="person" required defaultValue="">
              <option value="" disabled>
                Choose a person
              </option>
              {people.data.people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.kind})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="grant-system">System</label>
            <select id="grant-system" name="system" defaultValue="network">
              {SCHOOL_SYSTEMS.map((s) => (
                <option key={s} value={s}>
                  {SCHOOL_SYSTEM_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="grant-detail">Detail (account name, device)</label>
            <input id="grant-detail" name="detail" maxLength={200} />
          </div>
          <button type="submit">Record the access</button>
        </form>
      )}
      <h2>Who has access</h2>
      {entries.data && entries.data.entries.length === 0 && <p>Nobody is recorded yet.</p>}
      {entries.data && entries.data.entries.length > 0 && (
        <DataTable
          label="Access register"
          caption="Access to school systems"
          columns={['Person', 'System', 'Since', '']}
        >
          {entries.data.entries.map((x) => (
            <tr key={x.id}>
              <td>{x.name}</td>
              <td>
                {x.systemLabel}
                {x.detail ? ` (${x.detail})` : ''}
              </td>
              <td>
                {formatInstant(x.grantedAt)}
                {x.endsAt ? `, until ${formatInstant(x.endsAt)}` : ''}
              </td>
              <td>
                {can('access.manage') && (
                  <button
                    type="button"
                    aria-label={`Remove ${x.systemLabel} from ${x.name}`}
                    onClick={() => remove(x.id, `${x.systemLabel} for ${x.name}`)}
                  >
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
