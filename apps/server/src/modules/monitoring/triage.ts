import { scopesFor } from '@harbour/shared';
import type { z } from 'zod';
import type { Executor } from '../../db/index.js';
import type { MonitorAlertNoteTable, MonitorAlertTable } from '../../db/schema-monitoring.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { seal } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { rolesIn } from '../auth/sessions.js';
import { schoolKey } from '../schools/keys.js';
import { alertFor } from './alerts-read.js';
import type { NameViewer, Triage } from './schema.js';
import { holdsRoute, restrictedSubjects } from './visibility.js';

/**
 * Triage (issue 6): false positive with a reason (counted per phrase, so the library can be tuned), a note
 * while keeping watch, a plain note, or reopening. Notes are sealed under the school key; the audit entry
 * names the action only.
 */
const STATUS_AFTER: Record<z.infer<typeof Triage>['action'], MonitorAlertTable['status'] | null> = {
  false_positive: 'false_positive',
  watch: 'watching',
  note: null,
  reopen: 'open',
};

export async function addNote(
  c: Caller,
  tx: Executor,
  key: Buffer,
  alertId: string,
  action: MonitorAlertNoteTable['action'],
  text: string | undefined,
): Promise<string> {
  const id = newId();
  await tx
    .insertInto('monitor_alert_notes')
    .values({
      id,
      school_id: c.actor.schoolId,
      alert_id: alertId,
      action,
      body_enc: text ? seal(key, text, id) : null,
      author_account_id: c.actor.accountId,
      at: iso(c.ctx.clock.now()),
    })
    .execute();
  return id;
}

export async function triageAlert(c: Caller, id: string, body: z.infer<typeof Triage>) {
  const key = await schoolKey(c.ctx, c.actor.schoolId);
  return c.ctx.db.transaction().execute(async (tx) => {
    const alert = await alertFor(c, tx, id);
    if (alert.status === 'escalated')
      throw new AppError('conflict', 'This alert has been escalated to a concern: work on it there');
    const next = STATUS_AFTER[body.action];
    if (body.action === 'reopen' && alert.status === 'open')
      throw new AppError('conflict', 'This alert is already open');
    const text = body.action === 'false_positive' ? body.reason : body.note;
    const noteId = await addNote(c, tx, key, id, body.action, text);
    const now = iso(c.ctx.clock.now());
    if (next)
      await tx
        .updateTable('monitor_alerts')
        .set({ status: next, triaged_by: c.actor.accountId, triaged_at: now, updated_at: now })
        .where('id', '=', id)
        .where('school_id', '=', c.actor.schoolId)
        .execute();
    await auditAs(c, tx, `monitor.alert.${body.action}`, { type: 'monitor_alert', id }, { noteId });
    return { id, status: next ?? alert.status, noteId };
  });
}

/** Only the head (or the chair, when the head is the subject) says who sees an alert about staff: 403 otherwise. */
async function requireRouteHolder(c: Caller, tx: Executor, alert: MonitorAlertTable) {
  const subject = (await restrictedSubjects(tx, c.actor.schoolId, [alert])).get(alert.id);
  if (!alert.restricted || !holdsRoute(c.actor.roles, subject))
    throw new AppError('forbidden', 'Only the head (or the chair, for the head) names who sees this alert');
  return subject;
}

/** A viewer named or removed: in the alert's trail (no text) and the audit trail (the account's id). */
async function logViewerChange(
  c: Caller,
  tx: Executor,
  key: Buffer,
  id: string,
  action: 'viewer' | 'viewer_removed',
  accountId: string,
) {
  await addNote(c, tx, key, id, action, undefined);
  const audited = action === 'viewer' ? 'monitor.alert.viewer' : 'monitor.alert.viewer_remove';
  await auditAs(c, tx, audited, { type: 'monitor_alert', id }, { accountId });
}

/**
 * The head (or the chair, when the head is the subject) names a DSL who may see an alert about a member of
 * staff (clarification 6). The named person must be on the DSL team and not the subject.
 */
export async function nameViewer(c: Caller, id: string, body: z.infer<typeof NameViewer>) {
  const schoolId = c.actor.schoolId;
  const key = await schoolKey(c.ctx, schoolId);
  return c.ctx.db.transaction().execute(async (tx) => {
    const alert = await alertFor(c, tx, id);
    const subject = await requireRouteHolder(c, tx, alert);
    const roles = await rolesIn(tx, body.accountId, schoolId);
    if (!scopesFor(roles, 'monitoring.read').includes('school') || body.accountId === subject?.accountId)
      throw new AppError('validation', 'That person is not on the safeguarding team here', [
        { path: 'accountId', message: 'not a designated safeguarding lead of this school' },
      ]);
    await tx
      .insertInto('monitor_alert_viewers')
      .values({
        id: newId(),
        school_id: schoolId,
        alert_id: id,
        account_id: body.accountId,
        named_by: c.actor.accountId,
        named_at: iso(c.ctx.clock.now()),
      })
      .onConflict((oc) => oc.columns(['school_id', 'alert_id', 'account_id']).doNothing())
      .execute();
    await logViewerChange(c, tx, key, id, 'viewer', body.accountId);
    return { id, accountId: body.accountId };
  });
}

/**
 * The head (or the chair, when the head is the subject) takes a named DSL off an alert about staff: from then
 * on the alert, its events and its audit entries are hidden from them again (404, as for any alert they may not
 * know of). Logged in the alert's trail and the audit trail.
 */
export async function removeViewer(c: Caller, id: string, body: z.infer<typeof NameViewer>) {
  const schoolId = c.actor.schoolId;
  const key = await schoolKey(c.ctx, schoolId);
  return c.ctx.db.transaction().execute(async (tx) => {
    const alert = await alertFor(c, tx, id);
    await requireRouteHolder(c, tx, alert);
    const r = await tx
      .deleteFrom('monitor_alert_viewers')
      .where('school_id', '=', schoolId)
      .where('alert_id', '=', id)
      .where('account_id', '=', body.accountId)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1)
      throw new AppError('not_found', 'That person is not named on this alert');
    await logViewerChange(c, tx, key, id, 'viewer_removed', body.accountId);
    return { id, accountId: body.accountId, removed: true };
  });
}
