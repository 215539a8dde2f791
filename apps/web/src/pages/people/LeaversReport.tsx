import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { ApiError, get } from '../../lib/api';
import { usePageTitle } from '../../lib/forms';
import { KIND_LABELS, formatDay, formatInstant, type PersonKind } from '../../lib/people';

interface Leaver {
  id: string;
  kind: PersonKind;
  name: string;
  leaveDate: string | null;
  leftAt: string | null;
  pending: boolean;
  username: string | null;
  accessEndedAt: string | null;
}

/** Who left and when their access ended (policy 5.3), newest first. */
export function LeaversReport() {
  usePageTitle('Leavers report');
  const [from, setFrom] = useState('');
  const [leavers, setLeavers] = useState<Leaver[]>([]);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState('');
  const load = useCallback(async (f: string) => {
    setBusy(true);
    setError('');
    try {
      const res = await get<{ leavers: Leaver[] }>(
        `/api/leavers${f ? `?from=${encodeURIComponent(f)}` : ''}`,
      );
      setLeavers(res.leavers);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not load the report');
    } finally {
      setBusy(false);
    }
  }, []);
  useEffect(() => {
    void load('');
  }, [load]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = ((new FormData(e.currentTarget).get('from') as string | null) ?? '').trim();
    setFrom(f);
    void load(f);
  };
  return (
    <section>
      <p>
        <Link to="/people">Back to people</Link>
      </p>
      <h1>Leavers report</h1>
      <p>Everyone who has left or is due to leave, and when their access to Harbour ended.</p>
      <form className="filter-form" onSubmit={submit} aria-label="Filter the leavers report">
        <div>
          <label htmlFor="leavers-from">Left on or after</label>
          <input id="leavers-from" name="from" type="date" defaultValue={from} />
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      <ErrorMessage text={error} />
      <p aria-live="polite" className="result-count">
        {busy ? 'Loading…' : `${leavers.length} ${leavers.length === 1 ? 'leaver' : 'leavers'}`}
      </p>
      {leavers.length > 0 && (
        <DataTable
          label="Leavers"
          caption="Leavers, most recent first"
          columns={['Name', 'Kind', 'Leave date', 'Access', 'Account']}
        >
          {leavers.map((l) => (
            <tr key={l.id}>
              <td>
                <Link to={`/people/${l.id}`}>{l.name}</Link>
              </td>
              <td>{KIND_LABELS[l.kind]}</td>
              <td>{formatDay(l.leaveDate)}</td>
              <td>
                {l.pending
                  ? `Ends ${formatInstant(l.leftAt)}`
                  : l.accessEndedAt
                    ? `Ended ${formatInstant(l.accessEndedAt)}`
                    : ''}
              </td>
              <td>{l.username ?? 'None'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
