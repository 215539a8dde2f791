import type { FilterPolicy } from '../../lib/filtering';
import { formText } from '../../lib/forms';
import { CategoryChecks, checkedCategories, linesOf } from './GroupFields';
import { parseWindow, windowLines } from './GroupOps';

type DraftOp = { op: string; [k: string]: unknown };

/** Changing a scheduled rule in place: every field starts as it is now. */
export function ScheduleUpdateFields(props: {
  policy: FilterPolicy;
  scheduleId: string;
  onSchedule: (id: string) => void;
}) {
  const r = props.policy.schedules.find((x) => x.id === props.scheduleId) ?? null;
  return (
    <>
      <label htmlFor="op-update-schedule">Scheduled rule to change</label>
      <select
        id="op-update-schedule"
        value={props.scheduleId}
        onChange={(e) => props.onSchedule(e.target.value)}
      >
        {props.policy.schedules.map((x) => (
          <option key={x.id} value={x.id}>
            {x.label}
          </option>
        ))}
      </select>
      {r && (
        <div key={r.id}>
          <label htmlFor="op-label">Label</label>
          <input id="op-label" name="label" required maxLength={200} defaultValue={r.label} />
          <label htmlFor="op-effect">Effect in the window</label>
          <select id="op-effect" name="effect" defaultValue={r.effect}>
            <option value="allow">Allow</option>
            <option value="block">Block</option>
          </select>
          <CategoryChecks
            idPrefix="op-cat"
            legend="Categories"
            selected={r.categories}
            exclude={['illegal']}
          />
          <label htmlFor="op-domains">Names (one a line, optional)</label>
          <textarea id="op-domains" name="domains" rows={3} defaultValue={r.domains.join('\n')} />
          <label htmlFor="op-windows">When (one a line, e.g. Mon-Fri 12:00-13:00)</label>
          <textarea
            id="op-windows"
            name="windows"
            rows={3}
            required
            defaultValue={r.windows.flatMap(windowLines).join('\n')}
          />
        </div>
      )}
    </>
  );
}

export function scheduleUpdateOp(f: FormData, scheduleId: string): DraftOp {
  const lines = linesOf(formText(f, 'windows'));
  const windows = lines.map(parseWindow);
  const bad = lines.find((_, i) => windows[i] === null);
  if (bad) throw new Error(`“${bad}” is not a time such as Mon-Fri 12:00-13:00`);
  return {
    op: 'schedule.update',
    scheduleId,
    label: formText(f, 'label').trim(),
    effect: formText(f, 'effect'),
    categories: checkedCategories(f, false),
    domains: linesOf(f.get('domains')),
    windows: windows,
  };
}
