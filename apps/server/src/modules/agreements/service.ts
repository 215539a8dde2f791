import { scopesFor, AUP_AUDIENCES, AUP_AUDIENCE_LABELS, type AupAudience } from '@harbour/shared';
import { primaryAudience } from './audience.js';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { PersonTable } from '../../db/schema.js';
import type { AupVersionTable } from '../../db/schema-compliance.js';
import { auditAs, schoolToday, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { endOfLocalDay, iso } from '../../lib/time.js';
import { childrenOf, displayName, findPerson, responsibleParentLink } from '../people/lookup.js';
import { getSchool } from '../schools/service.js';
import { getSetting } from '../settings/service.js';
import { SocialMedia } from '../policy/settings.js';
import { notifyPublished, remindUnsigned, scheduleReminders } from './reminders.js';
import * as repo from './repo.js';
import type { EditVersion, NewVersion, RecordBody } from './schema.js';
import { monitoringNotice } from '../monitoring/settings.js';
import { fillStarter, STARTER_TEXTS } from './starter-texts.js';
import { bindVisitorAddress } from './visitor-binding.js';
import { livePolicy } from '../filtering/live.js';

export const presentVersion = (v: AupVersionTable, currentId: string | null) => ({
  id: v.id,
  audience: v.audience,
  audienceLabel: AUP_AUDIENCE_LABELS[v.audience as AupAudience] ?? v.audience,
  version: v.version,
  title: v.title,
  body: v.body,
  status: v.status === 'published' && v.id !== currentId ? 'superseded' : v.status,
  current: v.id === currentId,
  createdAt: v.created_at,
  publishedAt: v.published_at,
});

export { primaryAudience };

async function publisherIds(ctx: AppContext, schoolId: string, db: Executor): Promise<string[]> {
  return (await getSetting(ctx, SocialMedia, schoolId, db)).publisherPersonIds;
}

/** Every agreement a person is asked to sign: their own, and the social-media one for staff who publish. */
export async function audiencesOf(ctx: AppContext, schoolId: string, p: PersonTable, db = ctx.db) {
  const list: AupAudience[] = [primaryAudience(p)];
  if (p.kind === 'staff' && (await publisherIds(ctx, schoolId, db)).includes(p.id))
    list.push('staff_social_media');
  return list;
}

export async function listDocuments(c: Caller) {
  const versions = await repo.versionsOf(c.ctx.db, c.actor.schoolId);
  const notice = await monitoringNotice(c.ctx, c.actor.schoolId);
  const schoolName = (await getSchool(c.ctx, c.actor.schoolId))?.name ?? 'the school';
  return {
    monitoringNotice: notice,
    audiences: AUP_AUDIENCES.map((audience) => {
      const mine = versions.filter((v) => v.audience === audience);
      const current = mine.find((v) => v.status === 'published') ?? null;
      return {
        audience,
        label: AUP_AUDIENCE_LABELS[audience],
        current: current ? presentVersion(current, current.id) : null,
        versions: mine.map((v) => presentVersion(v, current?.id ?? null)),
        starter: {
          title: STARTER_TEXTS[audience].title,
          body: fillStarter(STARTER_TEXTS[audience].body, { schoolName, monitoringNotice: notice }),
        },
      };
    }),
  };
}

export async function getVersion(c: Caller, id: string) {
  const v = await repo.getVersion(c.ctx.db, c.actor.schoolId, id);
  // Drafts are for the people who write them; everyone else meets only published texts.
  if (!v || (v.status === 'draft' && !canManage(c))) throw new AppError('not_found', 'Not found');
  const current = await repo.currentVersion(c.ctx.db, c.actor.schoolId, v.audience as AupAudience);
  const school = await getSchool(c.ctx, c.actor.schoolId);
  return {
    version: presentVersion(v, current?.id ?? null),
    schoolName: school?.name ?? '',
    // Shown with the agreement, whatever its text says (policy 6.1, 6.3).
    monitoringNotice: await monitoringNotice(c.ctx, c.actor.schoolId),
  };
}

const canManage = (c: Caller): boolean => scopesFor(c.actor.roles, 'agreements.manage').length > 0;

/** A new draft, from the starter text or the current version when no text is given. */
export async function createDraft(c: Caller, body: z.infer<typeof NewVersion>) {
  const school = await getSchool(c.ctx, c.actor.schoolId);
  const notice = await monitoringNotice(c.ctx, c.actor.schoolId);
  return c.ctx.db.transaction().execute(async (tx) => {
    const existing = await repo.versionsOf(tx, c.actor.schoolId);
    if (existing.some((v) => v.audience === body.audience && v.status === 'draft'))
      throw new AppError('conflict', 'There is already a draft for this audience: edit or publish it');
    const current = existing.find((v) => v.audience === body.audience && v.status === 'published');
    const starter = STARTER_TEXTS[body.audience];
    const now = iso(c.ctx.clock.now());
    const row: AupVersionTable = {
      id: newId(),
      school_id: c.actor.schoolId,
      audience: body.audience,
      version: (await repo.maxVersion(tx, c.actor.schoolId, body.audience)) + 1,
      title: body.title ?? current?.title ?? starter.title,
      body:
        body.body ??
        current?.body ??
        fillStarter(starter.body, { schoolName: school?.name ?? 'the school', monitoringNotice: notice }),
      status: 'draft',
      created_by: c.actor.accountId,
      created_at: now,
      updated_at: now,
      published_at: null,
      published_by: null,
    };
    await repo.insertVersion(tx, row);
    await auditAs(
      c,
      tx,
      'aup.draft',
      { type: 'aup_version', id: row.id },
      { audience: body.audience, version: row.version },
    );
    return { version: presentVersion(row, current?.id ?? null) };
  });
}

export async function editDraft(c: Caller, id: string, body: z.infer<typeof EditVersion>) {
  return c.ctx.db.transaction().execute(async (tx) => {
    const v = await repo.getVersion(tx, c.actor.schoolId, id);
    if (!v) throw new AppError('not_found', 'Not found');
    if (v.status !== 'draft')
      throw new AppError('conflict', 'A published version cannot change: start a new draft');
    const set = { ...body, updated_at: iso(c.ctx.clock.now()) };
    await repo.updateVersion(tx, c.actor.schoolId, id, set);
    await auditAs(c, tx, 'aup.edit', { type: 'aup_version', id }, { fields: Object.keys(body) });
    return { version: presentVersion({ ...v, ...set }, null) };
  });
}

/** Publishing makes the draft the current version: everyone in its audience must sign it again (policy 5.3). */
export async function publish(c: Caller, id: string) {
  return c.ctx.db.transaction().execute(async (tx) => {
    const v = await repo.getVersion(tx, c.actor.schoolId, id);
    if (!v) throw new AppError('not_found', 'Not found');
    if (v.status !== 'draft') throw new AppError('conflict', 'This version is already published');
    const now = iso(c.ctx.clock.now());
    await repo.updateVersion(tx, c.actor.schoolId, id, {
      status: 'published',
      published_at: now,
      published_by: c.actor.accountId,
      updated_at: now,
    });
    const notified = await notifyPublished(c.ctx, tx, c.actor.schoolId, v);
    await scheduleReminders(c.ctx, tx, c.actor.schoolId, v.id, 1);
    await auditAs(
      c,
      tx,
      'aup.publish',
      { type: 'aup_version', id },
      { audience: v.audience, version: v.version, notified },
    );
    return { version: presentVersion({ ...v, status: 'published', published_at: now }, id), notified };
  });
}

/** What the signed-in person is asked to sign: their own agreements, and a parent's children's. */
export async function mine(c: Caller) {
  const db = c.ctx.db;
  const schoolId = c.actor.schoolId;
  const me = c.actor.personId ? await findPerson(db, schoolId, c.actor.personId) : undefined;
  const notice = await monitoringNotice(c.ctx, schoolId);
  if (!me) return { items: [], monitoringNotice: notice };
  const people: { person: PersonTable; audience: AupAudience; forChild: boolean }[] = [];
  for (const a of await audiencesOf(c.ctx, schoolId, me))
    people.push({ person: me, audience: a, forChild: false });
  if (me.kind === 'parent' && c.scopes.includes('my_children'))
    for (const child of await childrenOf(db, schoolId, me.id))
      people.push({ person: child, audience: primaryAudience(child), forChild: true });
  const items = [];
  for (const { person, audience, forChild } of people) {
    const current = await repo.currentVersion(db, schoolId, audience);
    const sig = current ? await repo.signatureFor(db, schoolId, current.id, person.id) : undefined;
    items.push({
      personId: person.id,
      name: displayName(person),
      forChild,
      audience,
      audienceLabel: AUP_AUDIENCE_LABELS[audience],
      version: current ? presentVersion(current, current.id) : null,
      signedAt: sig?.signed_at ?? null,
      // A pupil too young to sign (EYFS, KS1) has it signed by a parent or recorded by staff.
      canSign: !!current && !sig && !(audience === 'pupil_ks1' && !forChild),
    });
  }
  // Shown with every agreement the person reads or signs, whatever its text says (policy 6.1, 6.3).
  return { items, monitoringNotice: notice };
}

async function requireCurrent(
  tx: Executor,
  schoolId: string,
  versionId: string,
  person: PersonTable,
  ctx: AppContext,
) {
  const v = await repo.getVersion(tx, schoolId, versionId);
  if (!v || v.status !== 'published') throw new AppError('not_found', 'Not found');
  const audiences = await audiencesOf(ctx, schoolId, person, tx);
  if (!audiences.includes(v.audience as AupAudience))
    throw new AppError('validation', 'This agreement is not the one for this person', [
      { path: 'versionId', message: 'wrong audience' },
    ]);
  const current = await repo.currentVersion(tx, schoolId, v.audience as AupAudience);
  if (current?.id !== v.id)
    throw new AppError('conflict', 'A newer version of this agreement has been published: sign that one');
  if (await repo.signatureFor(tx, schoolId, v.id, person.id))
    throw new AppError('conflict', 'This version has already been signed');
  return v;
}

/** Signing in the app: for yourself, or as a parent for your child. */
export async function sign(c: Caller, body: { versionId: string; personId?: string | undefined }) {
  const schoolId = c.actor.schoolId;
  const myId = c.actor.personId;
  if (!myId) throw new AppError('forbidden', 'Your account is not linked to a person in this school');
  const signed = await c.ctx.db.transaction().execute(async (tx) => {
    const targetId = body.personId ?? myId;
    const me = await findPerson(tx, schoolId, myId);
    const target = await findPerson(tx, schoolId, targetId);
    if (!me || !target) throw new AppError('not_found', 'Not found');
    let method: 'self' | 'parent' = 'self';
    if (targetId !== myId) {
      const link =
        c.scopes.includes('my_children') && me.kind === 'parent'
          ? await responsibleParentLink(tx, schoolId, myId, targetId)
          : undefined;
      if (!link) throw new AppError('not_found', 'Not found');
      method = 'parent';
    }
    const v = await requireCurrent(tx, schoolId, body.versionId, target, c.ctx);
    if (method === 'self' && v.audience === 'pupil_ks1')
      throw new AppError(
        'forbidden',
        'This agreement is signed by a parent or carer, or recorded by a member of staff',
      );
    const now = iso(c.ctx.clock.now());
    const id = newId();
    await repo.insertSignature(tx, {
      id,
      school_id: schoolId,
      version_id: v.id,
      audience: v.audience,
      person_id: target.id,
      method,
      signed_at: now,
      signed_by_person_id: method === 'parent' ? myId : null,
      recorded_by: c.actor.accountId,
      recorded_at: now,
      note: null,
    });
    await auditAs(
      c,
      tx,
      'aup.sign',
      { type: 'aup_signature', id },
      { versionId: v.id, personId: target.id, method },
    );
    // A visitor who accepts the visitor agreement reaches the guest network from the address they signed on.
    const binding =
      v.audience === 'visitor' && method === 'self' && target.kind === 'visitor'
        ? await bindVisitorAddress(c.ctx, tx, { schoolId, visitor: target, ip: c.ip })
        : null;
    if (binding)
      await auditAs(
        c,
        tx,
        'filter.binding.create',
        { type: 'filter_binding', id: binding.id },
        {
          groupId: binding.groupId,
          expiresAt: binding.expiresAt,
        },
      );
    return { signatureId: id, signedAt: now, binding };
  });
  if (signed.binding) await livePolicy(c.ctx).refresh();
  return signed;
}

/** Staff record a paper signature, or that a young pupil's agreement was discussed with them. */
export async function recordSignature(c: Caller, body: z.infer<typeof RecordBody>) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const person = await findPerson(tx, schoolId, body.personId);
    if (!person) throw new AppError('not_found', 'Not found');
    const today = await schoolToday(c.ctx, schoolId, tx);
    if (body.signedOn > today)
      throw new AppError('validation', 'The date cannot be in the future', [
        { path: 'signedOn', message: 'in the future' },
      ]);
    if (body.method === 'discussed' && person.kind !== 'pupil')
      throw new AppError('validation', 'Only a pupil’s agreement is recorded as discussed', [
        { path: 'method', message: 'pupils only' },
      ]);
    if (body.signedByPersonId) {
      if (
        person.kind !== 'pupil' ||
        !(await responsibleParentLink(tx, schoolId, body.signedByPersonId, person.id))
      )
        throw new AppError('validation', 'That person is not a parent or carer of this pupil', [
          { path: 'signedByPersonId', message: 'not a parent of the pupil' },
        ]);
    }
    const v = await requireCurrent(tx, schoolId, body.versionId, person, c.ctx);
    const school = await getSchool(c.ctx, schoolId, tx);
    // A date, not a time, was written on the sheet: record the end of that school day at the latest.
    const signedAt = iso(
      new Date(
        Math.min(
          endOfLocalDay(body.signedOn, school?.time_zone ?? 'Europe/London').getTime() - 1000,
          c.ctx.clock.now().getTime(),
        ),
      ),
    );
    const id = newId();
    await repo.insertSignature(tx, {
      id,
      school_id: schoolId,
      version_id: v.id,
      audience: v.audience,
      person_id: person.id,
      method: body.method,
      signed_at: signedAt,
      signed_by_person_id: body.signedByPersonId ?? null,
      recorded_by: c.actor.accountId,
      recorded_at: iso(c.ctx.clock.now()),
      note: body.note ?? null,
    });
    await auditAs(
      c,
      tx,
      'aup.record',
      { type: 'aup_signature', id },
      { versionId: v.id, personId: person.id, method: body.method },
    );
    return { signatureId: id, signedAt };
  });
}

