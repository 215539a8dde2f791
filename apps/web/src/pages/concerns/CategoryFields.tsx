import { CONCERN_CATEGORY_INFO, type ConcernCategory } from '@harbour/shared';

/** The category choices of a select: the label and the policy section each comes from. */
export function CategoryOptions({ categories }: { categories: readonly ConcernCategory[] }) {
  return (
    <>
      {categories.map((c) => (
        <option key={c} value={c}>
          {CONCERN_CATEGORY_INFO[c].label} (policy {CONCERN_CATEGORY_INFO[c].section})
        </option>
      ))}
    </>
  );
}

/** A category's variants as radio buttons (e.g. the three indecent-image cases). */
export function SubtypeRadios(props: {
  subtypes: [string, string][];
  value: string;
  onChange: (k: string) => void;
  required?: boolean;
}) {
  return (
    <>
      {props.subtypes.map(([k, label]) => (
        <label key={k} className="checkbox">
          <input
            type="radio"
            name="subtype"
            value={k}
            checked={props.value === k}
            onChange={() => props.onChange(k)}
            required={props.required}
          />{' '}
          {label}
        </label>
      ))}
    </>
  );
}
