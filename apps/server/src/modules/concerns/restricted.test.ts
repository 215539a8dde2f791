import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, sessionFor, startTestEnv, type Client, type TestEnv } from '../../test/harness.js';
import { concernSchool, cyberbullying, type ConcernSchool } from './test-support.js';

/** Clarification 6: allegations about a member of staff. */
describe('restricted records: allegations about staff', () => {
  let env: TestEnv;
  let s: ConcernSchool;
  const u = (k: string) => s.users[k]!.client;
  const allegation = (subject: string) => ({
    category: 'staff_allegation',
    staffSubjectPersonId: subject,
    occurredAt: '2026-11-19T12:00:00Z',
    account: 'A parent showed me messages a member of staff sent their child on a personal account',
    dslToldInPerson: false,
  });
  const inbox = async (accountId: string) =>
    env.ctx.db
      .selectFrom('outbox')
      .select(['channel', 'subject', 'body', 'link'])
      .where('recipient_account_id', '=', accountId)
      .execute();
  beforeAll(async () => {
    env = await startTestEnv();
    s = await concernSchool(env);
  });
  afterAll(() => env.close());

  it('alerts only the head, who names the DSLs who may see it; the subject never meets it', async () => {
    // The subject is a teacher who is also a deputy DSL: whatever roles they hold, they never meet it.
    const subject = await createUser(env.ctx, s.schoolId, ['teacher', 'deputy_dsl'], {
      username: 'subject-t',
    });
    const asSubject = await sessionFor(env, subject.accountId, s.schoolId);
    const res = await u('teacher').post('/api/concerns', allegation(subject.personId));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().concern.id as string;
    expect(res.json().concern.restricted).toBe(true);

    const alerted = (await inbox(s.users.head!.accountId)).filter((m) => m.link === `/concerns/${id}`);
    expect(alerted.map((m) => m.channel).sort()).toEqual(['email', 'in_app']);
    for (const k of ['dsl', 'deputy', 'chair'])
      expect(
        (await inbox(s.users[k]!.accountId)).filter((m) => m.link === `/concerns/${id}`),
        k,
      ).toEqual([]);
    expect(await inbox(subject.accountId)).toEqual([]);

    // Before naming: the head and the reporter see it; the DSLs and the subject do not.
    expect((await u('head').get(`/api/concerns/${id}`)).json().concern.access.level).toBe('team');
    expect((await u('teacher').get(`/api/concerns/${id}`)).json().concern.access.level).toBe('reporter');
    for (const c of [u('dsl'), u('deputy'), asSubject])
      expect((await c.get(`/api/concerns/${id}`)).statusCode).toBe(404);

    // Only DSLs can be named, never the subject; only the custodian names them.
    expect(
      (await u('head').post(`/api/concerns/${id}/viewers`, { add: [subject.accountId] })).statusCode,
    ).toBe(400);
    expect(
      (await u('head').post(`/api/concerns/${id}/viewers`, { add: [s.users.teacher2!.accountId] }))
        .statusCode,
    ).toBe(400);
    expect(
      (await u('dsl').post(`/api/concerns/${id}/viewers`, { add: [s.users.dsl!.accountId] })).statusCode,
    ).toBe(403);
    // The head is offered the DSLs and deputies by name, never the subject or themself.
    const offered = (await u('head').get(`/api/concerns/${id}`)).json().concern;
    expect(offered.managesViewers).toBe(true);
    expect(offered.mayName.map((v: { accountId: string }) => v.accountId).sort()).toEqual(
      [s.users.dsl!.accountId, s.users.deputy!.accountId].sort(),
    );
    expect(offered.mayName.map((v: { name: string }) => v.name)).toContain('dsl Tester');
    const named = await u('head').post(`/api/concerns/${id}/viewers`, { add: [s.users.dsl!.accountId] });
    expect(named.statusCode, named.body).toBe(200);
    const asNamed = (await u('dsl').get(`/api/concerns/${id}`)).json().concern;
    expect(asNamed.access.level).toBe('team');
    expect(asNamed.managesViewers).toBe(false);
    expect(asNamed.mayName).toEqual([]);
    expect(asNamed.namedViewers).toMatchObject([{ accountId: s.users.dsl!.accountId, name: 'dsl Tester' }]);
    // The named DSL is told, with no detail; the others are not.
    const told = (await inbox(s.users.dsl!.accountId)).filter((m) => m.link === `/concerns/${id}`);
    expect(told.map((m) => m.channel).sort()).toEqual(['email', 'in_app']);
    expect((await inbox(s.users.deputy!.accountId)).filter((m) => m.link === `/concerns/${id}`)).toEqual([]);
    expect(
      (await u('head').get(`/api/concerns/${id}`))
        .json()
        .concern.mayName.map((v: { accountId: string }) => v.accountId),
    ).toEqual([s.users.deputy!.accountId]);
    expect((await u('deputy').get(`/api/concerns/${id}`)).statusCode).toBe(404);

    // The subject meets it in no list, no audit view.
    const lists = (await asSubject.get('/api/concerns?limit=200')).json().concerns as { id: string }[];
    expect(lists.map((c) => c.id)).not.toContain(id);
    await env.ctx.db
      .insertInto('role_assignments')
      .values({
        id: 'subject-admin',
        account_id: subject.accountId,
        school_id: s.schoolId,
        organisation_id: null,
        role: 'system_admin',
        granted_at: new Date().toISOString(),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    const asSubjectAdmin = await sessionFor(env, subject.accountId, s.schoolId);
    // The head's lists, dashboard and chronology reads are audited without the restricted record's id in them.
    await u('head').get('/api/concerns?limit=200');
    await u('head').get('/api/concerns/dashboard');
    const trail = await asSubjectAdmin.get('/api/audit?limit=200');
    expect(trail.statusCode).toBe(200);
    expect(trail.body).not.toContain(id);
    expect((await asSubjectAdmin.get(`/api/audit?entityId=${id}`)).json().entries).toEqual([]);
    // The head still sees it in the trail.
    expect((await u('head').get(`/api/audit?entityId=${id}`)).json().entries.length).toBeGreaterThan(0);
    // Removing a named DSL takes the record away again.
    await u('head').post(`/api/concerns/${id}/viewers`, { remove: [s.users.dsl!.accountId] });
    expect((await u('dsl').get(`/api/concerns/${id}`)).statusCode).toBe(404);
  });

  it('puts the chair in the head’s place when the head is the subject; to the head it does not exist', async () => {
    // A head who is also the lead DSL (as at one of the seed schools).
    const head = await createUser(env.ctx, s.schoolId, ['headteacher', 'dsl'], { username: 'head-dsl' });
    const asHead: Client = await sessionFor(env, head.accountId, s.schoolId);
    const res = await u('teacher2').post('/api/concerns', allegation(head.personId));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().concern.id as string;
    const missing = await asHead.get('/api/concerns/00000000-0000-4000-8000-000000000000');
    const hidden = await asHead.get(`/api/concerns/${id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    expect((await u('head').get(`/api/concerns/${id}`)).statusCode).toBe(404);
    expect((await inbox(head.accountId)).filter((m) => m.link === `/concerns/${id}`)).toEqual([]);
    expect((await inbox(s.users.chair!.accountId)).filter((m) => m.link === `/concerns/${id}`)).toHaveLength(
      2,
    );
    const chairView = await u('chair').get(`/api/concerns/${id}`);
    expect(chairView.statusCode).toBe(200);
    expect(chairView.json().concern.access).toEqual({ level: 'team', canManage: false });
    // The chair sees only allegations about the head: no other concern.
    const chairList = (await u('chair').get('/api/concerns?limit=200')).json().concerns as { id: string }[];
    expect(chairList.map((c) => c.id)).toEqual([id]);
    const named = await u('chair').post(`/api/concerns/${id}/viewers`, {
      add: [s.users.deputy!.accountId, head.accountId],
    });
    expect(named.statusCode).toBe(400);
    expect(
      (await u('chair').post(`/api/concerns/${id}/viewers`, { add: [s.users.deputy!.accountId] })).statusCode,
    ).toBe(200);
    expect((await u('deputy').get(`/api/concerns/${id}`)).statusCode).toBe(200);
    expect(
      (await asHead.get('/api/concerns?limit=200')).json().concerns.map((c: { id: string }) => c.id),
    ).not.toContain(id);
    // Governors never see a concern.
    expect((await u('governor').get('/api/concerns')).statusCode).toBe(403);
    // An ordinary concern still reaches the head-DSL.
    const plain = (await u('teacher').post('/api/concerns', cyberbullying(s.pupils[0]!))).json().concern.id;
    expect((await asHead.get(`/api/concerns/${plain}`)).statusCode).toBe(200);
  });
});
