import { IMAGERY_REFUSAL, isImageryCategory, type ConcernCategory } from '@harbour/shared';
import type { z } from 'zod';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { addMinutes, iso } from '../../lib/time.js';
import { findPerson } from '../people/lookup.js';
import { access, currentTexts, TEXT_COLUMNS } from './read.js';
import * as repo from './repo.js';
import type { AddText, Amend, Custody, ImageryViewed } from './schema.js';
import { opener, sealer } from './seal.js';

const forbidden = (msg: string) => new AppError('forbidden', msg);

/** The reporter adds to their own report; the DSL team (who may manage it) to any they hold. */
export async function writable(c: Caller, id: string) {
  const a = await access(c, id);
  if (!a.canManage && a.row.reporter_account_id !== c.actor.accountId)
    throw forbidden('Only the person who reported this concern or the DSL team can add to it');
  return a;
}

export async function managed(c: Caller, id: string) {
  const a = await access(c, id);
  if (!a.canManage) throw forbidden('Only the DSL team holding this concern can do that');
  return a;
}

function notFuture(c: Caller, at: string | undefined, path: string): string {
  const now = c.ctx.clock.now();
  if (!at) return iso(now);
  const d = new Date(at);
  if (d > addMinutes(now, 5))
    throw new AppError('validation', 'The date cannot be in the future', [
      { path, message: 'in the future' },
    ]);
  return iso(d);
}

/** An addition by the reporter, or a working note by the DSL team (kind decides who sees it). */
export async function addText(
  c: Caller,
  id: string,
  kind: 'addition' | 'note',
  body: z.infer<typeof AddText>,
) {
  const a = kind === 'note' ? await managed(c, id) : await writable(c, id);
  const seal = await sealer(c.ctx, c.actor.schoolId);
  const noteId = newId();
  const eventAt = notFuture(c, body.eventAt, 'eventAt');
  await c.ctx.db.transaction().execute(async (tx) => {
    await repo.insertNote(tx, {
      id: noteId,
      school_id: c.actor.schoolId,
      concern_id: a.row.id,
      kind,
      body_enc: seal.text(noteId, 'body', body.text),
      event_at: eventAt,
      created_at: iso(c.ctx.clock.now()),
      created_by: c.actor.accountId,
    });
    await auditAs(c, tx, `concern.${kind}`, { type: 'concern', id }, { noteId });
  });
  return { id: noteId };
}

/** Court-safe amendment (issue 3): the original and the new text, who, when and why; nothing edited in place. */
export async function amend(c: Caller, id: string, body: z.infer<typeof Amend>) {
  const a = await writable(c, id);
  const schoolId = c.actor.schoolId;
  if (body.field === 'account' && body.text === '')
    throw new AppError('validation', 'What was seen or said cannot be left empty', [
      { path: 'text', message: 'required' },
    ]);
  const amendmentId = newId();
  const seal = await sealer(c.ctx, schoolId);
  await c.ctx.db.transaction().execute(async (tx) => {
    const previous = currentTexts(
      a.row,
      await repo.childrenOf(tx, 'concern_amendments', schoolId, id),
      await opener(c.ctx, schoolId),
    )[body.field];
    if ((previous ?? '') === body.text)
      throw new AppError('validation', 'The new text is the same as the current text', [
        { path: 'text', message: 'unchanged' },
      ]);
    await repo.insertAmendment(tx, {
      id: amendmentId,
      school_id: schoolId,
      concern_id: id,
      field: body.field,
      previous_enc: seal.maybe(amendmentId, 'previous', previous),
      new_enc: seal.maybe(amendmentId, 'new', body.text),
      reason_enc: seal.text(amendmentId, 'reason', body.reason),
      amended_at: iso(c.ctx.clock.now()),
      amended_by: c.actor.accountId,
    });
    await auditAs(c, tx, 'concern.amend', { type: 'concern', id }, { amendmentId, field: body.field });
  });
  return { id: amendmentId, column: TEXT_COLUMNS[body.field].aad };
}

/** Device custody (policy 9.1-9.3): which device, secured by whom, where, when, handed to whom. */
export async function recordCustody(c: Caller, id: string, body: z.infer<typeof Custody>) {
  const a = await writable(c, id);
  const schoolId = c.actor.schoolId;
  if (body.event !== 'secured' && !body.handedTo)
    throw new AppError('validation', 'Say who the device was handed to', [
      { path: 'handedTo', message: 'required' },
    ]);
  const by = body.byPersonId ?? c.actor.personId;
  if (body.byPersonId) {
    const p = await findPerson(c.ctx.db, schoolId, body.byPersonId);
    if (!p || p.kind !== 'staff')
      throw new AppError('validation', 'The custody record is not complete', [
        { path: 'byPersonId', message: 'not a member of staff of this school' },
      ]);
  }
  const at = notFuture(c, body.at, 'at');
  const custodyId = newId();
  const seal = await sealer(c.ctx, schoolId);
  await c.ctx.db.transaction().execute(async (tx) => {
    await repo.insertCustody(tx, {
      id: custodyId,
      school_id: schoolId,
      concern_id: a.row.id,
      event: body.event,
      at,
      device_enc: seal.text(custodyId, 'device', body.device),
      place_enc: seal.maybe(custodyId, 'place', body.place),
      handed_to_enc: seal.maybe(custodyId, 'handed_to', body.handedTo),
      by_person_id: by,
      recorded_at: iso(c.ctx.clock.now()),
      recorded_by: c.actor.accountId,
    });
    await auditAs(c, tx, 'concern.custody', { type: 'concern', id }, { custodyId, event: body.event });
  });
  return { id: custodyId };
}

/** A DSL records that suspected imagery was viewed, when, and why it was unavoidable (policy 9.1). */
export async function recordImageryViewed(c: Caller, id: string, body: z.infer<typeof ImageryViewed>) {
  const a = await managed(c, id);
  if (!isImageryCategory(a.row.category as ConcernCategory))
    throw new AppError('validation', 'Only a concern about suspected indecent imagery has this record', [
      { path: 'category', message: 'not an imagery category' },
    ]);
  const viewedAt = notFuture(c, body.viewedAt, 'viewedAt');
  const viewId = newId();
  const seal = await sealer(c.ctx, c.actor.schoolId);
  await c.ctx.db.transaction().execute(async (tx) => {
    await repo.insertImageryView(tx, {
      id: viewId,
      school_id: c.actor.schoolId,
      concern_id: id,
      viewed_by: c.actor.accountId,
      viewed_at: viewedAt,
      reason_enc: seal.text(viewId, 'reason', body.reason),
      recorded_at: iso(c.ctx.clock.now()),
    });
    await auditAs(c, tx, 'concern.imagery_viewed', { type: 'concern', id }, { viewId });
  });
  return { id: viewId };
}

export const imageryRefusal = () =>
  new AppError('forbidden', IMAGERY_REFUSAL, { reason: 'imagery_category', instead: 'custody' });
