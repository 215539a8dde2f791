import type { FilterGroup, FilterList, FilterPolicy, TimeWindow } from '../../lib/filtering';
import { formText } from '../../lib/forms';
import { CategoryChecks, SafeSearchFields, checkedCategories, linesOf, safeSearchOf } from './GroupFields';

/** The forms of change requests about groups and settings, and the operations they make. */
type DraftOp = { op: string; [k: string]: unknown };

/** Fields a group has in both "add a group" and "change a group". */
function GroupCommon({ g, lists }: { g: FilterGroup | null; lists: FilterList[] }) {
  const approved = lists.filter((l) => l.kind === 'allow');
  return (
    <>
      <label htmlFor="op-name">Group name</label>
      <input id="op-name" name="name" required maxLength={100} defaultValue={g?.name} />
      <label htmlFor="op-mode">Mode</label>
      <select id="op-mode" name="mode" defaultValue={g?.mode ?? 'blocklist'}>
        <option value="blocklist">Block the ticked categories</option>
        <option value="allowlist">Approved sites only</option>
      </select>
      <label htmlFor="op-subnets">Client subnets (one a line, e.g. 10.0.2.0/24)</label>
      <textarea id="op-subnets" name="subnets" rows={2} defaultValue={g?.subnets.join('\n')} />
      <label htmlFor="op-resolver">Resolver address for this group (optional)</label>
      <input id="op-resolver" name="resolverAddress" maxLength={45} defaultValue={g?.resolverAddress ?? ''} />
      <label className="checkbox" htmlFor="op-default">
        <input id="op-default" name="isDefault" type="checkbox" defaultChecked={g?.isDefault} /> Default group
        for unknown clients
      </label>
      <label className="checkbox" htmlFor="op-aup">
        <input id="op-aup" name="aupOnly" type="checkbox" defaultChecked={g?.aupOnly} /> Visitors accept the
        AUP first
      </label>
      <CategoryChecks
        idPrefix="op-cat"
        legend="Blocked categories"
        selected={g?.blockedCategories ?? []}
        lockIllegal
      />
      <SafeSearchFields
        idPrefix="op"
        value={g?.safeSearch ?? { google: true, bing: true, duckduckgo: true, youtube: 'strict' }}
      />
      {approved.length > 0 && (
        <fieldset>
          <legend>
            Approved-site lists (always allowed; all that is allowed in approved-sites-only mode)
          </legend>
          {approved.map((l) => (
            <label key={l.id} className="checkbox" htmlFor={`op-allow-${l.id}`}>
              <input
                id={`op-allow-${l.id}`}
                type="checkbox"
                name="allowList"
                value={l.id}
                defaultChecked={g?.allowLists.includes(l.id)}
              />
              {l.name}
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}

const commonOf = (f: FormData) => ({
  name: formText(f, 'name').trim(),
  mode: formText(f, 'mode'),
  isDefault: f.get('isDefault') === 'on',
  aupOnly: f.get('aupOnly') === 'on',
  subnets: linesOf(f.get('subnets')),
  resolverAddress: formText(f, 'resolverAddress').trim() || null,
  blockedCategories: checkedCategories(f, true),
  safeSearch: safeSearchOf(f),
  allowLists: f.getAll('allowList').filter((v): v is string => typeof v === 'string'),
});

export function GroupCreateFields({ policy }: { policy: FilterPolicy }) {
  return (
    <>
      <label htmlFor="op-kind">Kind</label>
      <select id="op-kind" name="kind">
        <option value="eyfs_ks1">EYFS and KS1</option>
        <option value="ks2">KS2</option>
        <option value="staff">Staff</option>
        <option value="guests">Guests</option>
        <option value="custom">Other</option>
      </select>
      <GroupCommon g={null} lists={policy.lists} />
    </>
  );
}

export const groupCreateOp = (f: FormData): DraftOp => ({
  op: 'group.create',
  ref: `g${Date.now()}`,
  kind: formText(f, 'kind'),
  ...commonOf(f),
});

/** Changing a group: every field starts as it is now; only what differs shows in the diff. */
export function GroupUpdateFields(props: {
  policy: FilterPolicy;
  groupId: string;
  onGroup: (id: string) => void;
}) {
  const g = props.policy.groups.find((x) => x.id === props.groupId) ?? null;
  return (
    <>
      <label htmlFor="op-update-group">Group to change</label>
      <select id="op-update-group" value={props.groupId} onChange={(e) => props.onGroup(e.target.value)}>
        {props.policy.groups.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
      {g && (
        <div key={g.id}>
          <GroupCommon g={g} lists={props.policy.lists} />
        </div>
      )}
    </>
  );
}

export const groupUpdateOp = (f: FormData, groupId: string): DraftOp => ({
  op: 'group.update',
  groupId,
  ...commonOf(f),
});

const WINDOW =
  /^(mon|tue|wed|thu|fri|sat|sun)(?:\s*[-–]\s*(mon|tue|wed|thu|fri|sat|sun))?\s+(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})$/i;
const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "Mon-Fri 10:30-10:45" (or "Wed 12:00-13:00") to a time window; null if it is not one. */
export function parseWindow(line: string): TimeWindow | null {
  const m = WINDOW.exec(line.trim());
  if (!m) return null;
  const a = DAY_KEYS.indexOf(m[1]!.toLowerCase()) + 1;
  const b = m[2] ? DAY_KEYS.indexOf(m[2].toLowerCase()) + 1 : a;
  const days = [];
  for (let d = a; d <= (b >= a ? b : b + 7); d++) days.push(((d - 1) % 7) + 1);
  return { days, from: m[3]!, to: m[4]! };
}

/** A window as lines parseWindow reads back: a run of days as "Mon-Fri", other days one a line. */
export function windowLines(w: TimeWindow): string[] {
  const days = [...w.days].sort((a, b) => a - b);
  const name = (d: number) => DAY_KEYS[d - 1]!.replace(/^./, (c) => c.toUpperCase());
  const run = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  if (run && days.length > 1) return [`${name(days[0]!)}-${name(days.at(-1)!)} ${w.from}-${w.to}`];
  return days.map((d) => `${name(d)} ${w.from}-${w.to}`);
}

/** The school's filtering settings that the web app edits; the rest are kept as they are. */
export function SettingsFields({ policy }: { policy: FilterPolicy }) {
  const st = policy.settings;
  return (
    <>
      <label htmlFor="op-sm-mode">Staff social media</label>
      <select id="op-sm-mode" name="smMode" defaultValue={st.staffSocialMedia.mode}>
        <option value="never">Never in school</option>
        <option value="break-times">At break times only</option>
        <option value="always">Allowed</option>
      </select>
      <label htmlFor="op-sm-times">Break times (one a line, e.g. Mon-Fri 12:00-13:00)</label>
      <textarea
        id="op-sm-times"
        name="smTimes"
        rows={3}
        defaultValue={st.staffSocialMedia.breakTimes.flatMap(windowLines).join('\n')}
      />
      <label htmlFor="op-answer">Blocked names answer</label>
      <select id="op-answer" name="answerMode" defaultValue={st.blockAnswer.mode}>
        <option value="block-page">With the block page</option>
        <option value="nxdomain">NXDOMAIN (no such name)</option>
      </select>
      <label htmlFor="op-retention">Keep the query log for (days)</label>
      <input
        id="op-retention"
        name="retention"
        type="number"
        min={1}
        max={730}
        required
        defaultValue={st.queryLogRetentionDays}
      />
      <label htmlFor="op-emergency">Longest emergency unblock (minutes)</label>
      <input
        id="op-emergency"
        name="emergency"
        type="number"
        min={5}
        max={1440}
        required
        defaultValue={st.emergencyMaxMinutes}
      />
    </>
  );
}

export function settingsOp(f: FormData, policy: FilterPolicy): DraftOp {
  const lines = linesOf(formText(f, 'smTimes'));
  const windows = lines.map(parseWindow);
  const bad = lines.find((_, i) => windows[i] === null);
  if (bad) throw new Error(`“${bad}” is not a time such as Mon-Fri 12:00-13:00`);
  const st = policy.settings;
  return {
    op: 'settings.update',
    value: {
      ...st,
      staffSocialMedia: {
        mode: formText(f, 'smMode'),
        breakTimes: windows as TimeWindow[],
      },
      blockAnswer: { ...st.blockAnswer, mode: formText(f, 'answerMode') },
      queryLogRetentionDays: Number(formText(f, 'retention')),
      emergencyMaxMinutes: Number(formText(f, 'emergency')),
    },
  };
}
