import type { UpdateResult } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { preparedOf } from '../../db/prepared.js';
import type { MonitorAlertTable } from '../../db/schema-monitoring.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { enqueueEmail, enqueueInApp } from '../outbox/service.js';
import { getSetting } from '../settings/service.js';
import type { StoredEvent } from './ingest.js';
import { MonitoringSettings } from './settings.js';
import { recipientsOf, restrictedSubjects } from './visibility.js';

/**
 * Alerts (issue 6): matched events become alerts grouped per subject (a person, else a device, else a client
 * address) and theme over the school's window, so ten searches about one theme are one alert with ten events.
 * Severity 1 is logged only (the event keeps its classification, no alert). An alert reaching severity 4-5
 * notifies at once, in the app and by email, saying only that something needs attention (clarification 6, 8).
 */
export const ALERT_MIN_SEVERITY = 2;
export const NOTIFY_SEVERITY = 4;
const OPEN_STATUSES = ['open', 'watching'] as const;

type Subject = Pick<MonitorAlertTable, 'subject_kind' | 'person_id' | 'device' | 'client'>;
/**
 * What planning, writing and notifying read of an open alert: about 70 rows a batch in the bench, and every
 * column read costs (all 21 took 1.4 ms straight on SQLite, 7 took 0.47).
 */
const OPEN_COLUMNS = [
  'id',
  'subject_kind',
  'person_id',
  'device',
  'client',
  'category',
  'severity',
  'event_count',
  'first_at',
  'last_at',
  'match_ids',
  'notified_at',
  'restricted',
] as const satisfies readonly (keyof MonitorAlertTable)[];
type OpenAlert = Pick<MonitorAlertTable, (typeof OPEN_COLUMNS)[number]>;

function subjectOf(e: StoredEvent): Subject {
  if (e.personId) return { subject_kind: 'person', person_id: e.personId, device: null, client: null };
  if (e.device) return { subject_kind: 'device', person_id: null, device: e.device, client: e.client };
  return { subject_kind: 'client', person_id: null, device: null, client: e.client };
}
const subjectKey = (s: Subject): string => `${s.subject_kind}|${s.person_id ?? s.device ?? s.client ?? ''}`;

/** Priority for ordering the queue: severity first, then repetition, then recency (last week). */
export function priorityOf(
  a: Pick<MonitorAlertTable, 'severity' | 'event_count' | 'last_at'>,
  now: Date,
): number {
  const hours = Math.max(0, (now.getTime() - Date.parse(a.last_at)) / 3_600_000);
  const recency = Math.max(0, 168 - hours) / 168;
  return Math.round(a.severity * 1000 + Math.min(a.event_count, 50) * 10 + recency * 300);
}

interface Group {
  subject: Subject;
  category: string;
  events: StoredEvent[];
  /** The open alert the group's events join, as read when planned, or null for a new one. */
  found: OpenAlert | null;
  /** The alert id the events are stored with: the found alert's, else a new one. */
  alertId: string;
}

const groupKey = (e: StoredEvent): string => `${subjectKey(subjectOf(e))}|${e.category}`;

/**
 * Alerts for events about to be stored, in two steps so each event row is inserted already carrying its alert
 * (one write per event, and no read of existing ids first): `planAlerts` finds each group's open alert (or
 * names a new one) and says which alert each event goes to; once the insert has answered which events were new,
 * `apply` writes the alerts for those only, so a retried event is never counted twice. A group whose earliest
 * new event is later than planned (its earlier events were duplicates) is checked again against the window;
 * should the found alert no longer qualify, the events move to a new alert, exactly as if planned without the
 * duplicates.
 */
