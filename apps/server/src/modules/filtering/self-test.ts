import { CATEGORY_INFO, FILTER_CATEGORIES, type FilterCategory } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { query } from './dns-client.js';
import { livePolicy } from './live.js';
import { loadSchoolState, type Group, type SchoolFilterState } from './state.js';

/**
 * The self-test (DfE standard 2; SWGfL Test Filtering): resolves, through the running resolver and as each
 * group (the query's source is the group's loopback address, clarification 3), sample names from every
 * category and the safe-search names; records when, who, what was tested and every result. A check fails when
 * the resolver's answer differs from what the policy says, or when a pupil group can reach a UKSIC category.
 */
const PUPIL_KINDS = new Set(['eyfs_ks1', 'ks2', 'guests']);
const SAMPLES_PER_CATEGORY = 3;

const resolvers = new WeakMap<AppContext, { host: string; port: number }>();
/** The in-process resolver tells the self-test where it listens (main.ts, tests). */
export function registerResolverAddress(ctx: AppContext, at: { host: string; port: number }): void {
  resolvers.set(ctx, at);
}
export function resolverAddress(ctx: AppContext): { host: string; port: number } {
  return (
    resolvers.get(ctx) ?? {
      host: ctx.config.HARBOUR_DNS_LISTEN[0] ?? '127.0.0.1',
      port: ctx.config.HARBOUR_DNS_PORT,
    }
  );
}

export interface CheckResult {
  groupId: string;
  subject: string;
  name: string;
  expected: 'block' | 'allow' | 'rewrite';
  observed: 'block' | 'allow' | 'rewrite' | 'error' | 'not-tested';
  answer: string;
  pass: boolean;
}

async function samplesFor(ctx: AppContext, s: SchoolFilterState): Promise<Map<FilterCategory, string[]>> {
  const out = new Map<FilterCategory, string[]>();
  for (const c of FILTER_CATEGORIES) out.set(c, [...(s.settings.selfTest.samples[c] ?? [])]);
  out.set('illegal', [...s.settings.selfTest.illegalTestNames]);
  const ids = s.lists.filter(
    (l) => l.kind === 'block' && l.category && l.category !== 'illegal' && l.currentVersionId,
  );
  for (const l of ids) {
    const v = await ctx.db
      .selectFrom('filter_list_versions')
      .select('samples')
      .where('id', '=', l.currentVersionId!)
      .executeTakeFirst();
    const list = out.get(l.category!)!;
    for (const n of JSON.parse(v?.samples ?? '[]') as string[]) if (!list.includes(n)) list.push(n);
  }
  for (const [c, list] of out) out.set(c, list.slice(0, SAMPLES_PER_CATEGORY));
  return out;
}

const SAFE_SEARCH_CHECKS = [
  { subject: 'safe-search:google', name: 'www.google.com' },
  { subject: 'safe-search:google', name: 'www.google.co.uk' },
  { subject: 'safe-search:youtube', name: 'www.youtube.com' },
  { subject: 'safe-search:bing', name: 'www.bing.com' },
  { subject: 'safe-search:duckduckgo', name: 'duckduckgo.com' },
] as const;

