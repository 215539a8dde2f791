import {
  CONCERN_CATEGORY_INFO,
  keyStageOf,
  scopesFor,
  type ConcernCategory,
  type ConcernTextField,
  type YearGroup,
} from '@harbour/shared';
import type { z } from 'zod';
import type { ConcernAmendmentTable, ConcernTable } from '../../db/schema-concerns.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { displayName } from '../people/lookup.js';
import * as repo from './repo.js';
import type { ListQuery } from './schema.js';
import { auditConcernList } from './audit-list.js';
import { opener, type Opener } from './seal.js';
import { levelOf, viewerOf, type Level } from './visibility.js';
import { myActionsOn, responseView } from './response-read.js';
import { viewerNames } from './viewer-names.js';

/** The sealed column behind each amendable field (and the associated data it was sealed with). */
export const TEXT_COLUMNS: Record<ConcernTextField, { column: keyof ConcernTable; aad: string }> = {
  location: { column: 'location_enc', aad: 'location' },
  account: { column: 'account_enc', aad: 'account' },
  immediateAction: { column: 'immediate_action_enc', aad: 'immediate_action' },
  adultDescription: { column: 'adult_description_enc', aad: 'adult_description' },
};

const notFound = () => new AppError('not_found', 'Not found');

/** The concern and how much of it this caller may read; a concern they may not see is a 404 like a missing one. */
export async function access(c: Caller, id: string) {
  const v = viewerOf(c);
  const row = await repo.visibleConcern(c.ctx.db, c.actor.schoolId, v, id);
  if (!row) throw notFound();
  const named = row.restricted
    ? await repo.isNamedViewer(c.ctx.db, c.actor.schoolId, id, v.accountId)
    : false;
  const level = levelOf(v, row, named);
  const canManage = level === 'team' && scopesFor(c.actor.roles, 'concerns.manage').length > 0;
  return { row, level, canManage, viewer: v };
}

/** Current text of each amendable field: the original, then every amendment in order (none edits in place). */
export function currentTexts(row: ConcernTable, amendments: ConcernAmendmentTable[], o: Opener) {
  const out = {} as Record<ConcernTextField, string | null>;
  for (const [field, { column, aad }] of Object.entries(TEXT_COLUMNS) as [
    ConcernTextField,
    (typeof TEXT_COLUMNS)[ConcernTextField],
  ][])
    out[field] = o.maybe(row.id, aad, row[column] as string | null);
  for (const a of [...amendments].sort((x, y) => x.amended_at.localeCompare(y.amended_at)))
    out[a.field as ConcernTextField] = o.maybe(a.id, 'new', a.new_enc);
  return out;
}

const label = (category: string) => CONCERN_CATEGORY_INFO[category as ConcernCategory]?.label ?? category;

function presentPeople(rows: Awaited<ReturnType<typeof repo.peopleOf>>) {
  return rows.map((p) => ({
    personId: p.person_id,
    name: displayName(p),
    role: p.role,
    yearGroup: p.year_group,
    keyStage: p.year_group ? keyStageOf(p.year_group as YearGroup) : null,
    className: p.class_name,
  }));
}

