import { MONITOR_CATEGORY_LABELS, isMonitorCategory } from '@harbour/shared';
import type { z } from 'zod';
import type { Executor } from '../../db/index.js';
import type { MonitorAlertTable } from '../../db/schema-monitoring.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { openText } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { accountNames } from '../filtering/people.js';
import { displayName, findPeople } from '../people/lookup.js';
import { schoolKey } from '../schools/keys.js';
import { priorityOf } from './alerts.js';
import type { AlertsQuery } from './schema.js';
import { DSL_TEAM_ROLES, holdsRoute, maySee, restrictedSubjects } from './visibility.js';
import { accountsWithRoles } from '../filtering/people.js';
import { wordingOf } from './wording.js';

/**
 * Reading alerts (issue 6): only the DSL team (and, for alerts about staff, the head or chair and whom they
 * name: clarification 6); a list logs one audit entry with its filter and ids, opening an alert logs one
 * with the events shown (clarification 8). An alert the reader may not know of answers 404.
 */
const MAX_EVENTS = 500;

async function namedViewers(db: Executor, schoolId: string, alertIds: string[]) {
  const out = new Map<string, Set<string>>();
  if (alertIds.length === 0) return out;
  for (const v of await db
    .selectFrom('monitor_alert_viewers')
    .select(['alert_id', 'account_id'])
    .where('school_id', '=', schoolId)
    .where('alert_id', 'in', alertIds)
    .execute())
    out.set(v.alert_id, (out.get(v.alert_id) ?? new Set()).add(v.account_id));
  return out;
}

/** The alerts this caller may see, from the rows given. */
export async function visibleAlerts(c: Caller, db: Executor, rows: MonitorAlertTable[]) {
  const schoolId = c.actor.schoolId;
  const subjects = await restrictedSubjects(db, schoolId, rows);
  const named = await namedViewers(
    db,
    schoolId,
    rows.filter((r) => r.restricted).map((r) => r.id),
  );
  const viewer = { accountId: c.actor.accountId, roles: c.actor.roles };
  return rows.filter((r) => maySee(viewer, r, subjects.get(r.id), named.get(r.id) ?? new Set()));
}

/** One alert the caller may see, or 404. */
export async function alertFor(c: Caller, db: Executor, id: string): Promise<MonitorAlertTable> {
  const row = await db
    .selectFrom('monitor_alerts')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || (await visibleAlerts(c, db, [row])).length === 0) throw new AppError('not_found', 'Not found');
  return row;
}

