import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AuditEntryView, AuditPage } from '@harbour/shared';
import { ApiError, get } from '../../lib/api';

const FIELDS = [
  { name: 'actor', label: 'Who (username)', type: 'text' },
  { name: 'action', label: 'Action starts with', type: 'text', hint: 'e.g. auth. or person.update' },
  { name: 'entityType', label: 'Record type', type: 'text' },
  { name: 'entityId', label: 'Record id', type: 'text' },
  { name: 'from', label: 'From (date)', type: 'date' },
  { name: 'to', label: 'To (date, inclusive)', type: 'date' },
] as const;

type Filter = Partial<Record<(typeof FIELDS)[number]['name'], string>>;

function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(iso),
  );
}

function queryString(filter: Filter, before: number | null): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  if (before) params.set('before', String(before));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The audit trail for administrators (issue 2, section 6): filter, read, page back through older entries. */
export function AuditTrail() {
  const [filter, setFilter] = useState<Filter>({});
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [timeZone, setTimeZone] = useState('Europe/London');
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (f: Filter, before: number | null) => {
    setBusy(true);
    setError('');
    try {
      const page = await get<AuditPage>(`/api/audit${queryString(f, before)}`);
      setTimeZone(page.timeZone);
      setEntries((prev) => (before ? [...prev, ...page.entries] : page.entries));
      setNextBefore(page.nextBefore);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? [err.message, ...(err.details ?? []).map((d) => `${d.path}: ${d.message}`)].join('. ')
          : 'Could not load the audit trail',
      );
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void load({}, null);
  }, [load]);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const f: Filter = {};
    for (const field of FIELDS) {
      const raw = form.get(field.name);
      const v = typeof raw === 'string' ? raw.trim() : '';
      if (v) f[field.name] = v;
    }
    setFilter(f);
    void load(f, null);
  };

  return (
    <section>
      <h1>Audit trail</h1>
      <p>Every change, sign-in and sensitive read in this school. Times are shown in {timeZone} time.</p>
      <form className="filter-form" onSubmit={submit} aria-label="Filter the audit trail">
        {FIELDS.map((f) => (
          <div key={f.name}>
            <label htmlFor={`audit-${f.name}`}>{f.label}</label>
            <input
              id={`audit-${f.name}`}
              name={f.name}
              type={f.type}
              defaultValue={filter[f.name] ?? ''}
              {...('hint' in f ? { 'aria-describedby': `audit-${f.name}-hint` } : {})}
            />
            {'hint' in f && (
              <small id={`audit-${f.name}-hint`} className="hint">
                {f.hint}
              </small>
            )}
          </div>
        ))}
        <div>
          <button type="submit" disabled={busy}>
            Show entries
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p aria-live="polite" className="visually-hidden">
        {busy ? 'Loading entries' : `${entries.length} entries shown`}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit entries">
        <table>
          <caption className="visually-hidden">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Record</th>
              <th scope="col">Address</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{formatTime(e.at, timeZone)}</time>
                </td>
                <td>{e.actor ? (e.actor.username ?? e.actor.accountId) : 'system'}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td className="break">{e.entityType ? `${e.entityType} ${e.entityId ?? ''}` : '—'}</td>
                <td>{e.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!busy && entries.length === 0 && !error && <p>No entries match.</p>}
      {nextBefore && (
        <button type="button" disabled={busy} onClick={() => void load(filter, nextBefore)}>
          Show older entries
        </button>
      )}
    </section>
  );
}
