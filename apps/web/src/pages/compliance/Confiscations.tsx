import { useState } from 'react';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { ApiError, post } from '../../lib/api';
import { useApi } from '../../lib/filtering';
import { formText, useFocusOnMount } from '../../lib/forms';
import { formatInstant, type ParentLink, type Person } from '../../lib/people';
import { useSession } from '../../lib/session';
import { useRun } from '../../lib/useRun';
import { PeoplePicker, type Picked } from '../concerns/PupilPicker';

interface Confiscation {
  id: string;
  pupilId: string;
  name: string;
  className: string | null;
  device: string;
  reason: string;
  confiscatedAt: string;
  heldWhere: string;
  status: 'held' | 'released' | 'police';
  releasedAt: string | null;
  releasedTo: string | null;
  policeAt: string | null;
  policeReference: string | null;
  notes: string | null;
}

function statusText(c: Confiscation): string {
  if (c.status === 'released')
    return `Released to ${c.releasedTo ?? 'a parent'} on ${formatInstant(c.releasedAt)}`;
  if (c.status === 'police')
    return `Handed to the police on ${formatInstant(c.policeAt)} (reference ${c.policeReference ?? '—'})`;
  return `Held: ${c.heldWhere}`;
}

/** Releasing a held phone to a parent or carer of the pupil with parental responsibility (All Souls' 4.3). */
type OnSubmit = ReturnType<typeof useRun>['onSubmit'];

function ReleaseForm({ c, onSubmit }: { c: Confiscation; onSubmit: OnSubmit }) {
  const person = useApi<{ person: Person; links: ParentLink[] }>(
    `/api/people/${encodeURIComponent(c.pupilId)}`,
  );
  const parents = person.data?.links.filter((l) => l.parentalResponsibility && !l.noContact) ?? [];
  const id = `release-${c.id}`;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <form
      className="panel narrow-form"
      aria-label={`Release ${c.name}’s ${c.device}`}
      onSubmit={onSubmit(
        (f) => post(`/api/phones/confiscations/${c.id}/release`, { parentId: formText(f, 'parent') }),
        `${c.name}’s ${c.device} is released.`,
      )}
    >
      <h3 ref={heading} tabIndex={-1}>
        Release {c.name}’s {c.device}
      </h3>
      <ErrorMessage text={person.error} />
      <div className="field">
        <label htmlFor={id}>Released to</label>
        <select id={id} name="parent" required defaultValue="">
          <option value="" disabled>
            Choose the parent or carer
          </option>
          {parents.map((p) => (
            <option key={p.parentId} value={p.parentId}>
              {p.parentName} ({p.relationship})
            </option>
          ))}
        </select>
      </div>
      <button type="submit">Record the release</button>
    </form>
  );
}

