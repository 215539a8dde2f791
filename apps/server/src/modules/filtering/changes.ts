import type { Executor } from '../../db/index.js';
import type { FilterChangeRequestTable } from '../../db/schema-filtering.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { enqueueInApp } from '../outbox/service.js';
import { applyOps, type DiffItem } from './apply.js';
import type { Caller } from './caller.js';
import { bumpVersion, livePolicy } from './live.js';
import {
  checkDecider,
  checkProposer,
  isBaselineRequest,
  requestReach,
  SCHOOL_APPROVER_ROLES,
} from './baseline-rules.js';
import { accountNames, accountsWithRoles, trustOfficersOf } from './people.js';
import { OpSchema, type Op, type ProposeBody } from './schema.js';

/**
 * Change control (policy 7.3): every change to the filtering policy is a request (what, why, the risk
 * assessment from an educational and a technical view, who asked), approved or rejected by a leadership
 * member who is not the requester, then applied with its diff logged. Nothing else writes the live tables,
 * except the time-limited emergency unblock (unblocks.ts), which is logged as a request of its own kind.
 */
class DryRun extends Error {
  constructor(readonly diff: DiffItem[]) {
    super('dry run');
  }
}

const parseOps = (s: string): Op[] => (JSON.parse(s) as unknown[]).map((o) => OpSchema.parse(o));

export async function nextNumber(db: Executor, schoolId: string): Promise<number> {
  const r = await db
    .selectFrom('filter_change_requests')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

/** Runs the operations against the live tables in a transaction that is always rolled back. */
async function dryRun(c: Caller, ops: Op[]): Promise<DiffItem[]> {
  try {
    await c.ctx.db.transaction().execute(async (tx) => {
      const diff = await applyOps(c.ctx, tx, {
        schoolId: c.actor.schoolId,
        changeRequestId: 'dry-run',
        ops,
        requesterIsTrustOfficer: c.actor.roles.includes('trust_officer'),
      });
      throw new DryRun(diff);
    });
  } catch (err) {
    if (err instanceof DryRun) return err.diff;
    throw err;
  }
  throw new Error('unreachable');
}

export async function proposeChange(c: Caller, body: ProposeBody) {
  checkProposer(c.actor.roles, body.ops);
  const preview = await dryRun(c, body.ops);
  const id = newId();
  const now = iso(c.ctx.clock.now());
  await c.ctx.db.transaction().execute(async (tx) => {
    const number = await nextNumber(tx, c.actor.schoolId);
    await tx
      .insertInto('filter_change_requests')
      .values({
        id,
        school_id: c.actor.schoolId,
        number,
        kind: 'change',
        title: body.title,
        reason: body.reason,
        risk_educational: body.riskEducational,
        risk_technical: body.riskTechnical,
        ops: JSON.stringify(body.ops),
        status: 'pending',
        requested_by: c.actor.accountId,
        requested_at: now,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        applied_at: null,
        diff: null,
        policy_version: null,
      })
      .execute();
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: 'filter.change.propose',
        entityType: 'filter_change_request',
        entityId: id,
        ip: c.ip,
        details: { number, ops: body.ops.map((o) => o.op) },
      },
      tx,
    );
    const baseline = isBaselineRequest(body.ops);
    const approvers = baseline
      ? await trustOfficersOf(tx, c.actor.schoolId)
      : await accountsWithRoles(tx, c.actor.schoolId, SCHOOL_APPROVER_ROLES);
    for (const accountId of approvers.filter((a) => a !== c.actor.accountId))
      await enqueueInApp(c.ctx, tx, {
        schoolId: c.actor.schoolId,
        recipientAccountId: accountId,
        subject: `Filtering change request ${number} needs a decision`,
        body: baseline
          ? 'A change to the trust baseline with a risk assessment is waiting for another trust officer.'
          : 'A filtering change request with a risk assessment is waiting for a leadership decision.',
        link: baseline ? '/filtering/baseline' : `/filtering/changes/${id}`,
      });
  });
  return { ...(await getChange(c, id)), preview };
}

async function pendingOf(c: Caller, id: string) {
  const cr = await c.ctx.db
    .selectFrom('filter_change_requests')
    .selectAll()
    .where(await requestReach(c))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!cr) throw new AppError('not_found', 'Not found');
  if (cr.status !== 'pending') throw new AppError('conflict', `This request is already ${cr.status}`);
  return cr;
}

