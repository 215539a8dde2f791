import os from 'node:os';
import { parseArgs } from 'node:util';
import { parseHostPort } from '@harbour/dns';
import { createContext, flushAuditHead } from '../../bootstrap.js';
import { runSelfTest } from '../../modules/filtering/self-test.js';

const USAGE = `usage: harbour filter test [--school SLUG] [--resolver HOST[:PORT]] [--as NAME]
Resolves sample names of every category and the safe-search names through the running resolver, as each
filtering group, and records the results (DfE standard 2). Exits 1 if any check fails.`;

/** `harbour filter test`: the filtering self-test from the command line (the web app has a button too). */
export async function run(args: string[]): Promise<number> {
  let values: { school?: string; resolver?: string; as?: string };
  try {
    values = parseArgs({
      args,
      options: { school: { type: 'string' }, resolver: { type: 'string' }, as: { type: 'string' } },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const ctx = await createContext();
  try {
    const c = ctx.config;
    const host = c.HARBOUR_DNS_LISTEN.some((a) => a.startsWith('127.') || a === '0.0.0.0')
      ? '127.0.0.1'
      : c.HARBOUR_DNS_LISTEN[0]!;
    const resolver = values.resolver
      ? parseHostPort(values.resolver, 53)
      : { host, port: c.HARBOUR_DNS_PORT };
    let q = ctx.db
      .selectFrom('schools')
      .select(['id', 'name', 'slug'])
      .where('id', 'in', ctx.db.selectFrom('filter_groups').select('school_id'));
    if (values.school) q = q.where('slug', '=', values.school);
    const schools = await q.orderBy('name').execute();
    if (schools.length === 0) {
      console.error(
        values.school
          ? `no school ${values.school} with a filtering policy`
          : 'no school has a filtering policy yet',
      );
      return 2;
    }
    const groups = new Map(
      (await ctx.db.selectFrom('filter_groups').select(['id', 'name']).execute()).map((g) => [g.id, g.name]),
    );
    let failed = 0;
    for (const s of schools) {
      const r = await runSelfTest(ctx, {
        schoolId: s.id,
        runBy: null,
        label: `cli:${values.as ?? os.userInfo().username}`,
        via: 'cli',
        resolver,
      });
      console.log(
        `${s.name}: ${r.checks} checks, ${r.failures} failed (resolver ${resolver.host}:${resolver.port})`,
      );
      for (const x of r.results.filter((y) => !y.pass))
        console.log(
          `  FAIL ${groups.get(x.groupId) ?? x.groupId} / ${x.subject} ${x.name}: expected ${x.expected}, got ${x.observed} (${x.answer})`,
        );
      if (r.failures > 0) failed++;
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await flushAuditHead(ctx);
    await ctx.database.close();
  }
}
