import type { Caller } from '../../http/caller.js';
import { isCustodian, visibleTo, viewerOf } from './visibility.js';

/**
 * Everything recorded about a pupil's concerns that this viewer holds as the team: the rows of a chronology, as
 * stored (narratives still sealed). Only concerns the caller may see are read (the visibility predicate).
 */
export async function chronologyRows(c: Caller, pupilId: string) {
  const schoolId = c.actor.schoolId;
  const db = c.ctx.db;
  const v = viewerOf(c);
  const concerns = await db
    .selectFrom('concerns')
    .innerJoin('concern_people', 'concern_people.concern_id', 'concerns.id')
    .selectAll('concerns')
    .select('concern_people.role as pupil_role')
    .where('concerns.school_id', '=', schoolId)
    .where('concern_people.school_id', '=', schoolId)
    .where('concern_people.person_id', '=', pupilId)
    .where(visibleTo(v))
    .execute();
  const named = new Set(
    (
      await db
        .selectFrom('concern_viewers')
        .select('concern_id')
        .where('school_id', '=', schoolId)
        .where('account_id', '=', c.actor.accountId)
        .where('removed_at', 'is', null)
        .execute()
    ).map((r) => r.concern_id),
  );
  const held = concerns.filter((r) => !r.restricted || isCustodian(v, r) || named.has(r.id));
  const ids = held.map((r) => r.id);
  const [notes, steps, actions, referrals, custody, status, parents, sanctions] = ids.length
    ? await Promise.all([
        db
          .selectFrom('concern_notes')
          .selectAll()
          .where('school_id', '=', schoolId)
          .where('concern_id', 'in', ids)
          .execute(),
        db
          .selectFrom('concern_steps')
          .selectAll()
          .where('school_id', '=', schoolId)
          .where('concern_id', 'in', ids)
          .where('status', '!=', 'pending')
          .execute(),
        db
          .selectFrom('concern_actions')
          .selectAll()
          .where('school_id', '=', schoolId)
          .where('concern_id', 'in', ids)
          .execute(),
        db
          .selectFrom('concern_referrals')
          .selectAll()
          .where('school_id', '=', schoolId)
          .where('concern_id', 'in', ids)
          .execute(),
        db
          .selectFrom('concern_custody')
          .selectAll()
          .where('school_id', '=', schoolId)
          .where('concern_id', 'in', ids)
          .execute(),
        db
          .selectFrom('concern_status_events')
          .selectAll()
          .where('school_id', '=', schoolId)
          .where('concern_id', 'in', ids)
          .execute(),
        db
          .selectFrom('concern_parent_contacts')
          .selectAll()
          .where('school_id', '=', schoolId)
          .where('concern_id', 'in', ids)
          .where('pupil_id', '=', pupilId)
          .execute(),
        db
          .selectFrom('concern_sanctions')
          .selectAll()
          .where('school_id', '=', schoolId)
          .where('concern_id', 'in', ids)
          .where('pupil_id', '=', pupilId)
          .execute(),
      ])
    : [[], [], [], [], [], [], [], []];
  return { held, notes, steps, actions, referrals, custody, status, parents, sanctions };
}
