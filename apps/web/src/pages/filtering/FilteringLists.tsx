import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { get } from '../../lib/api';
import { categoryLabel, errorText, groupNameOf, useApi, type FilterPolicy } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { FilteringNav } from './FilteringNav';

interface CheckResult {
  name: string;
  groups: {
    groupId: string;
    name: string;
    decision: { action: string; reason: string; category?: string | null } | null;
  }[];
  lists: { id: string; name: string; kind: string; category: string | null }[];
}

/** The school's lists (imports and subscriptions) and its own allow and deny entries; "what happens to a name". */
export function FilteringLists() {
  usePageTitle('Filtering lists and entries');
  const { can } = useSession();
  const { data: p, error } = useApi<FilterPolicy>('/api/filtering/policy');
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [checkError, setCheckError] = useState('');

  const runCheck = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = formText(new FormData(e.currentTarget), 'name').trim();
    setCheckError('');
    try {
      setCheck(await get<CheckResult>(`/api/filtering/check?name=${encodeURIComponent(name)}`));
    } catch (err) {
      setCheck(null);
      setCheckError(errorText(err, 'Could not check that name'));
    }
  };

  return (
    <section>
      <h1>Lists and entries</h1>
      <FilteringNav />
      <ErrorMessage text={error} />
      {can('filtering.propose') && (
        <p>
          Every change goes through a <Link to="/filtering/changes/new">change request</Link> with a risk
          assessment, approved by a member of the leadership team.
        </p>
      )}
      <form className="inline-form" onSubmit={(e) => void runCheck(e)} aria-label="Check a name">
        <label htmlFor="check-name">Check what happens to a name</label>
        <input id="check-name" name="name" required maxLength={253} placeholder="example.com" />
        <button type="submit">Check</button>
      </form>
      <ErrorMessage text={checkError} />
      <div aria-live="polite">
        {check && (
          <div className="panel">
            <h2>{check.name}</h2>
            <ul>
              {check.groups.map((g) => (
                <li key={g.groupId}>
                  {g.name}:{' '}
                  {g.decision
                    ? g.decision.action === 'block'
                      ? `blocked (${g.decision.category ? categoryLabel(g.decision.category) : g.decision.reason})`
                      : g.decision.action === 'rewrite'
                        ? 'answered with safe search'
                        : 'allowed'
                    : 'not in the live policy yet'}
                </li>
              ))}
            </ul>
            <p>
              {check.lists.length
                ? `On: ${check.lists.map((l) => l.name).join(', ')}`
                : 'On none of the school’s lists.'}
            </p>
          </div>
        )}
      </div>
      {p && (
        <>
          <h2>Lists</h2>
          {p.lists.length === 0 ? (
            <p>No lists yet.</p>
          ) : (
            <DataTable
              label="Filtering lists"
              caption="Block and allow lists"
              columns={['List', 'Kind', 'Category', 'Entries', 'Source', 'Refresh', 'State']}
            >
              {p.lists.map((l) => (
                <tr key={l.id}>
                  <td className="break">
                    <Link to={`/filtering/lists/${l.id}`}>{l.name}</Link>
                    {l.trust && <span className="hint">Trust baseline (locked)</span>}
                  </td>
                  <td>{l.kind === 'block' ? 'Block' : 'Allow (approved sites)'}</td>
                  <td>{categoryLabel(l.category)}</td>
                  <td>{l.entries.toLocaleString('en-GB')}</td>
                  <td className="break">
                    {l.licensed ? 'Licensed file from the provider' : l.url ? l.url : 'Uploaded file'}
                  </td>
                  <td>{l.refreshHours ? `Every ${l.refreshHours} h` : 'Not refreshed'}</td>
                  <td>{l.enabled ? 'In use' : 'Switched off'}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <h2>Allow and deny entries</h2>
          <p className="hint">An entry covers the name and every name under it.</p>
          {p.entries.length === 0 ? (
            <p>No entries yet.</p>
          ) : (
            <DataTable
              label="Allow and deny entries"
              caption="The school’s own allow and deny entries"
              columns={['Name', 'Effect', 'Group', 'Note']}
            >
              {p.entries.map((e) => (
                <tr key={e.id}>
                  <td className="break">{e.domain}</td>
                  <td>{e.effect === 'allow' ? 'Allow' : 'Deny'}</td>
                  <td>{groupNameOf(p.groups, e.groupId)}</td>
                  <td className="break">{e.note}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
