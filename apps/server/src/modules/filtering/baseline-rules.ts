import { scopesFor, type Role } from '@harbour/shared';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import type { Caller } from './caller.js';
import type { Op } from './schema.js';

/**
 * Who proposes and decides what (policy 7.3; clarification 13). A school's own changes are approved by its
 * leadership; a change to the trust baseline is a request of its own, proposed by a trust or local-authority
 * officer and approved or rejected by another one. A trust officer changes nothing else in a school's policy
 * (unless a school role they also hold lets them).
 */
export const SCHOOL_APPROVER_ROLES: Role[] = ['headteacher', 'leadership'];

export const isBaselineRequest = (ops: Op[]): boolean => ops.some((o) => o.op === 'baseline.update');

const forbidden = (message: string) => new AppError('forbidden', message);

export function checkProposer(roles: Role[], ops: Op[]): void {
  const baselineOps = ops.filter((o) => o.op === 'baseline.update').length;
  if (baselineOps > 0 && baselineOps !== ops.length)
    throw new AppError(
      'validation',
      'A change to the trust baseline is a request of its own: propose the school’s changes separately',
      [{ path: 'ops', message: 'baseline and school changes mixed' }],
    );
  if (baselineOps > 0 && !roles.includes('trust_officer'))
    throw forbidden('Only a trust or local-authority officer can change the trust baseline');
  const schoolRoles = roles.filter((r) => r !== 'trust_officer');
  if (baselineOps === 0 && scopesFor(schoolRoles, 'filtering.propose').length === 0)
    throw forbidden(
      'A trust officer proposes changes to the trust baseline only; the school changes its own policy',
    );
}

/** Approving or rejecting: the request's own kind of decider (never the requester: the caller checks). */
export function checkDecider(roles: Role[], ops: Op[]): void {
  if (isBaselineRequest(ops)) {
    if (!roles.includes('trust_officer'))
      throw forbidden('A change to the trust baseline is approved by another trust officer');
    return;
  }
  if (!roles.some((r) => SCHOOL_APPROVER_ROLES.includes(r)))
    throw forbidden('Only a member of the leadership team can approve filtering changes');
}

/**
 * Which change requests a caller reaches: the acting school's, and for a trust officer also the baseline
 * requests made in any school of the trust (a baseline request is the trust's, whichever school it was made in).
 */
export async function requestReach(
  c: Caller,
): Promise<(eb: ExpressionBuilder<DB, 'filter_change_requests'>) => Expression<SqlBool>> {
  const acting = c.actor.schoolId;
  if (!c.actor.roles.includes('trust_officer')) return (eb) => eb('school_id', '=', acting);
  const trust = (
    await c.ctx.db
      .selectFrom('schools as s')
      .innerJoin('schools as t', 't.organisation_id', 's.organisation_id')
      .select('t.id')
      .where('s.id', '=', acting)
      .execute()
  ).map((r) => r.id);
  if (trust.length === 0) return (eb) => eb('school_id', '=', acting);
  return (eb) =>
    eb.or([
      eb('school_id', '=', acting),
      eb.and([eb('school_id', 'in', trust), eb('ops', 'like', BASELINE_OP_LIKE)]),
    ]);
}
/** A baseline request's stored operations (JSON.stringify, no spaces) hold only baseline.update operations. */
const BASELINE_OP_LIKE = '%"op":"baseline.update"%';
