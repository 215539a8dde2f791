import { useState, type FormEvent } from 'react';
import { CONSENT_CHANNEL_LABELS, CONSENT_CHANNELS } from '@harbour/shared';
import { ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { errorText, useApi } from '../../lib/filtering';
import { formText } from '../../lib/forms';

interface PupilConsents {
  pupil: { id: string; name: string; className: string | null };
  answers: { channel: string; label: string; allowed: boolean; reason: string; parentName: string | null }[];
  parents: { id: string; name: string; relationship: string | null; parentalResponsibility: boolean }[];
}

export const REASON_LABELS: Record<string, string> = {
  given: 'Consent given',
  no_consent: 'No consent recorded',
  withdrawn: 'Consent withdrawn',
};

/**
 * One pupil's image consents per channel (policy 2.2, 3.4 [3.3]), and a form to give or withdraw. A parent decides
 * for their own child; the office records a parent's decision (from a form) naming the parent.
 */
export function PupilConsent({
  pupilId,
  asParent,
  readOnly = false,
}: {
  pupilId: string;
  asParent: boolean;
  /** Staff who may read consents but not record them see the answers only. */
  readOnly?: boolean;
}) {
  const { data, error, reload } = useApi<PupilConsents>(
    `/api/consents/pupils/${encodeURIComponent(pupilId)}`,
  );
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setNotice('');
    setProblem('');
    const form = new FormData(e.currentTarget);
    const channels = CONSENT_CHANNELS.filter((c) => form.get(`ch-${c}`) === 'on');
    const decision = formText(form, 'decision');
    try {
      await post('/api/consents', {
        pupilId,
        channels,
        decision,
        ...(asParent ? {} : { parentId: formText(form, 'parent'), source: 'paper' }),
      });
      setNotice(
        `${decision === 'withdrawn' ? 'Consent withdrawn' : 'Consent given'} for ${data?.pupil.name ?? 'the pupil'}: ${channels.map((c) => CONSENT_CHANNEL_LABELS[c]).join(', ')}.`,
      );
      await reload();
    } catch (err) {
      setProblem(errorText(err, 'Could not record the decision'));
    }
  };
  if (!data) return <ErrorMessage text={error} />;
  const id = `consent-${pupilId}`;
  return (
    <div className="panel" role="group" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>
        {data.pupil.name}
        {data.pupil.className ? ` (${data.pupil.className})` : ''}
      </h3>
      <ul>
        {data.answers.map((a) => (
          <li key={a.channel}>
            {a.label}: <strong>{a.allowed ? 'Yes' : 'No'}</strong> ({REASON_LABELS[a.reason] ?? a.reason}
            {a.parentName ? `, ${a.parentName}` : ''})
          </li>
        ))}
      </ul>
      <ErrorMessage text={problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      {!readOnly && (
        <form onSubmit={(e) => void submit(e)}>
          <fieldset className="inline-choices">
            <legend>Where</legend>
            {CONSENT_CHANNELS.map((c) => (
              <label key={c}>
                <input type="checkbox" name={`ch-${c}`} />
                {CONSENT_CHANNEL_LABELS[c]}
              </label>
            ))}
          </fieldset>
          <fieldset className="inline-choices">
            <legend>Decision</legend>
            <label>
              <input type="radio" name="decision" value="given" required />
              Give consent
            </label>
            <label>
              <input type="radio" name="decision" value="withdrawn" required />
              Withdraw consent
            </label>
          </fieldset>
          {!asParent && (
            <div className="field">
              <label htmlFor={`${id}-parent`}>Parent or carer who decided</label>
              <select id={`${id}-parent`} name="parent" required defaultValue="">
                <option value="" disabled>
                  Choose
                </option>
                {data.parents
                  .filter((p) => p.parentalResponsibility)
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                      {p.relationship ? ` (${p.relationship})` : ''}
                    </option>
                  ))}
              </select>
            </div>
          )}
          <button type="submit">
            Record the decision<span className="visually-hidden"> for {data.pupil.name}</span>
          </button>
        </form>
      )}
    </div>
  );
}