export async function approveChange(c: Caller, id: string, note: string) {
  const cr = await pendingOf(c, id);
  // A baseline request is applied in the school it was made in, whichever school of the trust the officer acts in.
  const schoolId = cr.school_id;
  if (cr.requested_by === c.actor.accountId)
    throw new AppError(
      'forbidden',
      'A change request must be approved by someone other than the person who made it',
    );
  const ops = parseOps(cr.ops);
  checkDecider(c.actor.roles, ops);
  const requesterRoles = await c.ctx.db
    .selectFrom('role_assignments')
    .select('role')
    .where('account_id', '=', cr.requested_by)
    .where('revoked_at', 'is', null)
    .execute();
  const now = iso(c.ctx.clock.now());
  let version = 0;
  try {
    await c.ctx.db.transaction().execute(async (tx) => {
      // Claim it: only one decision ever applies a request.
      const claimed = await tx
        .updateTable('filter_change_requests')
        .set({
          status: 'applied',
          decided_by: c.actor.accountId,
          decided_at: now,
          decision_note: note || null,
          applied_at: now,
        })
        .where('id', '=', id)
        .where('school_id', '=', schoolId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1)
        throw new AppError('conflict', 'Someone else decided this request first');
      const diff = await applyOps(c.ctx, tx, {
        schoolId,
        changeRequestId: id,
        ops,
        requesterIsTrustOfficer: requesterRoles.some((r) => r.role === 'trust_officer'),
      });
      version = await bumpVersion(c.ctx, tx, { schoolId, cause: 'change', refId: id });
      await tx
        .updateTable('filter_change_requests')
        .set({ diff: JSON.stringify(diff), policy_version: version })
        .where('id', '=', id)
        .execute();
      await appendAudit(
        c.ctx,
        {
          schoolId,
          actorAccountId: c.actor.accountId,
          action: 'filter.change.apply',
          entityType: 'filter_change_request',
          entityId: id,
          ip: c.ip,
          details: {
            number: cr.number,
            requestedBy: cr.requested_by,
            policyVersion: version,
            changes: diff.map((d) => ({ op: d.op, entity: d.entity, id: d.id })),
          },
        },
        tx,
      );
      await enqueueInApp(c.ctx, tx, {
        schoolId,
        recipientAccountId: cr.requested_by,
        subject: `Filtering change request ${cr.number} was approved and applied`,
        body: 'Your filtering change request was approved and is now live.',
        link: `/filtering/changes/${id}`,
      });
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation')
      throw new AppError(
        'conflict',
        'This request no longer applies to the current policy: reject it and ask again',
        err.details,
      );
    throw err;
  }
  // The resolver in this process has the new version once this resolves; nodes get it at their next poll.
  await livePolicy(c.ctx).refresh();
  return getChange(c, id);
}

export async function decideOther(c: Caller, id: string, to: 'rejected' | 'withdrawn', note: string) {
  const cr = await pendingOf(c, id);
  const schoolId = cr.school_id;
  if (to === 'withdrawn' && cr.requested_by !== c.actor.accountId)
    throw new AppError('forbidden', 'Only the person who made a request can withdraw it');
  if (to === 'rejected' && cr.requested_by === c.actor.accountId)
    throw new AppError('forbidden', 'Withdraw your own request instead of rejecting it');
  if (to === 'rejected') checkDecider(c.actor.roles, parseOps(cr.ops));
  const staged = parseOps(cr.ops).flatMap((o) =>
    (o.op === 'list.add' || o.op === 'list.update') && o.stagedVersionId ? [o.stagedVersionId] : [],
  );
  await c.ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('filter_change_requests')
      .set({
        status: to,
        decided_by: c.actor.accountId,
        decided_at: iso(c.ctx.clock.now()),
        decision_note: note || null,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new AppError('conflict', 'Someone else decided this request first');
    if (staged.length > 0)
      await tx
        .updateTable('filter_list_versions')
        .set({ status: 'discarded', keys: '' })
        .where('school_id', '=', schoolId)
        .where('id', 'in', staged)
        .where('status', '=', 'staged')
        .execute();
    await appendAudit(
      c.ctx,
      {
        schoolId,
        actorAccountId: c.actor.accountId,
        action: to === 'rejected' ? 'filter.change.reject' : 'filter.change.withdraw',
        entityType: 'filter_change_request',
        entityId: id,
        ip: c.ip,
        details: { number: cr.number },
      },
      tx,
    );
    if (to === 'rejected')
      await enqueueInApp(c.ctx, tx, {
        schoolId,
        recipientAccountId: cr.requested_by,
        subject: `Filtering change request ${cr.number} was rejected`,
        body: 'Your filtering change request was rejected; the decision note says why.',
        link: `/filtering/changes/${id}`,
      });
  });
  return getChange(c, id);
}

export async function presentChanges(db: Executor, schoolId: string, rows: FilterChangeRequestTable[]) {
  const names = await accountNames(
    db,
    schoolId,
    rows.flatMap((r) => [r.requested_by, ...(r.decided_by ? [r.decided_by] : [])]),
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    title: r.title,
    reason: r.reason,
    riskEducational: r.risk_educational,
    riskTechnical: r.risk_technical,
    status: r.status,
    requestedBy: { accountId: r.requested_by, name: names.get(r.requested_by) ?? 'Unknown' },
    requestedAt: r.requested_at,
    decidedBy: r.decided_by ? { accountId: r.decided_by, name: names.get(r.decided_by) ?? 'Unknown' } : null,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    appliedAt: r.applied_at,
    policyVersion: r.policy_version,
    ops: JSON.parse(r.ops) as unknown[],
    diff: r.diff ? (JSON.parse(r.diff) as DiffItem[]) : null,
  }));
}

export async function getChange(c: Caller, id: string) {
  const row = await c.ctx.db
    .selectFrom('filter_change_requests')
    .selectAll()
    .where(await requestReach(c))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Not found');
  return { change: (await presentChanges(c.ctx.db, c.actor.schoolId, [row]))[0]! };
}

export async function listChanges(
  c: Caller,
  q: { status?: FilterChangeRequestTable['status'] | undefined; limit: number },
) {
  let query = c.ctx.db
    .selectFrom('filter_change_requests')
    .selectAll()
    .where(await requestReach(c));
  if (q.status) query = query.where('status', '=', q.status);
  const rows = await query.orderBy('number', 'desc').limit(q.limit).execute();
  return { changes: await presentChanges(c.ctx.db, c.actor.schoolId, rows) };
}
