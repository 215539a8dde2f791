import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Role } from '@harbour/shared';
import { createContext, flushAuditHead } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { SCHEMA_DROP_LOCK } from '../db/schema-lock.js';
import type { AppContext } from '../context.js';
import { buildApp } from '../http/app.js';
import { newId } from '../lib/ids.js';
import type { Clock } from '../lib/time.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { blankPerson, searchName } from '../modules/people/rows.js';

export const PG_URL = process.env.HARBOUR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const onPostgres = (): boolean => process.env.HARBOUR_TEST_DB === 'postgres';

export interface TestEnv {
  ctx: AppContext & { auditHeadFile: string };
  app: FastifyInstance;
  dataDir: string;
  close(): Promise<void>;
}

/** A mutable clock for tests of idle locks, throttling and expiry. */
export class TestClock implements Clock {
  constructor(public t = new Date('2026-11-23T10:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advanceMinutes(m: number): void {
    this.t = new Date(this.t.getTime() + m * 60_000);
  }
}

/**
 * A fresh Harbour on a real database: SQLite in a temp folder, or (HARBOUR_TEST_DB=postgres) a schema of its
 * own in the test database, dropped at close (clarification 2).
 */
export async function startTestEnv(
  opts: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-test-'));
  const schema = onPostgres() ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const config = loadConfig({
    HARBOUR_DATA_DIR: dataDir,
    HARBOUR_MASTER_KEY: randomBytes(32).toString('base64'),
    HARBOUR_DATABASE_URL: schema ? PG_URL : `sqlite:${path.join(dataDir, 'harbour.sqlite')}`,
    HARBOUR_LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const ctx = await createContext({
    config,
    ...(opts.clock ? { clock: opts.clock } : {}),
    open: schema ? { pgSchema: schema, poolSize: 4 } : {},
  });
  const app = await buildApp(ctx, { webDist: null });
  await app.ready();
  return {
    ctx,
    app,
    dataDir,
    async close() {
      await app.close();
      await flushAuditHead(ctx).catch(() => undefined);
      await ctx.database.close();
      if (schema) await dropSchema(schema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    // Exclusive: waits for any test's introspection (migrations) to finish; see db/schema-lock.ts.
    await c.query('SELECT pg_advisory_lock($1)', [SCHEMA_DROP_LOCK]);
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end(); // ends the session, which releases the lock
  }
}

export async function createSchool(ctx: AppContext, name = 'Harbourside Primary'): Promise<string> {
  const id = newId();
  await ctx.db
    .insertInto('schools')
    .values({
      id,
      organisation_id: null,
      name,
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${id.slice(0, 6)}`,
      time_zone: 'Europe/London',
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

export const TEST_PASSWORD = 'correct-horse-battery-staple-42';

/** A staff member with an account holding roles in a school. */
export async function createUser(
  ctx: AppContext,
  schoolId: string,
  roles: Role[],
  opts: { username?: string; kind?: 'staff' | 'pupil' | 'parent' | 'visitor'; password?: string } = {},
): Promise<{ accountId: string; personId: string; username: string }> {
  const accountId = newId();
  const personId = newId();
  const username = opts.username ?? `${roles.join('-')}-${accountId.slice(0, 8)}`;
  const now = new Date().toISOString();
  await ctx.db
    .insertInto('accounts')
    .values({
      id: accountId,
      username,
      password_hash: await hashPassword(opts.password ?? TEST_PASSWORD),
      password_changed_at: now,
      totp_secret_enc: null,
      totp_pending_secret_enc: null,
      totp_enrolled_at: null,
      recovery_codes: null,
      disabled_at: null,
      disabled_reason: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const given = username.split('-')[0] ?? 'Test';
  await ctx.db
    .insertInto('people')
    .values({
      ...blankPerson(schoolId, opts.kind ?? 'staff', now),
      id: personId,
      given_name: given,
      family_name: 'Tester',
      search_name: searchName(given, 'Tester', null),
      email: `${username}@example.test`,
      account_id: accountId,
    })
    .execute();
  for (const role of roles) {
    await ctx.db
      .insertInto('role_assignments')
      .values({
        id: newId(),
        account_id: accountId,
        school_id: schoolId,
        organisation_id: null,
        role,
        granted_at: now,
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
  }
  return { accountId, personId, username };
}

/** An HTTP client for app.inject that keeps the session cookie and sends the CSRF token. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(private app: FastifyInstance) {}

  async signIn(username: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
    const res = await this.request('POST', '/api/auth/sign-in', { username, password });
    const set = res.cookies.find((c) => c.name === 'harbour_session');
    if (set) this.cookie = `harbour_session=${set.value}`;
    await this.refresh();
    return res;
  }

  async refresh(): Promise<void> {
    const s = await this.request('GET', '/api/session');
    const body = s.json<{ csrfToken?: string }>();
    this.csrf = body.csrfToken ?? '';
  }

  request(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: method as never,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
}

/**
 * A signed-in, fully verified session for an account, made directly in the database. For tests that are about
 * something other than signing in (e.g. the route table as every role, where TOTP would get in the way).
 */
export async function sessionFor(env: TestEnv, accountId: string, schoolId: string): Promise<Client> {
  const { createSession } = await import('../modules/auth/sessions.js');
  await markTotpEnrolled(env.ctx, accountId);
  const { token } = await createSession(env.ctx, {
    accountId,
    schoolId,
    state: 'active',
    ip: '127.0.0.1',
    userAgent: 'test',
  });
  const c = new Client(env.app);
  c.cookie = `harbour_session=${token}`;
  await c.refresh();
  return c;
}

/**
 * Marks an account as having enrolled an authenticator (with a real sealed secret), so a session made directly
 * is not sent back to enrolment for roles that need TOTP. Returns the secret, for tests that want codes.
 */
export async function markTotpEnrolled(ctx: AppContext, accountId: string): Promise<string> {
  const { newTotpSecret, openTotpSecret, sealTotpSecret } = await import('../modules/auth/totp.js');
  const row = await ctx.db
    .selectFrom('accounts')
    .select(['totp_secret_enc', 'totp_enrolled_at'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  if (row.totp_enrolled_at && row.totp_secret_enc) return openTotpSecret(ctx, accountId, row.totp_secret_enc);
  const secret = newTotpSecret();
  await ctx.db
    .updateTable('accounts')
    .set({
      totp_secret_enc: sealTotpSecret(ctx, accountId, secret),
      totp_enrolled_at: new Date().toISOString(),
    })
    .where('id', '=', accountId)
    .execute();
  return secret;
}
