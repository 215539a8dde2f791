import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TestClock,
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type Client,
  type TestEnv,
} from '../../test/harness.js';
import { refreshDueLists } from './lists.js';
import { livePolicy } from './live.js';
import { starterOps } from './starter.js';

/**
 * List subscriptions (clarification 13): approving a subscription approves its refreshes; each is logged
 * with its counts; one that fails or shrinks by more than 20% keeps the old list. Lists come from a list
 * server on loopback that the test controls.
 */
describe('list subscriptions and refreshes', () => {
  let env: TestEnv;
  let clock: TestClock;
  let tech: Client;
  let head: Client;
  let server: http.Server;
  let base: string;
  const files = new Map<string, { status: number; body: string }>();
  const domains = (n: number, prefix = 'bet') => Array.from({ length: n }, (_, i) => `${prefix}${i}.example`);
  const risk = { reason: 'r', riskEducational: 'e', riskTechnical: 't' };
  const approve = async (ops: unknown[]) => {
    tech = await sessionFor(env, ids.tech, ids.school);
    head = await sessionFor(env, ids.head, ids.school);
    const p = await tech.post('/api/filtering/changes', { title: 'c', ...risk, ops });
    expect(p.statusCode, p.body).toBe(201);
    const a = await head.post(`/api/filtering/changes/${p.json().change.id}/approve`, {});
    expect(a.statusCode, a.body).toBe(200);
  };
  const ids = { tech: '', head: '', school: '' };
  let listId: string;
  const versions = () =>
    env.ctx.db
      .selectFrom('filter_list_versions')
      .selectAll()
      .where('list_id', '=', listId)
      .orderBy('created_at')
      .execute();
  const refreshNow = async () => {
    clock.advanceMinutes(25 * 60);
    return refreshDueLists(env.ctx);
  };

  beforeAll(async () => {
    clock = new TestClock();
    env = await startTestEnv({ clock, env: { HARBOUR_LICENSED_LIST_DIR: '' } });
    ids.school = await createSchool(env.ctx);
    ids.tech = (await createUser(env.ctx, ids.school, ['technical_staff'])).accountId;
    ids.head = (await createUser(env.ctx, ids.school, ['headteacher'])).accountId;
    server = http.createServer((req, res) => {
      const f = files.get(req.url ?? '');
      res.writeHead(f?.status ?? 404, { 'content-type': 'text/plain' }).end(f?.body ?? 'missing');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    files.set('/gambling.txt', {
      status: 200,
      body: [...domains(100).map((d) => `0.0.0.0 ${d}`), 'garbage line'].join('\n'),
    });
    tech = await sessionFor(env, ids.tech, ids.school);
    const staged = await tech.post('/api/filtering/lists/stage', {
      kind: 'block',
      category: 'gambling',
      format: 'hosts',
      url: `${base}/gambling.txt`,
    });
    expect(staged.statusCode, staged.body).toBe(201);
    expect(staged.json().staged).toMatchObject({
      entries: 100,
      badLines: 1,
      source: 'url',
      samples: domains(5),
    });
    await approve([
      ...starterOps(),
      {
        op: 'list.add',
        stagedVersionId: staged.json().staged.stagedVersionId,
        name: 'Gambling feed',
        refreshHours: 24,
      },
    ]);
    listId = (await tech.get('/api/filtering/policy')).json().lists[0].id;
  });
  afterAll(async () => {
    server.close();
    await env.close();
  });

  const policyVersion = async () => {
    await livePolicy(env.ctx).refresh();
    return livePolicy(env.ctx).current()!.version;
  };

  it('refreshes when due: unchanged, grown, shrunk by over 20% (kept), failed (kept), each logged with counts', async () => {
    const v0 = await policyVersion();
    expect(await refreshNow()).toBe(0);
    expect((await versions()).at(-1)).toMatchObject({
      status: 'unchanged',
      entries: 100,
      added: 0,
      removed: 0,
    });
    expect(await policyVersion()).toBe(v0);

    files.set('/gambling.txt', {
      status: 200,
      body: [...domains(90), ...domains(30, 'new')].map((d) => `0.0.0.0 ${d}`).join('\n'),
    });
    expect(await refreshNow()).toBe(1);
    expect((await versions()).at(-1)).toMatchObject({
      status: 'active',
      entries: 120,
      added: 30,
      removed: 10,
    });
    expect(await policyVersion()).toBe(v0 + 1);
    expect(
      livePolicy(env.ctx)
        .current()!
        .lists.find((l) => l.category === 'gambling')!.count,
    ).toBe(120);

    files.set('/gambling.txt', {
      status: 200,
      body: domains(40)
        .map((d) => `0.0.0.0 ${d}`)
        .join('\n'),
    });
    expect(await refreshNow()).toBe(0);
    const shrunk = (await versions()).at(-1)!;
    expect(shrunk).toMatchObject({ status: 'kept_old', entries: 40, keys: '' });
    expect(shrunk.message).toContain('more than 20% fewer');

    files.set('/gambling.txt', { status: 500, body: 'oops' });
    expect(await refreshNow()).toBe(0);
    expect((await versions()).at(-1)).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('HTTP 500'),
    });
    expect(
      livePolicy(env.ctx)
        .current()!
        .lists.find((l) => l.category === 'gambling')!.count,
    ).toBe(120);
    expect(await policyVersion()).toBe(v0 + 1);

    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select(['action', 'details'])
      .where('action', 'like', 'filter.list.refresh.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'filter.list.refresh.unchanged',
      'filter.list.refresh.applied',
      'filter.list.refresh.kept_old',
      'filter.list.refresh.failed',
    ]);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({
      before: 100,
      entries: 120,
      added: 30,
      removed: 10,
    });
    tech = await sessionFor(env, ids.tech, ids.school); // the clock moved days on
    const shown = (await tech.get(`/api/filtering/lists/${listId}`)).json();
    expect(shown.versions.map((v: { status: string }) => v.status)).toEqual([
      'failed',
      'kept_old',
      'active',
      'unchanged',
      'superseded',
    ]);
  });

  it('reads a UT1 category folder’s domains file, choosing the category from the folder', async () => {
    tech = await sessionFor(env, ids.tech, ids.school);
    const staged = await tech.post('/api/filtering/lists/stage', {
      kind: 'block',
      category: null,
      format: 'ut1',
      ut1Folder: 'social_networks',
      content: 'friendbook.example\nphotogram.example\nfriendbook.example/profile/1\n',
    });
    expect(staged.json().staged).toMatchObject({
      category: 'social-media',
      entries: 2,
      pathEntries: 1,
      format: 'ut1',
    });
  });

  it('reads a licensed file only from the licensed-list folder', async () => {
    const dir = fs.mkdtempSync(path.join(env.dataDir, 'licensed-'));
    fs.writeFileSync(path.join(dir, 'iwf.txt'), 'illegal-content.example\n');
    env.ctx.config.HARBOUR_LICENSED_LIST_DIR = dir;
    const ok = await tech.post('/api/filtering/lists/stage', {
      kind: 'block',
      category: 'illegal',
      format: 'plain',
      file: 'iwf.txt',
    });
    expect(ok.json().staged).toMatchObject({ entries: 1, licensed: true, source: 'file', samples: [] });
    const escape = await tech.post('/api/filtering/lists/stage', {
      kind: 'block',
      category: 'illegal',
      format: 'plain',
      file: '..',
    });
    expect(escape.statusCode).toBe(400);
  });
});
