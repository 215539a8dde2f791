import { SCHOOL_SYSTEM_LABELS, type SchoolSystem } from '@harbour/shared';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { hasSignedCurrentAup } from '../agreements/status.js';
import { displayName, findPerson, isCurrent } from '../people/lookup.js';
import { getSetting } from '../settings/service.js';
import { LearningPlatform } from '../policy/settings.js';
import { registerJob } from '../../worker.js';
import * as repo from './repo.js';
import type { GrantBody, ListQuery } from './schema.js';

export const VISIT_END_JOB = 'access.visit_end';

const present = (e: Awaited<ReturnType<typeof repo.listEntries>>[number], nowIso: string) => {
  const endedByVisit = !e.removed_at && e.ends_at !== null && e.ends_at <= nowIso;
  return {
    id: e.id,
    personId: e.person_id,
    name: `${e.given_name} ${e.family_name}`,
    kind: e.kind,
    className: e.class_name,
    system: e.system,
    systemLabel: SCHOOL_SYSTEM_LABELS[e.system as SchoolSystem] ?? e.system,
    detail: e.detail,
    grantedAt: e.granted_at,
    grantedBy: e.granted_by,
    endsAt: e.ends_at,
    removedAt: e.removed_at ?? (endedByVisit ? e.ends_at : null),
    removedBy: e.removed_by,
    removalReason: e.removal_reason ?? (endedByVisit ? 'The visit ended' : null),
    active: !e.removed_at && !endedByVisit,
    leaver: e.left_at !== null && e.left_at <= nowIso,
  };
};

export async function list(c: Caller, q: z.infer<typeof ListQuery>) {
  const nowIso = iso(c.ctx.clock.now());
  const rows = await repo.listEntries(c.ctx.db, c.actor.schoolId, q, nowIso);
  return { entries: rows.map((r) => present(r, nowIso)) };
}

/**
 * Records access to a school system. Policy 5.3: everyone signs the acceptable-use agreement "before using any
 * school resources", so a person without a signed current agreement is refused. A visitor's access ends with
 * their visit (their access end time), by a job and in every query meanwhile.
 */
export async function grant(c: Caller, body: z.infer<typeof GrantBody>) {
  const schoolId = c.actor.schoolId;
  if (body.system === 'learning_platform' && !(await getSetting(c.ctx, LearningPlatform, schoolId)).name)
    throw new AppError('validation', 'The school has no learning platform (see the online-safety settings)', [
      { path: 'system', message: 'no learning platform' },
    ]);
  return c.ctx.db.transaction().execute(async (tx) => {
    const person = await findPerson(tx, schoolId, body.personId);
    if (!person) throw new AppError('not_found', 'Not found');
    const now = c.ctx.clock.now();
    const nowIso = iso(now);
    if (!isCurrent(person, nowIso)) throw new AppError('conflict', 'This person has left the school');
    if (person.kind === 'visitor' && (!person.access_ends_at || person.access_ends_at <= nowIso))
      throw new AppError('conflict', 'This visitor’s visit has ended or has no end time');
    const aup = await hasSignedCurrentAup(c.ctx, { schoolId, personId: person.id }, tx);
    if (!aup.signed)
      throw new AppError(
        'conflict',
        aup.versionId
          ? `${displayName(person)} has not signed the current acceptable-use agreement, so cannot be given access`
          : 'There is no published acceptable-use agreement for this person yet, so access cannot be given',
        { reason: 'aup_not_signed', audience: aup.audience },
      );
    if (await repo.activeFor(tx, schoolId, person.id, body.system, nowIso))
      throw new AppError('conflict', 'This person already has access to that system');
    const id = newId();
    const endsAt = person.kind === 'visitor' ? person.access_ends_at : null;
    await repo.insertEntry(tx, {
      id,
      school_id: schoolId,
      person_id: person.id,
      system: body.system,
      detail: body.detail ?? null,
      granted_at: nowIso,
      granted_by: c.actor.accountId,
      ends_at: endsAt,
      removed_at: null,
      removed_by: null,
      removal_reason: null,
      aup_signature_id: aup.signatureId,
    });
    if (endsAt)
      await tx
        .insertInto('jobs')
        .values({
          id: newId(),
          school_id: schoolId,
          kind: VISIT_END_JOB,
          run_at: endsAt,
          payload: JSON.stringify({ entryId: id }),
          status: 'pending',
          attempts: 0,
          last_error: null,
          locked_until: null,
          created_at: nowIso,
        })
        .execute();
    await auditAs(
      c,
      tx,
      'access.grant',
      { type: 'access_entry', id },
      { personId: person.id, system: body.system },
    );
    return { id, endsAt };
  });
}

