import { useState, type FormEvent } from 'react';
import { post } from '../../lib/api';
import { Field, useFormErrors } from '../../lib/forms';
import { formatDay, today, type Person } from '../../lib/people';

/** Marks a person as a leaver today (access ends at once) or on a date (access ends at that day's end). */
export function LeaverForm({
  person,
  onDone,
}: {
  person: Person;
  onDone: (notice: string) => Promise<void>;
}) {
  const [when, setWhen] = useState<'today' | 'date'>('today');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors((path) => (path === 'leaveDate' ? 'leaver-date' : 'leaver-form'));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    errors.clear();
    const form = new FormData(e.currentTarget);
    const leaveDate = when === 'today' ? today() : ((form.get('leaveDate') as string) ?? '');
    setBusy(true);
    try {
      const res = await post<{ leftAt: string; immediate: boolean }>(
        `/api/people/${encodeURIComponent(person.id)}/leaver`,
        { leaveDate },
      );
      await onDone(
        res.immediate
          ? `${person.name} has left: their access ended now.`
          : `${person.name} leaves on ${formatDay(leaveDate)}: their access ends at the end of that day.`,
      );
    } catch (err) {
      errors.show(err, 'Could not record the leave date');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="panel"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="leaver-heading"
      id="leaver-form"
    >
      <h2 id="leaver-heading">Mark as leaver</h2>
      <p className="hint">
        Their account is disabled and every session they have ends when their access ends (policy 5.3).
      </p>
      {errors.summary}
      <fieldset className="inline-choices">
        <legend>Leaving</legend>
        <label>
          <input type="radio" name="when" checked={when === 'today'} onChange={() => setWhen('today')} />{' '}
          Today
        </label>
        <label>
          <input type="radio" name="when" checked={when === 'date'} onChange={() => setWhen('date')} /> On a
          date
        </label>
      </fieldset>
      {when === 'date' && (
        <Field id="leaver-date" label="Leave date" error={errors.fieldError('leaveDate')} required>
          {(aria) => <input {...aria} type="date" name="leaveDate" />}
        </Field>
      )}
      <button type="submit" disabled={busy}>
        Mark as leaver
      </button>
    </form>
  );
}
