import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode } from '@harbour/dns';
import { CompiledPolicySchema } from '@harbour/shared';
import {
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type Client,
  type TestEnv,
} from '../../test/harness.js';
import { query } from './dns-client.js';
import { starterOps } from './starter.js';
import { startUpstream, type Upstream } from './test-support.js';

/** Node tokens and the node API (docs/filtering-policy.md), with a real standalone node pulling over HTTP. */
describe('resolver nodes', () => {
  let env: TestEnv;
  let admin: Client;
  let tech: Client;
  let head: Client;
  let token: string;
  let nodeId: string;
  let schoolId: string;
  let base: string;
  let upstream: Upstream;
  const risk = { reason: 'r', riskEducational: 'e', riskTechnical: 't' };
  const change = async (ops: unknown[]) => {
    const p = await tech.post('/api/filtering/changes', { title: 'c', ...risk, ops });
    return (await head.post(`/api/filtering/changes/${p.json().change.id}/approve`, {})).json().change;
  };
  const pull = (headers: Record<string, string> = {}) =>
    env.app.inject({
      method: 'GET',
      url: '/api/dns/policy',
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
  const push = (records: unknown[], batchId = randomUUID(), t = token) =>
    env.app.inject({
      method: 'POST',
      url: '/api/dns/logs',
      headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        batchId,
        nodeId: 'n1',
        policyVersion: 1,
        sentAt: new Date().toISOString(),
        dropped: 0,
        records,
      }),
    });

  beforeAll(async () => {
    env = await startTestEnv();
    schoolId = await createSchool(env.ctx);
    const make = async (roles: Parameters<typeof createUser>[2]) =>
      sessionFor(env, (await createUser(env.ctx, schoolId, roles)).accountId, schoolId);
    admin = await make(['system_admin']);
    tech = await make(['technical_staff']);
    head = await make(['headteacher']);
    const issued = await admin.post('/api/filtering/nodes', { name: 'Junior building' });
    expect(issued.statusCode).toBe(201);
    ({ token } = issued.json());
    nodeId = issued.json().node.id;
    await env.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(env.app.server.address() as { port: number }).port}`;
    upstream = await startUpstream();
  });
  afterAll(async () => {
    await upstream.close();
    await env.close();
  });

  it('refuses anything but a valid node token, and has no policy to give before the school has one', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/dns/policy' })).statusCode).toBe(401);
    expect((await pull({ authorization: 'Bearer not-a-token-at-all' })).statusCode).toBe(401);
    expect((await admin.get('/api/dns/policy')).statusCode).toBe(401);
    expect((await pull()).statusCode).toBe(404);
  });

  it('serves the school’s policy with an ETag, 304 when unchanged, a new one after an approved change', async () => {
    await change(starterOps({ subnets: { ks2: ['127.0.30.0/24'] } }));
    const first = await pull({ 'x-harbour-node': 'junior/test' });
    expect(first.statusCode).toBe(200);
    const policy = CompiledPolicySchema.parse(first.json());
    expect(first.headers.etag).toBe(`"${policy.etag}"`);
    expect(policy.schools.map((s) => s.id)).toEqual([schoolId]);
    expect((await pull({ 'if-none-match': first.headers.etag as string })).statusCode).toBe(304);
    const gz = await pull({ 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString()).etag).toBe(policy.etag);
    await change([
      { op: 'entry.add', groupId: null, domain: 'blocked-now.example', effect: 'deny', note: '' },
    ]);
    const second = await pull({ 'if-none-match': first.headers.etag as string });
    expect(second.statusCode).toBe(200);
    expect(second.json().version).toBeGreaterThan(policy.version);
    const nodes = (await admin.get('/api/filtering/nodes')).json().nodes;
    expect(nodes[0]).toMatchObject({
      name: 'Junior building',
      lastAgent: 'junior/test',
      lastVersion: second.json().version,
    });
    expect(
      await env.ctx.db
        .selectFrom('audit_entries')
        .select('action')
        .where('action', '=', 'filter.node.pull')
        .execute(),
    ).toHaveLength(3);
  });

  it('stores pushed logs once per batchId, only for the node’s own school', async () => {
    const groupId = (await tech.get('/api/filtering/policy')).json().groups[0].id;
    const rec = (school: string) => ({
      time: new Date().toISOString(),
      count: 3,
      client: '127.0.30.9',
      identifiedBy: 'subnet',
      schoolId: school,
      groupId,
      name: 'big-bets.example',
      type: 'A',
      action: 'block',
      reason: 'category',
      category: 'gambling',
      ruleId: null,
    });
    const batchId = randomUUID();
    const other = await createSchool(env.ctx, 'Another School');
    const res = await push([rec(schoolId), rec(other)], batchId);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 1, duplicate: false });
    expect((await push([rec(schoolId)], batchId)).json()).toEqual({ accepted: 0, duplicate: true });
    expect((await push([{ nonsense: true }])).statusCode).toBe(400);
    const rows = await env.ctx.db.selectFrom('filter_query_log').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ school_id: schoolId, count: 3, node_id: 'node:Junior building' });
  });

  it('feeds a real standalone node, which keeps serving while the server is away; a revoked token is refused', async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-node-'));
    const node = await startNode({
      server: base,
      token,
      stateDir,
      name: 'junior',
      listen: [{ host: '127.0.0.1', port: 0 }],
      upstreams: [upstream],
      pollMs: 60_000,
    });
    try {
      await node.source.poll();
      expect(node.source.lastPull).toBe('updated');
      const at = { host: '127.0.0.1', port: node.resolver.addresses[0]!.port };
      expect((await query(at, 'blocked-now.example', { from: '127.0.30.2' })).answers[0]!.data).toBe(
        '127.0.0.1',
      );
      // The server goes away (stops listening; the test still reaches it in-process to revoke below).
      env.app.server.closeAllConnections();
      await new Promise<void>((r) => env.app.server.close(() => r()));
      await node.source.poll();
      expect(node.source.lastPull).toBe('failed');
      expect((await query(at, 'blocked-now.example', { from: '127.0.30.2' })).answers[0]!.data).toBe(
        '127.0.0.1',
      );
    } finally {
      await node.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
    expect((await admin.post(`/api/filtering/nodes/${nodeId}/revoke`, {})).statusCode).toBe(200);
    expect((await pull()).statusCode).toBe(401);
  });
});
