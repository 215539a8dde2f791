import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TestClock,
  createSchool,
  createUser,
  sessionFor,
  startTestEnv,
  type Client,
  type TestEnv,
} from '../../test/harness.js';
import { appendAudit } from './service.js';

describe('GET /api/audit', () => {
  let env: TestEnv;
  const clock = new TestClock(new Date('2026-06-30T22:30:00Z')); // 23:30 on 30 June in London (BST)
  let schoolA: string;
  let schoolB: string;
  let admin: { accountId: string; username: string };
  let other: { accountId: string; username: string };
  let c: Client;

  beforeAll(async () => {
    env = await startTestEnv({ clock });
    schoolA = await createSchool(env.ctx, 'Audit School A');
    schoolB = await createSchool(env.ctx, 'Audit School B');
    admin = await createUser(env.ctx, schoolA, ['system_admin']);
    other = await createUser(env.ctx, schoolA, ['teacher']);
    const ctx = env.ctx;
    await appendAudit(ctx, {
      schoolId: schoolA,
      actorAccountId: admin.accountId,
      action: 'person.create',
      entityType: 'person',
      entityId: 'p-1',
      ip: '10.0.0.1',
    });
    clock.advanceMinutes(60); // 23:30Z = 00:30 BST on 1 July
    await appendAudit(ctx, {
      schoolId: schoolA,
      actorAccountId: other.accountId,
      action: 'auth.sign_in',
      ip: '10.0.0.2',
    });
    await appendAudit(ctx, {
      schoolId: schoolA,
      actorAccountId: admin.accountId,
      action: 'person.update',
      entityType: 'person',
      entityId: 'p-1',
      details: { fields: ['given_name'] },
    });
    await appendAudit(ctx, { schoolId: schoolA, actorAccountId: admin.accountId, action: 'authx.other' });
    await appendAudit(ctx, {
      schoolId: schoolB,
      actorAccountId: null,
      action: 'person.create',
      entityType: 'person',
      entityId: 'p-b',
    });
    for (let i = 0; i < 5; i++)
      await appendAudit(ctx, {
        schoolId: schoolA,
        actorAccountId: other.accountId,
        action: 'person.read',
        entityType: 'person',
        entityId: `p-${i + 10}`,
      });
    c = await sessionFor(env, admin.accountId, schoolA);
  });
  afterAll(() => env.close());

  const list = async (q = '') => {
    const res = await c.get(`/api/audit${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{
      timeZone: string;
      entries: {
        seq: number;
        action: string;
        actor: { username: string } | null;
        entityId: string | null;
        ip: string | null;
        at: string;
        details: unknown;
      }[];
      nextBefore: number | null;
    }>();
  };

  it("lists only the acting school's entries, newest first, with usernames and addresses", async () => {
    const page = await list();
    expect(page.timeZone).toBe('Europe/London');
    expect(page.entries.map((e) => e.entityId)).not.toContain('p-b');
    expect(page.entries.every((e, i, a) => i === 0 || a[i - 1]!.seq > e.seq)).toBe(true);
    const create = page.entries.find((e) => e.action === 'person.create')!;
    expect(create.actor?.username).toBe(admin.username);
    expect(create.ip).toBe('10.0.0.1');
    const update = page.entries.find((e) => e.action === 'person.update')!;
    expect(update.details).toEqual({ fields: ['given_name'] });
  });

  it('filters by actor, action prefix and record', async () => {
    const byActor = await list(`?actor=${other.username}`);
    expect(byActor.entries.length).toBe(6);
    expect(byActor.entries.every((e) => e.actor?.username === other.username)).toBe(true);
    expect((await list('?actor=no-such-user')).entries).toEqual([]);
    // "auth." must not match "authx.other", and "_" is not a wildcard.
    expect((await list('?action=auth.')).entries.map((e) => e.action)).toEqual(['auth.sign_in']);
    expect((await list('?action=person.rea')).entries.length).toBe(5);
    const record = await list('?entityType=person&entityId=p-1');
    expect(record.entries.map((e) => e.action)).toEqual(['person.update', 'person.create']);
  });

  it("reads day filters in the school's time zone", async () => {
    // The first entry happened on 30 June in London, though late in the UTC day; the rest on 1 July.
    const june = await list('?from=2026-06-30&to=2026-06-30');
    expect(june.entries.map((e) => e.action)).toEqual(['person.create']);
    const july = await list('?from=2026-07-01');
    expect(july.entries.map((e) => e.action)).not.toContain('person.create');
    expect(july.entries.length).toBeGreaterThanOrEqual(8);
    const instant = await list('?to=2026-06-30T23:00:00Z');
    expect(instant.entries.map((e) => e.action)).toEqual(['person.create']);
  });

  it('pages backwards by sequence number without gaps or repeats', async () => {
    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const page = await list(`?action=person.&limit=3${before ? `&before=${before}` : ''}`);
      seen.push(...page.entries.map((e) => e.seq));
      before = page.nextBefore;
      pages++;
    } while (before && pages < 10);
    expect(pages).toBe(3);
    expect(seen.length).toBe(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('records each browse with its filter, and refuses people without audit.read', async () => {
    await list('?action=auth.');
    const last = await env.ctx.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'audit.browse')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.school_id).toBe(schoolA);
    expect(JSON.parse(last.details)).toMatchObject({ filter: { action: 'auth.' } });
    const teacher = await sessionFor(env, other.accountId, schoolA);
    expect((await teacher.get('/api/audit')).statusCode).toBe(403);
  });

  it('refuses bad filters with a 400', async () => {
    for (const q of [
      '?limit=0',
      '?limit=500',
      '?from=yesterday',
      '?action=a%25',
      '?schoolId=' + schoolB,
      '?before=-1',
    ]) {
      const res = await c.get(`/api/audit${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('validation');
    }
  });
});
