import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool, startTestEnv, type TestEnv } from '../test/harness.js';
import type { UpdateResult } from 'kysely';
import { insertIgnoring, prepared, preparedOf } from './prepared.js';

describe('prepared queries', () => {
  let env: TestEnv;
  let a: string;
  let b: string;
  beforeAll(async () => {
    env = await startTestEnv();
    a = await createSchool(env.ctx, 'Prepared A');
    b = await createSchool(env.ctx, 'Prepared B');
  });
  afterAll(() => env.close());

  // The arguments appear in the SQL in the other order from the call, beside a constant parameter.
  let builds = 0;
  const schoolNamed = prepared((db, id, name) => {
    builds++;
    return db
      .selectFrom('schools')
      .select(['id', 'name'])
      .where('name', '=', name)
      .where('slug', 'is not', null)
      .where('id', '=', id)
      .where('name', '!=', 'never a school name');
  });

  it('compiles once and runs with each call’s own arguments, in their places', async () => {
    expect(await schoolNamed(env.ctx.db, a, 'Prepared A')).toEqual([{ id: a, name: 'Prepared A' }]);
    expect(await schoolNamed(env.ctx.db, b, 'Prepared B')).toEqual([{ id: b, name: 'Prepared B' }]);
    expect(await schoolNamed(env.ctx.db, a, 'Prepared B')).toEqual([]);
    expect(builds).toBe(1);
  });

  it('runs inside a transaction, seeing its uncommitted rows', async () => {
    await env.ctx.db
      .transaction()
      .execute(async (tx) => {
        await tx.updateTable('schools').set({ name: 'Renamed A' }).where('id', '=', a).execute();
        expect(await schoolNamed(tx, a, 'Renamed A')).toEqual([{ id: a, name: 'Renamed A' }]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await schoolNamed(env.ctx.db, a, 'Prepared A')).toHaveLength(1);
  });

  const insertSources = insertIgnoring(
    'monitor_sources',
    ['id', 'school_id', 'name', 'kind', 'created_at'],
    ['id'],
  );
  const source = (i: number) => ({
    id: `prepared-source-${i}`,
    school_id: a,
    name: `Source ${i}`,
    kind: 'agent' as const,
    created_at: '2026-12-03T00:00:00.000Z',
  });

  it('inserts rows in statements of every size, answering only the ids the conflict clause let in', async () => {
    const first = Array.from({ length: 131 }, (_, i) => source(i)); // 128 + 2 + 1 rows
    expect(await insertSources(env.ctx.db, first)).toEqual(first.map((r) => r.id));
    const more = Array.from({ length: 200 }, (_, i) => source(i + 100)); // 31 of them stored already
    const fresh = await env.ctx.db.transaction().execute((tx) => insertSources(tx, more));
    expect(fresh.sort()).toEqual(
      more
        .slice(31)
        .map((r) => r.id)
        .sort(),
    );
    const rows = await env.ctx.db
      .selectFrom('monitor_sources')
      .select(['id', 'name', 'school_id'])
      .where('id', 'like', 'prepared-source-%')
      .execute();
    expect(rows).toHaveLength(300);
    // Every value went to its own row and column.
    for (const r of rows) expect(r).toEqual({ id: r.id, name: `Source ${r.id.slice(16)}`, school_id: a });
  });

  it('inserts inside the caller’s transaction: rolled back with it, seen by it before', async () => {
    const rows = Array.from({ length: 3 }, (_, i) => source(i + 500));
    await env.ctx.db
      .transaction()
      .execute(async (tx) => {
        expect(await insertSources(tx, rows)).toEqual(rows.map((r) => r.id));
        expect(await insertSources(tx, rows)).toEqual([]);
        const seen = await tx
          .selectFrom('monitor_sources')
          .select('id')
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
        expect(seen).toHaveLength(3);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const left = await env.ctx.db
      .selectFrom('monitor_sources')
      .select('id')
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    expect(left).toEqual([]);
  });

  it('takes arguments of other column types (a number, a null) in their places', async () => {
    const setRate = preparedOf<UpdateResult, [number, string | null, string]>((db, count, window, id) =>
      db.updateTable('monitor_sources').set({ rate_count: count, rate_window: window }).where('id', '=', id),
    );
    await setRate(env.ctx.db, 7, '2026-12-03T10:00:00.000Z', 'prepared-source-1');
    await setRate(env.ctx.db, 9, null, 'prepared-source-2');
    const rows = await env.ctx.db
      .selectFrom('monitor_sources')
      .select(['id', 'rate_count', 'rate_window'])
      .where('id', 'in', ['prepared-source-1', 'prepared-source-2', 'prepared-source-3'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.id, Number(r.rate_count), r.rate_window])).toEqual([
      ['prepared-source-1', 7, '2026-12-03T10:00:00.000Z'],
      ['prepared-source-2', 9, null],
      ['prepared-source-3', 0, null],
    ]);
  });
});
