import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { CONCERN_CATEGORIES, CONCERN_CATEGORY_INFO, CONCERN_STATUSES } from '@harbour/shared';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { get } from '../../lib/api';
import { STATUS_LABELS, type ConcernSummary } from '../../lib/concerns';
import { errorText } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { ConcernsNav } from './ConcernsNav';

/**
 * The concerns a person may see: for a reporter, what they reported ("My reports", clarification 7); for the DSL
 * team every visible concern, by status and category.
 */
export function ConcernList() {
  const { can } = useSession();
  const team = can('concerns.manage');
  const title = team ? 'All concerns' : 'My reports';
  usePageTitle(title);
  const [params, setParams] = useSearchParams();
  const [rows, setRows] = useState<ConcernSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState('');
  const query = params.toString();
  const load = useCallback(
    async (before: string | null) => {
      setBusy(true);
      setError('');
      const q = new URLSearchParams(query);
      if (!team) q.set('mine', '1');
      if (before) q.set('before', before);
      try {
        const res = await get<{ concerns: ConcernSummary[]; nextBefore: string | null }>(
          `/api/concerns?${q.toString()}`,
        );
        setRows((prev) => (before ? [...prev, ...res.concerns] : res.concerns));
        setNext(res.nextBefore);
      } catch (err) {
        setError(errorText(err, 'Could not load the concerns'));
      } finally {
        setBusy(false);
      }
    },
    [query, team],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  return (
    <section>
      <h1>{title}</h1>
      <ConcernsNav />
      {!team && (
        <p>These are the concerns you reported. You can add to them; the DSL team works them through.</p>
      )}
      <form
        className="filter-form"
        aria-label="Filter concerns"
        key={query}
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const n = new URLSearchParams();
          for (const k of ['status', 'category']) {
            const v = f.get(k);
            if (typeof v === 'string' && v) n.set(k, v);
          }
          if (n.toString() === query) void load(null);
          else setParams(n);
        }}
      >
        <div>
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={params.get('status') ?? ''}>
            <option value="">Any</option>
            {CONCERN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-category">Category</label>
          <select id="filter-category" name="category" defaultValue={params.get('category') ?? ''}>
            <option value="">Any</option>
            {CONCERN_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CONCERN_CATEGORY_INFO[c].label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      <ErrorMessage text={error} />
      <p aria-live="polite" className="result-count">
        {busy ? 'Loading…' : `${rows.length}${next ? '+' : ''} ${rows.length === 1 ? 'concern' : 'concerns'}`}
      </p>
      {rows.length > 0 && (
        <DataTable
          label={title}
          caption={`${title}, newest first`}
          columns={['Recorded', 'Category', 'Pupils', 'Status']}
        >
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/concerns/${r.id}`}>{formatInstant(r.recordedAt)}</Link>
              </td>
              <td>
                {r.categoryLabel}
                {r.restricted ? ' (restricted)' : ''}
                {r.source === 'pupil' ? ' (told by a pupil)' : ''}
              </td>
              <td>{r.pupils.map((p) => p.name).join(', ')}</td>
              <td>{STATUS_LABELS[r.status]}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {next && (
        <button type="button" disabled={busy} onClick={() => void load(next)}>
          Show more
        </button>
      )}
    </section>
  );
}
