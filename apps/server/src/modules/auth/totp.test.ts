import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  TestClock,
  createSchool,
  createUser,
  startTestEnv,
  type TestEnv,
} from '../../test/harness.js';

/** Two-factor sign-in (policy 7.2, clarification 9): enrolment with a QR code, codes, recovery codes. */
describe('TOTP', () => {
  let env: TestEnv;
  let schoolId: string;
  const clock = new TestClock();
  const codeAt = (secret: string, offsetSeconds = 0) =>
    authenticator.clone({ epoch: clock.now().getTime() + offsetSeconds * 1000 }).generate(secret);

  beforeAll(async () => {
    env = await startTestEnv({ clock });
    schoolId = await createSchool(env.ctx);
  });
  afterAll(() => env.close());

  /** Signs a DSL in and enrols; returns the client, the secret and the recovery codes. */
  async function enrolledDsl() {
    const u = await createUser(env.ctx, schoolId, ['dsl']);
    const c = new Client(env.app);
    expect((await c.signIn(u.username)).json()).toEqual({ next: 'enrol_totp' });
    const start = await c.post('/api/auth/totp/enrol');
    expect(start.statusCode).toBe(200);
    const { secret, qrCode, otpauthUrl } = start.json();
    const confirm = await c.post('/api/auth/totp/enrol/confirm', { code: codeAt(secret) });
    expect(confirm.statusCode).toBe(200);
    return { u, c, secret, qrCode, otpauthUrl, recoveryCodes: confirm.json().recoveryCodes as string[] };
  }

  it('is required of every role with a sensitive permission, and of no other', async () => {
    for (const [role, next] of [
      ['headteacher', 'enrol_totp'],
      ['system_admin', 'enrol_totp'],
      ['deputy_dsl', 'enrol_totp'],
      ['teacher', 'done'],
      ['pupil', 'done'],
    ] as const) {
      const u = await createUser(env.ctx, schoolId, [role]);
      expect((await new Client(env.app).signIn(u.username)).json().next, role).toBe(next);
    }
  });

  it('enrols with a QR code and the secret as text, then gives ten recovery codes once', async () => {
    const { u, c, secret, qrCode, otpauthUrl, recoveryCodes } = await enrolledDsl();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(',')[1], 'base64').toString()).toContain('<svg');
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const s = (await c.get('/api/session')).json();
    expect(s.state).toBe('active');
    expect(s.totpEnrolled).toBe(true);
    // Sealed and hashed at rest: neither the secret nor any recovery code is in the row.
    const row = await env.ctx.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', u.accountId)
      .executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(secret);
    for (const rc of recoveryCodes) expect(JSON.stringify(row)).not.toContain(rc.replace('-', ''));
    // Enrolment cannot be restarted from an active session.
    expect((await c.post('/api/auth/totp/enrol')).statusCode).toBe(409);
    // Nothing secret reached the audit trail.
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select('details')
      .where('actor_account_id', '=', u.accountId)
      .execute();
    const text = JSON.stringify(audit);
    expect(text).not.toContain(secret);
    for (const rc of recoveryCodes) expect(text).not.toContain(rc);
  });

  it('refuses a wrong first code and keeps the session out', async () => {
    const u = await createUser(env.ctx, schoolId, ['headteacher']);
    const c = new Client(env.app);
    await c.signIn(u.username);
    const { secret } = (await c.post('/api/auth/totp/enrol')).json();
    const wrong = await c.post('/api/auth/totp/enrol/confirm', { code: codeAt(secret, 600) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toMatch(/code is not right/);
    expect((await c.get('/api/people')).json().error.code).toBe('totp_required');
  });

  it('signs in with password then code; a code is good once; other codes are refused', async () => {
    const { u, secret } = await enrolledDsl();
    clock.advanceMinutes(1);
    const c = new Client(env.app);
    expect((await c.signIn(u.username)).json()).toEqual({ next: 'totp' });
    expect((await c.get('/api/people')).statusCode).toBe(401);
    expect((await c.post('/api/auth/totp', { code: '000000' })).statusCode).toBe(401);
    const code = codeAt(secret);
    const ok = await c.post('/api/auth/totp', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ next: 'done' });
    expect((await c.get('/api/people')).statusCode).toBe(200);
    // The same code again, in another sign-in within its 30 seconds: refused (no replay).
    const again = new Client(env.app);
    await again.signIn(u.username);
    expect((await again.post('/api/auth/totp', { code })).statusCode).toBe(401);
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select(['action', 'details'])
      .where('actor_account_id', '=', u.accountId)
      .where('action', 'in', ['auth.totp.failed', 'auth.sign_in'])
      .execute();
    expect(audit.filter((a) => a.action === 'auth.totp.failed')).toHaveLength(2);
    expect(audit.some((a) => a.action === 'auth.sign_in' && a.details.includes('"totp"'))).toBe(true);
  });

  it('accepts each recovery code once instead of a code', async () => {
    const { u, recoveryCodes } = await enrolledDsl();
    const c = new Client(env.app);
    await c.signIn(u.username);
    const res = await c.post('/api/auth/totp', { recoveryCode: recoveryCodes[3]!.toUpperCase() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ next: 'done', recoveryCodesLeft: 9 });
    const c2 = new Client(env.app);
    await c2.signIn(u.username);
    const reused = await c2.post('/api/auth/totp', { recoveryCode: recoveryCodes[3]! });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error.message).toMatch(/has been used/);
  });

  it('ends a sign-in left waiting at the code step after 15 minutes', async () => {
    const { u } = await enrolledDsl();
    const c = new Client(env.app);
    await c.signIn(u.username);
    clock.advanceMinutes(16);
    expect((await c.get('/api/session')).json()).toEqual({ signedIn: false });
  });
});
