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
import { restrictedSubjects } from './visibility.js';

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

/**
 * The head (or the chair, when the head is the subject) names a DSL who may see an alert about a member of
 * staff (clarification 6). The named person must be on the DSL team and not the subject.
 */
export async function nameViewer(c: Caller, id: string, body: z.infer<typeof NameViewer>) {
  const schoolId = c.actor.schoolId;
  const key = await schoolKey(c.ctx, schoolId);
  return c.ctx.db.transaction().execute(async (tx) => {
    const alert = await alertFor(c, tx, id);
    const subject = (await restrictedSubjects(tx, schoolId, [alert])).get(id);
    const routeHolder = subject?.subjectIsHead
      ? c.actor.roles.includes('chair_of_governors')
      : c.actor.roles.includes('headteacher');
    if (!alert.restricted || !routeHolder)
      throw new AppError('forbidden', 'Only the head (or the chair, for the head) names who sees this alert');
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
    await addNote(c, tx, key, id, 'viewer', undefined);
    await auditAs(
      c,
      tx,
      'monitor.alert.viewer',
      { type: 'monitor_alert', id },
      { accountId: body.accountId },
    );
    return { id, accountId: body.accountId };
  });
}