export async function planAlerts(
  ctx: AppContext,
  tx: Executor,
  schoolId: string,
  events: StoredEvent[],
  origin: MonitorAlertTable['origin'] = 'classifier',
): Promise<{ assigned: Map<string, string>; apply(stored: StoredEvent[]): Promise<{ ids: string[] }> }> {
  const assigned = new Map<string, string>();
  const matched = events.filter((e) => e.category && e.severity >= ALERT_MIN_SEVERITY);
  if (matched.length === 0) return { assigned, apply: async () => ({ ids: [] }) };
  const { groupWindowHours } = await getSetting(ctx, MonitoringSettings, schoolId, tx);
  const windowMs = groupWindowHours * 3_600_000;
  const since = (first: string): string => new Date(Date.parse(first) - windowMs).toISOString();
  const groups = new Map<string, Group>();
  for (const e of matched) {
    const k = groupKey(e);
    const g = groups.get(k) ?? {
      subject: subjectOf(e),
      category: e.category!,
      events: [],
      found: null,
      alertId: '',
    };
    g.events.push(e);
    groups.set(k, g);
  }
  // One read for the whole batch: the open alerts in the widest window about any of its subjects; each group
  // then takes, as one query per group did before, its subject and theme's latest alert within its own window.
  const firstOf = (evs: StoredEvent[]) => evs.reduce((a, e) => (e.at < a ? e.at : a), evs[0]!.at);
  const list = [...groups.values()];
  const subjects = (kind: Subject['subject_kind'], value: (s: Subject) => string | null): string[] => {
    const values = new Set<string>();
    for (const g of list) {
      const v = g.subject.subject_kind === kind ? value(g.subject) : null;
      if (v !== null) values.add(v);
    }
    return [...values];
  };
  const persons = subjects('person', (s) => s.person_id);
  const devices = subjects('device', (s) => s.device);
  const clients = subjects('client', (s) => s.client);
  const open = !(persons.length + devices.length + clients.length)
    ? []
    : await tx
        .selectFrom('monitor_alerts')
        .select(OPEN_COLUMNS)
        .where('school_id', '=', schoolId)
        .where('origin', '=', origin)
        .where('status', 'in', [...OPEN_STATUSES])
        .where('last_at', '>=', since(list.map((g) => firstOf(g.events)).sort()[0]!))
        .where((eb) =>
          eb.or([
            ...(persons.length
              ? [eb.and([eb('subject_kind', '=', 'person'), eb('person_id', 'in', persons)])]
              : []),
            ...(devices.length
              ? [eb.and([eb('subject_kind', '=', 'device'), eb('device', 'in', devices)])]
              : []),
            ...(clients.length
              ? [eb.and([eb('subject_kind', '=', 'client'), eb('client', 'in', clients)])]
              : []),
          ]),
        )
        .execute();
  const bySubject = new Map<string, OpenAlert[]>();
  for (const a of open) {
    const k = `${subjectKey(a)}|${a.category}`;
    const l = bySubject.get(k);
    if (l) l.push(a);
    else bySubject.set(k, [a]);
  }
  for (const [k, g] of groups) {
    const from = since(firstOf(g.events));
    for (const a of bySubject.get(k) ?? [])
      if (a.last_at >= from && (!g.found || a.last_at > g.found.last_at)) g.found = a;
    g.alertId = g.found?.id ?? newId();
    for (const e of g.events) assigned.set(e.id, g.alertId);
  }
  const apply = async (stored: StoredEvent[]) => {
    const kept = new Map<string, StoredEvent[]>();
    for (const e of stored) {
      if (!assigned.has(e.id)) continue;
      const k = groupKey(e);
      const list = kept.get(k);
      if (list) list.push(e);
      else kept.set(k, [e]);
    }
    const touched: OpenAlert[] = [];
    for (const [k, evs] of kept) {
      const g = groups.get(k)!;
      const first = evs.reduce((a, e) => (e.at < a ? e.at : a), evs[0]!.at);
      let found = g.found;
      if (found && found.last_at < since(first)) {
        // The max last_at no longer reaches the window: no open alert does, so these start a new one.
        found = null;
        g.alertId = newId();
        await tx
          .updateTable('monitor_events')
          .set({ alert_id: g.alertId })
          .where('school_id', '=', schoolId)
          .where(
            'id',
            'in',
            evs.map((e) => e.id),
          )
          .execute();
      }
      touched.push(await writeAlert(ctx, tx, schoolId, origin, { ...g, found, events: evs }));
    }
    await notifyNew(
      ctx,
      tx,
      schoolId,
      touched.filter((a) => a.severity >= NOTIFY_SEVERITY && !a.notified_at),
    );
    return { ids: touched.map((a) => a.id) };
  };
  return { assigned, apply };
}

