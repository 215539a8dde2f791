import { patternOf } from '@harbour/shared';
import type { z } from 'zod';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { accountNames } from '../filtering/people.js';
import { builtIn } from './classify.js';
import type { NewTerm } from './schema.js';
import { wordingOf } from './wording.js';

/**
 * A school's own phrases, innocent exclusions and switched-off built-in phrases (issue 6), each a logged change
 * (who, when, why; removal the same) that the school's classifier picks up on its next batch; and the
 * false-positive rate per phrase, so the library can be tuned.
 */
let builtInIds: Set<string> | null = null;
const isBuiltIn = (id: string): boolean => {
  const lib = builtIn();
  builtInIds ??= new Set([
    ...lib.phrases.map((p) => p.id),
    ...lib.rules.map((r) => r.id),
    ...lib.exclusions.map((e) => e.id),
  ]);
  return builtInIds.has(id);
};

export async function addTerm(c: Caller, body: z.infer<typeof NewTerm>) {
  if (body.kind === 'disable' && !isBuiltIn(body.phraseId))
    throw new AppError('validation', 'There is no built-in phrase with that id', [
      { path: 'phraseId', message: 'not a phrase of the built-in library' },
    ]);
  if (body.kind !== 'disable' && patternOf(body.text, body.mode).trim() === '')
    throw new AppError('validation', 'The phrase has no letters or digits to match', [
      { path: 'text', message: 'nothing to match' },
    ]);
  const id = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('monitor_terms')
      .values({
        id,
        school_id: c.actor.schoolId,
        kind: body.kind,
        text: body.kind === 'disable' ? body.phraseId : body.text,
        category: body.kind === 'phrase' ? body.category : null,
        severity: body.kind === 'phrase' ? body.severity : null,
        lang: body.kind === 'disable' ? 'en' : body.lang,
        mode: body.kind === 'disable' ? 'word' : body.mode,
        categories: body.kind === 'exclusion' && body.categories ? JSON.stringify(body.categories) : null,
        reason: body.reason,
        created_by: c.actor.accountId,
        created_at: iso(c.ctx.clock.now()),
        removed_at: null,
        removed_by: null,
        removed_reason: null,
      })
      .execute();
    await auditAs(c, tx, 'monitor.term.add', { type: 'monitor_term', id }, { kind: body.kind });
  });
  return { id };
}

export async function removeTerm(c: Caller, id: string, reason: string) {
  await c.ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('monitor_terms')
      .set({ removed_at: iso(c.ctx.clock.now()), removed_by: c.actor.accountId, removed_reason: reason })
      .where('id', '=', id)
      .where('school_id', '=', c.actor.schoolId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('not_found', 'Not found');
    await auditAs(c, tx, 'monitor.term.remove', { type: 'monitor_term', id });
  });
  return { removed: true };
}

export async function library(c: Caller) {
  const schoolId = c.actor.schoolId;
  const terms = await c.ctx.db
    .selectFrom('monitor_terms')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('created_at', 'desc')
    .execute();
  const alerts = await c.ctx.db
    .selectFrom('monitor_alerts')
    .select(['match_ids', 'status'])
    .where('school_id', '=', schoolId)
    .where('origin', '=', 'classifier')
    .execute();
  const stats = new Map<string, { alerts: number; falsePositives: number }>();
  for (const a of alerts)
    for (const id of JSON.parse(a.match_ids) as string[]) {
      const s = stats.get(id) ?? { alerts: 0, falsePositives: 0 };
      s.alerts++;
      if (a.status === 'false_positive') s.falsePositives++;
      stats.set(id, s);
    }
  const wording = await wordingOf(c.ctx.db, schoolId, [...stats.keys()]);
  const names = await accountNames(
    c.ctx.db,
    schoolId,
    terms.flatMap((t) => [t.created_by, t.removed_by].filter((x): x is string => !!x)),
  );
  const lib = builtIn();
  return {
    builtIn: { phrases: lib.phrases.length, rules: lib.rules.length, exclusions: lib.exclusions.length },
    terms: terms.map((t) => ({
      id: t.id,
      kind: t.kind,
      text: t.text,
      category: t.category,
      severity: t.severity,
      lang: t.lang,
      mode: t.mode,
      categories: t.categories ? (JSON.parse(t.categories) as string[]) : null,
      reason: t.reason,
      createdBy: t.created_by ? (names.get(t.created_by) ?? 'Unknown') : null,
      createdAt: t.created_at,
      removedBy: t.removed_by ? (names.get(t.removed_by) ?? 'Unknown') : null,
      removedAt: t.removed_at,
      removedReason: t.removed_reason,
    })),
    phraseStats: [...stats.entries()]
      .map(([id, s]) => ({
        id,
        text: wording.get(id)?.text ?? id,
        category: wording.get(id)?.category ?? null,
        ...s,
        falsePositiveRate: s.alerts === 0 ? 0 : Math.round((s.falsePositives / s.alerts) * 1000) / 1000,
      }))
      .sort((a, b) => b.falsePositiveRate - a.falsePositiveRate || b.alerts - a.alerts),
  };
}
