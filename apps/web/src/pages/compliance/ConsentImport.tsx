import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { CONSENT_CHANNEL_LABELS, type ConsentChannel } from '@harbour/shared';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { longDate } from '../../lib/compliance';
import { errorText } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { ComplianceNav } from './ComplianceNav';

interface Preview {
  rows: number;
  entries: number;
  ok: boolean;
  errors: { line: number; errors: string[] }[];
  preview: {
    line: number;
    pupil: string | null;
    parent: string | null;
    channels: ConsentChannel[];
    decision: 'given' | 'withdrawn' | null;
    decidedOn: string | null;
    errors: string[];
  }[];
}

const channelsText = (cs: ConsentChannel[]) =>
  cs.length === 4 ? 'Every channel' : cs.map((c) => CONSENT_CHANNEL_LABELS[c]).join(', ') || '—';

/** Rows with problems beyond those the preview lists one by one. */
const later = (p: Preview) => {
  const last = p.preview.at(-1)?.line ?? 0;
  return p.errors.filter((e) => e.line > last);
};

/**
 * Image consents from a CSV file (policy 2.2, 3.4 [3.3]): the preview shows what each row would record and its
 * problems; the import writes only a clean file, all at once, and withdrawals are flagged to those who publish.
 */
export function ConsentImport() {
  usePageTitle('Import image consents');
  const fileRef = useRef<HTMLInputElement>(null);
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const call = async (fn: () => Promise<void>, fallback: string) => {
    setProblem('');
    setDone('');
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      setPreview(null);
      setProblem(errorText(err, fallback));
    } finally {
      setBusy(false);
    }
  };
  const check = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void call(async () => {
      // Read the file each time: it may have been fixed and saved since it was chosen.
      const text = (await fileRef.current?.files?.[0]?.text()) ?? '';
      if (!text) throw new Error('empty');
      setCsv(text);
      setPreview(await post<Preview>('/api/consents/import/preview', { csv: text }));
    }, 'Choose the CSV file to check');
  };
  const commit = () =>
    void call(async () => {
      const r = await post<{ imported: number; flagged: number }>('/api/consents/import/commit', { csv });
      setPreview(null);
      setDone(
        `Imported ${r.imported} consent entries; ${r.flagged} withdrawal notices sent to the staff who publish.`,
      );
    }, 'The import failed: nothing was written');
  return (
    <section>
      <h1>Import image consents</h1>
      <ComplianceNav />
      <p>
        <Link to="/consents">Back to image consents</Link>
      </p>
      <p id="consent-columns">
        One row per pupil, parent or carer and channel, with columns for the pupil’s UPN or admission number,
        the parent’s email or MIS id, the channel (website, newsletter, press, social media or all), the
        decision (given or withdrawn; yes or no) and the date (YYYY-MM-DD or DD/MM/YYYY). People are matched
        by those numbers and emails, never by name. Nothing is written until every row is right.
      </p>
      <form className="narrow-form" aria-label="Choose a consents file" onSubmit={check}>
        <div className="field">
          <label htmlFor="consent-file">CSV file</label>
          <input
            id="consent-file"
            ref={fileRef}
            type="file"
            accept=".csv,text/csv"
            aria-describedby="consent-columns"
          />
        </div>
        <button type="submit" disabled={busy}>
          Check the file
        </button>
      </form>
      <ErrorMessage text={problem} />
      <div aria-live="polite">
        {done && <p className="ok">{done}</p>}
        {preview && (
          <p className={preview.ok ? 'ok' : 'error'}>
            {preview.rows} rows, {preview.entries} consent entries.{' '}
            {preview.ok
              ? 'No problems found. Nothing has been written yet.'
              : `${preview.errors.length} rows have problems: fix them in the file, save it and check it again. Nothing has been imported.`}
          </p>
        )}
      </div>
      {preview && (
        <DataTable
          label="Rows in the file"
          caption={
            preview.preview.length < preview.rows
              ? `The first ${preview.preview.length} rows in the file`
              : 'Rows in the file'
          }
          captionVisible
          columns={['Line', 'Pupil', 'Parent or carer', 'Where', 'Decision', 'Date', 'Problems']}
        >
          {preview.preview.map((r) => (
            <tr key={r.line}>
              <td>{r.line}</td>
              <td>{r.pupil ?? '—'}</td>
              <td>{r.parent ?? '—'}</td>
              <td>{channelsText(r.channels)}</td>
              <td>{r.decision === 'given' ? 'Given' : r.decision === 'withdrawn' ? 'Withdrawn' : '—'}</td>
              <td>{longDate(r.decidedOn)}</td>
              <td>{r.errors.length === 0 ? 'None' : r.errors.join('; ')}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {preview && later(preview).length > 0 && (
        <>
          <h2>Problems further down the file</h2>
          <ul>
            {later(preview).map((e) => (
              <li key={e.line}>
                Line {e.line}: {e.errors.join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview?.ok && (
        <button type="button" disabled={busy} onClick={commit}>
          Import {preview.entries} consent entries
        </button>
      )}
    </section>
  );
}
