import { formText } from '../../lib/forms';
import { localToIso, nowLocal } from '../../lib/concerns';

/** The device-custody record kept instead of any image (policy 9.1, 9.3): which device, who, where, when, to whom. */
export function CustodyFields({ prefix }: { prefix: string }) {
  return (
    <fieldset>
      <legend>Device custody</legend>
      <div className="field">
        <label htmlFor={`${prefix}-device`}>Which device</label>
        <small className="hint" id={`${prefix}-device-hint`}>
          For example “pupil’s own phone, blue case” or “class laptop 14”.
        </small>
        <input
          id={`${prefix}-device`}
          name="custodyDevice"
          maxLength={500}
          aria-describedby={`${prefix}-device-hint`}
        />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-at`}>When it was secured</label>
        <input id={`${prefix}-at`} name="custodyAt" type="datetime-local" defaultValue={nowLocal()} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-place`}>Where it is kept</label>
        <input id={`${prefix}-place`} name="custodyPlace" maxLength={500} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-handed`}>Handed to (optional)</label>
        <small className="hint" id={`${prefix}-handed-hint`}>
          For example a police officer and their collar number.
        </small>
        <input
          id={`${prefix}-handed`}
          name="custodyHandedTo"
          maxLength={500}
          aria-describedby={`${prefix}-handed-hint`}
        />
      </div>
    </fieldset>
  );
}

/** The custody records the fields describe: secured, and handed over when a recipient is given. */
export function custodyBodies(f: FormData) {
  const device = formText(f, 'custodyDevice').trim();
  if (!device) return [];
  const at = formText(f, 'custodyAt') ? localToIso(formText(f, 'custodyAt')) : new Date().toISOString();
  const place = formText(f, 'custodyPlace').trim() || null;
  const handedTo = formText(f, 'custodyHandedTo').trim();
  return [
    { event: 'secured' as const, at, device, place },
    ...(handedTo ? [{ event: 'handed_over' as const, at, device, handedTo }] : []),
  ];
}
