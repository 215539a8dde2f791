import { useState } from 'react';
import { ErrorMessage } from '../../components/DataTable';
import { get, post } from '../../lib/api';
import { errorText } from '../../lib/filtering';
import type { Person } from '../../lib/people';

/**
 * Makes a block-page report into a filtering-breach concern in one step (policy 7.3). The report names a
 * device, never a person: the pupils at that device are added only if the member of staff knows them.
 */
export function ReportConcernForm(props: { reportId: string; name: string; onDone: (msg: string) => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Person[]>([]);
  const [chosen, setChosen] = useState<Person[]>([]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const prefix = `concern-${props.reportId}`;

  const search = async () => {
    setProblem('');
    try {
      const q = new URLSearchParams({ q: query.trim(), kind: 'pupil', limit: '10' });
      setFound((await get<{ people: Person[] }>(`/api/people?${q.toString()}`)).people);
    } catch (err) {
      setProblem(errorText(err, 'Could not search for pupils'));
    }
  };
  const record = async () => {
    setBusy(true);
    setProblem('');
    try {
      const res = await post<{ concern: { id: string } }>(
        `/api/filtering/reports/${encodeURIComponent(props.reportId)}/concern`,
        { pupils: chosen.map((p) => p.id), note: note.trim() },
      );
      props.onDone(
        `The report about ${props.name} is recorded as a concern (reference ${res.concern.id.slice(0, 8)}); the DSL team has been told.`,
      );
    } catch (err) {
      setProblem(errorText(err, 'Could not record the concern'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="concern-form">
      <summary>Record as an online-safety concern</summary>
      <p className="hint">
        Category: filtering breach. The report’s site, comment, time and device address go into the concern.
      </p>
      <div className="inline-form">
        <label htmlFor={`${prefix}-q`}>Pupil at the device, if known</label>
        <input
          id={`${prefix}-q`}
          type="search"
          value={query}
          maxLength={100}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            }
          }}
        />
        <button type="button" className="secondary" onClick={() => void search()}>
          Find<span className="visually-hidden"> a pupil</span>
        </button>
      </div>
      {found.length > 0 && (
        <fieldset>
          <legend>Pupils found</legend>
          {found.map((p) => (
            <label key={p.id} className="checkbox" htmlFor={`${prefix}-${p.id}`}>
              <input
                id={`${prefix}-${p.id}`}
                type="checkbox"
                checked={chosen.some((c) => c.id === p.id)}
                onChange={(e) =>
                  setChosen((prev) => (e.target.checked ? [...prev, p] : prev.filter((c) => c.id !== p.id)))
                }
              />
              {p.name}
              {p.className ? ` (${p.className})` : ''}
            </label>
          ))}
        </fieldset>
      )}
      {chosen.length > 0 && <p>Pupils: {chosen.map((p) => p.name).join(', ')}</p>}
      <label htmlFor={`${prefix}-note`}>What you know (optional)</label>
      <textarea
        id={`${prefix}-note`}
        rows={3}
        maxLength={5000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="button" disabled={busy} onClick={() => void record()}>
        Record the concern<span className="visually-hidden"> about {props.name}</span>
      </button>
      <ErrorMessage text={problem} />
    </details>
  );
}
