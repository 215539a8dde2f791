import { useState } from 'react';
import {
  CONCERN_ATTACHMENT_TYPES,
  CONCERN_TEXT_FIELDS,
  IMAGERY_REFUSAL,
  isImageryCategory,
} from '@harbour/shared';
import { post } from '../../lib/api';
import { FIELD_LABELS, fileBase64, type ConcernDetail } from '../../lib/concerns';
import { formText } from '../../lib/forms';
import { CustodyFields, custodyBodies } from './CustodyFields';
import { useRun } from './useRun';

/** What the reporter (and the team) may add: more of what happened, an amendment with its reason, files or custody. */
export function ReporterForms({
  concern: c,
  onSaved,
}: {
  concern: ConcernDetail;
  onSaved: () => Promise<void>;
}) {
  const add = useRun(onSaved);
  const amend = useRun(onSaved);
  const file = useRun(onSaved);
  const custody = useRun(onSaved);
  const [chosen, setChosen] = useState<File | null>(null);
  const imagery = isImageryCategory(c.category);
  const base = `/api/concerns/${c.id}`;
  return (
    <>
      <form
        className="panel"
        onSubmit={add.onSubmit(
          (f) => post(`${base}/additions`, { text: formText(f, 'text') }),
          'Your addition is saved.',
        )}
      >
        <h2>Add to this concern</h2>
        <div className="field">
          <label htmlFor="addition-text">What else happened, or what you have learnt since</label>
          <textarea id="addition-text" name="text" rows={3} maxLength={20000} required />
        </div>
        {add.messages}
        <button type="submit" disabled={add.busy}>
          Save the addition
        </button>
      </form>
      <form
        className="panel"
        onSubmit={amend.onSubmit(
          (f) =>
            post(`${base}/amendments`, {
              field: formText(f, 'field'),
              text: formText(f, 'text'),
              reason: formText(f, 'reason'),
            }),
          'The amendment is saved; the original text is kept.',
        )}
      >
        <h2>Amend what was recorded</h2>
        <p className="hint">
          The original text stays on the record beside the new text, with who, when and why.
        </p>
        <div className="field">
          <label htmlFor="amend-field">Which part</label>
          <select id="amend-field" name="field" defaultValue="account">
            {CONCERN_TEXT_FIELDS.map((k) => (
              <option key={k} value={k}>
                {FIELD_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="amend-text">New text</label>
          <textarea id="amend-text" name="text" rows={3} maxLength={20000} />
        </div>
        <div className="field">
          <label htmlFor="amend-reason">Why it is amended</label>
          <input id="amend-reason" name="reason" maxLength={2000} required />
        </div>
        {amend.messages}
        <button type="submit" disabled={amend.busy}>
          Save the amendment
        </button>
      </form>
      {imagery ? (
        <form
          className="panel"
          onSubmit={custody.onSubmit(async (f) => {
            const bodies = custodyBodies(f);
            if (!bodies.length) throw new Error('Say which device');
            for (const b of bodies) await post(`${base}/custody`, b);
          }, 'Device custody recorded.')}
        >
          <h2>Device custody</h2>
          <p role="note" className="refusal">
            {IMAGERY_REFUSAL}
          </p>
          <CustodyFields prefix="more-custody" />
          {custody.messages}
          <button type="submit" disabled={custody.busy}>
            Record custody
          </button>
        </form>
      ) : (
        <form
          className="panel"
          onSubmit={file.onSubmit(async () => {
            if (!chosen) throw new Error('Choose a file first');
            await post(`${base}/attachments`, {
              filename: chosen.name,
              contentType: chosen.type,
              dataBase64: await fileBase64(chosen),
            });
          }, 'The file is attached.')}
        >
          <h2>Attach a file</h2>
          <div className="field">
            <label htmlFor="more-file">Screenshot, PDF or text file (up to 10 MB)</label>
            <input
              id="more-file"
              type="file"
              accept={CONCERN_ATTACHMENT_TYPES.join(',')}
              onChange={(e) => setChosen(e.target.files?.[0] ?? null)}
            />
          </div>
          {file.messages}
          <button type="submit" disabled={file.busy}>
            Attach
          </button>
        </form>
      )}
    </>
  );
}
