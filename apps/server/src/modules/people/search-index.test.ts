import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchool } from '../demo/seed.js';
import type { Client } from '../../test/harness.js';
import { sessionFor, startTestEnv, TEST_PASSWORD, type TestEnv } from '../../test/harness.js';
import { listPeople, listPeopleSql, type Reader } from './repo.js';
import type { ListQuery } from './schema.js';
import { presentPerson, presentPersonJson } from './present.js';

/**
 * The in-memory search (search-index.ts) must give exactly what the SQL search gives, and never a stale answer:
 * a change made behind the server's back (another process, a restore, plain SQL) shows in the next search.
 */
describe('people search index', () => {
  let env: TestEnv;
  let schoolId: string;
  let office: Client;
  beforeAll(async () => {
    env = await startTestEnv();
    const seeded = await seedDemoSchool(env.ctx, {
      adminPassword: 'unused-admin-pass-1',
      staffPassword: TEST_PASSWORD,
      pupilsPerYear: 4,
    });
    schoolId = seeded.schoolId;
    office = await sessionFor(env, seeded.accounts.office!.accountId, schoolId);
  });
  afterAll(() => env.close());

  const names = async (url: string) =>
    (await office.get(url)).json<{ people: { id: string; familyName: string }[] }>().people.map((p) => p.id);

  it('answers each filter exactly as the SQL query does, in the same order', async () => {
    const now = new Date().toISOString();
    const school: Reader = { scopes: ['school'], personId: null };
    const viaSql = (q: ListQuery) => listPeopleSql(env.ctx.db, schoolId, school, q, now);
    const base: ListQuery = { status: 'current', limit: 200, offset: 0 };
    const queries: ListQuery[] = [
      base,
      { ...base, q: 'a' },
      { ...base, q: 'an e' },
      { ...base, q: 'e an', kind: 'pupil' },
      { ...base, q: 'zzqx' },
      { ...base, q: 'a', limit: 5, offset: 4 },
      { ...base, q: '% _' },
      { ...base, q: 'er', keyStage: 'KS1', status: 'all' },
      { ...base, kind: 'pupil' },
      { ...base, keyStage: 'KS2', limit: 7, offset: 3 },
      { ...base, year: 'R' },
      { ...base, status: 'all', kind: 'staff' },
      { ...base, status: 'leavers' },
    ];
    for (const q of queries) {
      const fast = (await listPeople(env.ctx.db, schoolId, school, q, now)).map((p) => p.id);
      const slow = (await viaSql(q)).map((p) => p.id);
      expect(fast, JSON.stringify(q)).toEqual(slow);
    }
    expect((await listPeople(env.ctx.db, schoolId, school, base, now)).length).toBeGreaterThan(40);
  });

  it('answers with exactly the JSON of the presented rows, kept text or not', async () => {
    const now = new Date().toISOString();
    const rows = await listPeopleSql(
      env.ctx.db,
      schoolId,
      { scopes: ['school'], personId: null },
      {
        q: 'a',
        status: 'current',
        limit: 10,
        offset: 0,
      },
      now,
    );
    const res = await office.get('/api/people?q=a&limit=10');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toBe(
      JSON.stringify({
        people: rows.slice(0, 10).map((p) => presentPerson(p, { vulnerability: false })),
        hasMore: rows.length > 10,
      }),
    );
    for (const vulnerability of [false, true, false]) {
      expect(presentPersonJson(rows[0]!, { vulnerability })).toBe(
        JSON.stringify(presentPerson(rows[0]!, { vulnerability })),
      );
    }
  });

  it('sees a change made directly in the database at the next search', async () => {
    const before = await names('/api/people?q=zebedee');
    expect(before).toEqual([]);
    const someone = await env.ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('kind', '=', 'pupil')
      .executeTakeFirstOrThrow();
    await env.ctx.db
      .updateTable('people')
      .set({ given_name: 'Zebedee', search_name: 'zebedee quill' })
      .where('id', '=', someone.id)
      .execute();
    expect(await names('/api/people?q=zebedee')).toEqual([someone.id]);
    await env.ctx.db
      .updateTable('people')
      .set({ tombstoned_at: new Date().toISOString() })
      .where('id', '=', someone.id)
      .execute();
    expect(await names('/api/people?q=zebedee')).toEqual([]);
  });
});
