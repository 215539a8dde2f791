import { CONCERN_CATEGORY_INFO, type ConcernCategory } from '@harbour/shared';
import type { Caller } from '../../http/caller.js';
import { auditConcernList } from './audit-list.js';
import { AppError } from '../../lib/errors.js';
import { displayName } from '../people/lookup.js';
import { opener } from './seal.js';
import { keptRows } from './chronology-cache.js';
import { chronologyRevisions, keptPerson, keptStaffNames, peopleAt } from './chronology-people.js';

export interface ChronologyEntry {
  at: string;
  kind: string;
  concernId: string;
  category: string;
  text: string | null;
  /** The account that did it, and its name when it is a member of this school's staff (else null). */
  by: string | null;
  byName: string | null;
}

/**
 * A pupil's chronology (issue 3): every concern about them and everything recorded on it (additions, notes, steps,
 * actions, referrals, parents informed, sanctions, custody, status changes), in event-date order. Only concerns the
 * caller holds as the team appear; an allegation's subject never meets it (the visibility predicate).
 */
export async function chronology(c: Caller, pupilId: string) {
  const schoolId = c.actor.schoolId;
  const db = c.ctx.db;
  // Read the revisions first: a change committed while reading moves one again and the next view reads afresh.
  const rev = await chronologyRevisions(db, schoolId, c.actor);
  const people = peopleAt(db, schoolId, rev.people);
  const pupil = await keptPerson(people, db, schoolId, pupilId);
  if (!pupil || pupil.kind !== 'pupil') throw new AppError('not_found', 'Not found');
  const { held, notes, steps, actions, referrals, custody, status, parents, sanctions } = await keptRows(
    c,
    pupilId,
    rev.concerns,
  );
  const cat = new Map(held.map((r) => [r.id, r.category]));
  const o = await opener(c.ctx, schoolId);
  const entries: ChronologyEntry[] = [];
  const push = (
    at: string | null,
    kind: string,
    concernId: string,
    text: string | null,
    by: string | null,
  ) => {
    if (at) entries.push({ at, kind, concernId, category: cat.get(concernId) ?? '', text, by, byName: null });
  };
  for (const r of held) {
    const label = CONCERN_CATEGORY_INFO[r.category as ConcernCategory]?.label ?? r.category;
    push(
      r.occurred_at,
      'concern',
      r.id,
      `${label} (${r.pupil_role}): ${o.text(r.id, 'account', r.account_enc)}`,
      r.reporter_account_id,
    );
  }
  {
    for (const n of notes)
      push(n.event_at, n.kind, n.concern_id, o.text(n.id, 'body', n.body_enc), n.created_by);
    for (const s of steps)
      push(
        s.done_at,
        s.status === 'done' ? 'step' : 'step_not_applicable',
        s.concern_id,
        `${s.text}${s.note_enc ? ` — ${o.text(s.id, 'note', s.note_enc)}` : ''}`,
        s.done_by,
      );
    for (const a of actions) {
      const title = o.text(a.id, 'title', a.title_enc);
      push(a.created_at, 'action', a.concern_id, `${title} (due ${a.due_on})`, a.created_by);
      push(a.done_at, 'action_done', a.concern_id, title, a.done_by);
    }
    for (const r of referrals) {
      if (r.decision === 'not_referred')
        push(
          r.referred_at,
          'no_referral',
          r.concern_id,
          `${r.agency_kind}: ${o.maybe(r.id, 'reason', r.reason_enc) ?? ''}`,
          r.recorded_by,
        );
      else {
        const ref = o.maybe(r.id, 'reference', r.reference_enc);
        push(
          r.referred_at,
          'referral',
          r.concern_id,
          `${r.agency_name}${ref ? ` (reference ${ref})` : ''}`,
          r.recorded_by,
        );
        push(
          r.response_at,
          'referral_response',
          r.concern_id,
          o.maybe(r.id, 'response', r.response_enc),
          r.response_by,
        );
      }
    }
    for (const x of custody)
      push(x.at, `custody_${x.event}`, x.concern_id, o.text(x.id, 'device', x.device_enc), x.recorded_by);
    for (const e of status)
      push(
        e.at,
        `status_${e.to_status}`,
        e.concern_id,
        o.maybe(e.id, 'reason', e.reason_enc) ?? o.maybe(e.id, 'outcome', e.outcome_enc ?? null),
        e.by_account_id,
      );
    for (const p of parents)
      push(
        p.at ?? p.recorded_at,
        p.informed ? 'parents_informed' : 'parents_not_informed',
        p.concern_id,
        p.informed ? p.method : o.maybe(p.id, 'reason_not', p.reason_not_enc),
        p.recorded_by,
      );
    for (const s of sanctions)
      push(`${s.from_on}T00:00:00.000Z`, 'sanction', s.concern_id, s.sanction, s.recorded_by);
  }
  entries.sort((a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind));
  // Staff names only: a pupil who told us through the worried form stays unnamed here.
  const names = await keptStaffNames(
    people,
    db,
    schoolId,
    entries.flatMap((e) => (e.by ? [e.by] : [])),
  );
  for (const e of entries) e.byName = (e.by && names.get(e.by)) ?? null;
  await auditConcernList(
    c,
    'concern.chronology',
    { type: 'person', id: pupilId },
    {},
    held.map((r) => ({ id: r.id, restricted: r.restricted })),
  );
  return {
    pupil: {
      id: pupil.id,
      name: displayName(pupil),
      yearGroup: pupil.year_group,
      className: pupil.class_name,
    },
    entries,
  };
}
