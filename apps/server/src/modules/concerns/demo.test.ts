import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFor, startTestEnv, type TestEnv } from '../../test/harness.js';
import { seedDemoSchool } from '../demo/seed.js';
import { seedDemoConcerns } from './demo.js';

describe('the demo school’s fictional concerns', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(() => env.close());

  it('gives the DSL a dashboard, an alert and a worked playbook to look at', async () => {
    const seeded = await seedDemoSchool(env.ctx, { adminPassword: 'unused-demo-pass-1', pupilsPerYear: 2 });
    expect(await seedDemoConcerns(env.ctx, seeded.schoolId, seeded.accounts)).toBe(3);
    const dsl = await sessionFor(env, seeded.accounts.dsl!.accountId, seeded.schoolId);
    const d = (await dsl.get('/api/concerns/dashboard')).json();
    expect(d.totals).toMatchObject({ new: 2, open: 1 });
    expect((await dsl.get('/api/notifications')).json().notifications.length).toBe(3);
    const teacher = await sessionFor(env, seeded.accounts.teacher!.accountId, seeded.schoolId);
    expect((await teacher.get('/api/concerns/actions/mine')).json().actions).toHaveLength(1);
  });
});
