import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { YEAR_GROUPS, yearGroupLabel } from '@harbour/shared';
import { ApiError, get, patch, post } from '../../lib/api';
import { Field, useFormErrors, usePageTitle } from '../../lib/forms';
import { KIND_LABELS, PERSON_KINDS, type Person, type PersonKind } from '../../lib/people';
import { useSession } from '../../lib/session';

type TextField = {
  name: keyof Person;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'date' | 'datetime-local';
  hint?: string;
  required?: boolean;
  maxLength?: number;
};

const COMMON: TextField[] = [
  { name: 'givenName', label: 'Given name', required: true, maxLength: 100 },
  { name: 'familyName', label: 'Family name', required: true, maxLength: 100 },
  {
    name: 'preferredName',
    label: 'Preferred name',
    hint: 'If they go by another first name',
    maxLength: 100,
  },
];

const BY_KIND: Record<PersonKind, TextField[]> = {
  pupil: [
    { name: 'dateOfBirth', label: 'Date of birth', type: 'date' },
    { name: 'className', label: 'Class', maxLength: 50 },
    {
      name: 'upn',
      label: 'UPN',
      hint: 'Unique pupil number: a capital letter then 12 digits (the last may be a letter)',
      maxLength: 13,
    },
    { name: 'misId', label: 'MIS id', hint: 'Admission number in your MIS', maxLength: 50 },
  ],
  staff: [
    { name: 'jobTitle', label: 'Job title', maxLength: 100 },
    { name: 'email', label: 'Email', type: 'email', maxLength: 200 },
    { name: 'phone', label: 'Phone', type: 'tel', maxLength: 40 },
    { name: 'startDate', label: 'Start date', type: 'date' },
    { name: 'misId', label: 'MIS id', hint: 'Staff code in your MIS', maxLength: 50 },
  ],
  parent: [
    { name: 'email', label: 'Email', type: 'email', maxLength: 200 },
    { name: 'phone', label: 'Phone', type: 'tel', maxLength: 40 },
    { name: 'misId', label: 'MIS id', hint: 'Contact id in your MIS', maxLength: 50 },
  ],
  visitor: [
    { name: 'email', label: 'Email', type: 'email', maxLength: 200 },
    { name: 'phone', label: 'Phone', type: 'tel', maxLength: 40 },
    {
      name: 'accessEndsAt',
      label: 'Access ends',
      type: 'datetime-local',
      hint: 'When the visit ends: their access stops then',
      required: true,
    },
  ],
};

const FLAGS = [
  ['send', 'Special educational needs or disability (SEND)'],
  ['lookedAfter', 'Looked after'],
  ['otherVulnerability', 'Other vulnerability'],
] as const;

const fieldId = (path: string) => `person-${path || 'form'}`;

/** "2026-11-23T10:00:00.000Z" -> "2026-11-23T10:00" in the browser's time, for a datetime-local input. */
function toLocalInput(isoTime: string | null): string {
  if (!isoTime) return '';
  const d = new Date(isoTime);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The form's values as the API takes them: empty means none (null). */
function read(form: FormData, kind: PersonKind, withFlags: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of [...COMMON, ...BY_KIND[kind]]) {
    const raw = form.get(f.name);
    const v = typeof raw === 'string' ? raw.trim() : '';
    if (f.type === 'datetime-local') out[f.name] = v ? new Date(v).toISOString() : null;
    else out[f.name] = v || null;
  }
  if (kind === 'pupil') out.yearGroup = form.get('yearGroup') || null;
  if (withFlags && kind === 'pupil') for (const [name] of FLAGS) out[name] = form.get(name) === 'on';
  return out;
}