/** Handing a phone to the police: the school keeps the reference, never the content. */
function PoliceForm({ c, onSubmit }: { c: Confiscation; onSubmit: OnSubmit }) {
  const id = `police-${c.id}`;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <form
      className="panel narrow-form"
      aria-label={`Hand ${c.name}’s ${c.device} to the police`}
      onSubmit={onSubmit(
        (f) =>
          post(`/api/phones/confiscations/${c.id}/police`, {
            reference: formText(f, 'reference'),
            officer: formText(f, 'officer') || null,
            notes: formText(f, 'notes') || null,
          }),
        `${c.name}’s ${c.device} is recorded as handed to the police.`,
      )}
    >
      <h3 ref={heading} tabIndex={-1}>
        Hand {c.name}’s {c.device} to the police
      </h3>
      <p>Do not open, copy or forward what is on the device: the police take it as it is.</p>
      <div className="field">
        <label htmlFor={`${id}-ref`}>Police reference</label>
        <input id={`${id}-ref`} name="reference" required maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-officer`}>Officer</label>
        <input id={`${id}-officer`} name="officer" maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea id={`${id}-notes`} name="notes" maxLength={1000} />
      </div>
      <button type="submit">Record the hand-over</button>
    </form>
  );
}

/**
 * Confiscated phones (policy 4.3, All Souls' 4.3): why, who took it, where it is held, released to which parent
 * and when, or handed to the police.
 */
export function Confiscations() {
  const { can } = useSession();
  const [all, setAll] = useState(false);
  const list = useApi<{ confiscations: Confiscation[] }>(
    `/api/phones/confiscations?status=${all ? 'all' : 'held'}`,
  );
  const [pupil, setPupil] = useState<Picked[]>([]);
  const [open, setOpen] = useState<{ id: string; form: 'release' | 'police' } | null>(null);
  const add = useRun(list.reload);
  // A release or hand-over closes its form; the message stays above the list.
  const act = useRun(async () => {
    setOpen(null);
    await list.reload();
  });
  const confiscate = add.onSubmit(async (f) => {
    if (!pupil[0]) throw new ApiError(400, 'validation', 'Find and add the pupil whose phone was taken');
    await post('/api/phones/confiscations', {
      pupilId: pupil[0].id,
      device: formText(f, 'device'),
      reason: formText(f, 'reason'),
      heldWhere: formText(f, 'heldWhere'),
      notes: formText(f, 'notes') || null,
    });
    setPupil([]);
  }, 'Confiscation recorded.');
  const rows = list.data?.confiscations ?? [];
  const chosen = rows.find((c) => c.id === open?.id);
  return (
    <>
      <h2>Confiscated phones</h2>
      <ErrorMessage text={list.error} />
      {act.messages}
      <label className="checkbox">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Show released and
        handed over too
      </label>
      {list.data && rows.length === 0 && <p>{all ? 'No confiscations recorded.' : 'No phone is held.'}</p>}
      {rows.length > 0 && (
        <DataTable
          label="Confiscations"
          caption="Confiscated phones"
          columns={['Pupil', 'Device', 'Why', 'Taken', 'Where it is now', '']}
        >
          {rows.map((c) => (
            <tr key={c.id}>
              <td>
                {c.name}
                {c.className ? ` (${c.className})` : ''}
              </td>
              <td>{c.device}</td>
              <td>{c.reason}</td>
              <td>{formatInstant(c.confiscatedAt)}</td>
              <td>{statusText(c)}</td>
              <td>
                {c.status === 'held' && (
                  <ul className="actions">
                    <li>
                      <button
                        type="button"
                        aria-label={`Release ${c.name}’s ${c.device}`}
                        aria-expanded={open?.id === c.id && open.form === 'release'}
                        onClick={() => setOpen({ id: c.id, form: 'release' })}
                      >
                        Release
                      </button>
                    </li>
                    {can('phones.police') && (
                      <li>
                        <button
                          type="button"
                          aria-label={`Hand ${c.name}’s ${c.device} to the police`}
                          aria-expanded={open?.id === c.id && open.form === 'police'}
                          onClick={() => setOpen({ id: c.id, form: 'police' })}
                        >
                          To the police
                        </button>
                      </li>
                    )}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {chosen && open?.form === 'release' && (
        <ReleaseForm key={chosen.id} c={chosen} onSubmit={act.onSubmit} />
      )}
      {chosen && open?.form === 'police' && <PoliceForm key={chosen.id} c={chosen} onSubmit={act.onSubmit} />}
      <form className="panel narrow-form" aria-label="Record a confiscation" onSubmit={confiscate}>
        <h3>Record a confiscation</h3>
        {add.messages}
        <PeoplePicker
          id="confiscate-pupil"
          legend="Pupil"
          kind="pupil"
          chosen={pupil}
          onChange={setPupil}
          max={1}
        />
        <div className="field">
          <label htmlFor="confiscate-device">Device</label>
          <input id="confiscate-device" name="device" required maxLength={100} defaultValue="Mobile phone" />
        </div>
        <div className="field">
          <label htmlFor="confiscate-reason">Why it was taken</label>
          <textarea id="confiscate-reason" name="reason" required maxLength={500} />
        </div>
        <div className="field">
          <label htmlFor="confiscate-held">Where it is held</label>
          <input id="confiscate-held" name="heldWhere" required maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="confiscate-notes">Notes</label>
          <textarea id="confiscate-notes" name="notes" maxLength={1000} />
        </div>
        <button type="submit">Record the confiscation</button>
      </form>
    </>
  );
}
