import { useRef, useState, type FormEvent } from 'react';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { ApiError, post } from '../../lib/api';
import { usePageTitle } from '../../lib/forms';
import { MonitoringNav } from './MonitoringNav';

const FIELDS = [
  { value: 'time', label: 'Time' },
  { value: 'user', label: 'User (username, email or UPN)' },
  { value: 'client', label: 'Client address' },
  { value: 'device', label: 'Device' },
  { value: 'url', label: 'URL visited' },
  { value: 'search', label: 'Search' },
  { value: 'title', label: 'Page title' },
] as const;
type Field = (typeof FIELDS)[number]['value'];
type Mapping = Partial<Record<Field, string>>;

interface Preview {
  headers: string[];
  mapping: Mapping;
  rows: number;
  valid: number;
  preview: { line: number; time: string; kind: string; text?: string; url?: string; user?: string }[];
  errors: { line: number; message: string }[];
  errorCount: number;
}

/**
 * Import another filtering product's search and URL log (issue 6): choose the file, check which column is which
 * in the preview (Harbour guesses), and import only when no row has a problem; a file with problems writes nothing.
 */
export function MonitoringImport() {
  usePageTitle('Import a search log');
  const fileRef = useRef<HTMLInputElement>(null);
  const [csv, setCsv] = useState('');
  const [mapping, setMapping] = useState<Mapping>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  const load = async (withMapping: Mapping | null) => {
    setError('');
    setDone('');
    const f = fileRef.current?.files?.[0];
    const text = f ? await f.text() : csv;
    if (!text) return setError('Choose a CSV file first');
    setCsv(text);
    try {
      const p = await post<Preview>('/api/monitoring/import/preview', {
        csv: text,
        ...(withMapping ? { mapping: withMapping } : {}),
      });
      setPreview(p);
      setMapping(p.mapping);
    } catch (err) {
      setPreview(null);
      setError(err instanceof ApiError ? err.message : 'Could not read the file');
    }
  };

  const commit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError('');
    try {
      const r = await post<{ imported: number; duplicates: number; alerts: number }>(
        '/api/monitoring/import/commit',
        { csv, mapping },
      );
      setDone(
        `Imported ${r.imported} events (${r.duplicates} were already here); ${r.alerts} alert(s) raised or added to.`,
      );
      setPreview(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not import the file');
    }
  };

  return (
    <section>
      <h1>Import a search log</h1>
      <MonitoringNav />
      <p>
        For a school still using another filter: export its search or web log as CSV and import it here. Each
        row is classified like any other activity, and raises alerts the same way.
      </p>
      <form
        className="narrow-form"
        aria-label="Choose a file"
        onSubmit={(e) => {
          e.preventDefault();
          void load(null);
        }}
      >
        <div className="field">
          <label htmlFor="log-file">CSV file</label>
          <input id="log-file" type="file" accept=".csv,text/csv" ref={fileRef} />
        </div>
        <button type="submit">Preview</button>
      </form>
      <ErrorMessage text={error} />
      <div aria-live="polite">{done && <p className="ok">{done}</p>}</div>
      {preview && (
        <form
          className="narrow-form"
          aria-label="Check the columns and import"
          onSubmit={(e) => void commit(e)}
        >
          <h2>Columns</h2>
          {FIELDS.map((f) => (
            <div className="field" key={f.value}>
              <label htmlFor={`map-${f.value}`}>{f.label}</label>
              <select
                id={`map-${f.value}`}
                value={mapping[f.value] ?? ''}
                onChange={(e) => {
                  const next = { ...mapping };
                  if (e.target.value) next[f.value] = e.target.value;
                  else delete next[f.value];
                  setMapping(next);
                }}
              >
                <option value="">Not in this file</option>
                {preview.headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="button" className="secondary" onClick={() => void load(mapping)}>
            Check again with these columns
          </button>
          <h2>What Harbour read</h2>
          <p>
            {preview.rows} rows, {preview.valid} ready to import, {preview.errorCount} with a problem.
          </p>
          <DataTable
            label="First rows"
            caption="The first rows as Harbour reads them"
            columns={['Line', 'Time', 'Kind', 'Who', 'What']}
          >
            {preview.preview.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>{r.time}</td>
                <td>{r.kind}</td>
                <td>{r.user ?? ''}</td>
                <td className="break">{r.text ?? r.url ?? ''}</td>
              </tr>
            ))}
          </DataTable>
          {preview.errors.length > 0 && (
            <>
              <h2>Problems</h2>
              <ul>
                {preview.errors.map((e, i) => (
                  <li key={i}>
                    Line {e.line}: {e.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="submit" disabled={preview.errorCount > 0}>
            Import {preview.valid} events
          </button>
        </form>
      )}
    </section>
  );
}
