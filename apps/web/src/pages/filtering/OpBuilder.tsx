import { useState, type FormEvent, type ReactNode } from 'react';
import { FILTER_CATEGORIES, CATEGORY_INFO } from '@harbour/shared';
import { ErrorMessage } from '../../components/DataTable';
import { ApiError, post } from '../../lib/api';
import { errorText, type FilterPolicy } from '../../lib/filtering';
import { formText } from '../../lib/forms';
import { ScheduleUpdateFields, scheduleUpdateOp } from './ScheduleOps';
import { CategoryChecks, WindowFields, checkedCategories, linesOf, windowOf } from './GroupFields';
import {
  GroupCreateFields,
  GroupUpdateFields,
  SettingsFields,
  groupCreateOp,
  groupUpdateOp,
  settingsOp,
} from './GroupOps';

export type DraftOp = { op: string; [k: string]: unknown };

export const OP_KINDS = {
  'entry.add': 'Allow or deny a name',
  'entry.remove': 'Remove an allow or deny entry',
  'group.update': 'Change a group (clients, categories, safe search)',
  'schedule.add': 'Add a scheduled rule (time windows)',
  'schedule.update': 'Change a scheduled rule',
  'schedule.remove': 'Remove a scheduled rule',
  'list.add': 'Import a list (file or URL)',
  'list.update': 'Switch a list on or off, or remove it',
  'group.create': 'Add a group',
  'group.delete': 'Remove a group',
  'settings.update': 'Change the settings (staff social media, break times, retention)',
} as const;
export type OpKind = keyof typeof OP_KINDS;

const GroupSelect = (p: { id: string; policy: FilterPolicy; every?: boolean; defaultValue?: string }) => (
  <>
    <label htmlFor={p.id}>Group</label>
    <select id={p.id} name="group" defaultValue={p.defaultValue ?? ''} required={!p.every}>
      {p.every && <option value="">Every group</option>}
      {p.policy.groups.map((g) => (
        <option key={g.id} value={g.id}>
          {g.name}
        </option>
      ))}
    </select>
  </>
);

/**
 * Builds one operation of a change request at a time (the "what"); the parent keeps the draft. A list import
 * is staged first, so the request names an import whose counts the approver can see.
 */
