import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_GROUPS,
  compilePolicy,
  demoPolicySpec,
  type CompiledPolicy,
  type QueryLogBatch,
} from '@harbour/shared';
import { ask, defaultAnswer, startUpstream, type TestUpstream } from '../test/loopback.js';
import { startNode, type RunningNode } from './standalone.js';

const TOKEN = 'node-token-1';
const KS2 = '127.0.0.2';

const policyV = (version: number): CompiledPolicy =>
  compilePolicy(
    demoPolicySpec({
      version,
      subnets: [{ cidr: `${KS2}/32`, groupId: DEMO_GROUPS.ks2 }],
      blockPage: version === 1 ? { ipv4: ['127.0.0.80'], ipv6: [] } : { ipv4: ['127.0.0.81'], ipv6: [] },
    }),
  ).policy;

/** A stand-in for the server's two node routes, with the contract's status codes. */
class FakeServer {
  policy = policyV(1);
  pulls: { status: number; ifNoneMatch?: string }[] = [];
  batches: QueryLogBatch[] = [];
  server: http.Server | null = null;
  port = 0;

  async start(port = 0) {
    this.server = http.createServer((req, res) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401).end('{"error":{"code":"unauthorised","message":"bad token"}}');
        return;
      }
      if (req.method === 'GET' && req.url === '/api/dns/policy') {
        const etag = `"${this.policy.etag}"`;
        const status = req.headers['if-none-match'] === etag ? 304 : 200;
        this.pulls.push({ status, ifNoneMatch: req.headers['if-none-match'] });
        if (status === 304) res.writeHead(304, { etag }).end();
        else
          res.writeHead(200, { etag, 'content-type': 'application/json' }).end(JSON.stringify(this.policy));
        return;
      }
      if (req.method === 'POST' && req.url === '/api/dns/logs') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const batch = JSON.parse(body) as QueryLogBatch;
          const duplicate = this.batches.some((b) => b.batchId === batch.batchId);
          if (!duplicate) this.batches.push(batch);
          res
            .writeHead(202, { 'content-type': 'application/json' })
            .end(JSON.stringify({ accepted: 1, duplicate }));
        });
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', () => r()));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop() {
    await new Promise<void>((r) => {
      this.server!.close(() => r());
      this.server!.closeAllConnections();
    });
  }
}

let upstream: TestUpstream;
const fake = new FakeServer();
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'harbour-dns-node-'));
  dirs.push(d);
  return d;
};
const node = (stateDir: string, token = TOKEN) =>
  startNode({
    server: `http://127.0.0.1:${fake.port}`,
    token,
    stateDir,
    name: 'test-node',
    listen: [{ host: '127.0.0.1', port: 0 }],
    upstreams: [{ host: upstream.host, port: upstream.port }],
    pollMs: 3_600_000,
    logFlushMs: 3_600_000,
    logRetryMs: 0,
  });
const first = (n: RunningNode, name: string) =>
  ask(n.resolver.addresses[0]!.port, name, 'A', { from: KS2 }).then((r) => r.packet);
const addr = (p: Awaited<ReturnType<typeof first>>) => (p.answers ?? []).map((a) => String(a.data));

beforeAll(async () => {
  upstream = await startUpstream({ answer: defaultAnswer('192.0.2.1') });
  await fake.start();
});
afterAll(async () => {
  await upstream.close();
  if (fake.server?.listening) await fake.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a standalone node', () => {
  it('pulls the policy, re-pulls conditionally, keeps serving while the server is down, pushes logs back', async () => {
    const dir = tmp();
    const n = await node(dir);
    try {
      await n.source.poll();
      expect(n.resolver.state.version).toBe(1);
      expect(addr(await first(n, 'casino-spins.example'))).toEqual(['127.0.0.80']);
      // Unchanged: a conditional request answered 304.
      await n.source.poll();
      expect(fake.pulls.at(-1)).toEqual({ status: 304, ifNoneMatch: `"${fake.policy.etag}"` });
      // A new version arrives with the next pull.
      fake.policy = policyV(2);
      await n.source.poll();
      expect(n.resolver.state.version).toBe(2);
      expect(addr(await first(n, 'casino-spins.example'))).toEqual(['127.0.0.81']);
      // Only the resolver's tables hold the policy; the source reads its stored copy back when asked.
      expect(n.resolver.state.prepared!.policy.lists.every((l) => l.keys === '')).toBe(true);
      expect(n.source.current()).toEqual(fake.policy);
      // Logs reach the server with the node's token.
      await n.resolver.decisions.flush();
      const records = fake.batches.flatMap((b) => b.records);
      expect(records.find((r) => r.name === 'casino-spins.example')).toMatchObject({
        action: 'block',
        groupId: 'ks2',
      });
      expect(fake.batches.every((b) => b.nodeId === 'test-node')).toBe(true);

      // The server goes away: the node keeps serving its last policy, and keeps its logs for later.
      await fake.stop();
      await n.source.poll();
      expect(n.source.lastPull).toBe('failed');
      expect(addr(await first(n, 'casino-spins.example'))).toEqual(['127.0.0.81']);
      expect(addr(await first(n, 'allowed.example'))).toEqual(['192.0.2.1']);
      await n.resolver.decisions.flush();
      expect(n.resolver.decisions.pending().records).toBeGreaterThan(0);
      const before = fake.batches.length;

      // It comes back (same port): the kept batches arrive.
      await fake.start(fake.port);
      await n.resolver.decisions.flush();
      expect(fake.batches.length).toBeGreaterThan(before);
      expect(n.resolver.decisions.pending().records).toBe(0);
    } finally {
      await n.close();
    }
  });

  it('restarts with the server down and serves the policy it stored', async () => {
    const dir = tmp();
    fake.policy = policyV(1);
    const a = await node(dir);
    await a.source.poll();
    await a.close();
    await fake.stop();
    const b = await node(dir);
    try {
      expect(b.resolver.state.version).toBe(1);
      expect(addr(await first(b, 'casino-spins.example'))).toEqual(['127.0.0.80']);
    } finally {
      await b.close();
      await fake.start(fake.port);
    }
  });

  it('never starts open: with no stored policy and no server (or a wrong token) it refuses', async () => {
    const n = await node(tmp(), 'wrong-token');
    try {
      await n.source.poll();
      expect(n.source.lastPull).toBe('failed');
      expect((await first(n, 'casino-spins.example')).rcode).toBe('REFUSED');
      expect((await first(n, 'allowed.example')).rcode).toBe('REFUSED');
    } finally {
      await n.close();
    }
  });
});
