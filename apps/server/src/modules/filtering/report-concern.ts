import { z } from 'zod';
import { scopesFor } from '@harbour/shared';
import { AppError } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { recordConcern } from '../concerns/record.js';
import { RecordConcern } from '../concerns/schema.js';
import { openForSchool } from '../schools/keys.js';
import type { Caller } from './caller.js';

/**
 * A block-page report becomes a concern in one step (issue 4; policy 7.3: a breach of filtering is reported
 * and dealt with as an online-safety concern): category "filtering breach", the report's site, comment, time
 * and device address as the account, and the pupils the reporter knows were at that device (the report itself
 * names an address, never a person, clarification 14). The concern is recorded exactly as any other, so the DSL
 * team is alerted by the concerns module.
 */
export const ReportConcernBody = z.strictObject({
  /** Pupils known to have been using the device, if any. */
  pupils: z.array(z.string().min(1).max(100)).max(30).default([]),
  /** What the person making the concern adds (who was at the device, what was seen). */
  note: z.string().trim().max(5000).default(''),
});

const KIND_TEXT = {
  wrongly_blocked: 'reported as wrongly blocked',
  unsuitable: 'reported as an unsuitable site that got through',
} as const;

export async function reportToConcern(c: Caller, id: string, body: z.infer<typeof ReportConcernBody>) {
  if (scopesFor(c.actor.roles, 'filtering.reports').length === 0)
    throw new AppError('forbidden', 'Only the people who work the filtering reports queue can do this');
  const schoolId = c.actor.schoolId;
  const r = await c.ctx.db
    .selectFrom('filter_reports')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw new AppError('not_found', 'Not found');
  if (r.status !== 'open') throw new AppError('conflict', 'This report has already been dealt with');
  const details = r.details_enc
    ? (JSON.parse(await openForSchool(c.ctx, schoolId, `filter_report:${r.id}`, r.details_enc)) as {
        site: string | null;
        comment: string | null;
      })
    : { site: null, comment: null };
  const account = [
    `Block-page report: ${r.name} was ${KIND_TEXT[r.kind]} from the device at ${r.client}` +
      (r.category ? ` (blocked as ${r.category}).` : '.'),
    details.site ? `Site given: ${details.site}` : '',
    details.comment ? `Comment on the report: ${details.comment}` : '',
    body.note,
  ]
    .filter(Boolean)
    .join('\n');
  const concern = RecordConcern.parse({
    category: 'filtering_breach',
    pupils: body.pupils.map((personId) => ({ personId })),
    ...(body.pupils.length === 0
      ? { adult: { description: `Not known: whoever was using the device at ${r.client}` } }
      : {}),
    occurredAt: r.created_at,
    location: `Device at ${r.client}`,
    account,
  });
  // Claim the report first, so two people cannot make two concerns of it; give it back if recording fails.
  const claimed = await c.ctx.db
    .updateTable('filter_reports')
    .set({ status: 'concern', handled_by: c.actor.accountId, handled_at: iso(c.ctx.clock.now()) })
    .where('id', '=', id)
    .where('school_id', '=', schoolId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1)
    throw new AppError('conflict', 'This report has already been dealt with');
  let concernId: string;
  try {
    concernId = (await recordConcern(c, concern)).concern.id;
  } catch (err) {
    await c.ctx.db
      .updateTable('filter_reports')
      .set({ status: 'open', handled_by: null, handled_at: null })
      .where('id', '=', id)
      .where('school_id', '=', schoolId)
      .execute();
    throw err;
  }
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('filter_reports')
      .set({ concern_id: concernId, outcome: 'Recorded as a concern' })
      .where('id', '=', id)
      .where('school_id', '=', schoolId)
      .execute();
    await appendAudit(
      c.ctx,
      {
        schoolId,
        actorAccountId: c.actor.accountId,
        action: 'filter.report.concern',
        entityType: 'filter_report',
        entityId: id,
        ip: c.ip,
        details: { concernId, pupils: body.pupils.length },
      },
      tx,
    );
  });
  return { concern: { id: concernId } };
}