export async function signaturesOfPerson(c: Caller, personId: string) {
  const person = await findPerson(c.ctx.db, c.actor.schoolId, personId);
  if (!person) throw new AppError('not_found', 'Not found');
  const rows = await repo.signaturesOf(c.ctx.db, c.actor.schoolId, personId);
  return {
    person: { id: person.id, name: displayName(person), kind: person.kind, className: person.class_name },
    signatures: rows.map((r) => ({
      id: r.id,
      audience: r.audience,
      method: r.method,
      signedAt: r.signed_at,
      signedByPersonId: r.signed_by_person_id,
      recordedAt: r.recorded_at,
      note: r.note,
      version: r.version,
      versionId: r.version_id,
      title: r.title,
    })),
  };
}

/** Sends reminders now to everyone in the audience who has not signed its current version. */
export async function remindNow(c: Caller, audience: AupAudience) {
  return c.ctx.db.transaction().execute(async (tx) => {
    const v = await repo.currentVersion(tx, c.actor.schoolId, audience);
    if (!v) throw new AppError('conflict', 'There is no published agreement for this audience yet');
    const sent = await remindUnsigned(
      c.ctx,
      tx,
      c.actor.schoolId,
      v,
      'Reminder: an acceptable-use agreement is waiting for your signature',
    );
    await auditAs(c, tx, 'aup.remind', { type: 'aup_version', id: v.id }, { audience, sent });
    return { sent };
  });
}

export { hasSignedCurrentAup, unsignedReport, signedShare } from './status.js';
