import { randomUUID } from 'node:crypto';
import type { QueryLogRecord } from '@harbour/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeQueryLogBatch } from '../filtering/query-log.js';
import { settleSignals } from './signals.js';
import { startMonitoringEnv, type MonitoringEnv } from './test-support.js';

/** Issue 6: repeated blocked attempts in a high-risk category by one client become a signal about the address. */
describe('resolver signals', () => {
  let m: MonitoringEnv;
  beforeAll(async () => {
    m = await startMonitoringEnv();
  });
  afterAll(() => m.env.close());

  const record = (
    client: string,
    name: string,
    category: QueryLogRecord['category'],
    action: QueryLogRecord['action'] = 'block',
  ): QueryLogRecord => ({
    time: new Date(Date.now() - 60_000).toISOString(),
    count: 1,
    client,
    identifiedBy: 'subnet',
    schoolId: m.schoolId,
    groupId: 'ks2',
    name,
    type: 'A',
    action,
    reason: action === 'block' ? 'category' : null,
    category,
    ruleId: null,
  });
  const send = async (records: QueryLogRecord[]) => {
    await storeQueryLogBatch(
      m.env.ctx,
      {
        batchId: randomUUID(),
        nodeId: 'harbour',
        policyVersion: 1,
        sentAt: new Date().toISOString(),
        dropped: 0,
        records,
      },
      { nodeId: 'harbour', schools: 'all' },
    );
    await settleSignals(m.env.ctx);
  };
  const alerts = () =>
    m.env.ctx.db.selectFrom('monitor_alerts').selectAll().where('school_id', '=', m.schoolId).execute();

  it('raises an alert about the address after three blocked attempts, and none below the threshold', async () => {
    await send([
      record('10.20.0.5', 'selfharm-a.example', 'self-harm'),
      record('10.20.0.5', 'selfharm-b.example', 'self-harm'),
      record('10.20.0.5', 'bets.example', 'gambling'),
      record('10.20.0.5', 'bbc.co.uk', null, 'allow'),
      record('10.20.0.9', 'selfharm-a.example', 'self-harm'),
      record('10.20.0.9', 'selfharm-c.example', 'self-harm'),
    ]);
    expect(await alerts()).toEqual([]);
    await send([record('10.20.0.5', 'selfharm-c.example', 'self-harm')]);
    const raised = await alerts();
    expect(raised).toMatchObject([
      {
        origin: 'resolver',
        subject_kind: 'client',
        client: '10.20.0.5',
        person_id: null,
        category: 'self-harm',
        severity: 5,
        event_count: 3,
      },
    ]);
    const outbox = await m.env.ctx.db
      .selectFrom('outbox')
      .select('recipient_account_id')
      .where('link', '=', `/monitoring/alerts/${raised[0]!.id}`)
      .execute();
    expect(outbox).toHaveLength(6);
    const detail = (await m.dsl.get(`/api/monitoring/alerts/${raised[0]!.id}`)).json();
    expect(detail.alert.subject).toMatchObject({ kind: 'client', client: '10.20.0.5', name: null });
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['blocked', 'blocked', 'blocked']);
    expect(JSON.stringify(detail.events)).toContain('selfharm-c.example');
  });

  it('adds later attempts to the same alert, once each', async () => {
    await send([record('10.20.0.5', 'selfharm-d.example', 'self-harm')]);
    const [a] = await alerts();
    expect(a!.event_count).toBe(4);
    const audit = await m.env.ctx.db
      .selectFrom('audit_entries')
      .select('details')
      .where('action', '=', 'monitor.signals.batch')
      .execute();
    expect(audit.map((x) => JSON.parse(x.details).events)).toEqual([3, 1]);
  });
});