/** One concern: the whole file for the team; for the reporter their submission, additions and status (clarification 7). */
export async function getConcern(c: Caller, id: string) {
  const { row, level, canManage } = await access(c, id);
  const schoolId = c.actor.schoolId;
  const db = c.ctx.db;
  const o = await opener(c.ctx, schoolId);
  const mine = (by: string | null) => by === c.actor.accountId;
  const team = level === 'team';
  const [amendments, notes, attachments, custody, people] = await Promise.all([
    repo.childrenOf(db, 'concern_amendments', schoolId, id),
    repo.childrenOf(db, 'concern_notes', schoolId, id),
    repo.attachmentMeta(db, schoolId, id),
    repo.childrenOf(db, 'concern_custody', schoolId, id),
    repo.peopleOf(db, schoolId, [id]),
  ]);
  const texts = currentTexts(row, amendments, o);
  const detail = {
    id: row.id,
    category: row.category,
    categoryLabel: label(row.category),
    subtype: row.subtype,
    status: row.status,
    restricted: row.restricted === 1,
    source: row.source,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    reporterAccountId: row.reporter_account_id,
    reportedByMe: mine(row.reporter_account_id),
    pupils: presentPeople(people),
    adultPersonId: row.adult_person_id,
    staffSubjectPersonId: team ? row.subject_person_id : null,
    ...texts,
    dslToldInPerson: row.dsl_told_in_person === 1,
    dslToldPersonId: row.dsl_told_person_id,
    amendments: amendments
      .filter((a) => team || mine(a.amended_by))
      .sort((x, y) => x.amended_at.localeCompare(y.amended_at))
      .map((a) => ({
        id: a.id,
        field: a.field,
        previous: o.maybe(a.id, 'previous', a.previous_enc),
        text: o.maybe(a.id, 'new', a.new_enc),
        reason: o.text(a.id, 'reason', a.reason_enc),
        amendedAt: a.amended_at,
        amendedBy: a.amended_by,
      })),
    notes: notes
      .filter((n) => team || (n.kind === 'addition' && mine(n.created_by)))
      .sort((x, y) => x.event_at.localeCompare(y.event_at))
      .map((n) => ({
        id: n.id,
        kind: n.kind,
        text: o.text(n.id, 'body', n.body_enc),
        eventAt: n.event_at,
        createdAt: n.created_at,
        createdBy: n.created_by,
      })),
    attachments: attachments
      .filter((a) => team || mine(a.uploaded_by))
      .map((a) => ({
        id: a.id,
        filename: o.text(a.id, 'filename', a.filename_enc),
        contentType: a.content_type,
        size: a.size,
        uploadedAt: a.uploaded_at,
        uploadedBy: a.uploaded_by,
      })),
    custody: custody
      .filter((r) => team || mine(r.recorded_by))
      .sort((x, y) => x.at.localeCompare(y.at))
      .map((r) => ({
        id: r.id,
        event: r.event,
        at: r.at,
        device: o.text(r.id, 'device', r.device_enc),
        place: o.maybe(r.id, 'place', r.place_enc),
        handedTo: o.maybe(r.id, 'handed_to', r.handed_to_enc),
        byPersonId: r.by_person_id,
        recordedAt: r.recorded_at,
        recordedBy: r.recorded_by,
      })),
    ...(team
      ? { ...(await teamOnly(c, row, o)), ...(await responseView(c, row, o)) }
      : { actions: await myActionsOn(c, row.id, o) }),
    access: { level, canManage },
  };
  await auditAs(c, null, 'concern.read', { type: 'concern', id }, { level });
  return { concern: detail };
}

async function teamOnly(c: Caller, row: ConcernTable, o: Opener) {
  const schoolId = c.actor.schoolId;
  const [events, viewers] = await Promise.all([
    repo.statusEvents(c.ctx.db, schoolId, row.id),
    row.restricted ? repo.viewersOf(c.ctx.db, schoolId, row.id) : Promise.resolve([]),
  ]);
  // The imagery-viewed record is for DSLs only (policy 9.1).
  const imagery = scopesFor(c.actor.roles, 'concerns.imagery').length
    ? (await repo.imageryViews(c.ctx.db, schoolId, row.id)).map((r) => ({
        id: r.id,
        viewedBy: r.viewed_by,
        viewedAt: r.viewed_at,
        reason: o.text(r.id, 'reason', r.reason_enc),
        recordedAt: r.recorded_at,
      }))
    : null;
  return {
    custodianRole: row.custodian_role,
    outcome: o.maybe(row.id, 'outcome', row.outcome_enc),
    lessonsLearnt: o.maybe(row.id, 'lessons', row.lessons_enc),
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    statusHistory: events.map((e) => ({
      from: e.from_status,
      to: e.to_status,
      at: e.at,
      by: e.by_account_id,
      reason: o.maybe(e.id, 'reason', e.reason_enc),
      outcome: o.maybe(e.id, 'outcome', e.outcome_enc ?? null),
      lessonsLearnt: o.maybe(e.id, 'lessons', e.lessons_enc ?? null),
    })),
    ...(await viewerNames(c, row, viewers)),
    imageryViews: imagery,
  };
}

/** Concerns this caller may see, newest first; the list is audited with its filter and the ids shown (clarification 8). */
export async function listConcerns(c: Caller, q: z.infer<typeof ListQuery>) {
  const v = viewerOf(c);
  const schoolId = c.actor.schoolId;
  const rows = await repo.listVisible(c.ctx.db, schoolId, v, {
    status: q.status,
    category: q.category,
    pupilId: q.pupilId,
    reporterAccountId: q.mine ? c.actor.accountId : undefined,
    before: q.before,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const people = await repo.peopleOf(
    c.ctx.db,
    schoolId,
    page.map((r) => r.id),
  );
  // A reporter sees their own reports' pupils; the DSL team every visible concern's.
  const concerns = page.map((r) => ({
    id: r.id,
    category: r.category,
    categoryLabel: label(r.category),
    subtype: r.subtype,
    status: r.status,
    restricted: r.restricted === 1,
    source: r.source,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    reportedByMe: r.reporter_account_id === c.actor.accountId,
    pupils: presentPeople(people.filter((p) => p.concern_id === r.id)),
  }));
  await auditConcernList(c, 'concern.list', { type: 'concern' }, { filter: q }, concerns);
  return {
    concerns,
    nextBefore: rows.length > q.limit ? (page[page.length - 1]?.recorded_at ?? null) : null,
  };
}

export type { Level };
