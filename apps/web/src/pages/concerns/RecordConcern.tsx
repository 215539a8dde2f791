import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import {
  CONCERN_ATTACHMENT_MAX_BYTES,
  CONCERN_ATTACHMENT_TYPES,
  CONCERN_CATEGORIES,
  CONCERN_CATEGORY_INFO,
  IMAGERY_REFUSAL,
  isImageryCategory,
  isStaffAllegation,
  type ConcernCategory,
} from '@harbour/shared';
import { post } from '../../lib/api';
import { fileBase64, localToIso, nowLocal } from '../../lib/concerns';
import { Field, formText, useFormErrors, usePageTitle } from '../../lib/forms';
import { CategoryOptions, SubtypeRadios } from './CategoryFields';
import { ConcernsNav } from './ConcernsNav';
import { CustodyFields, custodyBodies } from './CustodyFields';
import { PeoplePicker, type Picked } from './PupilPicker';

const idFor = (path: string) => `concern-${path.split('.')[0] || 'form'}`;

/** Recording a concern (policy 8, 9.x): who, what, when, where, in the child's words, what was done at once. */
export function RecordConcern() {
  usePageTitle('Record a concern');
  const errors = useFormErrors(idFor);
  const [category, setCategory] = useState<ConcernCategory | ''>('');
  const [subtype, setSubtype] = useState('');
  const [pupils, setPupils] = useState<Picked[]>([]);
  const [subject, setSubject] = useState<string | null>(null);
  const [staff, setStaff] = useState<Picked[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ id: string; notes: string[] } | null>(null);
  const info = category ? CONCERN_CATEGORY_INFO[category] : null;
  const imagery = category ? isImageryCategory(category) : false;
  const allegation = category ? isStaffAllegation(category, subtype || null) : false;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    errors.clear();
    const f = new FormData(e.currentTarget);
    const occurred = formText(f, 'occurredAt');
    const adult = formText(f, 'adultDescription').trim();
    const tooBig = files.find((x) => x.size > CONCERN_ATTACHMENT_MAX_BYTES);
    if (tooBig) {
      errors.show(new Error(`${tooBig.name} is larger than 10 MB`), `${tooBig.name} is larger than 10 MB`);
      return;
    }
    setBusy(true);
    try {
      const subjectId = subject && pupils.some((p) => p.id === subject) ? subject : pupils[0]?.id;
      const body = {
        category: category || undefined,
        ...(subtype ? { subtype } : {}),
        pupils: allegation ? [] : pupils.map((p) => ({ personId: p.id, subject: p.id === subjectId })),
        ...(adult && !allegation ? { adult: { description: adult } } : {}),
        ...(allegation && staff[0] ? { staffSubjectPersonId: staff[0].id } : {}),
        occurredAt: occurred ? localToIso(occurred) : '',
        location: formText(f, 'location').trim() || null,
        account: formText(f, 'account'),
        immediateAction: formText(f, 'immediateAction').trim() || null,
        dslToldInPerson: f.get('dslToldInPerson') === 'yes',
      };
      const res = await post<{ concern: { id: string } }>('/api/concerns', body);
      const id = res.concern.id;
      const notes: string[] = [];
      // The concern is kept whatever happens to its files: each is sent on its own and any refusal is shown.
      if (!imagery)
        for (const file of files) {
          try {
            await post(`/api/concerns/${id}/attachments`, {
              filename: file.name,
              contentType: file.type,
              dataBase64: await fileBase64(file),
            });
            notes.push(`${file.name} is attached.`);
          } catch (err) {
            notes.push(`${file.name} was not attached: ${err instanceof Error ? err.message : 'refused'}`);
          }
        }
      if (imagery)
        for (const c of custodyBodies(f)) {
          await post(`/api/concerns/${id}/custody`, c);
          notes.push(`Device custody recorded (${c.event === 'secured' ? 'secured' : 'handed over'}).`);
        }
      setDone({ id, notes });
    } catch (err) {
      errors.show(err, 'Could not record the concern');
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <section>
        <h1>Concern recorded</h1>
        <ConcernsNav />
        <div role="status" className="panel">
          <p className="ok">
            Thank you. The concern is recorded and the DSL team has been told. Reference {done.id.slice(0, 8)}
            .
          </p>
          {done.notes.length > 0 && (
            <ul>
              {done.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </div>
        <ul className="actions">
          <li>
            <Link to={`/concerns/${done.id}`}>See what you reported</Link>
          </li>
          <li>
            <Link to="/concerns">My reports</Link>
          </li>
        </ul>
      </section>
    );

  return (
    <section>
      <h1>Record a concern</h1>
      <ConcernsNav />
      <p className="hint">
        Write down what you saw or were told as soon as you can. If a child is in immediate danger, tell a DSL
        in person now, or call 999.
      </p>
      {errors.summary}
      <form className="narrow-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          id="concern-category"
          label="What kind of concern is it?"
          required
          error={errors.fieldError('category')}
        >
          {(aria) => (
            <select
              {...aria}
              name="category"
              value={category}
              onChange={(e) => {
                setCategory(e.target.value as ConcernCategory);
                setSubtype('');
              }}
            >
              <option value="">Choose…</option>
              <CategoryOptions categories={CONCERN_CATEGORIES} />
            </select>
          )}
        </Field>
        {info?.subtypes && (
          <fieldset id="concern-subtype" className="field">
            <legend>Which of these is it? *</legend>
            {errors.fieldError('subtype') && <p className="field-error">{errors.fieldError('subtype')}</p>}
            <SubtypeRadios subtypes={Object.entries(info.subtypes)} value={subtype} onChange={setSubtype} />
          </fieldset>
        )}
        {allegation ? (
          <div id="concern-staffSubjectPersonId">
            <p className="hint">
              An allegation about a member of staff goes only to the headteacher (or the chair of governors if
              it is about the headteacher). The person it is about never sees it.
            </p>
            <PeoplePicker
              id="concern-staff"
              legend="The member of staff it is about"
              kind="staff"
              chosen={staff}
              onChange={setStaff}
              max={1}
            />
          </div>
        ) : (
          <div id="concern-pupils">
            <PeoplePicker
              id="concern-pupil"
              legend="Pupils involved"
              kind="pupil"
              chosen={pupils}
              onChange={setPupils}
              subject={subject ?? pupils[0]?.id ?? null}
              onSubject={setSubject}
            />
            <Field
              id="concern-adult"
              label="Or an adult it is about (not a member of staff)"
              hint="For example a parent, a visitor or someone online. Leave empty if it is about pupils."
              error={errors.fieldError('adult')}
            >
              {(aria) => <textarea {...aria} name="adultDescription" rows={2} maxLength={2000} />}
            </Field>
          </div>
        )}
        <Field
          id="concern-occurredAt"
          label="When did it happen?"
          hint="It may be in the past."
          required
          error={errors.fieldError('occurredAt')}
        >
          {(aria) => (
            <input
              {...aria}
              type="datetime-local"
              name="occurredAt"
              defaultValue={nowLocal()}
              max={nowLocal()}
            />
          )}
        </Field>
        <Field
          id="concern-location"
          label="Where?"
          hint="For example the classroom, the playground, a game or an app."
          error={errors.fieldError('location')}
        >
          {(aria) => <input {...aria} name="location" maxLength={500} />}
        </Field>
        <Field
          id="concern-account"
          label="What did you see or hear?"
          hint="Use the child’s own words where a child told you. Say what happened, not what you think of it."
          required
          error={errors.fieldError('account')}
        >
          {(aria) => <textarea {...aria} name="account" rows={6} maxLength={20000} />}
        </Field>
        <Field
          id="concern-immediateAction"
          label="What did you do straight away?"
          error={errors.fieldError('immediateAction')}
        >
          {(aria) => <textarea {...aria} name="immediateAction" rows={3} maxLength={5000} />}
        </Field>
        <fieldset className="inline-choices" id="concern-dslToldInPerson">
          <legend>Have you told a DSL in person?</legend>
          <label>
            <input type="radio" name="dslToldInPerson" value="yes" /> Yes
          </label>
          <label>
            <input type="radio" name="dslToldInPerson" value="no" defaultChecked /> Not yet
          </label>
        </fieldset>
        {imagery ? (
          <div className="panel" id="concern-custody">
            <h2>No files in this category</h2>
            <p role="note" className="refusal">
              {IMAGERY_REFUSAL}
            </p>
            <CustodyFields prefix="concern-custody" />
          </div>
        ) : (
          <Field
            id="concern-files"
            label="Files (optional)"
            hint="Screenshots of messages, a PDF or a text file; up to 10 MB each."
          >
            {(aria) => (
              <input
                {...aria}
                type="file"
                multiple
                accept={CONCERN_ATTACHMENT_TYPES.join(',')}
                onChange={(e) => setFiles([...(e.target.files ?? [])])}
              />
            )}
          </Field>
        )}
        <div className="form-buttons">
          <button type="submit" disabled={busy}>
            Record the concern
          </button>
        </div>
      </form>
    </section>
  );
}
