import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type Client,
  type TestEnv,
} from '../../test/harness.js';
import { livePolicy } from './live.js';
import { starterOps } from './starter.js';

/** Change control (policy 7.3): propose with a risk assessment, decide by another leadership member, apply, log. */
describe('filtering change requests', () => {
  let env: TestEnv;
  let tech: Client;
  let head: Client;
  let leader: Client;
  let teacher: Client;
  const risk = {
    reason: 'Set up filtering for the school',
    riskEducational: 'Pupils reach only age-appropriate material; staff keep teaching resources',
    riskTechnical: 'Groups matched by subnet; guests wait for the visitor AUP',
  };
  beforeAll(async () => {
    env = await startTestEnv();
    const schoolId = await createSchool(env.ctx);
    const make = async (roles: Parameters<typeof createUser>[2]) =>
      sessionFor(env, (await createUser(env.ctx, schoolId, roles)).accountId, schoolId);
    tech = await make(['technical_staff']);
    head = await make(['headteacher']);
    leader = await make(['leadership']);
    teacher = await make(['teacher']);
  });
  afterAll(() => env.close());

  it('applies nothing until a leadership member approves, then compiles a new version with the diff logged', async () => {
    const proposed = await tech.post('/api/filtering/changes', {
      title: 'Starter policy',
      ...risk,
      ops: starterOps({ subnets: { ks2: ['10.1.2.0/24'], staff: ['10.1.9.0/24'] } }),
    });
    expect(proposed.statusCode).toBe(201);
    const { change, preview } = proposed.json();
    expect(change.status).toBe('pending');
    expect(preview).toHaveLength(4);
    await livePolicy(env.ctx).refresh();
    expect(livePolicy(env.ctx).current()).toBeNull();
    expect((await tech.get('/api/filtering/policy')).json().groups).toEqual([]);

    // The requester cannot approve; a teacher cannot even propose.
    expect((await tech.post(`/api/filtering/changes/${change.id}/approve`, {})).statusCode).toBe(403);
    expect((await teacher.post('/api/filtering/changes', { title: 'x', ...risk, ops: [] })).statusCode).toBe(
      403,
    );

    const approved = await head.post(`/api/filtering/changes/${change.id}/approve`, {
      note: 'Agreed at SLT',
    });
    expect(approved.statusCode).toBe(200);
    const applied = approved.json().change;
    expect(applied.status).toBe('applied');
    expect(applied.policyVersion).toBe(1);
    expect(applied.diff.map((d: { op: string }) => d.op)).toEqual(Array(4).fill('group.create'));
    const policy = livePolicy(env.ctx).current()!;
    expect(policy.version).toBe(1);
    // Four groups and the guests' "AUP only" twin.
    expect(policy.groups.map((g) => g.name)).toContain('Guests and visitors (AUP not yet accepted)');
    expect(policy.groups).toHaveLength(5);
    expect(policy.clients.subnets).toContainEqual({ cidr: '10.1.2.0/24', groupId: policy.groups[1]!.id });

    // A decided request cannot be decided again.
    expect((await leader.post(`/api/filtering/changes/${change.id}/approve`, {})).statusCode).toBe(409);
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select(['action', 'details'])
      .where('action', 'like', 'filter.change.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['filter.change.propose', 'filter.change.apply']);
  });

  it('stages a list with its counts, and a rejected request changes nothing', async () => {
    const staged = await tech.post('/api/filtering/lists/stage', {
      kind: 'block',
      category: 'gambling',
      format: 'auto',
      content: '0.0.0.0 big-bets.example\n0.0.0.0 casino-spins.example\nthis is not a hosts line\n',
    });
    expect(staged.statusCode).toBe(201);
    const s = staged.json().staged;
    expect(s).toMatchObject({ entries: 2, badLines: 1, category: 'gambling', source: 'upload' });
    const policy = (await tech.get('/api/filtering/policy')).json();
    const ks2 = policy.groups.find((g: { kind: string }) => g.kind === 'ks2');
    const body = {
      title: 'Gambling list and a deny entry',
      ...risk,
      ops: [
        { op: 'list.add', stagedVersionId: s.stagedVersionId, name: 'Gambling', refreshHours: null },
        {
          op: 'entry.add',
          groupId: ks2.id,
          domain: 'Lottery-Club.example',
          effect: 'deny',
          note: 'Reported',
        },
      ],
    };
    const rejected = (await tech.post('/api/filtering/changes', body)).json().change;
    const r = await leader.post(`/api/filtering/changes/${rejected.id}/reject`, { note: 'Not now' });
    expect(r.json().change.status).toBe('rejected');
    expect((await tech.get('/api/filtering/policy')).json().lists).toEqual([]);
    // Its staged import is discarded: a new request needs a new import.
    expect((await tech.post('/api/filtering/changes', body)).statusCode).toBe(400);

    const again = await tech.post('/api/filtering/lists/stage', {
      ...s,
      content: '||big-bets.example^\n',
      format: 'adblock',
      stagedVersionId: undefined,
      kind: 'block',
      category: 'gambling',
    });
    expect(again.statusCode).toBe(400); // unknown fields are refused
    const fresh = (
      await tech.post('/api/filtering/lists/stage', {
        kind: 'block',
        category: 'gambling',
        format: 'adblock',
        content: '||big-bets.example^\n',
      })
    ).json().staged;
    const ok = (
      await tech.post('/api/filtering/changes', {
        ...body,
        ops: [{ ...body.ops[0], stagedVersionId: fresh.stagedVersionId }, body.ops[1]],
      })
    ).json().change;
    expect((await head.post(`/api/filtering/changes/${ok.id}/approve`, {})).json().change.policyVersion).toBe(
      2,
    );
    const check = (await tech.get('/api/filtering/check?name=www.big-bets.example')).json();
    const ks2Decision = check.groups.find((g: { groupId: string }) => g.groupId === ks2.id).decision;
    expect(ks2Decision).toMatchObject({ action: 'block', category: 'gambling' });
    const deny = (await tech.get('/api/filtering/check?name=lottery-club.example')).json();
    expect(deny.groups.find((g: { groupId: string }) => g.groupId === ks2.id).decision.reason).toBe(
      'deny-entry',
    );
  });

  it('exports the history as CSV, audited', async () => {
    const res = await head.get('/api/filtering/changes/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toContain('"risk_educational"');
    expect(lines).toHaveLength(4);
    expect(res.body).toContain('"rejected"');
    expect(res.body).toContain('entry.add lottery-club.example');
  });
});
