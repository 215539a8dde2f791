import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryLogRecord } from '@harbour/shared';
import { TestClock, createSchool, startTestEnv, type TestEnv } from '../../test/harness.js';
import { onQueryLogStored, purgeQueryLog, recentBlockedDecisions, storeQueryLogBatch } from './query-log.js';

/** Query-log retention (default 90 days) and the read other modules use (monitoring, issue 6). */
describe('the query log', () => {
  let env: TestEnv;
  let clock: TestClock;
  let schoolId: string;
  const rec = (time: string, action: 'block' | 'allow', name: string): QueryLogRecord => ({
    time,
    count: 1,
    client: '10.1.2.3',
    identifiedBy: 'subnet',
    schoolId,
    groupId: 'g',
    name,
    type: 'A',
    action,
    reason: action === 'block' ? 'category' : 'default',
    category: action === 'block' ? 'self-harm' : null,
    ruleId: null,
  });
  beforeAll(async () => {
    clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
    env = await startTestEnv({ clock });
    schoolId = await createSchool(env.ctx);
  });
  afterAll(() => env.close());

  it('keeps 90 days by default, purges older entries with one audit entry, and tells listeners of new batches', async () => {
    const seen: string[] = [];
    const stop = onQueryLogStored((rs) => seen.push(...rs.map((r) => r.name)));
    await storeQueryLogBatch(
      env.ctx,
      {
        batchId: randomUUID(),
        nodeId: 'harbour',
        policyVersion: 1,
        sentAt: clock.now().toISOString(),
        dropped: 0,
        records: [
          rec('2026-08-01T10:00:00Z', 'block', 'old-harm.example'),
          rec('2026-11-22T10:00:00Z', 'block', 'new-harm.example'),
          rec('2026-11-22T10:00:01Z', 'allow', 'library.example'),
        ],
      },
      { nodeId: 'harbour', schools: 'all' },
    );
    stop();
    expect(seen).toEqual(['old-harm.example', 'new-harm.example', 'library.example']);
    const recent = await recentBlockedDecisions(env.ctx, {
      schoolId,
      since: '2026-11-01T00:00:00Z',
      categories: ['self-harm'],
    });
    expect(recent.map((r) => r.name)).toEqual(['new-harm.example']);
    expect(await purgeQueryLog(env.ctx)).toBe(1);
    const left = await env.ctx.db.selectFrom('filter_query_log').select('name').orderBy('name').execute();
    expect(left.map((r) => r.name)).toEqual(['library.example', 'new-harm.example']);
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select(['action', 'details'])
      .where('action', 'like', 'filter.query_log.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['filter.query_log.batch', 'filter.query_log.purge']);
  });
});
