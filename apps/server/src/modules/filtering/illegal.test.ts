import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type Client,
  type TestEnv,
} from '../../test/harness.js';
import { bumpVersion, livePolicy } from './live.js';
import { starterOps } from './starter.js';

/**
 * Illegal content (IWF, CTIRU; UKSIC "non-negotiable"; policy 9.3, 9.4): nothing can allow a name on the
 * licensed list. Every path that could loosen filtering is tried here and each one is refused or has no effect.
 */
describe('the illegal-content category', () => {
  let env: TestEnv;
  let tech: Client;
  let head: Client;
  let admin: Client;
  let groups: { id: string; kind: string }[];
  let listId: string;
  const ILLEGAL = 'illegal-content.example';
  const risk = { reason: 'r', riskEducational: 'e', riskTechnical: 't' };
  const propose = (c: Client, ops: unknown[]) =>
    c.post('/api/filtering/changes', { title: 'Try', ...risk, ops });
  const approve = async (c: Client, ops: unknown[]) => {
    const res = await propose(tech, ops);
    expect(res.statusCode, res.body).toBe(201);
    return c.post(`/api/filtering/changes/${res.json().change.id}/approve`, {});
  };
  const decisions = async (name: string) =>
    (await tech.get(`/api/filtering/check?name=${name}`))
      .json()
      .groups.map(
        (g: { decision: { action: string; reason: string } }) => `${g.decision.action}/${g.decision.reason}`,
      );

  beforeAll(async () => {
    env = await startTestEnv();
    const schoolId = await createSchool(env.ctx);
    const make = async (roles: Parameters<typeof createUser>[2]) =>
      sessionFor(env, (await createUser(env.ctx, schoolId, roles)).accountId, schoolId);
    tech = await make(['technical_staff']);
    head = await make(['headteacher']);
    admin = await make(['system_admin']);
    // The provider's file: host entries block; URL entries are reported and never widened to the host.
    const staged = (
      await tech.post('/api/filtering/lists/stage', {
        kind: 'block',
        category: 'illegal',
        format: 'plain',
        licensed: true,
        content: `${ILLEGAL}\nhttp://file-host.example/abuse/page.html\nfile-host.example/other\n`,
      })
    ).json().staged;
    expect(staged).toMatchObject({
      entries: 1,
      pathEntries: 2,
      samples: [],
      badExamples: [],
      licensed: true,
    });
    const approved = await approve(head, [
      ...starterOps(),
      { op: 'list.add', stagedVersionId: staged.stagedVersionId, name: 'IWF URL list', refreshHours: null },
    ]);
    expect(approved.statusCode, approved.body).toBe(200);
    const policy = (await tech.get('/api/filtering/policy')).json();
    groups = policy.groups;
    listId = policy.lists[0].id;
  });
  afterAll(() => env.close());

  it('keeps only keys of the licensed list, and blocks the host entry for every group', async () => {
    const v = await env.ctx.db
      .selectFrom('filter_list_versions')
      .selectAll()
      .where('list_id', '=', listId)
      .executeTakeFirstOrThrow();
    expect(v.keys.length).toBeGreaterThan(0);
    expect(JSON.stringify(v)).not.toContain('illegal-content');
    expect(JSON.stringify(v)).not.toContain('file-host');
    expect(await decisions(ILLEGAL)).toEqual(Array(groups.length).fill('block/illegal'));
    expect(await decisions(`deep.${ILLEGAL}`)).toEqual(Array(groups.length).fill('block/illegal'));
    // The host of a URL entry is not blocked: only the page was listed.
    expect(await decisions('file-host.example')).not.toContain('block/illegal');
  });

  it('refuses every change that would allow it, whoever asks', async () => {
    const [eyfs, ks2] = [groups.find((g) => g.kind === 'eyfs_ks1')!, groups.find((g) => g.kind === 'ks2')!];
    const attempts: unknown[][] = [
      [{ op: 'entry.add', groupId: ks2.id, domain: ILLEGAL, effect: 'allow', note: '' }],
      [{ op: 'entry.add', groupId: null, domain: `www.${ILLEGAL}`, effect: 'allow', note: '' }],
      [
        {
          op: 'schedule.add',
          groupId: ks2.id,
          label: 'x',
          effect: 'allow',
          categories: ['illegal'],
          domains: [],
          windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' }],
        },
      ],
      [
        {
          op: 'schedule.add',
          groupId: ks2.id,
          label: 'x',
          effect: 'allow',
          categories: [],
          domains: [ILLEGAL],
          windows: [{ days: [1], from: '09:00', to: '10:00' }],
        },
      ],
      [{ op: 'group.update', groupId: ks2.id, blockedCategories: ['gambling'] }],
      [
        {
          op: 'group.create',
          ref: 'open',
          kind: 'custom',
          name: 'Open',
          mode: 'blocklist',
          isDefault: false,
          aupOnly: false,
          subnets: [],
          resolverAddress: null,
          blockedCategories: [],
          safeSearch: { google: false, youtube: 'off', bing: false, duckduckgo: false },
          allowLists: [],
        },
      ],
      [{ op: 'list.update', listId, enabled: false }],
      [{ op: 'list.remove', listId }],
    ];
    for (const [i, ops] of attempts.entries()) {
      for (const who of [tech, admin, head]) {
        const res = await propose(who, ops);
        expect(res.statusCode, `attempt ${i}: ${res.body}`).toBe(400);
      }
    }
    // An emergency unblock by the head is refused too.
    const unblock = await head.post('/api/filtering/unblocks', {
      domain: ILLEGAL,
      groupId: null,
      reason: 'test',
      minutes: 10,
    });
    expect(unblock.statusCode).toBe(400);
    // The system administrator cannot approve anything at all.
    const pending = (
      await propose(tech, [
        { op: 'entry.add', groupId: eyfs.id, domain: 'phonics.example', effect: 'allow', note: '' },
      ])
    ).json().change;
    expect((await admin.post(`/api/filtering/changes/${pending.id}/approve`, {})).statusCode).toBe(403);
  });

  it('stays blocked when an allow list, allow-list mode or a row written behind Harbour’s back names it', async () => {
    const eyfs = groups.find((g) => g.kind === 'eyfs_ks1')!;
    const allow = (
      await tech.post('/api/filtering/lists/stage', {
        kind: 'allow',
        category: null,
        format: 'plain',
        content: `${ILLEGAL}\nphonics.example\n`,
      })
    ).json().staged;
    const res = await approve(head, [
      { op: 'list.add', stagedVersionId: allow.stagedVersionId, name: 'Approved sites', refreshHours: null },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const allowListId = (await tech.get('/api/filtering/policy'))
      .json()
      .lists.find((l: { kind: string }) => l.kind === 'allow').id;
    expect(
      (await approve(head, [{ op: 'group.update', groupId: eyfs.id, allowLists: [allowListId] }])).statusCode,
    ).toBe(200);
    const check = (await tech.get(`/api/filtering/check?name=${ILLEGAL}`)).json();
    expect(check.groups.find((g: { groupId: string }) => g.groupId === eyfs.id).decision.reason).toBe(
      'illegal',
    );
    expect(
      (await tech.get('/api/filtering/check?name=phonics.example'))
        .json()
        .groups.find((g: { groupId: string }) => g.groupId === eyfs.id).decision.reason,
    ).toBe('allow-list');

    // Even an allow entry and an unblock inserted straight into the tables do not lift it.
    const schoolId = (
      await env.ctx.db.selectFrom('filter_groups').select('school_id').executeTakeFirstOrThrow()
    ).school_id;
    await env.ctx.db
      .insertInto('filter_entries')
      .values({
        id: 'tamper',
        school_id: schoolId,
        group_id: null,
        domain: ILLEGAL,
        effect: 'allow',
        note: '',
        created_at: new Date().toISOString(),
        change_request_id: null,
      })
      .execute();
    await env.ctx.db
      .transaction()
      .execute((tx) => bumpVersion(env.ctx, tx, { schoolId, cause: 'change', refId: null }));
    await livePolicy(env.ctx).refresh();
    expect(
      livePolicy(env.ctx)
        .current()!
        .groups.some((g) => g.allow.includes(ILLEGAL)),
    ).toBe(true);
    expect(await decisions(ILLEGAL)).toEqual(Array(groups.length).fill('block/illegal'));
  });
});
