import { useState, type FormEvent } from 'react';
import { CATEGORY_INFO, FILTER_CATEGORIES, type FilterCategory } from '@harbour/shared';
import { post } from '../../lib/api';
import { GROUP_KIND_LABELS, type Baseline, type ChangeRequest } from '../../lib/filtering';
import { Field, formText, useFormErrors } from '../../lib/forms';
import { RequestFields, requestFieldIds } from './RequestFields';

const FIELD_IDS = requestFieldIds('bl');
/** Illegal content is blocked for every group whatever the baseline says. */
const CHOICES = FILTER_CATEGORIES.filter((c) => c !== 'illegal');
const KINDS = Object.keys(GROUP_KIND_LABELS) as (keyof typeof GROUP_KIND_LABELS)[];

/** The baseline a trust officer proposes: categories blocked per kind of group, and names denied everywhere. */
export function BaselineForm({ current, onSent }: { current: Baseline; onSent: (c: ChangeRequest) => void }) {
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors((path) =>
    path.startsWith('ops') ? 'bl-deny' : (FIELD_IDS[path] ?? 'bl-title'),
  );
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    errors.clear();
    setBusy(true);
    const blockedCategories: Baseline['blockedCategories'] = {};
    for (const k of KINDS) {
      const cats = f.getAll(`cat-${k}`).filter((v): v is FilterCategory => typeof v === 'string');
      if (cats.length > 0) blockedCategories[k] = cats;
    }
    const deny = [
      ...new Set(
        formText(f, 'deny')
          .split(/[\s,]+/)
          .map((d) => d.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    try {
      const res = await post<{ change: ChangeRequest }>('/api/filtering/changes', {
        title: formText(f, 'title'),
        reason: formText(f, 'reason'),
        riskEducational: formText(f, 'riskEducational'),
        riskTechnical: formText(f, 'riskTechnical'),
        ops: [{ op: 'baseline.update', value: { blockedCategories, deny } }],
      });
      form.reset();
      onSent(res.change);
    } catch (err) {
      errors.show(err, 'Could not propose the change');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="narrow-form"
      onSubmit={(e) => void submit(e)}
      aria-label="Propose a baseline change"
      noValidate
    >
      <h2>Propose a change</h2>
      <p>
        Tick what the baseline should block once the change is applied. Another trust officer approves it;
        every school of the trust then follows it, and can add to it but not take away.
      </p>
      {errors.summary}
      {KINDS.map((k) => (
        <fieldset key={k}>
          <legend>Blocked for {GROUP_KIND_LABELS[k]}</legend>
          <div className="inline-choices">
            {CHOICES.map((c) => (
              <label key={c} htmlFor={`bl-${k}-${c}`}>
                <input
                  id={`bl-${k}-${c}`}
                  type="checkbox"
                  name={`cat-${k}`}
                  value={c}
                  defaultChecked={current.blockedCategories[k]?.includes(c) ?? false}
                />
                {CATEGORY_INFO[c].label}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <Field
        id="bl-deny"
        label="Names denied in every school"
        hint="One per line; a name also denies its subdomains."
        error={errors.fieldError('ops')}
      >
        {(a) => <textarea {...a} name="deny" rows={4} defaultValue={current.deny.join('\n')} />}
      </Field>
      <RequestFields
        idPrefix="bl"
        fieldError={errors.fieldError}
        educationalHint="Who gains or loses access in the trust’s schools, and what could go wrong."
        technicalHint="What the change does to each school’s resolver and lists."
      />
      <button type="submit" disabled={busy}>
        Send to another trust officer
      </button>
    </form>
  );
}
