import type { AppContext } from '../../context.js';
import { selfTestStatus } from './self-test.js';

/**
 * Filtering figures for other modules (compliance, issue 5: the dashboard and the annual review; DfE
 * standards 1 and 2). Read-only; no narrative.
 */
export interface FilteringEvidence {
  /** Approved changes applied in the period. */
  changesApplied: number;
  /**
   * Policy versions from a change that no approved request by another person accounts for. Zero unless the
   * tables were written behind Harbour's back: every route goes through change control.
   */
  changesWithoutApproval: number;
  /** Emergency unblocks made in the period (logged, time-limited, made by a leadership member alone). */
  emergencyUnblocks: number;
  pendingChanges: number;
  lastSelfTest: { at: string; by: string; passed: boolean; failures: number; checks: number } | null;
  /** (group, check) pairs whose latest self-test result failed. */
  failingChecks: number;
}

export async function filteringEvidence(
  ctx: AppContext,
  o: { schoolId: string; from?: string; to?: string },
): Promise<FilteringEvidence> {
  const from = o.from ?? '0000';
  const to = o.to ?? '9999';
  const crs = await ctx.db
    .selectFrom('filter_change_requests')
    .select(['id', 'kind', 'status', 'requested_by', 'decided_by', 'applied_at'])
    .where('school_id', '=', o.schoolId)
    .execute();
  const inPeriod = (at: string | null) => at !== null && at >= from && at < to;
  const approved = new Set(
    crs
      .filter(
        (c) =>
          c.kind === 'change' && c.status === 'applied' && c.decided_by && c.decided_by !== c.requested_by,
      )
      .map((c) => c.id),
  );
  const versions = await ctx.db
    .selectFrom('filter_policy_versions')
    .select(['ref_id', 'created_at'])
    .where('school_id', '=', o.schoolId)
    .where('cause', '=', 'change')
    .execute();
  const status = await selfTestStatus(ctx, o.schoolId);
  return {
    changesApplied: crs.filter((c) => c.kind === 'change' && c.status === 'applied' && inPeriod(c.applied_at))
      .length,
    changesWithoutApproval: versions.filter(
      (v) => inPeriod(v.created_at) && !(v.ref_id && approved.has(v.ref_id)),
    ).length,
    emergencyUnblocks: crs.filter((c) => c.kind === 'emergency' && inPeriod(c.applied_at)).length,
    pendingChanges: crs.filter((c) => c.status === 'pending').length,
    lastSelfTest: status.lastTest
      ? {
          at: status.lastTest.at,
          by: status.lastTest.by,
          passed: status.lastTest.passed,
          failures: status.lastTest.failures,
          checks: status.lastTest.checks,
        }
      : null,
    failingChecks: status.failing.length,
  };
}
