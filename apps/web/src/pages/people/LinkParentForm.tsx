import { useState, type FormEvent } from 'react';
import { ApiError, get, post } from '../../lib/api';
import { Field, useFormErrors } from '../../lib/forms';
import type { Person } from '../../lib/people';

/** Links a parent or carer already in the register to a pupil (policy 2.5: who may be contacted). */
export function LinkParentForm({ pupilId, onLinked }: { pupilId: string; onLinked: () => Promise<void> }) {
  const [matches, setMatches] = useState<Person[] | null>(null);
  const [searchError, setSearchError] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const errors = useFormErrors((path) => `link-${path || 'form'}`);

  const search = async (q: string) => {
    setSearchError('');
    try {
      const res = await get<{ people: Person[] }>(
        `/api/people?kind=parent&limit=20&q=${encodeURIComponent(q.trim())}`,
      );
      setMatches(res.people);
    } catch (err) {
      setSearchError(err instanceof ApiError ? err.message : 'Could not search');
    }
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    errors.clear();
    setDone('');
    const form = new FormData(e.currentTarget);
    setBusy(true);
    try {
      await post(`/api/people/${encodeURIComponent(pupilId)}/parents`, {
        parentId: (form.get('parentId') as string | null) ?? '',
        relationship: ((form.get('relationship') as string | null) ?? '').trim(),
        parentalResponsibility: form.get('parentalResponsibility') === 'on',
        noContact: form.get('noContact') === 'on',
      });
      setDone('Linked.');
      setMatches(null);
      await onLinked();
    } catch (err) {
      errors.show(err, 'Could not link them');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel">
      <h3>Link a parent or carer</h3>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search((new FormData(e.currentTarget).get('q') as string | null) ?? '');
        }}
      >
        <label htmlFor="link-q">Find a parent or carer by name</label>
        <input id="link-q" name="q" type="search" maxLength={100} />
        <button type="submit">Find</button>
      </form>
      {searchError && (
        <p role="alert" className="error">
          {searchError}
        </p>
      )}
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
      {matches && matches.length === 0 && <p role="status">No parent or carer by that name.</p>}
      {matches && matches.length > 0 && (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Link a parent or carer">
          {errors.summary}
          <fieldset>
            <legend>Who</legend>
            {matches.map((m, i) => (
              <label key={m.id} className="checkbox">
                <input type="radio" name="parentId" value={m.id} defaultChecked={i === 0} /> {m.name}
                {m.email ? ` (${m.email})` : ''}
              </label>
            ))}
          </fieldset>
          <Field
            id="link-relationship"
            label="Relationship"
            error={errors.fieldError('relationship')}
            required
          >
            {(aria) => <input {...aria} name="relationship" maxLength={50} defaultValue="Parent" />}
          </Field>
          <label className="checkbox">
            <input type="checkbox" name="parentalResponsibility" defaultChecked /> Has parental responsibility
          </label>
          <label className="checkbox">
            <input type="checkbox" name="noContact" /> No contact (e.g. a court order)
          </label>
          <button type="submit" disabled={busy}>
            Link
          </button>
        </form>
      )}
    </div>
  );
}