export async function runSelfTest(
  ctx: AppContext,
  o: {
    schoolId: string;
    runBy: string | null;
    label: string;
    via: 'web' | 'cli';
    resolver?: { host: string; port: number };
  },
) {
  const started = iso(ctx.clock.now());
  const server = o.resolver ?? resolverAddress(ctx);
  const live = livePolicy(ctx);
  await live.refresh();
  const prepared = live.preparedPolicy();
  const s = await loadSchoolState(ctx, ctx.db, o.schoolId);
  const samples = await samplesFor(ctx, s);
  const blockAddrs = new Set([...s.settings.blockAnswer.ipv4, ...s.settings.blockAnswer.ipv6]);
  const results: CheckResult[] = [];
  const observe = async (
    g: Group,
    name: string,
  ): Promise<{ observed: CheckResult['observed']; answer: string }> => {
    try {
      const a = await query(server, name, { from: g.testAddress, timeoutMs: 3000 });
      const answer = a.answers.length ? a.answers.map((x) => `${x.type} ${x.data}`).join(', ') : a.rcode;
      if (a.rcode === 'NXDOMAIN' && s.settings.blockAnswer.mode === 'nxdomain')
        return { observed: 'block', answer };
      if (a.answers.some((x) => x.type === 'CNAME')) return { observed: 'rewrite', answer };
      if (a.rcode === 'NOERROR' && a.answers.length > 0 && a.answers.every((x) => blockAddrs.has(x.data)))
        return { observed: 'block', answer };
      if (a.rcode === 'NOERROR' || a.rcode === 'NXDOMAIN') return { observed: 'allow', answer };
      return { observed: 'error', answer };
    } catch (err) {
      return { observed: 'error', answer: err instanceof Error ? err.message.slice(0, 200) : 'error' };
    }
  };
  const now = ctx.clock.now().getTime();
  for (const g of s.groups) {
    const pg = prepared?.groupById.get(g.id);
    for (const c of FILTER_CATEGORIES) {
      const names = samples.get(c)!;
      if (names.length === 0) {
        results.push({
          groupId: g.id,
          subject: c,
          name: '',
          expected: 'block',
          observed: 'not-tested',
          answer: 'no sample name',
          pass: true,
        });
        continue;
      }
      for (const name of names) {
        const d = pg ? prepared!.decideName(name, pg.index, now) : null;
        const policy = d?.action === 'block' ? 'block' : d?.action === 'rewrite' ? 'rewrite' : 'allow';
        // Pupils must never reach a UKSIC category, whatever the policy says (UKSIC; KCSIE).
        const expected = PUPIL_KINDS.has(g.kind) && CATEGORY_INFO[c].uksic ? 'block' : policy;
        const seen = await observe(g, name);
        results.push({
          groupId: g.id,
          subject: c,
          name,
          expected,
          ...seen,
          pass: seen.observed === expected,
        });
      }
    }
    for (const check of SAFE_SEARCH_CHECKS) {
      const d = pg ? prepared!.decideName(check.name, pg.index, now) : null;
      const expected = d?.action === 'block' ? 'block' : d?.action === 'rewrite' ? 'rewrite' : 'allow';
      const seen = await observe(g, check.name);
      const pass = seen.observed === expected && (d?.action !== 'rewrite' || seen.answer.includes(d.target));
      results.push({ groupId: g.id, subject: check.subject, name: check.name, expected, ...seen, pass });
    }
  }
  const id = newId();
  const failures = results.filter((r) => !r.pass).length;
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('filter_self_tests')
      .values({
        id,
        school_id: o.schoolId,
        started_at: started,
        finished_at: iso(ctx.clock.now()),
        run_by: o.runBy,
        run_by_label: o.label,
        via: o.via,
        resolver: `${server.host}:${server.port}`,
        policy_version: live.current()?.version ?? null,
        passed: failures === 0 ? 1 : 0,
        failures,
        checks: results.length,
      })
      .execute();
    for (let i = 0; i < results.length; i += 200)
      await tx
        .insertInto('filter_self_test_results')
        .values(
          results.slice(i, i + 200).map((r) => ({
            id: newId(),
            test_id: id,
            school_id: o.schoolId,
            group_id: r.groupId,
            subject: r.subject,
            name: r.name,
            expected: r.expected,
            observed: r.observed,
            answer: r.answer,
            pass: r.pass ? 1 : 0,
          })),
        )
        .execute();
    await appendAudit(
      ctx,
      {
        schoolId: o.schoolId,
        actorAccountId: o.runBy,
        action: 'filter.selftest.run',
        entityType: 'filter_self_test',
        entityId: id,
        details: { via: o.via, checks: results.length, failures },
      },
      tx,
    );
  });
  return { id, passed: failures === 0, failures, checks: results.length, results };
}

/**
 * What the dashboard shows (DfE standard 2): the last test, and every (group, check) whose latest result
 * failed; it stays failing until a later test of the same check passes.
 */
export async function selfTestStatus(ctx: AppContext, schoolId: string) {
  const tests = await ctx.db
    .selectFrom('filter_self_tests')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('started_at', 'desc')
    .limit(20)
    .execute();
  const latest = new Map<
    string,
    {
      groupId: string;
      subject: string;
      pass: boolean;
      testId: string;
      at: string;
      name: string;
      observed: string;
    }
  >();
  for (const t of tests) {
    const rows = await ctx.db
      .selectFrom('filter_self_test_results')
      .selectAll()
      .where('test_id', '=', t.id)
      .execute();
    for (const r of rows) {
      const key = `${r.group_id}|${r.subject}`;
      const prev = latest.get(key);
      // Within one test, one failing sample fails the check; an older test never overrides a newer one.
      if (prev && prev.testId !== t.id) continue;
      if (prev && !prev.pass) continue;
      latest.set(key, {
        groupId: r.group_id,
        subject: r.subject,
        pass: r.pass === 1,
        testId: t.id,
        at: t.started_at,
        name: r.name,
        observed: r.observed,
      });
    }
  }
  const last = tests[0];
  return {
    lastTest: last
      ? {
          id: last.id,
          at: last.started_at,
          by: last.run_by_label,
          via: last.via,
          passed: last.passed === 1,
          failures: last.failures,
          checks: last.checks,
        }
      : null,
    failing: [...latest.values()].filter((x) => !x.pass),
  };
}