export function OpBuilder(props: {
  policy: FilterPolicy;
  onAdd: (op: DraftOp) => void;
  initial?: { kind?: OpKind; domain?: string; effect?: string; groupId?: string };
}) {
  const { policy } = props;
  const [kind, setKind] = useState<OpKind>(props.initial?.kind ?? 'entry.add');
  const [scheduleId, setScheduleId] = useState(policy.schedules[0]?.id ?? '');
  const [groupId, setGroupId] = useState(props.initial?.groupId ?? policy.groups[0]?.id ?? '');
  const [error, setError] = useState('');
  const [staged, setStaged] = useState('');

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError('');
    setStaged('');
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (n: string) => formText(f, n).trim();
    try {
      switch (kind) {
        case 'entry.add':
          props.onAdd({
            op: kind,
            domain: text('domain'),
            effect: text('effect'),
            groupId: text('group') || null,
            note: text('note'),
          });
          break;
        case 'entry.remove':
          props.onAdd({ op: kind, entryId: text('entry') });
          break;
        case 'schedule.remove':
          props.onAdd({ op: kind, scheduleId: text('schedule') });
          break;
        case 'schedule.update':
          props.onAdd(scheduleUpdateOp(f, scheduleId));
          break;
        case 'group.delete':
          props.onAdd({ op: kind, groupId: text('group') });
          break;
        case 'group.update':
          props.onAdd(groupUpdateOp(f, groupId));
          break;
        case 'settings.update':
          props.onAdd(settingsOp(f, policy));
          break;
        case 'schedule.add':
          props.onAdd({
            op: kind,
            groupId: text('group'),
            label: text('label'),
            effect: text('effect'),
            categories: checkedCategories(f, false),
            domains: linesOf(f.get('domains')),
            windows: [windowOf(f)],
          });
          break;
        case 'list.update':
          props.onAdd(
            text('action') === 'remove'
              ? { op: 'list.remove', listId: text('list') }
              : { op: kind, listId: text('list'), enabled: text('action') === 'on' },
          );
          break;
        case 'group.create':
          props.onAdd(groupCreateOp(f));
          break;
        case 'list.add': {
          const file = f.get('file');
          const content = file instanceof File && file.size > 0 ? await file.text() : undefined;
          const url = text('url') || undefined;
          const licensedFile = text('licensedFile') || undefined;
          const listKind = text('listKind');
          const source =
            content !== undefined ? { content } : licensedFile ? { file: licensedFile } : { url };
          const res = await post<{
            staged: { stagedVersionId: string; entries: number; badLines: number; pathEntries: number };
          }>('/api/filtering/lists/stage', {
            kind: licensedFile ? 'block' : listKind,
            category: licensedFile ? 'illegal' : listKind === 'allow' ? null : text('category'),
            format: text('format'),
            ...(licensedFile && content === undefined ? { licensed: true } : {}),
            ...source,
          });
          const s = res.staged;
          setStaged(
            `Imported ${s.entries.toLocaleString('en-GB')} names; ${s.badLines} bad lines skipped${s.pathEntries ? `, ${s.pathEntries} entries with a path reported` : ''}.`,
          );
          props.onAdd({
            op: kind,
            stagedVersionId: s.stagedVersionId,
            name: text('name'),
            refreshHours: content === undefined && text('refresh') ? Number(text('refresh')) : null,
          });
          break;
        }
      }
      form.reset();
    } catch (err) {
      setError(
        err instanceof Error && !(err instanceof ApiError) && !(err instanceof TypeError)
          ? err.message
          : errorText(err, 'Could not add that change'),
      );
    }
  };

  let fields: ReactNode;
  switch (kind) {
    case 'entry.add':
      fields = (
        <>
          <label htmlFor="op-domain">Name</label>
          <input id="op-domain" name="domain" required maxLength={253} defaultValue={props.initial?.domain} />
          <label htmlFor="op-effect">Effect</label>
          <select id="op-effect" name="effect" defaultValue={props.initial?.effect ?? 'allow'}>
            <option value="allow">Allow</option>
            <option value="deny">Deny (block)</option>
          </select>
          <GroupSelect id="op-group" policy={policy} every />
          <label htmlFor="op-note">Note</label>
          <input id="op-note" name="note" maxLength={500} />
        </>
      );
      break;
    case 'entry.remove':
      fields = (
        <>
          <label htmlFor="op-entry">Entry</label>
          <select id="op-entry" name="entry" required>
            {policy.entries.map((e) => (
              <option key={e.id} value={e.id}>
                {e.effect === 'allow' ? 'Allow' : 'Deny'} {e.domain}
              </option>
            ))}
          </select>
        </>
      );
      break;
    case 'schedule.remove':
      fields = (
        <>
          <label htmlFor="op-schedule">Scheduled rule</label>
          <select id="op-schedule" name="schedule" required>
            {policy.schedules.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </>
      );
      break;
    case 'schedule.update':
      fields = <ScheduleUpdateFields policy={policy} scheduleId={scheduleId} onSchedule={setScheduleId} />;
      break;
    case 'group.delete':
      fields = (
        <>
          <GroupSelect id="op-group" policy={policy} />
          <p className="hint">
            Its entries and scheduled rules go with it; its devices fall to the default group.
          </p>
        </>
      );
      break;
    case 'group.update':
      fields = <GroupUpdateFields policy={policy} groupId={groupId} onGroup={setGroupId} />;
      break;
    case 'settings.update':
      fields = <SettingsFields policy={policy} />;
      break;
    case 'schedule.add':
      fields = (
        <>
          <GroupSelect id="op-group" policy={policy} />
          <label htmlFor="op-label">Label</label>
          <input
            id="op-label"
            name="label"
            required
            maxLength={200}
            placeholder="Social media at break times"
          />
          <label htmlFor="op-effect">Effect in the window</label>
          <select id="op-effect" name="effect">
            <option value="allow">Allow</option>
            <option value="block">Block</option>
          </select>
          <CategoryChecks idPrefix="op-cat" legend="Categories" selected={[]} exclude={['illegal']} />
          <label htmlFor="op-domains">Names (one a line, optional)</label>
          <textarea id="op-domains" name="domains" rows={3} />
          <WindowFields idPrefix="op-window" />
        </>
      );
      break;
    case 'list.update':
      fields = (
        <>
          <label htmlFor="op-list">List</label>
          <select id="op-list" name="list" required>
            {policy.lists
              .filter((l) => !l.trust)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
          </select>
          <label htmlFor="op-action">Change</label>
          <select id="op-action" name="action">
            <option value="off">Switch it off</option>
            <option value="on">Switch it on</option>
            <option value="remove">Remove it</option>
          </select>
        </>
      );
      break;
    case 'list.add':
      fields = (
        <>
          <label htmlFor="op-name">List name</label>
          <input id="op-name" name="name" required maxLength={200} />
          <label htmlFor="op-list-kind">Kind</label>
          <select id="op-list-kind" name="listKind">
            <option value="block">Block list</option>
            <option value="allow">Allow list (approved sites)</option>
          </select>
          <label htmlFor="op-category">Category (block lists)</label>
          <select id="op-category" name="category">
            {FILTER_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_INFO[c].label}
              </option>
            ))}
          </select>
          <label htmlFor="op-format">Format</label>
          <select id="op-format" name="format">
            <option value="auto">Work it out</option>
            <option value="hosts">Hosts file</option>
            <option value="plain">One name a line</option>
            <option value="adblock">Adblock (||name^)</option>
            <option value="ut1">UT1 domains file</option>
          </select>
          <label htmlFor="op-file">File</label>
          <input id="op-file" name="file" type="file" accept=".txt,.list,.hosts,text/plain" />
          <label htmlFor="op-url">Or a URL to subscribe to</label>
          <input id="op-url" name="url" type="url" maxLength={2000} />
          <label htmlFor="op-licensed">
            Or a licensed IWF or CTIRU file in the provider’s folder (file name)
          </label>
          <input id="op-licensed" name="licensedFile" maxLength={200} pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" />
          <label htmlFor="op-refresh">Refresh every (hours; a URL or a licensed file)</label>
          <input id="op-refresh" name="refresh" type="number" min={1} max={720} />
        </>
      );
      break;
    case 'group.create':
      fields = <GroupCreateFields policy={policy} />;
      break;
  }
  return (
    <div className="panel">
      <h2>What to change</h2>
      <label htmlFor="op-kind-select">Kind of change</label>
      <select id="op-kind-select" value={kind} onChange={(e) => setKind(e.target.value as OpKind)}>
        {Object.entries(OP_KINDS).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
      <form key={kind} onSubmit={(e) => void submit(e)} aria-label={OP_KINDS[kind]}>
        {fields}
        <button type="submit">Add to this request</button>
      </form>
      <ErrorMessage text={error} />
      <div aria-live="polite">{staged && <p className="ok">{staged}</p>}</div>
    </div>
  );
}
