import { useState, type FormEvent } from 'react';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { errorText, useApi } from '../../lib/filtering';
import { Field, formText, useFormErrors, usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { MonitoringNav } from './MonitoringNav';

interface Term {
  id: string;
  kind: 'phrase' | 'exclusion' | 'disable';
  text: string;
  category: string | null;
  severity: number | null;
  reason: string;
  createdBy: string | null;
  createdAt: string;
  removedAt: string | null;
  removedReason: string | null;
}
interface LibraryPage {
  builtIn: { phrases: number; rules: number; exclusions: number };
  terms: Term[];
  phraseStats: {
    id: string;
    text: string;
    category: string | null;
    alerts: number;
    falsePositives: number;
    falsePositiveRate: number;
  }[];
}

const CATEGORIES = [
  'self-harm',
  'grooming',
  'extremism',
  'weapons',
  'hate',
  'bullying',
  'pornography',
  'drugs',
  'gambling',
];
const KIND_WORDS: Record<Term['kind'], string> = {
  phrase: 'School phrase',
  exclusion: 'Innocent phrase',
  disable: 'Built-in phrase switched off',
};

/**
 * The phrase library as this school uses it (issue 6): how often each phrase's alerts were false positives, so
 * it can be tuned, and the school's own phrases, innocent phrases and switched-off phrases, each a logged change.
 */
export function MonitoringLibrary() {
  usePageTitle('Phrase library');
  const { data, error, reload } = useApi<LibraryPage>('/api/monitoring/library');
  const [kind, setKind] = useState<Term['kind']>('phrase');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const errors = useFormErrors((p) => `term-${p}`);

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    errors.clear();
    setNotice('');
    const body =
      kind === 'disable'
        ? { kind, phraseId: formText(f, 'text'), reason: formText(f, 'reason') }
        : kind === 'phrase'
          ? {
              kind,
              text: formText(f, 'text'),
              category: formText(f, 'category'),
              severity: Number(formText(f, 'severity')),
              reason: formText(f, 'reason'),
            }
          : { kind, text: formText(f, 'text'), reason: formText(f, 'reason') };
    try {
      await post('/api/monitoring/library/terms', body);
      form.reset();
      setNotice('Saved: the next events are read with it.');
      await reload();
    } catch (err) {
      errors.show(err, 'Could not save the change');
    }
  };

  const remove = async (t: Term) => {
    setProblem('');
    try {
      await post(`/api/monitoring/library/terms/${encodeURIComponent(t.id)}/remove`, {
        reason: 'Removed from the library page',
      });
      setNotice(`Removed “${t.text}”.`);
      await reload();
    } catch (err) {
      setProblem(errorText(err, 'Could not remove it'));
    }
  };

  return (
    <section>
      <h1>Phrase library</h1>
      <MonitoringNav />
      {data && (
        <p>
          The built-in library has {data.builtIn.phrases.toLocaleString('en-GB')} phrases,{' '}
          {data.builtIn.rules} rules and {data.builtIn.exclusions} innocent phrases.
        </p>
      )}
      <ErrorMessage text={error || problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      <h2>False positives per phrase</h2>
      {data && data.phraseStats.length === 0 && <p>No alerts yet.</p>}
      {data && data.phraseStats.length > 0 && (
        <DataTable
          label="False positives per phrase"
          caption="Each phrase that raised an alert, with how many were false positives"
          columns={['Phrase', 'Theme', 'Alerts', 'False positives', 'Rate']}
        >
          {data.phraseStats.map((s) => (
            <tr key={s.id}>
              <td className="break">
                {s.text}
                <span className="hint">{s.id}</span>
              </td>
              <td>{s.category}</td>
              <td>{s.alerts}</td>
              <td>{s.falsePositives}</td>
              <td>{Math.round(s.falsePositiveRate * 100)}%</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>This school’s changes</h2>
      <form className="narrow-form" onSubmit={(e) => void add(e)} aria-label="Change the library" noValidate>
        {errors.summary}
        <div className="field">
          <label htmlFor="term-kind">Change</label>
          <select id="term-kind" value={kind} onChange={(e) => setKind(e.target.value as Term['kind'])}>
            <option value="phrase">Add a phrase of our own</option>
            <option value="exclusion">Add an innocent phrase (never alert on it)</option>
            <option value="disable">Switch off a built-in phrase</option>
          </select>
        </div>
        <Field
          id={kind === 'disable' ? 'term-phraseId' : 'term-text'}
          label={kind === 'disable' ? 'Built-in phrase id (from the table above)' : 'Words'}
          required
          error={errors.fieldError(kind === 'disable' ? 'phraseId' : 'text')}
        >
          {(a) => <input {...a} name="text" maxLength={300} />}
        </Field>
        {kind === 'phrase' && (
          <>
            <div className="field">
              <label htmlFor="term-category">Theme</label>
              <select id="term-category" name="category">
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="term-severity">Severity</label>
              <select id="term-severity" name="severity" defaultValue="3">
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <Field id="term-reason" label="Why" required error={errors.fieldError('reason')}>
          {(a) => <input {...a} name="reason" maxLength={500} />}
        </Field>
        <button type="submit">Save the change</button>
      </form>
      {data && data.terms.length > 0 && (
        <DataTable
          label="This school's library changes"
          caption="The school's own phrases, innocent phrases and switched-off phrases"
          columns={['Change', 'Words', 'Why', 'Made', 'State']}
        >
          {data.terms.map((t) => (
            <tr key={t.id}>
              <td>{KIND_WORDS[t.kind]}</td>
              <td className="break">
                {t.text}
                {t.category && (
                  <span className="hint">
                    {t.category}, severity {t.severity}
                  </span>
                )}
              </td>
              <td className="break">{t.reason}</td>
              <td>
                {formatInstant(t.createdAt)}
                {t.createdBy && <span className="hint">by {t.createdBy}</span>}
              </td>
              <td>
                {t.removedAt ? (
                  `Removed ${formatInstant(t.removedAt)}`
                ) : (
                  <button type="button" className="secondary" onClick={() => void remove(t)}>
                    Remove<span className="visually-hidden"> {t.text}</span>
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
