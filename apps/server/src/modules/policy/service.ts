import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { PolicyVersionTable } from '../../db/schema-compliance.js';
import {
  addDaysToDate,
  addMonthsToDate,
  auditAs,
  daysBetween,
  schoolToday,
  type Caller,
} from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { displayName } from '../people/lookup.js';
import { getSetting } from '../settings/service.js';
import { policyDataFromSettings } from './data.js';
import { renderPolicyHtml, renderPolicyPdf } from './render.js';
import { scheduleReviewReminders, tellApprovers } from './reminders.js';
import { PolicyReview } from './settings.js';
import { TEMPLATE_VERSION } from './template.js';
import type { PolicyData } from './template-types.js';

/**
 * The policy's lifecycle (policy 1.2): a version is rendered from the school's settings and the shipped template,
 * approved by the headteacher and the chair of governors (both recorded), then published at a stable URL and due
 * for review within the interval the school sets (at most a year), with reminders before the date.
 */
const versions = (db: Executor, schoolId: string) =>
  db
    .selectFrom('policy_versions')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('version', 'desc')
    .execute();

const getVersion = (db: Executor, schoolId: string, id: string) =>
  db
    .selectFrom('policy_versions')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();

async function approverName(db: Executor, schoolId: string, accountId: string | null): Promise<string> {
  if (!accountId) return '';
  const p = await db
    .selectFrom('people')
    .select(['given_name', 'family_name', 'preferred_name'])
    .where('school_id', '=', schoolId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return p ? displayName(p) : '';
}

/** The snapshot with the version's approvals and review date, as the document shows them. */
async function dataOf(ctx: AppContext, db: Executor, v: PolicyVersionTable): Promise<PolicyData> {
  const data = JSON.parse(v.settings_json) as PolicyData;
  const tz =
    (await db.selectFrom('schools').select('time_zone').where('id', '=', v.school_id).executeTakeFirst())
      ?.time_zone ?? 'Europe/London';
  const day = (t: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'long' }).format(new Date(t));
  return {
    ...data,
    approvals: {
      headteacher: v.head_approved_at
        ? { name: await approverName(db, v.school_id, v.head_approved_by), on: day(v.head_approved_at) }
        : null,
      chair: v.chair_approved_at
        ? { name: await approverName(db, v.school_id, v.chair_approved_by), on: day(v.chair_approved_at) }
        : null,
    },
    reviewDueOn: v.review_due_on
      ? new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(
          new Date(`${v.review_due_on}T12:00:00Z`),
        )
      : null,
  };
}

function present(v: PolicyVersionTable, today: string) {
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    notes: v.notes,
    templateVersion: v.template_version,
    createdAt: v.created_at,
    headApprovedAt: v.head_approved_at,
    chairApprovedAt: v.chair_approved_at,
    publishedAt: v.published_at,
    reviewDueOn: v.review_due_on,
    daysUntilReview: v.review_due_on ? daysBetween(today, v.review_due_on) : null,
  };
}

export async function overview(c: Caller) {
  const schoolId = c.actor.schoolId;
  const today = await schoolToday(c.ctx, schoolId);
  const all = await versions(c.ctx.db, schoolId);
  const school = await c.ctx.db
    .selectFrom('schools')
    .select('slug')
    .where('id', '=', schoolId)
    .executeTakeFirst();
  const current = all.find((v) => v.status === 'published') ?? null;
  return {
    today,
    publicUrl: `/api/public/schools/${school?.slug ?? ''}/policy`,
    current: current ? present(current, today) : null,
    draft: all.find((v) => v.status === 'draft')
      ? present(
          all.find((v) => v.status === 'draft')!,
          today,
        )
      : null,
    versions: all.map((v) => present(v, today)),
  };
}

async function renderInto(c: Caller, tx: Executor, v: PolicyVersionTable): Promise<string> {
  return renderPolicyHtml(await dataOf(c.ctx, tx, v));
}

export async function createDraft(c: Caller, notes: string | null | undefined) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const all = await versions(tx, schoolId);
    if (all.some((v) => v.status === 'draft'))
      throw new AppError(
        'conflict',
        'There is already a draft version: refresh it from the settings, or get it approved',
      );
    const version = (all[0]?.version ?? 0) + 1;
    const data = await policyDataFromSettings(c.ctx, tx, schoolId, version);
    const row: PolicyVersionTable = {
      id: newId(),
      school_id: schoolId,
      version,
      status: 'draft',
      settings_json: JSON.stringify(data),
      html: '',
      template_version: TEMPLATE_VERSION,
      notes: notes ?? null,
      created_by: c.actor.accountId,
      created_at: iso(c.ctx.clock.now()),
      head_approved_by: null,
      head_approved_at: null,
      chair_approved_by: null,
      chair_approved_at: null,
      published_at: null,
      review_due_on: null,
    };
    row.html = await renderInto(c, tx, row);
    await tx.insertInto('policy_versions').values(row).execute();
    await tellApprovers(c.ctx, tx, schoolId, row.id, version);
    await auditAs(c, tx, 'policy.draft', { type: 'policy_version', id: row.id }, { version });
    return { version: present(row, await schoolToday(c.ctx, schoolId, tx)) };
  });
}

