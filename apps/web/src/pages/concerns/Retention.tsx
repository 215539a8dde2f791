import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { formText, usePageTitle } from '../../lib/forms';
import { useApi } from '../../lib/filtering';
import { formatInstant } from '../../lib/people';
import { ConcernsNav } from './ConcernsNav';
import { useRun } from './useRun';

interface Due {
  id: string;
  categoryLabel: string;
  restricted: boolean;
  recordedAt: string;
  closedAt: string | null;
  reviewFrom: string;
  rule: 'kept_until' | 'staff_allegation' | 'pupils_25' | 'recorded_25';
  pupils: string[];
}
interface Disposed {
  concernId: string;
  categoryLabel: string;
  recordedAt: string;
  disposedAt: string;
  reason: string;
}

const RULES: Record<Due['rule'], string> = {
  pupils_25:
    'the youngest pupil on it is now 25 (counted from the day it was recorded where a date of birth is missing)',
  recorded_25: 'recorded 25 years ago',
  staff_allegation: 'an allegation about a member of staff, recorded 10 years ago',
  kept_until: 'kept until this date at an earlier review',
};

/**
 * Retention review (issue 3): closed concerns past their retention date wait here for a DSL's decision, to keep
 * the record until a later date or to dispose of it. Nothing is deleted without that decision, and a disposed
 * record leaves a tombstone (when, who, why).
 */
export function Retention() {
  usePageTitle('Retention review');
  const { data, error, reload } = useApi<{ today: string; due: Due[]; disposed: Disposed[] }>(
    '/api/concerns/retention',
  );
  const decide = useRun(reload);
  return (
    <section>
      <h1>Retention review</h1>
      <ConcernsNav />
      <p className="hint">
        Child-protection records are kept until the child is 25. A closed concern past its date waits here
        until you decide: keep it longer, with a reason, or dispose of it. Open concerns are never due.
      </p>
      <ErrorMessage text={error} />
      {decide.messages}
      {data && (
        <>
          <h2>Due for review ({data.due.length})</h2>
          {data.due.length === 0 ? (
            <p>No concern is due for review.</p>
          ) : (
            <ol className="history" aria-label="Due for review">
              {data.due.map((d) => (
                <li key={d.id}>
                  <p>
                    <Link to={`/concerns/${d.id}`}>
                      {d.categoryLabel}
                      {d.restricted ? ' (restricted record)' : ''}, recorded {formatInstant(d.recordedAt)}
                    </Link>
                    {d.pupils.length > 0 ? `: ${d.pupils.join(', ')}` : ''}
                  </p>
                  <p className="hint">
                    Due since {d.reviewFrom}: {RULES[d.rule]}.
                  </p>
                  <form
                    aria-label={`Decision on ${d.categoryLabel}, recorded ${formatInstant(d.recordedAt)}`}
                    onSubmit={decide.onSubmit(
                      (f) =>
                        post(
                          `/api/concerns/${d.id}/retention`,
                          formText(f, 'decision') === 'keep'
                            ? {
                                decision: 'keep',
                                keepUntil: formText(f, 'keepUntil'),
                                reason: formText(f, 'reason'),
                              }
                            : { decision: 'dispose', reason: formText(f, 'reason') },
                        ),
                      (f) =>
                        formText(f, 'decision') === 'keep'
                          ? `Kept until ${formText(f, 'keepUntil')}.`
                          : 'Disposed of: a tombstone is kept below.',
                    )}
                  >
                    <fieldset className="inline-choices">
                      <legend>Decision</legend>
                      <label>
                        <input type="radio" name="decision" value="keep" defaultChecked /> Keep it until
                      </label>
                      <label>
                        <input type="radio" name="decision" value="dispose" /> Dispose of it
                      </label>
                    </fieldset>
                    <div className="field">
                      <label htmlFor={`keep-${d.id}`}>Keep until (when keeping it)</label>
                      <input id={`keep-${d.id}`} name="keepUntil" type="date" min={data.today} />
                    </div>
                    <div className="field">
                      <label htmlFor={`reason-${d.id}`}>Reason</label>
                      <textarea id={`reason-${d.id}`} name="reason" rows={2} maxLength={2000} required />
                    </div>
                    <button type="submit" disabled={decide.busy}>
                      Record the decision
                    </button>
                  </form>
                </li>
              ))}
            </ol>
          )}
          <h2>Disposed of</h2>
          {data.disposed.length === 0 ? (
            <p>Nothing has been disposed of.</p>
          ) : (
            <ol className="history" aria-label="Disposed of">
              {data.disposed.map((t) => (
                <li key={t.concernId}>
                  <strong>{t.categoryLabel}</strong>, recorded {formatInstant(t.recordedAt)}: disposed of{' '}
                  {formatInstant(t.disposedAt)}. Reason: {t.reason}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