async function subjectLabels(c: Caller, rows: MonitorAlertTable[]) {
  const people = await findPeople(c.ctx.db, c.actor.schoolId, [
    ...new Set(rows.flatMap((r) => (r.person_id ? [r.person_id] : []))),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  return (r: MonitorAlertTable) => {
    const p = r.person_id ? byId.get(r.person_id) : undefined;
    return {
      kind: r.subject_kind,
      personId: r.person_id,
      name: p ? displayName(p) : r.subject_kind === 'person' ? 'Unknown person' : null,
      personKind: p?.kind ?? null,
      yearGroup: p?.year_group ?? null,
      className: p?.class_name ?? null,
      device: r.device,
      client: r.client,
    };
  };
}

function present(r: MonitorAlertTable, now: Date) {
  return {
    id: r.id,
    origin: r.origin,
    category: r.category,
    categoryLabel: isMonitorCategory(r.category) ? MONITOR_CATEGORY_LABELS[r.category] : r.category,
    severity: r.severity,
    eventCount: r.event_count,
    firstAt: r.first_at,
    lastAt: r.last_at,
    status: r.status,
    restricted: r.restricted === 1,
    priority: priorityOf(r, now),
    concernId: r.concern_id,
  };
}

export async function listAlerts(c: Caller, q: z.infer<typeof AlertsQuery>) {
  let query = c.ctx.db.selectFrom('monitor_alerts').selectAll().where('school_id', '=', c.actor.schoolId);
  if (q.status === 'active') query = query.where('status', 'in', ['open', 'watching']);
  else if (q.status !== 'all') query = query.where('status', '=', q.status);
  if (q.category) query = query.where('category', '=', q.category);
  if (q.personId) query = query.where('person_id', '=', q.personId);
  const rows = await visibleAlerts(c, c.ctx.db, await query.orderBy('last_at', 'desc').limit(2000).execute());
  const now = c.ctx.clock.now();
  const label = await subjectLabels(c, rows);
  const alerts = rows
    .map((r) => ({ ...present(r, now), subject: label(r) }))
    .sort((a, b) => b.priority - a.priority || b.lastAt.localeCompare(a.lastAt))
    .slice(0, q.limit);
  await auditAs(
    c,
    c.ctx.db,
    'monitor.alert.list',
    { type: 'monitor_alert' },
    {
      filter: { status: q.status, category: q.category ?? null, personId: q.personId ?? null },
      ids: alerts.map((a) => a.id),
    },
  );
  return { alerts };
}

export async function getAlert(c: Caller, id: string) {
  const schoolId = c.actor.schoolId;
  const alert = await alertFor(c, c.ctx.db, id);
  const key = await schoolKey(c.ctx, schoolId);
  const events = await c.ctx.db
    .selectFrom('monitor_events')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('alert_id', '=', id)
    .orderBy('at', 'desc')
    .limit(MAX_EVENTS)
    .execute();
  const notes = await c.ctx.db
    .selectFrom('monitor_alert_notes')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('alert_id', '=', id)
    .orderBy('at', 'asc')
    .execute();
  const viewers = await c.ctx.db
    .selectFrom('monitor_alert_viewers')
    .select(['account_id', 'named_at'])
    .where('school_id', '=', schoolId)
    .where('alert_id', '=', id)
    .execute();
  const wording = await wordingOf(
    c.ctx.db,
    schoolId,
    events.flatMap((e) => JSON.parse(e.match_ids) as string[]),
  );
  const names = await accountNames(c.ctx.db, schoolId, [
    ...notes.flatMap((n) => (n.author_account_id ? [n.author_account_id] : [])),
    ...viewers.map((v) => v.account_id),
  ]);
  const label = await subjectLabels(c, [alert]);
  const { mayName, managesViewers } = await nameable(c, alert, new Set(viewers.map((v) => v.account_id)));
  await auditAs(
    c,
    c.ctx.db,
    'monitor.alert.read',
    { type: 'monitor_alert', id },
    {
      events: events.map((e) => e.id),
    },
  );
  return {
    alert: { ...present(alert, c.ctx.clock.now()), subject: label(alert) },
    events: events.map((e) => {
      const p = JSON.parse(openText(key, e.payload_enc, e.id)) as {
        text: string | null;
        url: string | null;
        search: string | null;
        names?: string[];
      };
      return {
        id: e.id,
        at: e.at,
        kind: e.kind,
        text: p.text,
        url: p.url,
        search: p.search,
        names: p.names ?? null,
        severity: e.severity,
        category: e.category,
        device: e.device,
        client: e.client,
        matches: (JSON.parse(e.match_ids) as string[]).map((m) => ({
          id: m,
          text: wording.get(m)?.text ?? m,
        })),
      };
    }),
    notes: notes.map((n) => ({
      id: n.id,
      action: n.action,
      at: n.at,
      by: n.author_account_id ? (names.get(n.author_account_id) ?? 'Unknown') : null,
      text: n.body_enc ? openText(key, n.body_enc, n.id) : null,
    })),
    viewers: viewers.map((v) => ({
      accountId: v.account_id,
      name: names.get(v.account_id) ?? 'Unknown',
      namedAt: v.named_at,
    })),
    mayName,
    /** The head (or the chair): may name and remove who sees this alert about staff. */
    managesViewers,
  };
}

/**
 * For the head (or the chair, when the head is the subject) on an alert about staff: the safeguarding team
 * members they may name to see it (never the subject, nobody already named). Empty for anyone else.
 */
async function nameable(c: Caller, alert: MonitorAlertTable, named: Set<string>) {
  const none = { mayName: [], managesViewers: false };
  if (!alert.restricted) return none;
  const subject = (await restrictedSubjects(c.ctx.db, c.actor.schoolId, [alert])).get(alert.id);
  if (!holdsRoute(c.actor.roles, subject)) return none;
  const ids = (await accountsWithRoles(c.ctx.db, c.actor.schoolId, DSL_TEAM_ROLES)).filter(
    (id) => id !== subject?.accountId && id !== c.actor.accountId && !named.has(id),
  );
  const names = await accountNames(c.ctx.db, c.actor.schoolId, ids);
  return {
    mayName: ids
      .map((accountId) => ({ accountId, name: names.get(accountId) ?? 'Unknown' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    managesViewers: true,
  };
}
