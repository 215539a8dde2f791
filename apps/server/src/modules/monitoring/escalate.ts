import type { ConcernCategory } from '@harbour/shared';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { openText } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { rolesIn } from '../auth/sessions.js';
import { recordConcern } from '../concerns/record.js';
import { findPerson } from '../people/lookup.js';
import { schoolKey } from '../schools/keys.js';
import { alertFor } from './alerts-read.js';
import type { Escalate } from './schema.js';
import { addNote } from './triage.js';
import { maySee, restrictedSubjects } from './visibility.js';

/**
 * Escalating an alert to a concern (issue 6): a concern of the matching category, pre-filled with the alert's
 * events (time, kind, what was searched, typed or visited), about the pupil, the member of staff (a restricted
 * allegation, clarification 6) or the device. The alert and its events are attached to the concern in the same
 * transaction, so retention keeps them as long as the concern, and a crash leaves neither half.
 */
export const CONCERN_CATEGORY_OF: Record<string, ConcernCategory> = {
  'self-harm': 'other',
  grooming: 'online_sexual_abuse',
  extremism: 'radicalisation',
  weapons: 'other',
  hate: 'online_hate',
  bullying: 'cyberbullying',
  pornography: 'filtering_breach',
  drugs: 'other',
  gambling: 'other',
};
const MAX_LINES = 200;

export async function escalateAlert(c: Caller, id: string, body: z.infer<typeof Escalate>) {
  const schoolId = c.actor.schoolId;
  const alert = await alertFor(c, c.ctx.db, id);
  if (alert.status === 'escalated')
    throw new AppError('conflict', 'This alert is already escalated to a concern');
  const key = await schoolKey(c.ctx, schoolId);
  const events = await c.ctx.db
    .selectFrom('monitor_events')
    .select(['id', 'at', 'kind', 'payload_enc', 'severity'])
    .where('school_id', '=', schoolId)
    .where('alert_id', '=', id)
    .orderBy('at', 'asc')
    .execute();
  const lines = events.slice(0, MAX_LINES).map((e) => {
    const p = JSON.parse(openText(key, e.payload_enc, e.id)) as {
      text: string | null;
      url: string | null;
      search: string | null;
      names?: string[];
    };
    const what = p.search ?? p.text ?? p.url ?? p.names?.join(', ') ?? '';
    return `- ${e.at.slice(0, 16).replace('T', ' ')} UTC, ${e.kind} (severity ${e.severity}): ${what}${p.url && p.url !== what ? ` [${p.url}]` : ''}`;
  });
  const more =
    events.length > MAX_LINES ? [`(and ${events.length - MAX_LINES} more events in the alert)`] : [];
  const account = [
    body.account?.trim() || `Raised from a monitoring alert (${alert.category}, severity ${alert.severity}).`,
    '',
    `Events (${events.length}):`,
    ...lines,
    ...more,
  ]
    .join('\n')
    .slice(0, 20_000);
  const subject = alert.person_id ? await findPerson(c.ctx.db, schoolId, alert.person_id) : undefined;
  const staff = alert.restricted === 1 && subject?.kind === 'staff';
  const pupil = subject?.kind === 'pupil';
  const category: ConcernCategory = staff
    ? 'staff_allegation'
    : (body.category ?? CONCERN_CATEGORY_OF[alert.category] ?? 'other');
  const concernBody = {
    category,
    subtype: null,
    pupils: pupil ? [{ personId: subject.id, subject: true }] : [],
    adult: !pupil && !staff ? { personId: subject?.id ?? null, description: describe(alert) } : null,
    staffSubjectPersonId: staff ? subject.id : null,
    occurredAt: alert.first_at,
    location: null,
    account,
    immediateAction: null,
    dslToldInPerson: false,
    dslToldPersonId: null,
  };
  // One transaction: the concern, the alert marked escalated and its events attached, or none of them. The
  // alert is claimed only if no other escalation got there first, so escalating twice makes one concern.
  const created = await recordConcern(c, concernBody, async (tx, concernId) => {
    await alertFor(c, tx, id); // still this caller's to see (a named viewer may have been removed meanwhile)
    const now = iso(c.ctx.clock.now());
    const claimed = await tx
      .updateTable('monitor_alerts')
      .set({
        status: 'escalated',
        concern_id: concernId,
        triaged_by: c.actor.accountId,
        triaged_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('school_id', '=', schoolId)
      .where('status', '<>', 'escalated')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new AppError('conflict', 'This alert is already escalated to a concern');
    await tx
      .updateTable('monitor_events')
      .set({ concern_id: concernId })
      .where('school_id', '=', schoolId)
      .where('alert_id', '=', id)
      .execute();
    await addNote(c, tx, key, id, 'escalate', undefined);
    await auditAs(
      c,
      tx,
      'monitor.alert.escalate',
      { type: 'monitor_alert', id },
      { concernId, events: events.length },
    );
  });
  const concernId = created.concern.id;
  return { id, status: 'escalated', concernId };
}

function describe(a: { device: string | null; client: string | null; subject_kind: string }): string {
  if (a.subject_kind === 'device')
    return `The user of device ${a.device}${a.client ? ` (address ${a.client})` : ''}`;
  if (a.subject_kind === 'client') return `The user at network address ${a.client ?? 'unknown'}`;
  return 'The person named in the monitoring alert';
}

/**
 * Audit entries naming an alert about a member of staff are hidden from whoever may not see the alert, the
 * subject above all (clarification 6: never in any audit view).
 */
export async function hideRestrictedAlerts(ctx: AppContext, reader: { schoolId: string; accountId: string }) {
  const db: Executor = ctx.db;
  const rows = await db
    .selectFrom('monitor_alerts')
    .select(['id', 'person_id', 'restricted'])
    .where('school_id', '=', reader.schoolId)
    .where('restricted', '=', 1)
    .execute();
  if (rows.length === 0) return { entityType: 'monitor_alert', ids: [] };
  const subjects = await restrictedSubjects(db, reader.schoolId, rows);
  const named = await db
    .selectFrom('monitor_alert_viewers')
    .select('alert_id')
    .where('school_id', '=', reader.schoolId)
    .where('account_id', '=', reader.accountId)
    .execute();
  const namedOn = new Set(named.map((n) => n.alert_id));
  const roles = await rolesIn(db, reader.accountId, reader.schoolId);
  const viewer = { accountId: reader.accountId, roles };
  return {
    entityType: 'monitor_alert',
    ids: rows
      .filter(
        (r) =>
          !maySee(viewer, r, subjects.get(r.id), namedOn.has(r.id) ? new Set([reader.accountId]) : new Set()),
      )
      .map((r) => r.id),
  };
}
