import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { ApiError, post } from '../../lib/api';
import { usePageTitle } from '../../lib/forms';

const KINDS = [
  {
    value: 'pupils',
    label: 'Pupils',
    columns:
      'Forename, Surname and Year are needed; UPN, Adno, DOB, Reg group, SEN and Looked after are read too.',
  },
  {
    value: 'staff',
    label: 'Staff',
    columns:
      'Forename and Surname are needed; Staff code, Email, Role, Phone, Start date and Leave date are read too.',
  },
  {
    value: 'parents',
    label: 'Parents and carers',
    columns:
      'Forename, Surname and the pupil’s UPN or admission number are needed; Contact id, Email, Phone, Relationship, Parental responsibility and No contact are read too. Import pupils first.',
  },
] as const;
type Kind = (typeof KINDS)[number]['value'];

interface Summary {
  totals: { rows: number; create: number; update: number; unchanged: number; errors: number };
  rows: { row: number; action: string; name: string; errors: { column: string; message: string }[] }[];
}

/**
 * Import from an MIS export (issue 2, section 7): the preview lists every row's errors before anything is
 * written; an import happens only when the preview is clean, and a file with errors writes nothing.
 */
export function ImportPeople() {
  usePageTitle('Import people');
  const [kind, setKind] = useState<Kind>('pupils');
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [preview, setPreview] = useState<Summary | null>(null);
  const [result, setResult] = useState<Summary | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const reset = () => {
    setPreview(null);
    setResult(null);
    setError('');
  };

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    reset();
    const f = e.currentTarget.files?.[0];
    setFile(f ? { name: f.name, csv: await f.text() } : null);
  };

  const runPreview = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    reset();
    // Read the file again: it may have been fixed and saved since it was chosen.
    const f = fileRef.current?.files?.[0];
    const current = f ? { name: f.name, csv: await f.text() } : file;
    if (!current) {
      setError('Choose a CSV file exported from your MIS');
      return;
    }
    setFile(current);
    setBusy(true);
    try {
      setPreview(await post<Summary>('/api/imports/preview', { kind, csv: current.csv }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not read the file');
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!file) return;
    setBusy(true);
    setError('');
    try {
      setResult(await post<Summary>('/api/imports/commit', { kind, csv: file.csv }));
      setPreview(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The import failed: nothing was written');
    } finally {
      setBusy(false);
    }
  };

  const withErrors = preview?.rows.filter((r) => r.errors.length) ?? [];
  const kindInfo = KINDS.find((k) => k.value === kind)!;
  return (
    <section>
      <p>
        <Link to="/people">Back to people</Link>
      </p>
      <h1>Import people</h1>
      <p>
        Export a CSV file from your MIS and choose it here. Harbour first shows what it would do and every
        row’s problems; nothing is written until the file is clean and you press Import. Importing the same
        people again updates them (matched by UPN or MIS id, never by name).
      </p>
      <form onSubmit={(e) => void runPreview(e)} aria-label="Choose a file to import">
        <fieldset className="inline-choices">
          <legend>Who is in the file</legend>
          {KINDS.map((k) => (
            <label key={k.value}>
              <input
                type="radio"
                name="kind"
                value={k.value}
                checked={kind === k.value}
                onChange={() => {
                  setKind(k.value);
                  reset();
                }}
              />{' '}
              {k.label}
            </label>
          ))}
        </fieldset>
        <p className="hint" id="import-columns">
          {kindInfo.columns} Dates may be dd/mm/yyyy or yyyy-mm-dd.
        </p>
        <label htmlFor="import-file">CSV file</label>
        <input
          id="import-file"
          ref={fileRef}
          type="file"
          accept=".csv,text/csv"
          aria-describedby="import-columns"
          onChange={(e) => void choose(e)}
        />
        <button type="submit" disabled={busy}>
          Check the file
        </button>
      </form>
      <ErrorMessage text={error} />
      <div aria-live="polite">
        {preview && (
          <div className="panel">
            <h2>Preview of {file?.name}</h2>
            <p>
              {preview.totals.rows} rows: {preview.totals.create} to add, {preview.totals.update} to update,{' '}
              {preview.totals.unchanged} unchanged
              {preview.totals.errors > 0 ? `, ${preview.totals.errors} with errors` : ''}.
            </p>
            {withErrors.length > 0 ? (
              <p className="error">
                Nothing has been imported. Fix {withErrors.length === 1 ? 'this row' : 'these rows'} in the
                file, save it and check it again.
              </p>
            ) : (
              <p className="ok">No problems found. Nothing has been written yet.</p>
            )}
          </div>
        )}
        {result && (
          <div className="panel" role="status">
            <h2>Imported</h2>
            <p className="ok">
              {result.totals.create} added, {result.totals.update} updated, {result.totals.unchanged}{' '}
              unchanged.
            </p>
            <p>
              <Link
                to={`/people?kind=${kind === 'parents' ? 'parent' : kind === 'staff' ? 'staff' : 'pupil'}`}
              >
                See them in the register
              </Link>
            </p>
          </div>
        )}
      </div>
      {preview && withErrors.length > 0 && (
        <DataTable
          label="Rows with errors"
          caption="Rows with errors"
          captionVisible
          columns={['Row', 'Name', 'Problems']}
        >
          {withErrors.map((r) => (
            <tr key={r.row}>
              <td>{r.row}</td>
              <td>{r.name || '(no name)'}</td>
              <td>
                <ul className="plain">
                  {r.errors.map((e) => (
                    <li key={`${e.column}:${e.message}`}>
                      <strong>{e.column}</strong>: {e.message}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {preview && withErrors.length === 0 && (
        <button type="button" disabled={busy} onClick={() => void commit()}>
          Import {preview.totals.create + preview.totals.update} {kindInfo.label.toLowerCase()}
        </button>
      )}
    </section>
  );
}
