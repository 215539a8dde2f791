import { ANTIVIRUS_STATUSES, DEVICE_KINDS } from '@harbour/shared';
import { patch, post } from '../../lib/api';
import { formText, useFocusOnMount } from '../../lib/forms';
import { useRun } from '../../lib/useRun';

export interface Device {
  id: string;
  assetTag: string;
  kind: string;
  description: string | null;
  serial: string | null;
  assigneePersonId: string | null;
  assignee: string | null;
  encrypted: boolean;
  antivirusStatus: string;
  antivirusCheckedOn: string | null;
  offSite: boolean;
  offSiteSince: string | null;
  retiredAt: string | null;
  notes: string | null;
  flags: string[];
}
export const AV_LABELS: Record<string, string> = {
  up_to_date: 'Up to date',
  out_of_date: 'Out of date',
  none: 'None',
  not_applicable: 'Not applicable',
};

/** What the form says, as the API takes it (apps/server/src/modules/devices/schema.ts). */
function fields(f: FormData, editing: boolean) {
  return {
    assetTag: formText(f, 'assetTag'),
    kind: formText(f, 'kind'),
    description: formText(f, 'description') || null,
    serial: formText(f, 'serial') || null,
    assigneePersonId: formText(f, 'assignee') || null,
    encrypted: f.get('encrypted') === 'on',
    antivirusStatus: formText(f, 'antivirus'),
    antivirusCheckedOn: formText(f, 'checkedOn') || null,
    offSite: f.get('offSite') === 'on',
    notes: formText(f, 'notes') || null,
    ...(editing ? { retired: f.get('retired') === 'on' } : {}),
  };
}

/**
 * Adding a school device, or editing one (policy 7.2, 7.4): who has it, encryption, anti-virus status and the day
 * it was checked, and whether it is taken off site. Opening an edit moves focus to its heading.
 */
export function DeviceForm(props: {
  device?: Device;
  staff: { id: string; name: string }[];
  onSaved: () => Promise<void>;
  onClose?: () => void;
}) {
  const d = props.device;
  const id = d ? `edit-${d.id}` : 'device';
  // The page keys an edit by the device, so each edit opens afresh with focus on its heading.
  const heading = useFocusOnMount<HTMLHeadingElement>(!!d);
  const { onSubmit, messages } = useRun(props.onSaved, { keepForm: !!d });
  const save = onSubmit(
    (f) =>
      d
        ? patch(`/api/devices/${encodeURIComponent(d.id)}`, fields(f, true))
        : post('/api/devices', fields(f, false)),
    (f) => `Device ${formText(f, 'assetTag')} ${d ? 'saved' : 'added'}.`,
  );
  const assignees =
    d?.assigneePersonId && !props.staff.some((p) => p.id === d.assigneePersonId)
      ? [...props.staff, { id: d.assigneePersonId, name: d.assignee ?? 'The current assignee' }]
      : props.staff;
  return (
    <form className="panel narrow-form" onSubmit={save} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {d ? `Edit ${d.assetTag}` : 'Add a device'}
      </h2>
      {messages}
      <div className="field">
        <label htmlFor={`${id}-tag`}>Asset tag</label>
        <input id={`${id}-tag`} name="assetTag" required maxLength={50} defaultValue={d?.assetTag} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} name="kind" defaultValue={d?.kind ?? 'laptop'}>
          {DEVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <input
          id={`${id}-description`}
          name="description"
          maxLength={200}
          defaultValue={d?.description ?? ''}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-serial`}>Serial number</label>
        <input id={`${id}-serial`} name="serial" maxLength={100} defaultValue={d?.serial ?? ''} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-assignee`}>Assigned to</label>
        <select id={`${id}-assignee`} name="assignee" defaultValue={d?.assigneePersonId ?? ''}>
          <option value="">Nobody (kept in school)</option>
          {assignees.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="encrypted" defaultChecked={d?.encrypted ?? false} /> Encrypted
      </label>
      <div className="field">
        <label htmlFor={`${id}-av`}>Anti-virus</label>
        <select id={`${id}-av`} name="antivirus" defaultValue={d?.antivirusStatus ?? 'up_to_date'}>
          {ANTIVIRUS_STATUSES.map((a) => (
            <option key={a} value={a}>
              {AV_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-checked`}>Anti-virus checked on</label>
        <input id={`${id}-checked`} name="checkedOn" type="date" defaultValue={d?.antivirusCheckedOn ?? ''} />
      </div>
      <label className="checkbox">
        <input type="checkbox" name="offSite" defaultChecked={d?.offSite ?? false} /> Taken off site
      </label>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea id={`${id}-notes`} name="notes" maxLength={1000} defaultValue={d?.notes ?? ''} />
      </div>
      {d && (
        <label className="checkbox">
          <input type="checkbox" name="retired" defaultChecked={!!d.retiredAt} /> Retired (no longer in use)
        </label>
      )}
      <ul className="actions">
        <li>
          <button type="submit">{d ? `Save ${d.assetTag}` : 'Add the device'}</button>
        </li>
        {props.onClose && (
          <li>
            <button type="button" onClick={props.onClose}>
              Close
            </button>
          </li>
        )}
      </ul>
    </form>
  );
}
