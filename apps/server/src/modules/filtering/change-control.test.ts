import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolver } from '@harbour/dns';
import { createSchool } from '../schools/service.js';
import { createUser, sessionFor, startTestEnv, type Client, type TestEnv } from '../../test/harness.js';
import { livePolicy } from './live.js';
import { registerResolverAddress } from './self-test.js';
import { starterOps } from './starter.js';
import { startTestResolver, startUpstream, type Upstream } from './test-support.js';

/**
 * Policy 7.3: "all changes to the school filtering policy will be logged and recorded", risk-assessed and
 * approved. This walks every route the server has, filtering routes with real requests that succeed, and
 * checks after each request whether the live policy changed. Only two kinds of request may change it: the
 * approval of another person's pending request by a leadership member (logged with its diff), and the
 * time-limited emergency unblock by a leadership member (logged as a request of its own kind).
 */
type Req = { method?: string; url?: string; body?: unknown; as?: 'tech' | 'all' | 'node' };
type Samples = (f: Fixture) => Promise<Req[]> | Req[];
interface Fixture {
  groupId: string;
  listId: string;
  entryId: string;
  nodeToken: string;
  nodeId: string;
  reportId: string;
  unblockId: () => Promise<string>;
  pending: (by: 'tech' | 'all') => Promise<string>;
  stage: () => Promise<string>;
  selfTestId: string;
}

const risk = { reason: 'r', riskEducational: 'e', riskTechnical: 't' };
const ALLOWED_TO_CHANGE = new Set([
  'POST /api/filtering/changes/:id/approve',
  'POST /api/filtering/unblocks',
  'POST /api/filtering/unblocks/:id/end',
]);

/** Requests per filtering route. A new filtering route must be added here, or the walk fails. */
const SAMPLES: Record<string, Samples> = {
  'GET /api/filtering/policy': () => [{}],
  'GET /api/filtering/lists/:id': (f) => [{ url: `/api/filtering/lists/${f.listId}` }],
  'GET /api/filtering/check': () => [{ url: '/api/filtering/check?name=big-bets.example' }],
  'POST /api/filtering/lists/stage': () => [
    { body: { kind: 'block', category: 'gambling', format: 'plain', content: 'more-bets.example\n' } },
  ],
  'GET /api/filtering/changes': () => [{}],
  'GET /api/filtering/changes/export': () => [{}],
  'GET /api/filtering/changes/:id': async (f) => [
    { url: `/api/filtering/changes/${await f.pending('tech')}` },
  ],
  'POST /api/filtering/changes': async (f) => [
    {
      body: {
        title: 'Deny',
        ...risk,
        ops: [{ op: 'entry.add', groupId: f.groupId, domain: 'walk.example', effect: 'deny', note: '' }],
      },
    },
    {
      body: {
        title: 'List',
        ...risk,
        ops: [{ op: 'list.add', stagedVersionId: await f.stage(), name: 'More', refreshHours: null }],
      },
    },
    {
      body: {
        title: 'Remove',
        ...risk,
        ops: [
          { op: 'entry.remove', entryId: f.entryId },
          { op: 'group.update', groupId: f.groupId, name: 'Renamed' },
        ],
      },
    },
  ],
  // Approving one's own request changes nothing; approving another's applies it (the one allowed path).
  'POST /api/filtering/changes/:id/approve': async (f) => [
    { url: `/api/filtering/changes/${await f.pending('all')}/approve`, body: {} },
    { url: `/api/filtering/changes/${await f.pending('tech')}/approve`, body: { note: 'ok' } },
    { url: `/api/filtering/changes/${await f.pending('tech')}/approve`, body: {}, as: 'tech' },
  ],
  'POST /api/filtering/changes/:id/reject': async (f) => [
    { url: `/api/filtering/changes/${await f.pending('tech')}/reject`, body: { note: 'no' } },
  ],
  'POST /api/filtering/changes/:id/withdraw': async (f) => [
    { url: `/api/filtering/changes/${await f.pending('tech')}/withdraw`, body: {}, as: 'tech' },
  ],
  'POST /api/filtering/unblocks': (f) => [
    { body: { domain: 'walk-unblock.example', groupId: f.groupId, reason: 'lesson', minutes: 30 } },
  ],
  'POST /api/filtering/unblocks/:id/end': async (f) => [
    { url: `/api/filtering/unblocks/${await f.unblockId()}/end`, body: {} },
  ],
  'GET /api/filtering/nodes': () => [{}],
  'POST /api/filtering/nodes': () => [{ body: { name: 'walk node' } }],
  'POST /api/filtering/nodes/:id/revoke': (f) => [
    { url: `/api/filtering/nodes/${f.nodeId}/revoke`, body: {} },
  ],
  'GET /api/filtering/query-log/top': () => [{}],
  'GET /api/filtering/query-log/client': () => [
    {
      url: '/api/filtering/query-log/client?client=127.0.10.5&from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z',
    },
  ],
  'GET /api/filtering/reports': () => [{}],
  'POST /api/filtering/reports/:id/resolve': (f) => [
    { url: `/api/filtering/reports/${f.reportId}/resolve`, body: { outcome: 'done' } },
  ],
  'POST /api/filtering/reports/:id/concern': (f) => [
    { url: `/api/filtering/reports/${f.reportId}/concern`, body: {} },
  ],
  'GET /api/filtering/block-page/ca': () => [{}],
  'POST /api/filtering/self-tests': () => [{ body: {} }],
  'GET /api/filtering/self-tests': () => [{}],
  'GET /api/filtering/self-tests/:id': (f) => [{ url: `/api/filtering/self-tests/${f.selfTestId}` }],
  'GET /api/filtering/dashboard': () => [{}],
  'GET /api/filtering/starter': () => [{}],
  'GET /api/dns/policy': () => [{ as: 'node' }],
  'POST /api/dns/logs': () => [
    {
      as: 'node',
      body: {
        batchId: randomUUID(),
        nodeId: 'n',
        policyVersion: 1,
        sentAt: new Date().toISOString(),
        dropped: 0,
        records: [],
      },
    },
  ],
};

