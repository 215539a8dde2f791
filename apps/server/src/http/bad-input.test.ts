import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { seedDemoSchool } from '../modules/demo/seed.js';
import { createUser, sessionFor, startTestEnv, type TestEnv, type Client } from '../test/harness.js';
import { ROUTE_ACCESS } from './route-access.js';

/**
 * Issue 2, section 9: malformed JSON, wrong types, unknown fields, oversized bodies and out-of-range values
 * get a 4xx with { error: { code, message } } and change nothing, on every route.
 */
describe('bad input on every route', () => {
  let env: TestEnv;
  let c: Client;
  let ids: Record<string, string>;
  let pupilClient: Client;
  /** Routes that take a larger body than the default 1 MB (a 10 MB file as base64 JSON). */
  const BIG_BODY: Record<string, number> = { 'POST /api/concerns/:id/attachments': 15 * 1024 * 1024 };
  const clientFor = (key: string) => (key === 'POST /api/worries' ? pupilClient : c);
  let sourceToken: string;
  beforeAll(async () => {
    env = await startTestEnv();
    const seeded = await seedDemoSchool(env.ctx, { adminPassword: 'x-unused-password-1', pupilsPerYear: 2 });
    // One account holding every role without a deny rule reaches every handler's validation.
    const head = seeded.accounts.head!;
    for (const role of ['system_admin', 'leadership', 'trust_officer'] as const) {
      await env.ctx.db
        .insertInto('role_assignments')
        .values({
          id: `${role}-extra`,
          account_id: head.accountId,
          school_id: seeded.schoolId,
          organisation_id: null,
          role,
          granted_at: new Date().toISOString(),
          granted_by: null,
          revoked_at: null,
          revoked_by: null,
        })
        .execute();
    }
    c = await sessionFor(env, head.accountId, seeded.schoolId);
    const pupil = await env.ctx.db
      .selectFrom('people')
      .select('id')
      .where('kind', '=', 'pupil')
      .executeTakeFirstOrThrow();
    ids = { id: pupil.id, token: 'not-a-real-token', role: 'teacher', key: 'school.profile' };
    // The pupils' "I'm worried" form is a pupil's only (concerns.tell): a pupil's session reaches it.
    const asPupil = await createUser(env.ctx, seeded.schoolId, ['pupil'], { kind: 'pupil' });
    pupilClient = await sessionFor(env, asPupil.accountId, seeded.schoolId);
    // Monitoring sources post with a bearer token, checked before the body is read: one reaches the body's checks.
    sourceToken = (await c.post('/api/monitoring/sources', { name: 'Bad-input agent' })).json<{
      token: string;
    }>().token;
  });
  afterAll(() => env.close());

  const routes = () =>
    env.app.apiRoutes
      .filter((k) => !['POST /api/auth/sign-out', 'POST /api/auth/lock'].includes(k))
      .map((k) => {
        const [method, url] = k.split(' ') as [string, string];
        return { key: k, method, url: url.replace(/:(\w+)/g, (_m, n: string) => ids[n] ?? 'x') };
      });

  /** Everything a bad request could have changed; sessions' last-seen time is the only thing allowed to move. */
  async function snapshot(): Promise<string> {
    const tables = [
      'people',
      'parent_links',
      'accounts',
      'role_assignments',
      'invitations',
      'approvals',
      'settings',
      'jobs',
      'outbox',
      'schools',
      'audit_entries',
      // Compliance registers (issue 5)
      'aup_versions',
      'aup_signatures',
      'access_entries',
      'training_courses',
      'training_records',
      'training_certificates',
      'image_consents',
      'phone_handins',
      'phone_confiscations',
      'school_devices',
      'risk_assessments',
      'policy_versions',
      'compliance_checks',
      'self_reviews',
      'self_review_ratings',
      'review_actions',
      // Concerns (issue 3)
      'concerns',
      'concern_people',
      'concern_notes',
      'concern_amendments',
      'concern_attachments',
      'concern_custody',
      'concern_imagery_views',
      'concern_viewers',
      'concern_status_events',
      'concern_steps',
      'concern_actions',
      'concern_agencies',
      'concern_referrals',
      'concern_parent_contacts',
      'concern_sanctions',
      'concern_retention_reviews',
      'concern_org_agencies',
    ] as const;
    const out: unknown[] = [];
    for (const t of tables) out.push(await env.ctx.db.selectFrom(t).selectAll().execute());
    return JSON.stringify(out);
  }

  function expectErrorShape(res: LightMyRequestResponse, key: string, what: string) {
    expect(res.statusCode, `${what}: ${key}`).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, `${what}: ${key}`).toBeLessThan(500);
    const body = res.json();
    expect(typeof body.error?.code, `${what}: ${key}`).toBe('string');
    expect(typeof body.error?.message, `${what}: ${key}`).toBe('string');
  }

  it('answers each kind of bad body with a 4xx error object and changes nothing', async () => {
    const before = await snapshot();
    for (const r of routes()) {
      if (r.method === 'GET' || r.method === 'DELETE') continue;
      const who = clientFor(r.key);
      const send = (payload: string, contentType = 'application/json') =>
        env.app.inject({
          method: r.method as 'POST',
          url: r.url,
          headers: {
            cookie: who.cookie,
            'x-csrf-token': who.csrf,
            'content-type': contentType,
            ...(r.key === 'POST /api/monitoring/events' ? { authorization: `Bearer ${sourceToken}` } : {}),
          },
          payload,
        });
      const malformed = await send('{"a": ');
      expectErrorShape(malformed, r.key, 'malformed JSON');
      expect(malformed.statusCode, r.key).toBe(400);
      expectErrorShape(await send('[1,2,3]'), r.key, 'array instead of object');
      expectErrorShape(await send('"a string"'), r.key, 'string instead of object');
      expectErrorShape(await send(JSON.stringify({ __unknown_field: 1 })), r.key, 'unknown field');
      expectErrorShape(
        await send(
          JSON.stringify({
            id: 12,
            name: false,
            date: -1,
            limit: 1e12,
            username: ['x'],
            password: {},
            value: null,
          }),
        ),
        r.key,
        'wrong types',
      );
      const big = await send(JSON.stringify({ pad: 'x'.repeat(BIG_BODY[r.key] ?? 11 * 1024 * 1024) }));
      expectErrorShape(big, r.key, 'oversized body');
      expect(big.statusCode, r.key).toBe(413);
      expectErrorShape(await send('username=a', 'text/plain'), r.key, 'form body');
    }
    expect(await snapshot()).toBe(before);
  }, 120_000);

  it('refuses unknown and out-of-range query parameters on every GET route that reads', async () => {
    const before = await snapshot();
    for (const r of routes()) {
      if (r.method !== 'GET' || ROUTE_ACCESS[r.key] === 'public' || r.key === 'GET /api/session') continue;
      const sep = r.url.includes('?') ? '&' : '?';
      expectErrorShape(await c.get(`${r.url}${sep}__unknown_field=1`), r.key, 'unknown query field');
      expectErrorShape(await c.get(`${r.url}${sep}limit=-5`), r.key, 'out-of-range limit');
    }
    expect(await snapshot()).toBe(before);
  });
});
