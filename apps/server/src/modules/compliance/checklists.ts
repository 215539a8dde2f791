import { CHECKLISTS, FRAMEWORK_LABELS, FRAMEWORKS } from '@harbour/shared';
import type { z } from 'zod';
import type { ComplianceCheckTable } from '../../db/schema-compliance.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { dashboard } from './dashboard.js';
import { evidenceReader } from './evidence.js';
import type { CheckBody } from './schema.js';

/**
 * The DfE filtering-and-monitoring standards and the UKSIC appropriate-filtering items as checklists (policy 5.1,
 * 7.3): each item with the school's own status, evidence and notes, and the live evidence Harbour holds for it.
 */
export async function checklists(c: Caller) {
  const schoolId = c.actor.schoolId;
  const dash = await dashboard(c.ctx, schoolId);
  const read = await evidenceReader(c.ctx, schoolId, dash.items);
  const rows = await c.ctx.db
    .selectFrom('compliance_checks')
    .selectAll()
    .where('school_id', '=', schoolId)
    .execute();
  const saved = new Map(rows.map((r) => [`${r.framework}:${r.item_key}`, r]));
  return {
    frameworks: FRAMEWORKS.map((framework) => {
      const items = CHECKLISTS[framework].map((item) => {
        const r = saved.get(`${framework}:${item.key}`);
        return {
          key: item.key,
          group: item.group,
          text: item.text,
          status: r?.status ?? 'not_assessed',
          evidence: r?.evidence ?? null,
          notes: r?.notes ?? null,
          updatedAt: r?.updated_at ?? null,
          live: item.evidence.map(read),
        };
      });
      const counts: Record<string, number> = {};
      for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1;
      return { framework, label: FRAMEWORK_LABELS[framework], counts, items };
    }),
  };
}

export async function saveCheck(c: Caller, b: z.infer<typeof CheckBody>) {
  const schoolId = c.actor.schoolId;
  if (!CHECKLISTS[b.framework].some((i) => i.key === b.item))
    throw new AppError('validation', 'Not an item of that checklist', [
      { path: 'item', message: 'not an item of that checklist' },
    ]);
  return c.ctx.db.transaction().execute(async (tx) => {
    const now = iso(c.ctx.clock.now());
    const existing = await tx
      .selectFrom('compliance_checks')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('framework', '=', b.framework)
      .where('item_key', '=', b.item)
      .executeTakeFirst();
    const fields = {
      status: b.status,
      evidence: b.evidence ?? null,
      notes: b.notes ?? null,
      updated_by: c.actor.accountId,
      updated_at: now,
    } satisfies Partial<ComplianceCheckTable>;
    const id = existing?.id ?? newId();
    if (existing)
      await tx
        .updateTable('compliance_checks')
        .set(fields)
        .where('school_id', '=', schoolId)
        .where('id', '=', id)
        .execute();
    else
      await tx
        .insertInto('compliance_checks')
        .values({ id, school_id: schoolId, framework: b.framework, item_key: b.item, ...fields })
        .execute();
    await auditAs(
      c,
      tx,
      'compliance.check',
      { type: 'compliance_check', id },
      {
        framework: b.framework,
        item: b.item,
        status: b.status,
      },
    );
    return { id, framework: b.framework, item: b.item, status: b.status, updatedAt: now };
  });
}
