import { useState } from 'react';
import {
  CONCERN_CATEGORIES,
  CONCERN_CATEGORY_INFO,
  isStaffAllegation,
  type ConcernCategory,
} from '@harbour/shared';
import { post } from '../../lib/api';
import type { ConcernDetail } from '../../lib/concerns';
import { formText } from '../../lib/forms';
import { CategoryOptions, SubtypeRadios } from './CategoryFields';
import { useRun } from './useRun';

/**
 * Moving a new concern to a better-fitting category before its playbook starts (the API refuses it once the
 * concern is open). Nothing is edited in place: the earlier category stays in the amendments, with the reason.
 * An allegation about a member of staff is a separate, restricted record, so only the categories on the same
 * side of that line are offered.
 */
export function Recategorise({ concern, onSaved }: { concern: ConcernDetail; onSaved: () => Promise<void> }) {
  const [category, setCategory] = useState<ConcernCategory>(concern.category);
  const [subtype, setSubtype] = useState(concern.subtype ?? '');
  const save = useRun(onSaved);
  const choices = CONCERN_CATEGORIES.filter((c) => {
    const subs = CONCERN_CATEGORY_INFO[c].subtypes;
    return subs
      ? Object.keys(subs).some((s) => isStaffAllegation(c, s) === concern.restricted)
      : isStaffAllegation(c, null) === concern.restricted;
  });
  const subtypes = Object.entries(CONCERN_CATEGORY_INFO[category].subtypes ?? {}).filter(
    ([s]) => isStaffAllegation(category, s) === concern.restricted,
  );
  return (
    <form
      aria-labelledby="recategorise-heading"
      onSubmit={save.onSubmit(
        (f) =>
          post(`/api/concerns/${concern.id}/category`, {
            category,
            subtype: subtypes.length ? subtype || null : null,
            reason: formText(f, 'reason'),
          }),
        'Category changed. The earlier one is kept in the amendments below.',
      )}
    >
      <h3 id="recategorise-heading">Change the category</h3>
      <p className="hint">
        Only while the concern is new: once it is opened, its playbook follows this category.
      </p>
      <div className="field">
        <label htmlFor="recategorise-category">Category</label>
        <select
          id="recategorise-category"
          name="category"
          value={category}
          onChange={(e) => {
            setCategory(e.target.value as ConcernCategory);
            setSubtype('');
          }}
        >
          <CategoryOptions categories={choices} />
        </select>
      </div>
      {subtypes.length > 0 && (
        <fieldset className="field">
          <legend>Which of these is it?</legend>
          <SubtypeRadios subtypes={subtypes} value={subtype} onChange={setSubtype} required />
        </fieldset>
      )}
      <div className="field">
        <label htmlFor="recategorise-reason">Why it belongs there</label>
        <textarea id="recategorise-reason" name="reason" rows={2} maxLength={2000} required />
      </div>
      {save.messages}
      <button type="submit" disabled={save.busy}>
        Change the category
      </button>
    </form>
  );
}
