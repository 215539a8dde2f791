import { ROLE_LABELS, scopesFor, type Role } from '@harbour/shared';
import type { Executor } from '../../db/index.js';
import type { ApprovalTable } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { endSessionsOf, rolesIn } from '../auth/sessions.js';
import { enqueueInApp } from '../outbox/service.js';
import { createResetLink } from './invitations.js';
import { insertRole } from './repo.js';
import type { Caller } from './service.js';

/**
 * The approvals queue (clarification 9): an administrator's request to reset a password or TOTP, or to grant a
 * safeguarding role, takes effect only when the head or a DSL approves it — someone who is neither the person
 * it is about nor the one who asked.
 */
export type ApprovalKind = 'password_reset' | 'totp_reset' | 'role_grant';

const KIND_LABEL: Record<ApprovalKind, string> = {
  password_reset: 'Reset password',
  totp_reset: 'Reset two-factor authentication',
  role_grant: 'Grant a safeguarding role',
};

/** Accounts in the school who may approve (accounts.approve), other than those named. */
async function approvers(db: Executor, schoolId: string, except: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .select('account_id')
    .where('school_id', '=', schoolId)
    .where('revoked_at', 'is', null)
    .distinct()
    .execute();
  const out: string[] = [];
  for (const r of rows) {
    if (except.includes(r.account_id)) continue;
    if (scopesFor(await rolesIn(db, r.account_id, schoolId), 'accounts.approve').length > 0)
      out.push(r.account_id);
  }
  return out;
}

export async function requestApproval(
  c: Caller,
  req: { kind: ApprovalKind; targetAccountId: string; payload: { role?: Role } },
) {
  const { ctx, actor } = c;
  const dup = await ctx.db
    .selectFrom('approvals')
    .select(['id', 'payload'])
    .where('school_id', '=', actor.schoolId)
    .where('target_account_id', '=', req.targetAccountId)
    .where('kind', '=', req.kind)
    .where('status', '=', 'pending')
    .execute();
  if (dup.some((d) => d.payload === JSON.stringify(req.payload)))
    throw new AppError('conflict', 'The same request is already waiting for approval');
  const id = newId();
  const now = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('approvals')
      .values({
        id,
        school_id: actor.schoolId,
        kind: req.kind,
        target_account_id: req.targetAccountId,
        payload: JSON.stringify(req.payload),
        requested_by: actor.accountId,
        requested_at: now,
        status: 'pending',
        decided_by: null,
        decided_at: null,
        reason: null,
      })
      .execute();
    for (const to of await approvers(tx, actor.schoolId, [actor.accountId, req.targetAccountId])) {
      await enqueueInApp(ctx, tx, {
        schoolId: actor.schoolId,
        recipientAccountId: to,
        subject: `A request needs your approval: ${KIND_LABEL[req.kind]}`,
        body: 'An administrator has asked for a change to an account that needs approval by the head or a DSL.',
        link: '/approvals',
      });
    }
    await appendAudit(
      ctx,
      {
        schoolId: actor.schoolId,
        actorAccountId: actor.accountId,
        action: `approval.request.${req.kind}`,
        entityType: 'account',
        entityId: req.targetAccountId,
        ip: c.ip,
        details: { approvalId: id, ...req.payload },
      },
      tx,
    );
  });
  return { id, kind: req.kind, requestedAt: now, ...req.payload };
}

export async function listApprovals(c: Caller, q: { status: 'pending' | 'decided' | 'all'; limit: number }) {
  let query = c.ctx.db
    .selectFrom('approvals')
    .innerJoin('accounts as target', 'target.id', 'approvals.target_account_id')
    .leftJoin('accounts as requester', 'requester.id', 'approvals.requested_by')
    .leftJoin('accounts as decider', 'decider.id', 'approvals.decided_by')
    .select([
      'approvals.id',
      'approvals.kind',
      'approvals.payload',
      'approvals.status',
      'approvals.requested_at',
      'approvals.requested_by',
      'approvals.decided_at',
      'approvals.reason',
      'approvals.target_account_id',
      'target.username as target_username',
      'requester.username as requester_username',
      'decider.username as decider_username',
    ])
    .where('approvals.school_id', '=', c.actor.schoolId);
  if (q.status === 'pending') query = query.where('approvals.status', '=', 'pending');
  if (q.status === 'decided') query = query.where('approvals.status', '!=', 'pending');
  const rows = await query.orderBy('approvals.requested_at', 'desc').limit(q.limit).execute();
  const names = await c.ctx.db
    .selectFrom('people')
    .select(['account_id', 'given_name', 'family_name', 'preferred_name'])
    .where('school_id', '=', c.actor.schoolId)
    .where('account_id', 'in', rows.length ? rows.map((r) => r.target_account_id) : [''])
    .execute();
  return {
    approvals: rows.map((r) => {
      const payload = JSON.parse(r.payload) as { role?: Role };
      const p = names.find((n) => n.account_id === r.target_account_id);
      return {
        id: r.id,
        kind: r.kind as ApprovalKind,
        label: KIND_LABEL[r.kind as ApprovalKind] ?? r.kind,
        role: payload.role ? { role: payload.role, label: ROLE_LABELS[payload.role] } : null,
        status: r.status,
        target: {
          accountId: r.target_account_id,
          username: r.target_username,
          name: p ? `${p.preferred_name ?? p.given_name} ${p.family_name}` : null,
        },
        requestedBy: r.requester_username,
        requestedAt: r.requested_at,
        decidedBy: r.decider_username,
        decidedAt: r.decided_at,
        reason: r.reason,
        canDecide: r.status === 'pending' && cannotDecide(c, r) === null,
        whyNot: r.status === 'pending' ? cannotDecide(c, r) : null,
      };
    }),
  };
}

