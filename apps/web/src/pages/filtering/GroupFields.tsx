import { CATEGORY_INFO, FILTER_CATEGORIES, type FilterCategory } from '@harbour/shared';
import type { SafeSearch, TimeWindow } from '../../lib/filtering';

/** Category checkboxes (name "cat"). With `lockIllegal`, illegal content is always ticked and cannot be unticked. */
export function CategoryChecks(props: {
  idPrefix: string;
  legend: string;
  selected: readonly string[];
  lockIllegal?: boolean;
  exclude?: FilterCategory[];
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div className="inline-choices">
        {FILTER_CATEGORIES.filter((c) => !props.exclude?.includes(c)).map((c) => {
          const locked = props.lockIllegal && c === 'illegal';
          return (
            <label key={c} htmlFor={`${props.idPrefix}-${c}`}>
              <input
                id={`${props.idPrefix}-${c}`}
                type="checkbox"
                name="cat"
                value={c}
                defaultChecked={locked || props.selected.includes(c)}
                disabled={locked}
              />
              {CATEGORY_INFO[c].label}
              {locked ? ' (always blocked)' : ''}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export const checkedCategories = (form: FormData, withIllegal: boolean): FilterCategory[] => {
  const cats = form.getAll('cat').filter((v): v is FilterCategory => typeof v === 'string');
  return withIllegal && !cats.includes('illegal') ? ['illegal', ...cats] : cats;
};

/** Safe search per engine for a group (names "ss-google", "ss-youtube", "ss-bing", "ss-duckduckgo"). */
export function SafeSearchFields({ idPrefix, value }: { idPrefix: string; value: SafeSearch }) {
  const box = (k: 'google' | 'bing' | 'duckduckgo', label: string) => (
    <label htmlFor={`${idPrefix}-ss-${k}`}>
      <input id={`${idPrefix}-ss-${k}`} type="checkbox" name={`ss-${k}`} defaultChecked={value[k]} />
      {label}
    </label>
  );
  return (
    <fieldset>
      <legend>Safe search</legend>
      <div className="inline-choices">
        {box('google', 'Google')}
        {box('bing', 'Bing')}
        {box('duckduckgo', 'DuckDuckGo')}
      </div>
      <label htmlFor={`${idPrefix}-ss-youtube`}>YouTube restricted mode</label>
      <select id={`${idPrefix}-ss-youtube`} name="ss-youtube" defaultValue={value.youtube}>
        <option value="strict">Strict</option>
        <option value="moderate">Moderate</option>
        <option value="off">Off</option>
      </select>
    </fieldset>
  );
}

export const safeSearchOf = (form: FormData): SafeSearch => ({
  google: form.get('ss-google') === 'on',
  bing: form.get('ss-bing') === 'on',
  duckduckgo: form.get('ss-duckduckgo') === 'on',
  youtube: (form.get('ss-youtube') as SafeSearch['youtube'] | null) ?? 'strict',
});

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** One time window: days (name "day") and from/to times (names "from", "to"). */
export function WindowFields({ idPrefix }: { idPrefix: string }) {
  return (
    <fieldset>
      <legend>When (school time)</legend>
      <div className="inline-choices">
        {DAYS.map((d, i) => (
          <label key={d} htmlFor={`${idPrefix}-day-${i + 1}`}>
            <input
              id={`${idPrefix}-day-${i + 1}`}
              type="checkbox"
              name="day"
              value={i + 1}
              defaultChecked={i < 5}
            />
            {d}
          </label>
        ))}
      </div>
      <div className="filter-form">
        <div>
          <label htmlFor={`${idPrefix}-from`}>From</label>
          <input id={`${idPrefix}-from`} name="from" type="time" required defaultValue="12:00" />
        </div>
        <div>
          <label htmlFor={`${idPrefix}-to`}>To</label>
          <input id={`${idPrefix}-to`} name="to" type="time" required defaultValue="13:00" />
        </div>
      </div>
    </fieldset>
  );
}

export const windowOf = (form: FormData): TimeWindow => ({
  days: form.getAll('day').map(Number),
  from: typeof form.get('from') === 'string' ? (form.get('from') as string) : '',
  to: typeof form.get('to') === 'string' ? (form.get('to') as string) : '',
});

/** Lines or commas to a list of non-empty strings. */
export const linesOf = (v: FormDataEntryValue | null): string[] =>
  typeof v === 'string'
    ? v
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
