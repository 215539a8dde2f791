import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, sessionFor, startTestEnv, type Client, type TestEnv } from '../../test/harness.js';
import { grantOrganisationRole } from '../../test/roles.js';
import { createOrganisation } from '../schools/service.js';
import { concernSchool, cyberbullying, type ConcernSchool } from './test-support.js';

interface Entry {
  id: string;
  kind: string;
  name: string;
  phone: string | null;
  level: 'school' | 'organisation';
  inherits: string | null;
}

/**
 * Agency entries per local authority (issue 3; product brief: the directory is editable per school and per local
 * authority): the officer keeps them once, every school of the authority inherits them, a school may override one.
 */
describe('agency entries of a local authority', () => {
  let env: TestEnv;
  let a: ConcernSchool;
  let b: ConcernSchool;
  let other: ConcernSchool;
  let officer: Client;
  let officerElsewhere: Client;
  let lado = '';
  const list = async (s: ConcernSchool) => {
    const r = await s.users.dsl!.client.get('/api/concern-agencies');
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ agencies: Entry[] }>().agencies;
  };
  const officerOf = async (org: string, schoolId: string, username: string) => {
    const u = await createUser(env.ctx, schoolId, [], { username });
    await grantOrganisationRole(env.ctx.db, u.accountId, org, 'trust_officer');
    return sessionFor(env, u.accountId, schoolId);
  };

  beforeAll(async () => {
    env = await startTestEnv();
    const org = await createOrganisation(env.ctx, { name: 'Northmoor Council', kind: 'local_authority' });
    const elsewhere = await createOrganisation(env.ctx, {
      name: 'Southfen Council',
      kind: 'local_authority',
    });
    a = await concernSchool(env, 'Northmoor Primary');
    b = await concernSchool(env, 'Northmoor Infants');
    other = await concernSchool(env, 'Southfen Primary');
    await env.ctx.db
      .updateTable('schools')
      .set({ organisation_id: org })
      .where('id', 'in', [a.schoolId, b.schoolId])
      .execute();
    await env.ctx.db
      .updateTable('schools')
      .set({ organisation_id: elsewhere })
      .where('id', '=', other.schoolId)
      .execute();
    officer = await officerOf(org, a.schoolId, 'officer');
    officerElsewhere = await officerOf(elsewhere, other.schoolId, 'officer2');
  });
  afterAll(() => env.close());

  it('is kept once by the officer and inherited by each of its schools, in place of their blank entry', async () => {
    // Each school's directory starts with a blank LADO entry of its own.
    expect((await list(a)).filter((e) => e.kind === 'lado')).toMatchObject([
      { level: 'school', phone: null },
    ]);
    const add = await officer.post('/api/organisation/concern-agencies', {
      kind: 'lado',
      name: 'LADO (Northmoor Council)',
      phone: '01632 960001',
    });
    expect(add.statusCode, add.body).toBe(201);
    lado = add.json().id as string;
    for (const s of [a, b])
      expect((await list(s)).filter((e) => e.kind === 'lado')).toEqual([
        expect.objectContaining({ id: lado, level: 'organisation', phone: '01632 960001' }),
      ]);
    // Another authority's school does not see it.
    expect((await list(other)).map((e) => e.id)).not.toContain(lado);
    expect((await officer.get('/api/organisation/concern-agencies')).json().agencies).toHaveLength(1);
    expect((await officerElsewhere.get('/api/organisation/concern-agencies')).json().agencies).toEqual([]);

    // A referral can name it.
    const concern = (await a.users.teacher!.client.post('/api/concerns', cyberbullying(a.pupils[0]!))).json()
      .concern.id as string;
    const refer = await a.users.dsl!.client.post(`/api/concerns/${concern}/referrals`, {
      agencyId: lado,
      referredAt: '2026-11-20T10:00:00Z',
    });
    expect(refer.statusCode, refer.body).toBe(201);
    const referral = await env.ctx.db
      .selectFrom('concern_referrals')
      .select(['agency_id', 'agency_name', 'school_id'])
      .where('concern_id', '=', concern)
      .executeTakeFirstOrThrow();
    expect(referral).toEqual({
      agency_id: lado,
      agency_name: 'LADO (Northmoor Council)',
      school_id: a.schoolId,
    });
    // The other authority's school cannot refer to it.
    const theirs = (
      await other.users.teacher!.client.post('/api/concerns', cyberbullying(other.pupils[0]!))
    ).json().concern.id as string;
    expect(
      (
        await other.users.dsl!.client.post(`/api/concerns/${theirs}/referrals`, {
          agencyId: lado,
          referredAt: '2026-11-20T10:00:00Z',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('lets a school override it for itself, while the others follow the officer’s changes', async () => {
    const own = await b.users.dsl!.client.patch(`/api/concern-agencies/${lado}`, { phone: '01632 960099' });
    expect(own.statusCode, own.body).toBe(200);
    const copy = own.json().id as string;
    expect(copy).not.toBe(lado);
    expect((await list(b)).filter((e) => e.kind === 'lado')).toEqual([
      expect.objectContaining({ id: copy, level: 'school', inherits: lado, phone: '01632 960099' }),
    ]);
    expect(
      (await officer.patch(`/api/organisation/concern-agencies/${lado}`, { phone: '01632 960002' }))
        .statusCode,
    ).toBe(200);
    expect((await list(a)).find((e) => e.id === lado)!.phone).toBe('01632 960002');
    expect((await list(b)).find((e) => e.kind === 'lado')!.phone).toBe('01632 960099');
    // Archived by the officer: gone from the schools that inherit it, and no longer referable.
    expect(
      (await officer.patch(`/api/organisation/concern-agencies/${lado}`, { archived: true })).statusCode,
    ).toBe(200);
    expect((await list(a)).map((e) => e.id)).not.toContain(lado);
    expect((await list(a)).filter((e) => e.kind === 'lado')).toMatchObject([
      { level: 'school', phone: null },
    ]);
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select(['action', 'school_id'])
      .where('action', 'like', 'concern.agency.%')
      .execute();
    const actions = audit.map((x) => x.action);
    for (const want of ['concern.agency.trust.add', 'concern.agency.trust.update', 'concern.agency.override'])
      expect(actions, want).toContain(want);
  });

  it('refuses the officer’s routes to everyone else, and another authority’s entries to the officer', async () => {
    const again = await officer.post('/api/organisation/concern-agencies', {
      kind: 'social_care',
      name: 'Front door',
    });
    expect(again.statusCode).toBe(201);
    const id = again.json().id as string;
    for (const k of ['dsl', 'head', 'teacher', 'admin', 'governor']) {
      const c = a.users[k]!.client;
      expect((await c.get('/api/organisation/concern-agencies')).statusCode, k).toBe(403);
      expect(
        (await c.post('/api/organisation/concern-agencies', { kind: 'lado', name: 'x' })).statusCode,
        k,
      ).toBe(403);
      expect((await c.patch(`/api/organisation/concern-agencies/${id}`, { name: 'x' })).statusCode, k).toBe(
        403,
      );
    }
    // The officer keeps the authority's entries, not a school's directory or concerns.
    expect((await officer.get('/api/concern-agencies')).statusCode).toBe(403);
    expect((await officer.get('/api/concerns')).statusCode).toBe(403);
    const foreign = await officerElsewhere.patch(`/api/organisation/concern-agencies/${id}`, {
      name: 'Taken over',
    });
    expect(foreign.statusCode).toBe(404);
    // Bad input is refused with the field named.
    const bad = await officer.post('/api/organisation/concern-agencies', {
      kind: 'lado',
      name: ' ',
      extra: 1,
    });
    expect(bad.statusCode).toBe(400);
    const row = await env.ctx.db
      .selectFrom('concern_org_agencies')
      .select('name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Front door');
  });
});
