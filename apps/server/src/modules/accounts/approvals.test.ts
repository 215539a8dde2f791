import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createSchool,
  createUser,
  markTotpEnrolled,
  sessionFor,
  startTestEnv,
  type TestEnv,
} from '../../test/harness.js';

/**
 * Clarification 9: no administrator resets a password or TOTP, or grants a safeguarding role, to anyone (self
 * included) without approval by the head or a DSL who is not the target; nobody approves their own request.
 */
describe('approvals', () => {
  let env: TestEnv;
  let schoolId: string;
  let admin: Client;
  let head: Client;
  let dsl: Client;
  let headId: string;
  beforeAll(async () => {
    env = await startTestEnv();
    schoolId = await createSchool(env.ctx);
    const a = await createUser(env.ctx, schoolId, ['system_admin']);
    const h = await createUser(env.ctx, schoolId, ['headteacher']);
    const d = await createUser(env.ctx, schoolId, ['dsl']);
    headId = h.accountId;
    admin = await sessionFor(env, a.accountId, schoolId);
    head = await sessionFor(env, h.accountId, schoolId);
    dsl = await sessionFor(env, d.accountId, schoolId);
  });
  afterAll(() => env.close());

  const pendingFor = async (c: Client, target: string) =>
    (await c.get('/api/approvals'))
      .json()
      .approvals.filter((a: { target: { accountId: string } }) => a.target.accountId === target);

  it('makes a safeguarding role grant wait for approval, and tells the approvers', async () => {
    const t = await createUser(env.ctx, schoolId, ['teacher']);
    const teacher = new Client(env.app);
    await teacher.signIn(t.username);
    const res = await admin.post(`/api/accounts/${t.accountId}/roles`, { role: 'deputy_dsl' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({
      status: 'pending',
      approval: { kind: 'role_grant', role: 'deputy_dsl' },
    });
    const held = await env.ctx.db
      .selectFrom('role_assignments')
      .select('role')
      .where('account_id', '=', t.accountId)
      .execute();
    expect(held.map((r) => r.role)).toEqual(['teacher']);
    // The admin cannot see the queue (no accounts.approve); the head and the DSL are told.
    expect((await admin.get('/api/approvals')).statusCode).toBe(403);
    const notices = await env.ctx.db
      .selectFrom('outbox')
      .select('recipient_account_id')
      .where('link', '=', '/approvals')
      .execute();
    expect(notices.length).toBeGreaterThanOrEqual(2);
    const [item] = await pendingFor(head, t.accountId);
    expect(item).toMatchObject({
      label: 'Grant a safeguarding role',
      canDecide: true,
      requestedBy: expect.any(String),
    });
    expect((await head.post(`/api/approvals/${item.id}/approve`)).json()).toEqual({ status: 'approved' });
    const after = await env.ctx.db
      .selectFrom('role_assignments')
      .select('role')
      .where('account_id', '=', t.accountId)
      .where('revoked_at', 'is', null)
      .execute();
    expect(after.map((r) => r.role).sort()).toEqual(['deputy_dsl', 'teacher']);
    // The teacher's open session now needs an authenticator before anything else.
    expect((await teacher.get('/api/people')).json().error.code).toBe('totp_required');
    expect((await head.post(`/api/approvals/${item.id}/approve`)).statusCode).toBe(409);
  });

  it('needs approval even to grant a safeguarding role to oneself, and the target cannot approve it', async () => {
    const both = await createUser(env.ctx, schoolId, ['system_admin', 'dsl']);
    const c = await sessionFor(env, both.accountId, schoolId);
    const res = await c.post(`/api/accounts/${both.accountId}/roles`, { role: 'headteacher' });
    expect(res.statusCode).toBe(202);
    const [mine] = await pendingFor(c, both.accountId);
    expect(mine).toMatchObject({ canDecide: false, whyNot: 'This request is about your own account' });
    const self = await c.post(`/api/approvals/${mine.id}/approve`);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toMatch(/your own account/);
    // The requester may not approve what they asked for either, even for someone else.
    const t = await createUser(env.ctx, schoolId, ['teacher']);
    await c.post(`/api/accounts/${t.accountId}/roles`, { role: 'dsl' });
    const [theirs] = await pendingFor(c, t.accountId);
    expect((await c.post(`/api/approvals/${theirs.id}/approve`)).json().error.message).toMatch(
      /You made this request/,
    );
    expect((await dsl.post(`/api/approvals/${theirs.id}/reject`, { reason: 'not agreed' })).json()).toEqual({
      status: 'rejected',
    });
    expect((await dsl.post(`/api/approvals/${theirs.id}/approve`)).statusCode).toBe(409);
  });

  it('resets TOTP only once approved: sessions end and the next sign-in enrols again', async () => {
    const d = await createUser(env.ctx, schoolId, ['dsl']);
    await markTotpEnrolled(env.ctx, d.accountId);
    const s = await sessionFor(env, d.accountId, schoolId);
    const req = await admin.post(`/api/accounts/${d.accountId}/totp-reset`);
    expect(req.statusCode).toBe(202);
    expect((await admin.post(`/api/accounts/${d.accountId}/totp-reset`)).statusCode).toBe(409);
    expect((await s.get('/api/people')).statusCode).toBe(200);
    const [item] = await pendingFor(head, d.accountId);
    expect((await head.post(`/api/approvals/${item.id}/approve`)).statusCode).toBe(200);
    expect((await s.get('/api/session')).json()).toEqual({ signedIn: false });
    expect((await new Client(env.app).signIn(d.username)).json()).toEqual({ next: 'enrol_totp' });
    const row = await env.ctx.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', d.accountId)
      .executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).toBeNull();
    expect(row.recovery_codes).toBeNull();
  });

  it('an approved password reset gives a link once; the old password stops working', async () => {
    const t = await createUser(env.ctx, schoolId, ['teacher']);
    await admin.post(`/api/accounts/${t.accountId}/password-reset`);
    expect((await new Client(env.app).signIn(t.username)).statusCode).toBe(200);
    const [item] = await pendingFor(dsl, t.accountId);
    const approved = await dsl.post(`/api/approvals/${item.id}/approve`);
    const link: string = approved.json().link;
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    expect((await new Client(env.app).signIn(t.username)).statusCode).toBe(401);
    const token = link.split('/').pop()!;
    const view = (await new Client(env.app).get(`/api/invitations/${token}`)).json();
    expect(view).toMatchObject({ purpose: 'password_reset', username: t.username });
    const anon = new Client(env.app);
    expect(
      (await anon.post(`/api/invitations/${token}/accept`, { password: 'short' })).json().error.message,
    ).toMatch(/at least 12/);
    expect(
      (await anon.post(`/api/invitations/${token}/accept`, { password: 'brisk-otter-lantern-5150' })).json(),
    ).toEqual({ username: t.username });
    expect((await new Client(env.app).signIn(t.username, 'brisk-otter-lantern-5150')).statusCode).toBe(200);
    expect(
      (await anon.post(`/api/invitations/${token}/accept`, { password: 'brisk-otter-lantern-5151' }))
        .statusCode,
    ).toBe(404);
    // The link's token reaches neither the audit trail nor the approvals table.
    const audit = JSON.stringify(await env.ctx.db.selectFrom('audit_entries').select('details').execute());
    expect(audit).not.toContain(token);
    expect(JSON.stringify(await env.ctx.db.selectFrom('invitations').selectAll().execute())).not.toContain(
      token,
    );
  });

  it('keeps an admin from resetting or approving through the approval routes', async () => {
    const t = await createUser(env.ctx, schoolId, ['teacher']);
    await admin.post(`/api/accounts/${t.accountId}/password-reset`);
    const [item] = await pendingFor(head, t.accountId);
    expect((await admin.post(`/api/approvals/${item.id}/approve`)).statusCode).toBe(403);
  });

  it('nobody approves a reset of their own account: the head needs the DSL', async () => {
    await markTotpEnrolled(env.ctx, headId);
    await admin.post(`/api/accounts/${headId}/totp-reset`);
    const [item] = await pendingFor(head, headId);
    expect((await head.post(`/api/approvals/${item.id}/approve`)).statusCode).toBe(403);
    expect((await dsl.post(`/api/approvals/${item.id}/approve`)).statusCode).toBe(200);
  });
});