describe('change control: no route changes the live policy without a logged, approved request', () => {
  let env: TestEnv;
  let upstream: Upstream;
  let resolver: Resolver;
  let schoolId: string;
  const ids = { tech: '', all: '' };
  const client = async (who: 'tech' | 'all'): Promise<Client> => sessionFor(env, ids[who], schoolId);
  let f: Fixture;

  /** Everything the compiled policy is made from, and the version the resolver serves. */
  async function live(): Promise<string> {
    const db = env.ctx.db;
    const t = async (
      name:
        | 'filter_groups'
        | 'filter_lists'
        | 'filter_entries'
        | 'filter_schedules'
        | 'filter_settings'
        | 'filter_baselines'
        | 'filter_bindings',
    ) => db.selectFrom(name).selectAll().execute();
    await livePolicy(env.ctx).refresh();
    return JSON.stringify({
      groups: await t('filter_groups'),
      lists: await t('filter_lists'),
      entries: await t('filter_entries'),
      schedules: await t('filter_schedules'),
      settings: await t('filter_settings'),
      baselines: await t('filter_baselines'),
      bindings: await t('filter_bindings'),
      activeVersions: await db
        .selectFrom('filter_list_versions')
        .select(['id', 'list_id'])
        .where('status', '=', 'active')
        .orderBy('id')
        .execute(),
      unblocks: await db.selectFrom('filter_unblocks').selectAll().where('ended_at', 'is', null).execute(),
      versions: await db.selectFrom('filter_policy_versions').select('version').orderBy('version').execute(),
      etag: livePolicy(env.ctx).current()?.etag ?? null,
    });
  }

  beforeAll(async () => {
    env = await startTestEnv();
    schoolId = await createSchool(env.ctx, { name: 'Walk Primary', slug: 'walk' });
    ids.tech = (await createUser(env.ctx, schoolId, ['technical_staff'])).accountId;
    // One account holding every role that can reach a filtering route.
    ids.all = (
      await createUser(env.ctx, schoolId, ['headteacher', 'leadership', 'dsl', 'system_admin'])
    ).accountId;
    upstream = await startUpstream();
    resolver = await startTestResolver(env.ctx, upstream);
    registerResolverAddress(env.ctx, { host: '127.0.0.1', port: resolver.addresses[0]!.port });
    const tech = await client('tech');
    const all = await client('all');
    const stage = async () =>
      (
        await tech.post('/api/filtering/lists/stage', {
          kind: 'block',
          category: 'gambling',
          format: 'plain',
          content: 'big-bets.example\n',
        })
      ).json().staged.stagedVersionId as string;
    const p = await tech.post('/api/filtering/changes', {
      title: 'Starter',
      ...risk,
      ops: [
        ...starterOps({ subnets: { ks2: ['127.0.10.0/24'] } }),
        { op: 'list.add', stagedVersionId: await stage(), name: 'Gambling', refreshHours: null },
        { op: 'entry.add', groupId: null, domain: 'kept.example', effect: 'allow', note: '' },
      ],
    });
    expect((await all.post(`/api/filtering/changes/${p.json().change.id}/approve`, {})).statusCode).toBe(200);
    const policy = (await tech.get('/api/filtering/policy')).json();
    const node = (await all.post('/api/filtering/nodes', { name: 'walk' })).json();
    const { signReportToken, submitReport, verifyReportToken } = await import('./reports.js');
    const t = signReportToken(env.ctx, {
      s: schoolId,
      g: policy.groups[1].id,
      n: 'big-bets.example',
      c: 'gambling',
      r: 'category',
      a: '127.0.10.5',
    });
    const reportId = await submitReport(
      env.ctx,
      verifyReportToken(env.ctx, t)!,
      { token: t, kind: 'wrongly_blocked' },
      '127.0.10.5',
    );
    const selfTest = (await tech.post('/api/filtering/self-tests', {})).json().test;
    f = {
      groupId: policy.groups[1].id,
      listId: policy.lists[0].id,
      entryId: policy.entries[0].id,
      nodeToken: node.token,
      nodeId: node.node.id,
      reportId,
      selfTestId: selfTest.id,
      stage,
      async pending(by) {
        const c = await client(by);
        const r = await c.post('/api/filtering/changes', {
          title: `Pending ${randomUUID()}`,
          ...risk,
          ops: [
            {
              op: 'entry.add',
              groupId: null,
              domain: `p-${randomUUID().slice(0, 8)}.example`,
              effect: 'deny',
              note: '',
            },
          ],
        });
        expect(r.statusCode, r.body).toBe(201);
        return r.json().change.id as string;
      },
      async unblockId() {
        const r = await all.post('/api/filtering/unblocks', {
          domain: `u-${randomUUID().slice(0, 8)}.example`,
          groupId: null,
          reason: 'r',
          minutes: 10,
        });
        expect(r.statusCode, r.body).toBe(201);
        return r.json().unblock.id as string;
      },
    };
  });
  afterAll(async () => {
    await resolver?.close();
    await upstream?.close();
    await env.close();
  });

  it('has requests for every filtering route', () => {
    const missing = env.app.apiRoutes.filter((k) => /^\w+ \/api\/(filtering|dns)\//.test(k) && !SAMPLES[k]);
    expect(missing, `add these routes to SAMPLES in change-control.test.ts: ${missing.join(', ')}`).toEqual(
      [],
    );
  });

  it('changes the live policy only by an approved request of another person, or a logged emergency unblock', async () => {
    const failures: string[] = [];
    let allowedChanges = 0;
    for (const key of env.app.apiRoutes) {
      const [method, path] = key.split(' ') as [string, string];
      const filtering = /^\/api\/(filtering|dns)\//.test(path);
      const reqs: Req[] = filtering
        ? await SAMPLES[key]!(f)
        : [{ url: path.replace(/:(\w+)/g, () => randomUUID()), body: method === 'GET' ? undefined : {} }];
      for (const r of reqs) {
        const url = r.url ?? path;
        const before = await live();
        const auditBefore = await env.ctx.db.selectFrom('audit_entries').select('id').execute();
        const res =
          r.as === 'node'
            ? await env.app.inject({
                method: method as 'GET',
                url,
                headers: {
                  authorization: `Bearer ${f.nodeToken}`,
                  ...(r.body ? { 'content-type': 'application/json' } : {}),
                },
                ...(r.body ? { payload: JSON.stringify(r.body) } : {}),
              })
            : await (
                await client(r.as ?? 'all')
              ).request(method, url, r.body ?? (method === 'GET' ? undefined : {}));
        if (filtering && res.statusCode >= 500) failures.push(`${key} ${url}: ${res.statusCode} ${res.body}`);
        const after = await live();
        if (after === before) continue;
        const newAudit = await env.ctx.db
          .selectFrom('audit_entries')
          .select(['action', 'entity_id'])
          .where('id', 'not in', auditBefore.length ? auditBefore.map((a) => a.id) : ['-'])
          .execute();
        const logged = newAudit.map((a) => a.action);
        if (!ALLOWED_TO_CHANGE.has(key)) {
          failures.push(`${key} ${url} changed the live policy (answered ${res.statusCode})`);
          continue;
        }
        if (key.endsWith('/approve')) {
          const crId = url.split('/')[4]!;
          const cr = await env.ctx.db
            .selectFrom('filter_change_requests')
            .selectAll()
            .where('id', '=', crId)
            .executeTakeFirstOrThrow();
          if (
            res.statusCode !== 200 ||
            cr.status !== 'applied' ||
            !cr.decided_by ||
            cr.decided_by === cr.requested_by ||
            !cr.diff ||
            !logged.includes('filter.change.apply')
          )
            failures.push(`${key}: changed the policy without a logged approval by another person`);
        } else {
          const emergency = await env.ctx.db
            .selectFrom('filter_change_requests')
            .selectAll()
            .where('kind', '=', 'emergency')
            .execute();
          if (emergency.length === 0 || !logged.some((a) => a.startsWith('filter.unblock.')))
            failures.push(`${key}: an unblock change was not logged as an emergency request`);
        }
        allowedChanges++;
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    // The walk did reach the paths that may change the policy (approve, unblock, end), and only those did.
    expect(allowedChanges).toBe(3);
  });
});
