import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolver } from '@harbour/dns';
import {
  TestClock,
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type Client,
  type TestEnv,
} from '../../test/harness.js';
import { query } from './dns-client.js';
import { registerResolverAddress } from './self-test.js';
import { onPostgres } from '../../test/harness.js';
import { starterOps } from './starter.js';
import { startTestResolver, startUpstream, upstreamAddress, type Upstream } from './test-support.js';

/**
 * The school's policy through the real resolver (apps/dns) inside harbour, over real DNS on loopback with
 * an upstream we start: clients are told apart by their source address in 127.0.0.0/8 (clarification 3).
 */
const KS2 = '127.0.10.5';
const STAFF = '127.0.20.5';
const risk = { reason: 'r', riskEducational: 'e', riskTechnical: 't' };

describe('the filtering policy on the resolver', () => {
  let env: TestEnv;
  let clock: TestClock;
  let upstream: Upstream;
  let resolver: Resolver;
  let tech: Client;
  let head: Client;
  let server: { host: string; port: number };
  let schoolId: string;
  const ids = { tech: '', head: '' };
  const fresh = async () => {
    tech = await sessionFor(env, ids.tech, schoolId);
    head = await sessionFor(env, ids.head, schoolId);
  };
  const ask = (name: string, from: string) => query(server, name, { from });
  const change = async (ops: unknown[]) => {
    await fresh(); // the test clock moves past the idle lock
    const p = await tech.post('/api/filtering/changes', { title: 'Change', ...risk, ops });
    expect(p.statusCode, p.body).toBe(201);
    const a = await head.post(`/api/filtering/changes/${p.json().change.id}/approve`, {});
    expect(a.statusCode, a.body).toBe(200);
    return a.json().change;
  };
  const stage = async (category: string, content: string) =>
    (
      await tech.post('/api/filtering/lists/stage', { kind: 'block', category, format: 'auto', content })
    ).json().staged.stagedVersionId as string;

  beforeAll(async () => {
    clock = new TestClock(new Date('2026-11-23T09:00:00Z')); // a Monday, 9:00 in London (GMT)
    env = await startTestEnv({ clock });
    schoolId = await createSchool(env.ctx);
    ids.tech = (await createUser(env.ctx, schoolId, ['technical_staff'])).accountId;
    ids.head = (await createUser(env.ctx, schoolId, ['headteacher'])).accountId;
    await fresh();
    upstream = await startUpstream();
    resolver = await startTestResolver(env.ctx, upstream, () => clock.now().getTime());
    server = { host: '127.0.0.1', port: resolver.addresses[0]!.port };
    registerResolverAddress(env.ctx, server);
    const settings = (await tech.get('/api/filtering/policy')).json().settings;
    await change([
      ...starterOps({ subnets: { ks2: ['127.0.10.0/24'], staff: ['127.0.20.0/24'] } }),
      {
        op: 'list.add',
        stagedVersionId: await stage('gambling', '0.0.0.0 big-bets.example\n'),
        name: 'Gambling',
        refreshHours: null,
      },
      {
        op: 'list.add',
        stagedVersionId: await stage('social-media', '||friendbook.example^\n'),
        name: 'Social',
        refreshHours: null,
      },
      // All Souls' 3.1: staff may use social media at break times only.
      {
        op: 'settings.update',
        value: { ...settings, staffSocialMedia: { ...settings.staffSocialMedia, mode: 'break-times' } },
      },
    ]);
  });
  afterAll(async () => {
    await resolver?.close();
    await upstream?.close();
    await env.close();
  });

  it('refuses a KS2 client a gambling site with the block page address, and lets other names through', async () => {
    expect(await ask('www.big-bets.example', KS2)).toEqual({
      rcode: 'NOERROR',
      answers: [{ type: 'A', data: '127.0.0.1' }],
    });
    expect((await ask('library.example', KS2)).answers).toEqual([
      { type: 'A', data: upstreamAddress('library.example') },
    ]);
    // The Firefox DoH canary answers NXDOMAIN so browsers keep the school resolver.
    expect((await ask('use-application-dns.net', KS2)).rcode).toBe('NXDOMAIN');
  });

  it('lets staff reach social media only inside the break-time window', async () => {
    expect((await ask('friendbook.example', STAFF)).answers[0]!.data).toBe('127.0.0.1');
    clock.t = new Date('2026-11-23T10:35:00Z');
    expect((await ask('friendbook.example', STAFF)).answers[0]!.data).toBe(
      upstreamAddress('friendbook.example'),
    );
    expect((await ask('friendbook.example', KS2)).answers[0]!.data).toBe('127.0.0.1');
    clock.t = new Date('2026-11-23T10:46:00Z');
    expect((await ask('friendbook.example', STAFF)).answers[0]!.data).toBe('127.0.0.1');
  });

  it('puts an approved change on the resolver at once, and logs the decisions in batches', async () => {
    expect((await ask('lottery-club.example', KS2)).answers[0]!.data).toBe(
      upstreamAddress('lottery-club.example'),
    );
    const applied = await change([
      {
        op: 'entry.add',
        groupId: null,
        domain: 'lottery-club.example',
        effect: 'deny',
        note: 'Reported by a teacher',
      },
    ]);
    expect(resolver.state.version).toBe(applied.policyVersion);
    expect((await ask('lottery-club.example', KS2)).answers[0]!.data).toBe('127.0.0.1');
    expect(applied.diff).toEqual([
      expect.objectContaining({
        op: 'entry.add',
        before: null,
        after: expect.objectContaining({ domain: 'lottery-club.example', effect: 'deny' }),
      }),
    ]);

    await resolver.decisions.flush();
    const rows = await env.ctx.db
      .selectFrom('filter_query_log')
      .selectAll()
      .where('client', '=', KS2)
      .execute();
    expect(rows.find((r) => r.name === 'www.big-bets.example')).toMatchObject({
      action: 'block',
      category: 'gambling',
    });
    expect(rows.find((r) => r.name === 'lottery-club.example' && r.action === 'block')).toMatchObject({
      reason: 'deny-entry',
    });
    const batches = await env.ctx.db
      .selectFrom('audit_entries')
      .select('details')
      .where('action', '=', 'filter.query_log.batch')
      .execute();
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.length).toBeLessThan(rows.length);

    const top = (await head.get('/api/filtering/query-log/top?from=2026-11-23&to=2026-11-23')).json();
    expect(top.days[0].categories.map((c: { category: string }) => c.category)).toContain('gambling');
    const totals = top.days[0].totals as { action: string; queries: number }[];
    expect(totals.some((t) => t.action === 'block' && t.queries > 0)).toBe(true);
    expect(totals.some((t) => t.action === 'allow' && t.queries > 0)).toBe(true);
    const history = await head.get(
      `/api/filtering/query-log/client?client=${KS2}&from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z`,
    );
    expect(history.json().entries.length).toBe(rows.length);
    expect(
      (
        await tech.get(
          `/api/filtering/query-log/client?client=${KS2}&from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z`,
        )
      ).statusCode,
    ).toBe(403);
  });

  it('self-tests every category and safe search as each group, records every result, and keeps a failure red until a later pass', async () => {
    await fresh();
    // A pornography sample that no list holds yet: pupils must not reach it, so the test must fail.
    const settings = (await tech.get('/api/filtering/policy')).json().settings;
    await change([
      {
        op: 'settings.update',
        value: {
          ...settings,
          selfTest: { ...settings.selfTest, samples: { pornography: ['adult-videos.example'] } },
        },
      },
    ]);
    const run = await tech.post('/api/filtering/self-tests', {});
    expect(run.statusCode, run.body).toBe(201);
    const test = run.json().test;
    const groups = (await tech.get('/api/filtering/policy')).json().groups as { id: string; kind: string }[];
    const ks2 = groups.find((g) => g.kind === 'ks2')!.id;
    const staff = groups.find((g) => g.kind === 'staff')!.id;
    const of = (groupId: string, subject: string) =>
      test.results.filter(
        (r: { groupId: string; subject: string }) => r.groupId === groupId && r.subject === subject,
      );
    expect(of(ks2, 'gambling')).toEqual([
      expect.objectContaining({ name: 'big-bets.example', expected: 'block', observed: 'block', pass: true }),
    ]);
    expect(of(ks2, 'pornography')[0]).toMatchObject({ expected: 'block', observed: 'allow', pass: false });
    expect(of(ks2, 'self-harm')[0]).toMatchObject({ observed: 'not-tested', pass: true });
    // Staff at 10:46 are outside break time: social media blocked; YouTube moderate for staff, strict for KS2.
    expect(of(staff, 'social-media')[0]).toMatchObject({ expected: 'block', observed: 'block', pass: true });
    expect(of(ks2, 'safe-search:youtube')[0]).toMatchObject({
      observed: 'rewrite',
      pass: true,
      answer: expect.stringContaining('restrict.youtube.com'),
    });
    expect(of(staff, 'safe-search:youtube')[0].answer).toContain('restrictmoderate.youtube.com');
    expect(of(ks2, 'safe-search:google')).toHaveLength(2);
    expect(
      test.results
        .filter((r: { pass: boolean }) => !r.pass)
        .every((r: { subject: string }) => r.subject === 'pornography'),
    ).toBe(true);

    const dash = (await head.get('/api/filtering/dashboard')).json();
    expect(dash.selfTest.lastTest).toMatchObject({
      passed: false,
      by: expect.stringContaining('technical_staff'),
    });
    expect(dash.selfTest.failing.map((f: { subject: string }) => f.subject)).toContain('pornography');
    expect(dash.evidence).toMatchObject({
      changesWithoutApproval: 0,
      lastSelfTest: expect.objectContaining({ passed: false }),
    });

    // Block it, test again: the failure clears.
    await change([
      {
        op: 'list.add',
        stagedVersionId: await stage('pornography', 'adult-videos.example\n'),
        name: 'Adult',
        refreshHours: null,
      },
    ]);
    const again = (await tech.post('/api/filtering/self-tests', {})).json().test;
    expect(again.failures).toBe(0);
    expect((await head.get('/api/filtering/dashboard')).json().selfTest.failing).toEqual([]);
    const stored = (await head.get(`/api/filtering/self-tests/${test.id}`)).json();
    expect(stored.results).toHaveLength(test.checks);
    expect(stored.test).toMatchObject({ via: 'web', failures: test.failures });
  });

  it.skipIf(onPostgres())(
    'runs as `harbour filter test` from the command line and records the run',
    async () => {
      const { run } = await import('../../cli/commands/filter-test.js');
      const saved = { ...process.env };
      Object.assign(process.env, {
        HARBOUR_DATA_DIR: env.dataDir,
        HARBOUR_DATABASE_URL: env.ctx.config.databaseUrl,
        HARBOUR_MASTER_KEY: env.ctx.config.HARBOUR_MASTER_KEY,
      });
      const out: string[] = [];
      const log = console.log;
      console.log = (...a: unknown[]) => void out.push(a.join(' '));
      try {
        expect(await run(['--resolver', `127.0.0.1:${server.port}`, '--as', 'it-provider'])).toBe(0);
      } finally {
        console.log = log;
        process.env = saved;
      }
      expect(out[0]).toMatch(/checks, 0 failed/);
      const last = await env.ctx.db
        .selectFrom('filter_self_tests')
        .selectAll()
        .orderBy('started_at', 'desc')
        .executeTakeFirstOrThrow();
      expect(last).toMatchObject({ via: 'cli', run_by_label: 'cli:it-provider', passed: 1 });
    },
  );
});