/** A found alert takes a group's new events: built and compiled once (a batch updates about 25). */
const updateAlert = preparedOf<
  UpdateResult,
  [number, number, string, string, string, string, string, string]
>((db, severity, eventCount, firstAt, lastAt, matchIds, updatedAt, id, schoolId) =>
  db
    .updateTable('monitor_alerts')
    .set({
      severity,
      event_count: eventCount,
      first_at: firstAt,
      last_at: lastAt,
      match_ids: matchIds,
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .where('school_id', '=', schoolId),
);

/** Adds a group's new events to its found alert, or inserts the new alert under the planned id. */
async function writeAlert(
  ctx: AppContext,
  tx: Executor,
  schoolId: string,
  origin: MonitorAlertTable['origin'],
  g: Group,
): Promise<OpenAlert> {
  const now = iso(ctx.clock.now());
  const times = g.events.map((e) => e.at).sort();
  const first = times[0]!;
  const last = times[times.length - 1]!;
  const severity = Math.max(...g.events.map((e) => e.severity));
  const ids = new Set(g.events.flatMap((e) => e.matchIds));
  const found = g.found;
  if (found) {
    for (const id of JSON.parse(found.match_ids) as string[]) ids.add(id);
    const alert = {
      ...found,
      severity: Math.max(found.severity, severity),
      event_count: found.event_count + g.events.length,
      first_at: found.first_at < first ? found.first_at : first,
      last_at: found.last_at > last ? found.last_at : last,
      match_ids: JSON.stringify([...ids]),
      updated_at: now,
    };
    await updateAlert(
      tx,
      alert.severity,
      alert.event_count,
      alert.first_at,
      alert.last_at,
      alert.match_ids,
      now,
      found.id,
      schoolId,
    );
    return alert;
  }
  const alert: MonitorAlertTable = {
    id: g.alertId,
    school_id: schoolId,
    origin,
    ...g.subject,
    category: g.category,
    severity,
    event_count: g.events.length,
    first_at: first,
    last_at: last,
    status: 'open',
    restricted: g.events.some((e) => e.personKind === 'staff') ? 1 : 0,
    match_ids: JSON.stringify([...ids]),
    notified_at: null,
    triaged_by: null,
    triaged_at: null,
    concern_id: null,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('monitor_alerts').values(alert).execute();
  return alert;
}

/** In-app and email, in the ingest's transaction; nothing about the pupil, the theme or the words. */
async function notifyNew(ctx: AppContext, tx: Executor, schoolId: string, alerts: OpenAlert[]) {
  if (alerts.length === 0) return;
  const subjects = await restrictedSubjects(tx, schoolId, alerts);
  const now = iso(ctx.clock.now());
  for (const a of alerts) {
    const recipients = await recipientsOf(tx, schoolId, a, subjects.get(a.id));
    const message = {
      schoolId,
      subject: 'A monitoring alert needs your attention',
      body: 'Harbour has raised a serious monitoring alert. Sign in to Harbour to see it.',
      link: `/monitoring/alerts/${a.id}`,
    };
    for (const accountId of recipients) {
      await enqueueInApp(ctx, tx, { ...message, recipientAccountId: accountId });
      await enqueueEmail(ctx, tx, { ...message, recipientAccountId: accountId });
    }
    await tx
      .updateTable('monitor_alerts')
      .set({ notified_at: now })
      .where('id', '=', a.id)
      .where('school_id', '=', schoolId)
      .execute();
  }
}
