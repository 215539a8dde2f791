import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardItem } from '@harbour/shared';
import { newId } from '../../lib/ids.js';
import { seedDemoSchool } from '../demo/seed.js';
import { sessionFor, startTestEnv, TestClock, type Client, type TestEnv } from '../../test/harness.js';
import { MAX_AGE_MS } from './dashboard-cache.js';
import { registerEvidenceProvider, unregisterEvidenceProvider } from './evidence-sources.js';

/**
 * The dashboard route keeps each school's answer (bench/compliance) but never shows one older than a change to
 * its records, whichever process made it (triggers, migration 0050), nor older than MAX_AGE_MS.
 */
describe('the kept compliance dashboard', () => {
  let env: TestEnv;
  let clock: TestClock;
  let schoolId: string;
  let lead: Client;
  const get = async () => {
    const res = await lead.get('/api/compliance/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ generatedAt: string; items: DashboardItem[] }>();
    return { at: body.generatedAt, item: (k: string) => body.items.find((i) => i.key === k)! };
  };

  beforeAll(async () => {
    clock = new TestClock(new Date('2026-11-23T09:00:00Z'));
    env = await startTestEnv({ clock });
    const seeded = await seedDemoSchool(env.ctx, { adminPassword: 'x-unused-password-1', pupilsPerYear: 1 });
    schoolId = seeded.schoolId;
    lead = await sessionFor(env, seeded.accounts.oslead!.accountId, schoolId);
  });
  afterAll(() => {
    unregisterEvidenceProvider('concerns');
    return env.close();
  });

  it('answers from the kept count until a record changes, even one written straight to the database', async () => {
    const first = await get();
    clock.t = new Date(clock.t.getTime() + 1_000);
    expect((await get()).at).toBe(first.at);
    const before = first.item('devices_secure').figure;
    const now = clock.now().toISOString();
    // Another process (an import, the worker) writes: the trigger moves the revision.
    await env.ctx.db
      .insertInto('school_devices')
      .values({
        id: newId(),
        school_id: schoolId,
        asset_tag: 'CACHE-1',
        kind: 'laptop',
        description: null,
        serial: null,
        assignee_person_id: null,
        encrypted: 0,
        antivirus_status: 'up_to_date',
        antivirus_checked_on: now.slice(0, 10),
        off_site: 1,
        off_site_since: now.slice(0, 10),
        retired_at: null,
        notes: null,
        created_at: now,
        updated_at: now,
        updated_by: null,
      })
      .execute();
    const after = await get();
    expect(after.at).not.toBe(first.at);
    expect(after.item('devices_secure').figure).not.toBe(before);
  });

  it('recounts once the kept answer is older than its limit, or an evidence provider comes or goes', async () => {
    const a = await get();
    clock.t = new Date(clock.t.getTime() + MAX_AGE_MS + 1);
    const b = await get();
    expect(b.at).not.toBe(a.at);
    expect(b.item('concerns_open_30').figure).not.toContain('2 concerns');
    registerEvidenceProvider('concerns', () =>
      Promise.resolve({ openOver30Days: 2, raisedByCategory: [], raisedByMonth: [], closedInPeriod: 0 }),
    );
    // The clock has not moved: only the provider's arrival makes it recount.
    const c = await get();
    expect(c.item('concerns_open_30').figure).toContain('2 concerns');
  });
});
