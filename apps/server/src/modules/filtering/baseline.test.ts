import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type Client,
  type TestEnv,
} from '../../test/harness.js';
import { grantOrganisationRole } from '../../test/roles.js';
import { createOrganisation } from '../schools/service.js';
import { starterOps } from './starter.js';

/**
 * The trust baseline (clarifications 4 and 13): a trust officer proposes, another trust officer approves, it
 * takes effect in every school of the trust, and no school can loosen it; a school's own staff cannot change it.
 */
interface School {
  id: string;
  head: Client;
  tech: Client;
}
const risk = {
  reason: 'Games sites distract staff in lessons across the trust',
  riskEducational: 'No teaching resource of ours is a games site',
  riskTechnical: 'Each school keeps its own games list; the baseline blocks the category',
};
const GAME = 'fun-games.example';
/** School B allowed it for staff before the baseline blocked games. */
const ARCADE = 'arcade.example';

describe('the trust baseline', () => {
  let env: TestEnv;
  let a: School;
  let b: School;
  let outside: School;
  let officerA: Client;
  let officerB: Client;

  const school = async (name: string, organisationId: string | null, tag: string): Promise<School> => {
    const id = await createSchool(env.ctx, name);
    if (organisationId)
      await env.ctx.db
        .updateTable('schools')
        .set({ organisation_id: organisationId })
        .where('id', '=', id)
        .execute();
    const make = async (role: 'headteacher' | 'technical_staff') =>
      sessionFor(env, (await createUser(env.ctx, id, [role], { username: `${tag}-${role}` })).accountId, id);
    const s = { id, head: await make('headteacher'), tech: await make('technical_staff') };
    const staged = await s.tech.post('/api/filtering/lists/stage', {
      kind: 'block',
      category: 'games',
      format: 'plain',
      content: `${GAME}\n${ARCADE}\n`,
    });
    expect(staged.statusCode, staged.body).toBe(201);
    const setUp = await s.tech.post('/api/filtering/changes', {
      title: 'Starter policy',
      ...risk,
      ops: [
        ...starterOps(),
        {
          op: 'list.add',
          stagedVersionId: staged.json().staged.stagedVersionId,
          name: 'Games',
          refreshHours: null,
        },
      ],
    });
    expect(setUp.statusCode, setUp.body).toBe(201);
    const ok = await s.head.post(`/api/filtering/changes/${setUp.json().change.id}/approve`, { note: '' });
    expect(ok.statusCode, ok.body).toBe(200);
    return s;
  };
  const officer = async (organisationId: string, schoolId: string, username: string) => {
    const u = await createUser(env.ctx, schoolId, [], { username });
    await grantOrganisationRole(env.ctx.db, u.accountId, organisationId, 'trust_officer');
    return sessionFor(env, u.accountId, schoolId);
  };
  const staffGroup = async (c: Client) =>
    (await c.get('/api/filtering/policy'))
      .json<{ groups: { id: string; kind: string }[] }>()
      .groups.find((g) => g.kind === 'staff')!.id;
  const allowForStaff = async (s: School, domain: string) =>
    s.tech.post('/api/filtering/changes', {
      title: `Allow ${domain} for staff`,
      ...risk,
      ops: [{ op: 'entry.add', groupId: await staffGroup(s.tech), domain, effect: 'allow', note: '' }],
    });
  const staffBlocked = async (c: Client, name = GAME) => {
    const r = await c.get(`/api/filtering/check?name=${name}`);
    expect(r.statusCode, r.body).toBe(200);
    const g = r
      .json<{ groups: { name: string; decision: { action: string } | null }[] }>()
      .groups.find((x) => x.name === 'Staff')!;
    return g.decision?.action !== 'allow';
  };
  const baseline = { blockedCategories: { staff: ['games'] }, deny: ['proxy-hop.example'] };

  beforeAll(async () => {
    env = await startTestEnv();
    const trust = await createOrganisation(env.ctx, { name: 'Fenwick Learning Trust', kind: 'trust' });
    const other = await createOrganisation(env.ctx, { name: 'Saltmarsh Schools Trust', kind: 'trust' });
    a = await school('Fenwick Primary', trust, 'a');
    b = await school('Fenwick Infants', trust, 'b');
    outside = await school('Saltmarsh Primary', other, 'c');
    const allow = await allowForStaff(b, ARCADE);
    expect(allow.statusCode, allow.body).toBe(201);
    const ok = await b.head.post(`/api/filtering/changes/${allow.json().change.id}/approve`, { note: '' });
    expect(ok.statusCode, ok.body).toBe(200);
    officerA = await officer(trust, a.id, 'officer-a');
    // Acting in another school of the trust than officer A.
    officerB = await officer(trust, b.id, 'officer-b');
  }, 60_000);
  afterAll(() => env.close());

  it('lets a trust officer act in every school of the trust, and read its filtering policy only', async () => {
    const session = (await officerA.get('/api/session')).json<{ schools: { name: string }[] }>();
    expect(session.schools.map((s) => s.name)).toEqual(['Fenwick Infants', 'Fenwick Primary']);
    expect((await officerA.get('/api/filtering/policy')).statusCode).toBe(200);
    for (const url of ['/api/people', '/api/concerns', '/api/filtering/reports', '/api/audit'])
      expect((await officerA.get(url)).statusCode, url).toBe(403);
    // A trust officer proposes nothing but baseline changes.
    const entry = await officerA.post('/api/filtering/changes', {
      title: 'Allow',
      ...risk,
      ops: [{ op: 'entry.add', groupId: null, domain: 'x.example', effect: 'allow', note: '' }],
    });
    expect(entry.statusCode, entry.body).toBe(403);
  });

  it('is changed only by trust officers: one proposes, another approves, and every school of the trust follows', async () => {
    expect(await staffBlocked(a.tech)).toBe(false);
    expect(await staffBlocked(b.tech, ARCADE)).toBe(false);
    // The school's own staff cannot propose a baseline change.
    const byHead = await a.head.post('/api/filtering/changes', {
      title: 'Baseline',
      ...risk,
      ops: [{ op: 'baseline.update', value: { blockedCategories: {}, deny: [] } }],
    });
    expect(byHead.statusCode, byHead.body).toBe(403);
    // Nor mixed with a school's change.
    const mixed = await officerA.post('/api/filtering/changes', {
      title: 'Mixed',
      ...risk,
      ops: [
        { op: 'baseline.update', value: baseline },
        { op: 'entry.add', groupId: null, domain: 'x.example', effect: 'deny', note: '' },
      ],
    });
    expect(mixed.statusCode, mixed.body).toBe(400);

    const proposed = await officerA.post('/api/filtering/changes', {
      title: 'Block games for staff across the trust',
      ...risk,
      ops: [{ op: 'baseline.update', value: baseline }],
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const id = proposed.json().change.id as string;
    // Not by the requester, not by the school's head (approve or reject).
    expect((await officerA.post(`/api/filtering/changes/${id}/approve`, {})).statusCode).toBe(403);
    expect((await a.head.post(`/api/filtering/changes/${id}/approve`, {})).statusCode).toBe(403);
    expect((await a.head.post(`/api/filtering/changes/${id}/reject`, { note: 'No' })).statusCode).toBe(403);
    expect(await staffBlocked(a.tech)).toBe(false);

    // Officer B, acting in school B, has it among the pending requests; school B's own staff do not.
    const pendingForB = await officerB.get('/api/filtering/changes?status=pending');
    expect(pendingForB.json().changes.map((c: { id: string }) => c.id)).toContain(id);
    expect((await b.head.get(`/api/filtering/changes/${id}`)).statusCode).toBe(404);
    const approved = await officerB.post(`/api/filtering/changes/${id}/approve`, { note: 'Agreed' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().change.status).toBe('applied');
    expect(await staffBlocked(a.tech)).toBe(true);
    expect(await staffBlocked(b.tech)).toBe(true);
    expect(await staffBlocked(outside.tech)).toBe(false);
    // An allow entry made before the baseline blocked games no longer lets the name through.
    expect(await staffBlocked(b.tech, ARCADE)).toBe(true);
    expect((await b.tech.get('/api/filtering/policy')).json().baseline).toEqual(baseline);
  });

  it('cannot be loosened by a school: allow entries and unblocked categories are refused', async () => {
    for (const s of [a, b]) {
      const allow = await allowForStaff(s, GAME);
      expect(allow.statusCode, allow.body).toBe(400);
      expect(allow.body).toContain('trust baseline');
      const denied = await s.tech.post('/api/filtering/changes', {
        title: 'Allow the proxy',
        ...risk,
        ops: [{ op: 'entry.add', groupId: null, domain: 'proxy-hop.example', effect: 'allow', note: '' }],
      });
      expect(denied.statusCode, denied.body).toBe(400);
    }
    // A school tightens it freely.
    const tighten = await a.tech.post('/api/filtering/changes', {
      title: 'Deny more',
      ...risk,
      ops: [{ op: 'entry.add', groupId: null, domain: 'more-games.example', effect: 'deny', note: '' }],
    });
    expect(tighten.statusCode, tighten.body).toBe(201);
    // The school's leadership cannot reject... a school request by a trust officer either.
    const r = await officerA.post(`/api/filtering/changes/${tighten.json().change.id}/reject`, { note: 'x' });
    expect(r.statusCode, r.body).toBe(403);
  });
});