/** Re-reads the settings into a draft; any approval already given is cleared, since the text has changed. */
export async function refreshDraft(c: Caller, id: string) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const v = await getVersion(tx, schoolId, id);
    if (!v) throw new AppError('not_found', 'Not found');
    if (v.status !== 'draft')
      throw new AppError('conflict', 'Only a draft is refreshed: a published version never changes');
    const data = await policyDataFromSettings(c.ctx, tx, schoolId, v.version);
    const next: PolicyVersionTable = {
      ...v,
      settings_json: JSON.stringify(data),
      template_version: TEMPLATE_VERSION,
      head_approved_by: null,
      head_approved_at: null,
      chair_approved_by: null,
      chair_approved_at: null,
    };
    next.html = await renderInto(c, tx, next);
    await tx
      .updateTable('policy_versions')
      .set(next)
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .execute();
    await auditAs(c, tx, 'policy.refresh', { type: 'policy_version', id }, { version: v.version });
    return { version: present(next, await schoolToday(c.ctx, schoolId, tx)) };
  });
}

export async function getOne(c: Caller, id: string) {
  const v = await getVersion(c.ctx.db, c.actor.schoolId, id);
  if (!v) throw new AppError('not_found', 'Not found');
  return { version: present(v, await schoolToday(c.ctx, c.actor.schoolId)), html: v.html };
}

export async function pdfOf(ctx: AppContext, v: PolicyVersionTable): Promise<Buffer> {
  return renderPolicyPdf(await dataOf(ctx, ctx.db, v));
}

export async function versionPdf(c: Caller, id: string) {
  const v = await getVersion(c.ctx.db, c.actor.schoolId, id);
  if (!v) throw new AppError('not_found', 'Not found');
  return { pdf: await pdfOf(c.ctx, v), version: v.version };
}

/**
 * The headteacher's or the chair of governors' approval, each by someone holding that role now, never both by
 * one account. The second approval publishes the version, supersedes the last one and sets the review date.
 */
export async function approve(c: Caller, id: string, as: 'headteacher' | 'chair') {
  const schoolId = c.actor.schoolId;
  const role = as === 'headteacher' ? 'headteacher' : 'chair_of_governors';
  if (!c.actor.roles.includes(role))
    throw new AppError(
      'forbidden',
      as === 'headteacher'
        ? 'Only the headteacher approves as headteacher'
        : 'Only the chair of governors approves for the governing body',
    );
  return c.ctx.db.transaction().execute(async (tx) => {
    const v = await getVersion(tx, schoolId, id);
    if (!v) throw new AppError('not_found', 'Not found');
    if (v.status !== 'draft') throw new AppError('conflict', 'This version has already been published');
    if ((as === 'headteacher' ? v.head_approved_at : v.chair_approved_at) !== null)
      throw new AppError('conflict', 'That approval has already been given');
    const other = as === 'headteacher' ? v.chair_approved_by : v.head_approved_by;
    if (other === c.actor.accountId)
      throw new AppError(
        'conflict',
        'The headteacher and the chair of governors approve separately: one person cannot give both approvals',
      );
    const now = iso(c.ctx.clock.now());
    const next: PolicyVersionTable = {
      ...v,
      ...(as === 'headteacher'
        ? { head_approved_by: c.actor.accountId, head_approved_at: now }
        : { chair_approved_by: c.actor.accountId, chair_approved_at: now }),
    };
    const published = next.head_approved_at !== null && next.chair_approved_at !== null;
    if (published) {
      const today = await schoolToday(c.ctx, schoolId, tx);
      const { reviewMonths, remindDaysBefore } = await getSetting(c.ctx, PolicyReview, schoolId, tx);
      next.status = 'published';
      next.published_at = now;
      next.review_due_on = addMonthsToDate(today, reviewMonths);
      await tx
        .updateTable('policy_versions')
        .set({ status: 'superseded' })
        .where('school_id', '=', schoolId)
        .where('status', '=', 'published')
        .execute();
      await scheduleReviewReminders(c.ctx, tx, schoolId, next.id, next.review_due_on, remindDaysBefore);
    }
    next.html = await renderInto(c, tx, next);
    await tx
      .updateTable('policy_versions')
      .set(next)
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .execute();
    await auditAs(
      c,
      tx,
      `policy.approve_${as}`,
      { type: 'policy_version', id },
      { version: v.version, published },
    );
    return { version: present(next, await schoolToday(c.ctx, schoolId, tx)), published };
  });
}

/** The stable public address: the current published version of a school's policy, by the school's slug. */
export async function publishedBySlug(ctx: AppContext, slug: string) {
  const school = await ctx.db
    .selectFrom('schools')
    .select(['id'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!school) throw new AppError('not_found', 'Not found');
  const v = await ctx.db
    .selectFrom('policy_versions')
    .selectAll()
    .where('school_id', '=', school.id)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!v) throw new AppError('not_found', 'Not found');
  return v;
}

/** For the dashboard: is there a published policy, when is its review due, is a draft waiting. */
export async function policyFigures(ctx: AppContext, schoolId: string) {
  const today = await schoolToday(ctx, schoolId);
  // Without the rendered text: the dashboard needs only the dates and approvals.
  const all = await ctx.db
    .selectFrom('policy_versions')
    .select(['version', 'status', 'review_due_on', 'head_approved_at', 'chair_approved_at'])
    .where('school_id', '=', schoolId)
    .where('status', 'in', ['published', 'draft'])
    .orderBy('version', 'desc')
    .execute();
  const current = all.find((v) => v.status === 'published');
  const draft = all.find((v) => v.status === 'draft');
  return {
    published: !!current,
    version: current?.version ?? null,
    reviewDueOn: current?.review_due_on ?? null,
    daysUntilReview: current?.review_due_on ? daysBetween(today, current.review_due_on) : null,
    headApproved: !!current?.head_approved_at,
    chairApproved: !!current?.chair_approved_at,
    draftAwaiting: draft
      ? { version: draft.version, head: !!draft.head_approved_at, chair: !!draft.chair_approved_at }
      : null,
    reminderFrom: current?.review_due_on ? addDaysToDate(current.review_due_on, -60) : null,
  };
}
