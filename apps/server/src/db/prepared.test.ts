import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool, startTestEnv, type TestEnv } from '../test/harness.js';
import { prepared } from './prepared.js';

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
});
