import { useState } from 'react';
import { ErrorMessage } from '../../components/DataTable';
import { get } from '../../lib/api';
import { errorText } from '../../lib/filtering';
import type { Person } from '../../lib/people';

export interface Picked {
  id: string;
  name: string;
  detail: string;
}

/**
 * Finds people by name (GET /api/people) and keeps a chosen list. With `subject`, one of the chosen is marked
 * as the one the concern is about (the first, until another is chosen).
 */
export function PeoplePicker(props: {
  id: string;
  legend: string;
  kind: 'pupil' | 'staff';
  chosen: Picked[];
  onChange: (p: Picked[]) => void;
  subject?: string | null;
  onSubject?: (id: string) => void;
  max?: number;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const [problem, setProblem] = useState('');
  const max = props.max ?? 30;
  const search = async () => {
    setProblem('');
    if (!query.trim()) return;
    try {
      const q = new URLSearchParams({ q: query.trim(), kind: props.kind, limit: '10' });
      setFound((await get<{ people: Person[] }>(`/api/people?${q.toString()}`)).people);
    } catch (err) {
      setProblem(errorText(err, 'Could not search'));
    }
  };
  const add = (p: Person) => {
    if (props.chosen.some((c) => c.id === p.id) || props.chosen.length >= max) return;
    const detail = [p.className, p.jobTitle].filter(Boolean).join(', ');
    props.onChange(
      max === 1
        ? [{ id: p.id, name: p.name, detail }]
        : [...props.chosen, { id: p.id, name: p.name, detail }],
    );
  };
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div className="inline-form">
        <label htmlFor={`${props.id}-q`}>Search by name</label>
        <input
          id={`${props.id}-q`}
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
          Find<span className="visually-hidden"> {props.kind === 'pupil' ? 'pupils' : 'staff'}</span>
        </button>
      </div>
      <ErrorMessage text={problem} />
      {found && (
        <div aria-live="polite">
          {found.length === 0 ? (
            <p>Nobody found by that name.</p>
          ) : (
            <ul className="picker-results" aria-label="Search results">
              {found.map((p) => (
                <li key={p.id}>
                  {p.name}
                  {p.className ? ` (${p.className})` : p.jobTitle ? ` (${p.jobTitle})` : ''}{' '}
                  <button
                    type="button"
                    className="secondary"
                    disabled={props.chosen.some((c) => c.id === p.id)}
                    onClick={() => add(p)}
                  >
                    Add<span className="visually-hidden"> {p.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {props.chosen.length > 0 && (
        <ul className="picker-chosen" aria-label={`Chosen: ${props.legend}`}>
          {props.chosen.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>
              {p.detail ? ` (${p.detail})` : ''}
              {props.onSubject && props.chosen.length > 1 && (
                <label className="checkbox">
                  <input
                    type="radio"
                    name={`${props.id}-subject`}
                    checked={props.subject === p.id}
                    onChange={() => props.onSubject?.(p.id)}
                  />{' '}
                  The concern is about {p.name}
                </label>
              )}
              <button
                type="button"
                className="secondary"
                onClick={() => props.onChange(props.chosen.filter((c) => c.id !== p.id))}
              >
                Remove<span className="visually-hidden"> {p.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