/** Adding a person, or editing one (policy 5.3): the API's validation messages appear beside each field. */
export function PersonForm({ mode }: { mode: 'create' | 'edit' }) {
  const { id } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const [person, setPerson] = useState<Person | null>(null);
  const [kind, setKind] = useState<PersonKind>('pupil');
  const [loadError, setLoadError] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(fieldId);
  const withFlags = can('people.vulnerability');
  usePageTitle(mode === 'create' ? 'Add a person' : person ? `Edit ${person.name}` : 'Edit');

  useEffect(() => {
    if (mode !== 'edit' || !id) return;
    get<{ person: Person }>(`/api/people/${encodeURIComponent(id)}`)
      .then((r) => {
        setPerson(r.person);
        setKind(r.person.kind);
      })
      .catch((err: unknown) =>
        setLoadError(err instanceof ApiError && err.status === 404 ? 'No such person' : 'Could not load'),
      );
  }, [mode, id]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    errors.clear();
    const values = read(new FormData(e.currentTarget), kind, withFlags);
    setBusy(true);
    try {
      if (mode === 'create') {
        // Empty optional fields are left out; empty names are sent so the API says they are required.
        const body = Object.fromEntries(
          Object.entries(values).filter(([k, v]) => v !== null || k === 'givenName' || k === 'familyName'),
        );
        body.givenName ??= '';
        body.familyName ??= '';
        const res = await post<{ person: Person }>('/api/people', { kind, ...body });
        void navigate(`/people/${res.person.id}`, { state: { saved: 'added' } });
      } else if (person) {
        const current = person as unknown as Record<string, unknown>;
        const changed = Object.fromEntries(
          Object.entries(values).filter(([k, v]) =>
            FLAGS.some(([f]) => f === k)
              ? person.vulnerability?.[k as (typeof FLAGS)[number][0]] !== v
              : (current[k] ?? null) !== v && !(k === 'accessEndsAt' && sameInstant(current[k], v)),
          ),
        );
        if (Object.keys(changed).length === 0) {
          errors.show(new ApiError(400, 'validation', 'Nothing has changed'));
          return;
        }
        await patch(`/api/people/${encodeURIComponent(person.id)}`, changed);
        void navigate(`/people/${person.id}`, { state: { saved: 'saved' } });
      }
    } catch (err) {
      errors.show(err, 'Could not save');
    } finally {
      setBusy(false);
    }
  };

  if (loadError)
    return (
      <section>
        <h1>{loadError}</h1>
        <Link to="/people">Back to people</Link>
      </section>
    );
  if (mode === 'edit' && !person) return <p aria-live="polite">Loading…</p>;
  const initial = (name: string): string => {
    if (!person) return '';
    const v = (person as unknown as Record<string, unknown>)[name];
    if (name === 'accessEndsAt') return toLocalInput(v as string | null);
    return typeof v === 'string' ? v : '';
  };
  const fields = [...COMMON, ...BY_KIND[kind]];
  return (
    <section className="narrow-form">
      <h1>{mode === 'create' ? 'Add a person' : `Edit ${person?.name ?? ''}`}</h1>
      <form
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label={mode === 'create' ? 'New person' : 'Person'}
      >
        {errors.summary}
        {mode === 'create' ? (
          <fieldset className="inline-choices">
            <legend>Kind of person</legend>
            {PERSON_KINDS.map((k) => (
              <label key={k}>
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    errors.clear();
                  }}
                />{' '}
                {KIND_LABELS[k]}
              </label>
            ))}
          </fieldset>
        ) : (
          <p>Kind: {KIND_LABELS[kind]}</p>
        )}
        {fields.map((f) => (
          <Field
            key={`${kind}-${f.name}`}
            id={fieldId(f.name)}
            label={f.label}
            error={errors.fieldError(f.name)}
            {...(f.hint ? { hint: f.hint } : {})}
            {...(f.required ? { required: true } : {})}
          >
            {(aria) => (
              <input
                {...aria}
                name={f.name}
                type={f.type ?? 'text'}
                defaultValue={initial(f.name)}
                {...(f.maxLength ? { maxLength: f.maxLength } : {})}
                autoComplete="off"
              />
            )}
          </Field>
        ))}
        {kind === 'pupil' && (
          <Field id={fieldId('yearGroup')} label="Year group" error={errors.fieldError('yearGroup')} required>
            {(aria) => (
              <select {...aria} name="yearGroup" defaultValue={person?.yearGroup ?? ''}>
                <option value="">Choose…</option>
                {YEAR_GROUPS.map((y) => (
                  <option key={y} value={y}>
                    {yearGroupLabel(y)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {kind === 'pupil' && withFlags && (
          <fieldset>
            <legend>Vulnerability (seen only by the safeguarding team and leadership)</legend>
            {FLAGS.map(([name, label]) => (
              <label key={name} className="checkbox">
                <input type="checkbox" name={name} defaultChecked={person?.vulnerability?.[name] ?? false} />{' '}
                {label}
              </label>
            ))}
          </fieldset>
        )}
        <div className="form-buttons">
          <button type="submit" disabled={busy}>
            {mode === 'create' ? 'Add person' : 'Save changes'}
          </button>
          <Link to={person ? `/people/${person.id}` : '/people'}>Cancel</Link>
        </div>
      </form>
    </section>
  );
}

function sameInstant(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && new Date(a).getTime() === new Date(b).getTime();
}
