import { AppError } from '../../lib/errors.js';
import type { Caller } from './caller.js';

/** The self-test record (DfE standard 2: when, who, what was tested, every result). */
const summary = (t: {
  id: string;
  started_at: string;
  finished_at: string;
  run_by_label: string;
  via: string;
  resolver: string;
  policy_version: number | null;
  passed: number;
  failures: number;
  checks: number;
}) => ({
  id: t.id,
  startedAt: t.started_at,
  finishedAt: t.finished_at,
  by: t.run_by_label,
  via: t.via,
  resolver: t.resolver,
  policyVersion: t.policy_version,
  passed: t.passed === 1,
  failures: t.failures,
  checks: t.checks,
});

export async function listSelfTests(c: Caller) {
  const rows = await c.ctx.db
    .selectFrom('filter_self_tests')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .orderBy('started_at', 'desc')
    .limit(100)
    .execute();
  return { tests: rows.map(summary) };
}

export async function getSelfTest(c: Caller, id: string) {
  const t = await c.ctx.db
    .selectFrom('filter_self_tests')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!t) throw new AppError('not_found', 'Not found');
  const results = await c.ctx.db
    .selectFrom('filter_self_test_results')
    .selectAll()
    .where('test_id', '=', id)
    .where('school_id', '=', c.actor.schoolId)
    .orderBy('group_id')
    .orderBy('subject')
    .execute();
  return {
    test: summary(t),
    results: results.map((r) => ({
      groupId: r.group_id,
      subject: r.subject,
      name: r.name,
      expected: r.expected,
      observed: r.observed,
      answer: r.answer,
      pass: r.pass === 1,
    })),
  };
}
