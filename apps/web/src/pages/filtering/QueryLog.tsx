import { useState, type FormEvent } from 'react';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { get } from '../../lib/api';
import { categoryLabel, errorText, groupNameOf, useApi, type FilterPolicy } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { formatInstant, today } from '../../lib/people';
import { useSession } from '../../lib/session';
import { FilteringNav } from './FilteringNav';

interface TopReport {
  from: string;
  to: string;
  days: {
    date: string;
    names: { groupId: string; name: string; category: string | null; queries: number }[];
    categories: { groupId: string; category: string | null; queries: number }[];
    totals: { groupId: string; action: string; queries: number }[];
  }[];
}
interface History {
  client: string;
  entries: {
    at: string;
    groupId: string;
    name: string;
    type: string;
    action: string;
    reason: string;
    category: string | null;
    count: number;
  }[];
}

/**
 * Query-log reports (issue 4): the top blocked names and categories per group and day; and, for the DSL team
 * when a concern needs it, one client address's history for a time range (each look is audited).
 */
export function QueryLog() {
  usePageTitle('Filtering query log');
  const { can } = useSession();
  const policy = useApi<FilterPolicy>('/api/filtering/policy');
  const groups = policy.data?.groups ?? [];
  const [top, setTop] = useState<TopReport | null>(null);
  const [history, setHistory] = useState<History | null>(null);
  const [problem, setProblem] = useState('');
  const [historyProblem, setHistoryProblem] = useState('');

  const loadTop = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const q = new URLSearchParams();
    for (const k of ['from', 'to', 'groupId']) if (formText(f, k)) q.set(k, formText(f, k));
    setProblem('');
    try {
      setTop(await get<TopReport>(`/api/filtering/query-log/top?${q.toString()}`));
    } catch (err) {
      setProblem(errorText(err, 'Could not make the report'));
    }
  };

  const loadHistory = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setHistoryProblem('');
    try {
      const q = new URLSearchParams({
        client: formText(f, 'client').trim(),
        from: new Date(formText(f, 'from')).toISOString(),
        to: new Date(formText(f, 'to')).toISOString(),
      });
      setHistory(await get<History>(`/api/filtering/query-log/client?${q.toString()}`));
    } catch (err) {
      setHistoryProblem(errorText(err, 'Give an address and a time range'));
    }
  };

  const day = today();
  return (
    <section>
      <h1>Query log</h1>
      <FilteringNav />
      <p>
        Kept for {policy.data?.settings.queryLogRetentionDays ?? 90} days, then deleted. The log names an
        address, never a person.
      </p>
      <h2>Top blocked names and categories</h2>
      <form className="filter-form" onSubmit={(e) => void loadTop(e)} aria-label="Top blocked report">
        <div>
          <label htmlFor="top-from">From</label>
          <input id="top-from" name="from" type="date" defaultValue={day} />
        </div>
        <div>
          <label htmlFor="top-to">To</label>
          <input id="top-to" name="to" type="date" defaultValue={day} />
        </div>
        <div>
          <label htmlFor="top-group">Group</label>
          <select id="top-group" name="groupId">
            <option value="">Every group</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      <ErrorMessage text={problem || policy.error} />
      <div aria-live="polite">
        {top &&
          top.days.map((d) => (
            <div key={d.date} className="panel">
              <h3>{d.date}</h3>
              {d.totals.length > 0 && (
                <DataTable
                  label={`Traffic on ${d.date}`}
                  caption={`Queries per group on ${d.date}`}
                  columns={['Group', 'Allowed', 'Blocked', 'Safe search']}
                >
                  {[...new Set(d.totals.map((t) => t.groupId))].map((g) => {
                    const n = (action: string) =>
                      d.totals.find((t) => t.groupId === g && t.action === action)?.queries ?? 0;
                    return (
                      <tr key={g}>
                        <td>{groupNameOf(groups, g)}</td>
                        <td>{n('allow')}</td>
                        <td>{n('block')}</td>
                        <td>{n('rewrite')}</td>
                      </tr>
                    );
                  })}
                </DataTable>
              )}
              {d.names.length === 0 ? (
                <p>Nothing was blocked.</p>
              ) : (
                <>
                  <DataTable
                    label={`Blocked categories on ${d.date}`}
                    caption={`Blocked categories on ${d.date}`}
                    columns={['Group', 'Category', 'Queries']}
                  >
                    {d.categories.map((c) => (
                      <tr key={`${c.groupId}|${c.category}`}>
                        <td>{groupNameOf(groups, c.groupId)}</td>
                        <td>{categoryLabel(c.category) || 'School entry or rule'}</td>
                        <td>{c.queries}</td>
                      </tr>
                    ))}
                  </DataTable>
                  <DataTable
                    label={`Top blocked names on ${d.date}`}
                    caption={`Top blocked names on ${d.date}`}
                    columns={['Group', 'Name', 'Category', 'Queries']}
                  >
                    {d.names.map((n) => (
                      <tr key={`${n.groupId}|${n.name}`}>
                        <td>{groupNameOf(groups, n.groupId)}</td>
                        <td className="break">{n.name}</td>
                        <td>{categoryLabel(n.category)}</td>
                        <td>{n.queries}</td>
                      </tr>
                    ))}
                  </DataTable>
                </>
              )}
            </div>
          ))}
      </div>
      {can('filtering.client_history') && (
        <>
          <h2>One address’s history</h2>
          <p className="hint">
            For the DSL team when a concern needs it. Every look is recorded in the audit trail.
          </p>
          <form className="filter-form" onSubmit={(e) => void loadHistory(e)} aria-label="Client history">
            <div>
              <label htmlFor="hist-client">Client address</label>
              <input id="hist-client" name="client" required maxLength={45} />
            </div>
            <div>
              <label htmlFor="hist-from">From</label>
              <input
                id="hist-from"
                name="from"
                type="datetime-local"
                required
                defaultValue={`${day}T00:00`}
              />
            </div>
            <div>
              <label htmlFor="hist-to">To</label>
              <input id="hist-to" name="to" type="datetime-local" required defaultValue={`${day}T23:59`} />
            </div>
            <div>
              <button type="submit">Show history</button>
            </div>
          </form>
          <ErrorMessage text={historyProblem} />
          <div aria-live="polite">
            {history && (
              <>
                <p>
                  {history.entries.length} entr{history.entries.length === 1 ? 'y' : 'ies'} for{' '}
                  {history.client}.
                </p>
                {history.entries.length > 0 && (
                  <DataTable
                    label="Client history"
                    caption={`Queries from ${history.client}`}
                    columns={['When', 'Group', 'Name', 'Type', 'Decision', 'Times']}
                  >
                    {history.entries.map((h, i) => (
                      <tr key={i}>
                        <td>{formatInstant(h.at)}</td>
                        <td>{groupNameOf(groups, h.groupId)}</td>
                        <td className="break">{h.name}</td>
                        <td>{h.type}</td>
                        <td>
                          {h.action === 'block'
                            ? `Blocked (${categoryLabel(h.category) || h.reason})`
                            : h.action === 'rewrite'
                              ? 'Safe search'
                              : 'Allowed'}
                        </td>
                        <td>{h.count}</td>
                      </tr>
                    ))}
                  </DataTable>
                )}
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}
