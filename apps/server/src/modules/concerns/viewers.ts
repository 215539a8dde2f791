import type { Role } from '@harbour/shared';
import type { z } from 'zod';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { entityHistory } from '../audit/service.js';
import { enqueueEmail, enqueueInApp } from '../outbox/service.js';
import { managed } from './additions.js';
import { access } from './read.js';
import * as repo from './repo.js';
import type { Viewers } from './schema.js';

/**
 * The custodian of an allegation about a member of staff (the head, or the chair when the head is the subject)
 * names the DSLs who may see it (clarification 6). Only DSLs and deputies of this school can be named, never
 * the subject.
 */
export async function setViewers(c: Caller, id: string, body: z.infer<typeof Viewers>) {
  const a = await access(c, id);
  const schoolId = c.actor.schoolId;
  if (!a.row.restricted)
    throw new AppError('validation', 'Only an allegation about a member of staff has named viewers', [
      { path: 'id', message: 'not a restricted record' },
    ]);
  if (!a.row.custodian_role || !c.actor.roles.includes(a.row.custodian_role as Role))
    throw new AppError(
      'forbidden',
      'Only the headteacher (or the chair, for an allegation about the head) names who sees this',
    );
  const subject = a.row.subject_person_id
    ? await c.ctx.db
        .selectFrom('people')
        .select('account_id')
        .where('school_id', '=', schoolId)
        .where('id', '=', a.row.subject_person_id)
        .executeTakeFirst()
    : undefined;
  const dsls = new Set(
    (await repo.accountsWithRoles(c.ctx.db, schoolId, ['dsl', 'deputy_dsl'])).map((r) => r.account_id),
  );
  const bad = body.add.filter((acc) => !dsls.has(acc) || acc === subject?.account_id);
  if (bad.length)
    throw new AppError(
      'validation',
      'Only the school’s DSLs and deputies can be named, and never the person the allegation is about',
      bad.map((b) => ({ path: 'add', message: `${b} cannot be named` })),
    );
  const now = iso(c.ctx.clock.now());
  await c.ctx.db.transaction().execute(async (tx) => {
    const current = new Set(
      (await repo.viewersOf(tx, schoolId, id)).filter((v) => !v.removed_at).map((v) => v.account_id),
    );
    for (const acc of new Set(body.add))
      if (!current.has(acc)) {
        // Told at once, with no detail: only that there is a record for them to see, and a link.
        const note = {
          schoolId,
          recipientAccountId: acc,
          subject: 'You have been named on a restricted concern',
          body: 'You have been named to see a restricted concern in Harbour. Sign in to read it: this message carries no details.',
          link: `/concerns/${id}`,
        };
        await enqueueInApp(c.ctx, tx, note);
        await enqueueEmail(c.ctx, tx, note);
        await repo.insertViewer(tx, {
          id: newId(),
          school_id: schoolId,
          concern_id: id,
          account_id: acc,
          named_at: now,
          named_by: c.actor.accountId,
          removed_at: null,
          removed_by: null,
        });
      }
    for (const acc of new Set(body.remove))
      await repo.removeViewer(tx, schoolId, id, acc, c.actor.accountId, now);
    await auditAs(c, tx, 'concern.viewers', { type: 'concern', id }, { add: body.add, remove: body.remove });
  });
  const viewers = (await repo.viewersOf(c.ctx.db, schoolId, id)).filter((v) => !v.removed_at);
  return { viewers: viewers.map((v) => ({ accountId: v.account_id, namedAt: v.named_at })) };
}

/** Who has opened, listed or changed this concern, from the audit trail (ids and actions, never narrative). */
export async function whoViewed(c: Caller, id: string) {
  await managed(c, id);
  const entries = await entityHistory(c.ctx, c.actor.schoolId, 'concern', id);
  await auditAs(c, null, 'concern.views', { type: 'concern', id });
  return { entries };
}