function cannotDecide(
  c: Caller,
  a: Pick<ApprovalTable, 'target_account_id' | 'requested_by'>,
): string | null {
  if (a.target_account_id === c.actor.accountId) return 'This request is about your own account';
  if (a.requested_by === c.actor.accountId) return 'You made this request';
  return null;
}

async function pendingApproval(c: Caller, id: string) {
  const a = await c.ctx.db
    .selectFrom('approvals')
    .selectAll()
    .where('id', '=', id)
    .where('school_id', '=', c.actor.schoolId)
    .executeTakeFirst();
  if (!a) throw new AppError('not_found', 'Not found');
  if (a.status !== 'pending') throw new AppError('conflict', `This request has already been ${a.status}`);
  const why = cannotDecide(c, a);
  if (why) throw new AppError('forbidden', `${why}: someone else must decide it`);
  return a;
}

/** Approves and carries out the request in one transaction. A password reset gives its link this once. */
export async function approve(c: Caller, id: string): Promise<{ status: 'approved'; link?: string }> {
  const a = await pendingApproval(c, id);
  const { ctx, actor } = c;
  const now = iso(ctx.clock.now());
  const payload = JSON.parse(a.payload) as { role?: Role };
  return ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('approvals')
      .set({ status: 'approved', decided_by: actor.accountId, decided_at: now })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('conflict', 'This request has already been decided');
    let link: string | undefined;
    const target = a.target_account_id;
    if (a.kind === 'role_grant' && payload.role) {
      const held = await tx
        .selectFrom('role_assignments')
        .select('id')
        .where('account_id', '=', target)
        .where('school_id', '=', actor.schoolId)
        .where('role', '=', payload.role)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!held) await insertRole(tx, actor.schoolId, target, payload.role, a.requested_by, now);
    } else if (a.kind === 'totp_reset') {
      await tx
        .updateTable('accounts')
        .set({
          totp_secret_enc: null,
          totp_pending_secret_enc: null,
          totp_enrolled_at: null,
          totp_last_step: null,
          recovery_codes: null,
          updated_at: now,
        })
        .where('id', '=', target)
        .execute();
      await endSessionsOf(tx, target, 'totp_reset', now);
    } else if (a.kind === 'password_reset') {
      await tx
        .updateTable('accounts')
        .set({ password_hash: null, must_change_password: 0, updated_at: now })
        .where('id', '=', target)
        .execute();
      await endSessionsOf(tx, target, 'password_reset', now);
      link = await createResetLink(ctx, tx, {
        schoolId: actor.schoolId,
        accountId: target,
        by: actor.accountId,
      });
    }
    await enqueueInApp(ctx, tx, {
      schoolId: actor.schoolId,
      recipientAccountId: a.requested_by,
      subject: `Your request was approved: ${KIND_LABEL[a.kind as ApprovalKind] ?? a.kind}`,
      body: 'The head or a DSL approved your request; it has taken effect.',
      link: '/accounts',
    });
    await appendAudit(
      ctx,
      {
        schoolId: actor.schoolId,
        actorAccountId: actor.accountId,
        action: `approval.approve.${a.kind}`,
        entityType: 'account',
        entityId: target,
        ip: c.ip,
        details: { approvalId: id, requestedBy: a.requested_by, ...payload },
      },
      tx,
    );
    return { status: 'approved' as const, ...(link ? { link } : {}) };
  });
}

export async function reject(c: Caller, id: string, reason: string | undefined) {
  const a = await pendingApproval(c, id);
  const now = iso(c.ctx.clock.now());
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('approvals')
      .set({ status: 'rejected', decided_by: c.actor.accountId, decided_at: now, reason: reason ?? null })
      .where('id', '=', id)
      .execute();
    await enqueueInApp(c.ctx, tx, {
      schoolId: c.actor.schoolId,
      recipientAccountId: a.requested_by,
      subject: `Your request was rejected: ${KIND_LABEL[a.kind as ApprovalKind] ?? a.kind}`,
      body: 'The head or a DSL rejected your request. Nothing has changed.',
      link: '/accounts',
    });
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: `approval.reject.${a.kind}`,
        entityType: 'account',
        entityId: a.target_account_id,
        ip: c.ip,
        details: { approvalId: id },
      },
      tx,
    );
  });
  return { status: 'rejected' as const };
}
