import { auditAs, schoolToday, type Caller } from '../../http/caller.js';
import type { ConcernTable } from '../../db/schema-concerns.js';
import { iso } from '../../lib/time.js';
import { opener, type Opener } from './seal.js';

/** The response side of a concern for the team: playbook steps, actions, referrals, parents informed, sanctions. */
export async function responseView(c: Caller, row: ConcernTable, o: Opener) {
  const db = c.ctx.db;
  const schoolId = c.actor.schoolId;
  const now = iso(c.ctx.clock.now());
  const today = await schoolToday(c.ctx, schoolId);
  const [steps, actions, referrals, parents, sanctions] = await Promise.all([
    db
      .selectFrom('concern_steps')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('concern_id', '=', row.id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('concern_actions')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('concern_id', '=', row.id)
      .orderBy('due_on')
      .execute(),
    db
      .selectFrom('concern_referrals')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('concern_id', '=', row.id)
      .orderBy('referred_at')
      .execute(),
    db
      .selectFrom('concern_parent_contacts')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('concern_id', '=', row.id)
      .orderBy('recorded_at')
      .execute(),
    db
      .selectFrom('concern_sanctions')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('concern_id', '=', row.id)
      .orderBy('from_on')
      .execute(),
  ]);
  return {
    steps: steps.map((s) => ({
      id: s.id,
      key: s.step_key,
      position: s.position,
      text: s.text,
      role: s.role,
      timeLimit: s.time_limit,
      dueAt: s.due_at,
      referralKind: s.referral_kind,
      status: s.status,
      note: o.maybe(s.id, 'note', s.note_enc),
      doneAt: s.done_at,
      doneBy: s.done_by,
      overdue: s.status === 'pending' && !!s.due_at && s.due_at < now,
    })),
    actions: actions.map((a) => presentAction(a, o, today)),
    referrals: referrals.map((r) => ({
      id: r.id,
      decision: r.decision,
      agencyId: r.agency_id,
      agencyKind: r.agency_kind,
      agencyName: r.agency_name,
      referredAt: r.referred_at,
      reference: o.maybe(r.id, 'reference', r.reference_enc),
      reason: o.maybe(r.id, 'reason', r.reason_enc),
      responseDueOn: r.response_due_on,
      response: o.maybe(r.id, 'response', r.response_enc),
      responseAt: r.response_at,
      overdue:
        r.decision === 'referred' && !r.response_at && !!r.response_due_on && r.response_due_on < today,
    })),
    parentsInformed: parents.map((p) => ({
      id: p.id,
      pupilId: p.pupil_id,
      informed: p.informed === 1,
      parentPersonId: p.parent_person_id,
      method: p.method,
      at: p.at,
      reasonNot: o.maybe(p.id, 'reason_not', p.reason_not_enc),
      note: o.maybe(p.id, 'note', p.note_enc),
      recordedBy: p.recorded_by,
    })),
    sanctions: sanctions.map((s) => ({
      id: s.id,
      pupilId: s.pupil_id,
      sanction: s.sanction,
      detail: o.maybe(s.id, 'detail', s.detail_enc),
      fromOn: s.from_on,
      untilOn: s.until_on,
      recordedBy: s.recorded_by,
    })),
  };
}

interface ActionRow {
  id: string;
  concern_id: string;
  title_enc: string;
  assignee_person_id: string;
  due_on: string;
  created_at: string;
  done_at: string | null;
  done_by: string | null;
  done_note_enc: string | null;
}
function presentAction(a: ActionRow, o: Opener, today: string) {
  return {
    id: a.id,
    concernId: a.concern_id,
    title: o.text(a.id, 'title', a.title_enc),
    assigneePersonId: a.assignee_person_id,
    dueOn: a.due_on,
    doneAt: a.done_at,
    doneBy: a.done_by,
    doneNote: o.maybe(a.id, 'done_note', a.done_note_enc),
    overdue: !a.done_at && a.due_on < today,
  };
}

/** Actions on this concern assigned to the caller: all a reporter sees of the response (clarification 7). */
export async function myActionsOn(c: Caller, concernId: string, o: Opener) {
  if (!c.actor.personId) return [];
  const today = await schoolToday(c.ctx, c.actor.schoolId);
  const rows = await c.ctx.db
    .selectFrom('concern_actions')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .where('concern_id', '=', concernId)
    .where('assignee_person_id', '=', c.actor.personId)
    .orderBy('due_on')
    .execute();
  return rows.map((a) => presentAction(a, o, today));
}

/** Every open action assigned to the caller, across concerns (they may not see the concern itself). */
export async function myActions(c: Caller) {
  if (!c.actor.personId) return { actions: [] };
  const today = await schoolToday(c.ctx, c.actor.schoolId);
  const rows = await c.ctx.db
    .selectFrom('concern_actions')
    .innerJoin('concerns', 'concerns.id', 'concern_actions.concern_id')
    .selectAll('concern_actions')
    .select(['concerns.category'])
    .where('concern_actions.school_id', '=', c.actor.schoolId)
    .where('concern_actions.assignee_person_id', '=', c.actor.personId)
    .where('concern_actions.done_at', 'is', null)
    .where('concerns.tombstoned_at', 'is', null)
    // The subject of an allegation is never assigned to it, but should a row exist it stays out of sight.
    .where((eb) =>
      eb.or([eb('concerns.restricted', '=', 0), eb('concerns.subject_person_id', '!=', c.actor.personId!)]),
    )
    .orderBy('concern_actions.due_on')
    .limit(500)
    .execute();
  const o = await opener(c.ctx, c.actor.schoolId);
  const actions = rows.map((a) => ({ ...presentAction(a, o, today), category: a.category }));
  await c.ctx.db
    .transaction()
    .execute((tx) =>
      auditAs(c, tx, 'concern.actions.mine', { type: 'concern_action' }, { ids: actions.map((a) => a.id) }),
    );
  return { actions };
}
