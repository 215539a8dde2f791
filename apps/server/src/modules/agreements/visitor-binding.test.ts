import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchool } from '../demo/seed.js';
import type { Client } from '../../test/harness.js';
import { createUser, sessionFor, startTestEnv, type TestEnv } from '../../test/harness.js';
import { newId } from '../../lib/ids.js';

/**
 * Issue 5, "before using any school resources" (policy 5.3; clarification 14): a guest on an AUP-only filtering
 * group reaches only Harbour until they accept the visitor agreement; accepting it binds their address to the
 * guest group until the visit ends. Requests here come from 127.0.0.1 (the test server's inject).
 */
describe('the visitor agreement opens the guest network', () => {
  let env: TestEnv;
  let schoolId: string;
  let lead: Client;
  let staff: Client;
  const guests = newId();

  const bindings = () =>
    env.ctx.db.selectFrom('filter_bindings').selectAll().where('school_id', '=', schoolId).execute();
  const publish = async (audience: string) => {
    const v = (await lead.post('/api/aup/versions', { audience })).json().version as { id: string };
    expect((await lead.post(`/api/aup/versions/${v.id}/publish`, {})).statusCode).toBe(200);
    return v.id;
  };
  const visitor = async (endsAt: string | null) => {
    const u = await createUser(env.ctx, schoolId, ['visitor'], { kind: 'visitor' });
    await env.ctx.db
      .updateTable('people')
      .set({ access_ends_at: endsAt })
      .where('id', '=', u.personId)
      .execute();
    return { ...u, client: await sessionFor(env, u.accountId, schoolId) };
  };

  beforeAll(async () => {
    env = await startTestEnv();
    const seeded = await seedDemoSchool(env.ctx, {
      adminPassword: 'x-unused-password-1',
      pupilsPerYear: 1,
      compliance: false,
    });
    schoolId = seeded.schoolId;
    lead = await sessionFor(env, seeded.accounts.oslead!.accountId, schoolId);
    staff = await sessionFor(env, seeded.accounts.teacher!.accountId, schoolId);
    const now = new Date().toISOString();
    await env.ctx.db
      .insertInto('filter_groups')
      .values({
        id: guests,
        school_id: schoolId,
        kind: 'guests',
        name: 'Guest Wi-Fi',
        mode: 'blocklist',
        is_default: 0,
        aup_only: 1,
        subnets: JSON.stringify(['127.0.0.0/8']),
        resolver_address: null,
        test_address: '127.0.99.1',
        blocked_categories: JSON.stringify(['illegal']),
        safe_search: JSON.stringify({ google: true, youtube: 'strict', bing: true, duckduckgo: true }),
        allow_lists: '[]',
        position: 99,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  afterAll(() => env.close());

  it('binds the address a visitor signs from to the guest group until the visit ends', async () => {
    const versionId = await publish('visitor');
    const endsAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const v = await visitor(endsAt);
    const signed = await v.client.post('/api/aup/sign', { versionId });
    expect(signed.statusCode).toBe(201);
    expect(signed.json().binding).toMatchObject({ groupId: guests, address: '127.0.0.1' });
    const rows = await bindings();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ address: '127.0.0.1', group_id: guests, source: `aup:${v.personId}` });
    expect(Date.parse(rows[0]!.expires_at)).toBe(Date.parse(endsAt));
    const latest = await env.ctx.db
      .selectFrom('filter_policy_versions')
      .select(['cause', 'ref_id'])
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    expect(latest).toEqual({ cause: 'binding', ref_id: rows[0]!.id });
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select('entity_id')
      .where('action', '=', 'filter.binding.create')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual([rows[0]!.id]);
  });

  it('binds a visit with no end time for a school day at most, and never for staff agreements', async () => {
    const versionId = (await lead.get('/api/aup/documents'))
      .json()
      .audiences.find((a: { audience: string }) => a.audience === 'visitor').current.id as string;
    const v = await visitor(null);
    expect((await v.client.post('/api/aup/sign', { versionId })).statusCode).toBe(201);
    const mine = (await bindings()).find((b) => b.source === `aup:${v.personId}`)!;
    expect(Date.parse(mine.expires_at) - Date.now()).toBeLessThanOrEqual(8 * 3_600_000);
    expect(Date.parse(mine.expires_at) - Date.now()).toBeGreaterThan(7 * 3_600_000);

    const staffVersion = await publish('staff');
    const before = (await bindings()).length;
    const res = await staff.post('/api/aup/sign', { versionId: staffVersion });
    expect(res.statusCode).toBe(201);
    expect(res.json().binding).toBeNull();
    expect(await bindings()).toHaveLength(before);
  });
});
