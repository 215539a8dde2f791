import { useEffect, useState } from 'react';
import { CONCERN_SANCTIONS, PARENT_CONTACT_METHODS } from '@harbour/shared';
import { get, post } from '../../lib/api';
import { METHOD_LABELS, localToIso, nowLocal } from '../../lib/concerns';
import { formText } from '../../lib/forms';
import { formatDay, formatInstant, today, type ParentLink } from '../../lib/people';
import type { TeamProps } from './TeamPanels';
import { useRun } from './useRun';

const opt = (v: string) => v.trim() || null;

/** Parents and carers informed (who, when, how, or why not) and sanctions against the pupil responsible. */
export function PupilPanels(props: TeamProps) {
  const c = props.concern;
  const base = `/api/concerns/${c.id}`;
  const live = c.status !== 'closed' && c.access.canManage;
  const [parents, setParents] = useState<Record<string, ParentLink[]>>({});
  useEffect(() => {
    if (!live) return;
    for (const p of c.pupils)
      get<{ links: ParentLink[] }>(`/api/people/${p.personId}`)
        .then((r) =>
          setParents((prev) => ({ ...prev, [p.personId]: r.links.filter((l) => l.pupilId === p.personId) })),
        )
        .catch(() => undefined);
  }, [live, c.pupils]);
  const parent = useRun(props.onSaved);
  const sanction = useRun(props.onSaved);
  const pupilName = (id: string) => c.pupils.find((p) => p.personId === id)?.name ?? 'a pupil';
  const parentName = (pupilId: string, id: string | null) =>
    id
      ? (parents[pupilId]?.find((l) => l.parentId === id)?.parentName ?? 'a parent or carer')
      : 'a parent or carer';
  const [informed, setInformed] = useState('yes');
  const [parentPupil, setParentPupil] = useState(props.subject ?? c.pupils[0]?.personId ?? '');
  const responsible = c.pupils.find((p) => p.role !== 'subject')?.personId ?? props.subject ?? '';
  const pupilSelect = (id: string, value?: string, onChange?: (v: string) => void) => (
    <div className="field">
      <label htmlFor={id}>Pupil</label>
      <select
        id={id}
        name="pupilId"
        {...(onChange ? { value, onChange: (e) => onChange(e.target.value) } : { defaultValue: responsible })}
      >
        {c.pupils.map((p) => (
          <option key={p.personId} value={p.personId}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
  if (c.pupils.length === 0) return null;
  return (
    <>
      {c.pupils.length > 0 && (
        <section aria-labelledby="parents-heading">
          <h2 id="parents-heading">Parents and carers informed</h2>
          {(c.parentsInformed ?? []).length === 0 ? (
            <p>Not recorded yet.</p>
          ) : (
            <ul aria-label="Parents and carers informed">
              {c.parentsInformed!.map((p) => (
                <li key={p.id}>
                  {pupilName(p.pupilId)}:{' '}
                  {p.informed
                    ? `${parentName(p.pupilId, p.parentPersonId)} informed ${METHOD_LABELS[p.method ?? ''] ?? p.method ?? ''}`.trim() +
                      (p.at ? `, ${formatInstant(p.at)}` : '') +
                      (p.note ? `. ${p.note}` : '')
                    : `not informed: ${p.reasonNot ?? ''}`}
                </li>
              ))}
            </ul>
          )}
          {live && (
            <form
              className="panel"
              onSubmit={parent.onSubmit((f) => {
                const pupilId = formText(f, 'pupilId');
                return post(
                  `${base}/parents`,
                  formText(f, 'informed') === 'no'
                    ? { pupilId, informed: false, reason: formText(f, 'reason') }
                    : {
                        pupilId,
                        informed: true,
                        parentPersonId: opt(formText(f, 'parentPersonId')),
                        method: formText(f, 'method'),
                        at: localToIso(formText(f, 'at')),
                        note: opt(formText(f, 'note')),
                      },
                );
              }, 'Recorded.')}
            >
              <h3>Record parents or carers informed</h3>
              {pupilSelect('parent-pupil', parentPupil, setParentPupil)}
              <fieldset className="inline-choices">
                <legend>Informed?</legend>
                <label>
                  <input
                    type="radio"
                    name="informed"
                    value="yes"
                    checked={informed === 'yes'}
                    onChange={() => setInformed('yes')}
                  />{' '}
                  Yes
                </label>
                <label>
                  <input
                    type="radio"
                    name="informed"
                    value="no"
                    checked={informed === 'no'}
                    onChange={() => setInformed('no')}
                  />{' '}
                  No, and why not
                </label>
              </fieldset>
              {informed === 'yes' ? (
                <>
                  <div className="field">
                    <label htmlFor="parent-who">Who</label>
                    <select id="parent-who" name="parentPersonId" defaultValue="">
                      <option value="">Not in the register</option>
                      {(parents[parentPupil] ?? []).map((l) => (
                        <option key={l.id} value={l.parentId} disabled={l.noContact}>
                          {l.parentName} ({l.relationship}){l.noContact ? ': no contact' : ''}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor="parent-method">How</label>
                    <select id="parent-method" name="method">
                      {PARENT_CONTACT_METHODS.map((m) => (
                        <option key={m} value={m}>
                          {METHOD_LABELS[m]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor="parent-at">When</label>
                    <input
                      id="parent-at"
                      name="at"
                      type="datetime-local"
                      defaultValue={nowLocal()}
                      required
                    />
                  </div>
                  <div className="field">
                    <label htmlFor="parent-note">Note</label>
                    <input id="parent-note" name="note" maxLength={5000} />
                  </div>
                </>
              ) : (
                <div className="field">
                  <label htmlFor="parent-reason">Why they were not informed</label>
                  <textarea id="parent-reason" name="reason" rows={2} maxLength={5000} required />
                </div>
              )}
              {parent.messages}
              <button type="submit" disabled={parent.busy}>
                Record
              </button>
            </form>
          )}
        </section>
      )}
      {c.pupils.length > 0 && (
        <section aria-labelledby="sanctions-heading">
          <h2 id="sanctions-heading">Sanctions</h2>
          {(c.sanctions ?? []).length === 0 ? (
            <p>None recorded.</p>
          ) : (
            <ul aria-label="Sanctions">
              {c.sanctions!.map((s) => (
                <li key={s.id}>
                  {pupilName(s.pupilId)}:{' '}
                  {CONCERN_SANCTIONS[s.sanction as keyof typeof CONCERN_SANCTIONS] ?? s.sanction}, from{' '}
                  {formatDay(s.fromOn)}
                  {s.untilOn ? ` until ${formatDay(s.untilOn)}` : ''}
                  {s.detail ? `. ${s.detail}` : ''}
                </li>
              ))}
            </ul>
          )}
          {live && (
            <form
              className="panel"
              onSubmit={sanction.onSubmit(
                (f) =>
                  post(`${base}/sanctions`, {
                    pupilId: formText(f, 'pupilId'),
                    sanction: formText(f, 'sanction'),
                    detail: opt(formText(f, 'detail')),
                    fromOn: formText(f, 'fromOn'),
                    untilOn: opt(formText(f, 'untilOn')),
                  }),
                'Sanction recorded.',
              )}
            >
              <h3>Record a sanction</h3>
              <p className="hint">Against the pupil responsible, from the policy’s list (9.5, 9.6).</p>
              {pupilSelect('sanction-pupil')}
              <div className="field">
                <label htmlFor="sanction-kind">Sanction</label>
                <select id="sanction-kind" name="sanction">
                  {Object.entries(CONCERN_SANCTIONS).map(([k, label]) => (
                    <option key={k} value={k}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="sanction-detail">Detail</label>
                <input id="sanction-detail" name="detail" maxLength={5000} />
              </div>
              <div className="field">
                <label htmlFor="sanction-from">From</label>
                <input id="sanction-from" name="fromOn" type="date" required defaultValue={today()} />
              </div>
              <div className="field">
                <label htmlFor="sanction-until">Until (needed when internet access is suspended)</label>
                <input id="sanction-until" name="untilOn" type="date" />
              </div>
              {sanction.messages}
              <button type="submit" disabled={sanction.busy}>
                Record the sanction
              </button>
            </form>
          )}
        </section>
      )}
    </>
  );
}