export async function remove(c: Caller, id: string, reason: string | undefined) {
  return c.ctx.db.transaction().execute(async (tx) => {
    const e = await repo.getEntry(tx, c.actor.schoolId, id);
    if (!e) throw new AppError('not_found', 'Not found');
    const nowIso = iso(c.ctx.clock.now());
    if (e.removed_at) throw new AppError('conflict', 'This access has already been removed');
    const removedAt = e.ends_at && e.ends_at <= nowIso ? e.ends_at : nowIso;
    await repo.markRemoved(tx, c.actor.schoolId, id, {
      removed_at: removedAt,
      removed_by: c.actor.accountId,
      removal_reason: reason ?? 'Removed',
    });
    await auditAs(
      c,
      tx,
      'access.remove',
      { type: 'access_entry', id },
      { personId: e.person_id, system: e.system },
    );
    return { id, removedAt };
  });
}

/** Leavers appear here until every entry of theirs is removed (policy 2.4: accounts disabled on leaving). */
export async function toRemove(ctx: AppContext, schoolId: string) {
  const rows = await repo.leaversWithAccess(ctx.db, schoolId, iso(ctx.clock.now()));
  const byPerson = new Map<
    string,
    {
      personId: string;
      name: string;
      kind: string;
      leftAt: string | null;
      entries: {
        id: string;
        system: string;
        systemLabel: string;
        detail: string | null;
        grantedAt: string;
      }[];
    }
  >();
  for (const r of rows) {
    const p = byPerson.get(r.person_id) ?? {
      personId: r.person_id,
      name: `${r.given_name} ${r.family_name}`,
      kind: r.kind,
      leftAt: r.left_at,
      entries: [],
    };
    p.entries.push({
      id: r.id,
      system: r.system,
      systemLabel: SCHOOL_SYSTEM_LABELS[r.system as SchoolSystem] ?? r.system,
      detail: r.detail,
      grantedAt: r.granted_at,
    });
    byPerson.set(r.person_id, p);
  }
  return { people: [...byPerson.values()] };
}

export async function personAccess(c: Caller, personId: string) {
  const person = await findPerson(c.ctx.db, c.actor.schoolId, personId);
  if (!person) throw new AppError('not_found', 'Not found');
  const nowIso = iso(c.ctx.clock.now());
  const rows = await repo.listEntries(
    c.ctx.db,
    c.actor.schoolId,
    { personId, status: 'all', limit: 500 },
    nowIso,
  );
  const aup = await hasSignedCurrentAup(c.ctx, { schoolId: c.actor.schoolId, personId });
  return {
    person: {
      id: person.id,
      name: displayName(person),
      kind: person.kind,
      leftAt: person.left_at,
      accessEndsAt: person.access_ends_at,
    },
    aup,
    entries: rows.map((r) => present(r, nowIso)),
  };
}

/** Counts for the dashboard. */
export async function accessFigures(ctx: AppContext, schoolId: string) {
  return repo.leaversWithAccessCounts(ctx.db, schoolId, iso(ctx.clock.now()));
}

registerJob(VISIT_END_JOB, async (ctx, payload, schoolId) => {
  const { entryId } = payload as { entryId: string };
  if (!schoolId) return;
  await ctx.db.transaction().execute(async (tx) => {
    const e = await repo.getEntry(tx, schoolId, entryId);
    if (!e || e.removed_at || !e.ends_at || e.ends_at > iso(ctx.clock.now())) return;
    if (
      await repo.markRemoved(tx, schoolId, entryId, {
        removed_at: e.ends_at,
        removed_by: null,
        removal_reason: 'The visit ended',
      })
    )
      await appendAudit(
        ctx,
        {
          schoolId,
          actorAccountId: null,
          action: 'access.visit_ended',
          entityType: 'access_entry',
          entityId: entryId,
          details: { personId: e.person_id },
        },
        tx,
      );
  });
});
