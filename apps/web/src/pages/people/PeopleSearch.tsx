import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { KEY_STAGES, YEAR_GROUPS, yearGroupLabel } from '@harbour/shared';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { ApiError, get } from '../../lib/api';
import { usePageTitle } from '../../lib/forms';
import { KIND_LABELS, PERSON_KINDS, leaverStatus, yearAndStage, type Person } from '../../lib/people';
import { useSession } from '../../lib/session';

const PAGE = 50;
const FILTERS = ['q', 'kind', 'year', 'keyStage', 'className', 'status'] as const;

/** The people register's search (policy 5.3): name, kind, year group or key stage, class, leavers. */
export function PeopleSearch() {
  usePageTitle('People');
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [people, setPeople] = useState<Person[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState('');
  const query = params.toString();

  const load = useCallback(
    async (offset: number) => {
      setBusy(true);
      setError('');
      const q = new URLSearchParams(query);
      q.set('limit', String(PAGE));
      if (offset) q.set('offset', String(offset));
      try {
        const res = await get<{ people: Person[]; hasMore: boolean }>(`/api/people?${q.toString()}`);
        setPeople((prev) => (offset ? [...prev, ...res.people] : res.people));
        setHasMore(res.hasMore);
      } catch (err) {
        setError(err instanceof ApiError ? err.message : 'Could not search the register');
      } finally {
        setBusy(false);
      }
    },
    [query],
  );

  useEffect(() => {
    void load(0);
  }, [load]);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const f of FILTERS) {
      const v = form.get(f);
      if (typeof v === 'string' && v.trim() && !(f === 'status' && v === 'current')) next.set(f, v.trim());
    }
    // The same search again still asks the server: the register may have changed.
    if (next.toString() === query) void load(0);
    else setParams(next);
  };

  const value = (f: (typeof FILTERS)[number]) => params.get(f) ?? '';
  const status = value('status') || 'current';
  return (
    <section>
      <h1>People</h1>
      <ul className="actions">
        {can('people.write') && (
          <li>
            <Link to="/people/new">Add a person</Link>
          </li>
        )}
        {can('people.import') && (
          <li>
            <Link to="/people/import">Import from your MIS</Link>
          </li>
        )}
        <li>
          <Link to="/people/leavers">Leavers report</Link>
        </li>
      </ul>
      <form className="filter-form" onSubmit={submit} aria-label="Search the register" key={query}>
        <div>
          <label htmlFor="search-q">Name</label>
          <input id="search-q" name="q" type="search" defaultValue={value('q')} maxLength={100} />
        </div>
        <div>
          <label htmlFor="search-kind">Kind</label>
          <select id="search-kind" name="kind" defaultValue={value('kind')}>
            <option value="">Anyone</option>
            {PERSON_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="search-year">Year group</label>
          <select id="search-year" name="year" defaultValue={value('year')}>
            <option value="">Any</option>
            {YEAR_GROUPS.map((y) => (
              <option key={y} value={y}>
                {yearGroupLabel(y)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="search-stage">Key stage</label>
          <select id="search-stage" name="keyStage" defaultValue={value('keyStage')}>
            <option value="">Any</option>
            {KEY_STAGES.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="search-class">Class</label>
          <input id="search-class" name="className" defaultValue={value('className')} maxLength={50} />
        </div>
        <fieldset className="inline-choices">
          <legend>Show</legend>
          {(
            [
              ['current', 'Current'],
              ['leavers', 'Leavers'],
              ['all', 'Everyone'],
            ] as const
          ).map(([v, label]) => (
            <label key={v}>
              <input type="radio" name="status" value={v} defaultChecked={status === v} /> {label}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit">Search</button>
        </div>
      </form>
      <ErrorMessage text={error} />
      <p aria-live="polite" className="result-count">
        {busy
          ? 'Searching…'
          : `${people.length}${hasMore ? '+' : ''} ${people.length === 1 ? 'person' : 'people'} found`}
      </p>
      {people.length > 0 && (
        <DataTable
          label="People found"
          caption="People found, by family name"
          columns={['Name', 'Kind', 'Year group', 'Class', 'Status']}
        >
          {people.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/people/${p.id}`}>
                  {p.familyName}, {p.preferredName ?? p.givenName}
                </Link>
              </td>
              <td>{KIND_LABELS[p.kind]}</td>
              <td>{yearAndStage(p)}</td>
              <td>{p.className ?? ''}</td>
              <td>{leaverStatus(p)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {hasMore && (
        <button type="button" disabled={busy} onClick={() => void load(people.length)}>
          Show more
        </button>
      )}
    </section>
  );
}
