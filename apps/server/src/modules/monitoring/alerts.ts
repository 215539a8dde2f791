import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
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

export async function raiseAlerts(
  ctx: AppContext,
  tx: Executor,
  schoolId: string,
  events: StoredEvent[],
  origin: MonitorAlertTable['origin'] = 'classifier',
  /** When given, each event's alert is put here (for rows not inserted yet) instead of updated in place. */
  assign?: Map<string, string>,
): Promise<{ ids: string[] }> {
  const matched = events.filter((e) => e.category && e.severity >= ALERT_MIN_SEVERITY);
  if (matched.length === 0) return { ids: [] };
  const { groupWindowHours } = await getSetting(ctx, MonitoringSettings, schoolId, tx);
  const windowMs = groupWindowHours * 3_600_000;
  const groups = new Map<string, { subject: Subject; category: string; events: StoredEvent[] }>();
  for (const e of matched) {
    const subject = subjectOf(e);
    const k = `${subjectKey(subject)}|${e.category}`;
    const g = groups.get(k) ?? { subject, category: e.category!, events: [] };
    g.events.push(e);
    groups.set(k, g);
  }
  const now = iso(ctx.clock.now());
  const touched: MonitorAlertTable[] = [];
  for (const g of groups.values()) {
    const times = g.events.map((e) => e.at).sort();
    const first = times[0]!;
    const last = times[times.length - 1]!;
    const severity = Math.max(...g.events.map((e) => e.severity));
    const ids = new Set(g.events.flatMap((e) => e.matchIds));
    const staff = g.events.some((e) => e.personKind === 'staff');
    const s = g.subject;
    let q = tx
      .selectFrom('monitor_alerts')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('origin', '=', origin)
      .where('subject_kind', '=', s.subject_kind)
      .where('category', '=', g.category)
      .where('status', 'in', [...OPEN_STATUSES])
      .where('last_at', '>=', new Date(Date.parse(first) - windowMs).toISOString());
    if (s.person_id) q = q.where('person_id', '=', s.person_id);
    else if (s.device) q = q.where('device', '=', s.device);
    else q = q.where('client', '=', s.client);
    const found = await q.orderBy('last_at', 'desc').executeTakeFirst();
    let alert: MonitorAlertTable;
    if (found) {
      for (const id of JSON.parse(found.match_ids) as string[]) ids.add(id);
      alert = {
        ...found,
        severity: Math.max(found.severity, severity),
        event_count: found.event_count + g.events.length,
        first_at: found.first_at < first ? found.first_at : first,
        last_at: found.last_at > last ? found.last_at : last,
        match_ids: JSON.stringify([...ids]),
        updated_at: now,
      };
      await tx
        .updateTable('monitor_alerts')
        .set({
          severity: alert.severity,
          event_count: alert.event_count,
          first_at: alert.first_at,
          last_at: alert.last_at,
          match_ids: alert.match_ids,
          updated_at: now,
        })
        .where('id', '=', found.id)
        .where('school_id', '=', schoolId)
        .execute();
    } else {
      alert = {
        id: newId(),
        school_id: schoolId,
        origin,
        ...s,
        category: g.category,
        severity,
        event_count: g.events.length,
        first_at: first,
        last_at: last,
        status: 'open',
        restricted: staff ? 1 : 0,
        match_ids: JSON.stringify([...ids]),
        notified_at: null,
        triaged_by: null,
        triaged_at: null,
        concern_id: null,
        created_at: now,
        updated_at: now,
      };
      await tx.insertInto('monitor_alerts').values(alert).execute();
    }
    if (assign) for (const e of g.events) assign.set(e.id, alert.id);
    else
      await tx
        .updateTable('monitor_events')
        .set({ alert_id: alert.id })
        .where('school_id', '=', schoolId)
        .where(
          'id',
          'in',
          g.events.map((e) => e.id),
        )
        .execute();
    touched.push(alert);
  }
  await notifyNew(
    ctx,
    tx,
    schoolId,
    touched.filter((a) => a.severity >= NOTIFY_SEVERITY && !a.notified_at),
  );
  return { ids: touched.map((a) => a.id) };
}

/** In-app and email, in the ingest's transaction; nothing about the pupil, the theme or the words. */
async function notifyNew(ctx: AppContext, tx: Executor, schoolId: string, alerts: MonitorAlertTable[]) {
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
