import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFor } from '../../test/harness.js';
import { eid, startMonitoringEnv, type MonitoringEnv } from './test-support.js';

/**
 * Issue 6 with clarification 6: an alert about a member of staff goes only to the head (the chair when the
 * head is the subject), who names the DSLs who may see it; the subject never meets it.
 */
describe('monitoring alerts about staff', () => {
  let m: MonitoringEnv;
  const now = () => new Date(Date.now() - 60_000).toISOString();
  const outboxFor = async (alertId: string) =>
    (
      await m.env.ctx.db
        .selectFrom('outbox')
        .select(['recipient_account_id', 'channel'])
        .where('link', '=', `/monitoring/alerts/${alertId}`)
        .execute()
    )
      .map((o) => o.recipient_account_id)
      .sort();
  const ids = async (c: typeof m.dsl) =>
    ((await c.get('/api/monitoring/alerts')).json().alerts as { id: string }[]).map((a) => a.id);

  beforeAll(async () => {
    m = await startMonitoringEnv();
  });
  afterAll(() => m.env.close());

  it('routes an alert about a teacher who is a deputy DSL to the head alone, until the head names a DSL', async () => {
    const deputy = m.accounts.deputy!;
    const r = await m.post([
      { id: eid(), time: now(), kind: 'search', text: 'how to kill myself', personId: deputy.personId },
    ]);
    expect(r.json()).toMatchObject({ accepted: 1, alerts: 1 });
    const alert = await m.env.ctx.db
      .selectFrom('monitor_alerts')
      .selectAll()
      .where('person_id', '=', deputy.personId)
      .executeTakeFirstOrThrow();
    expect(alert).toMatchObject({ restricted: 1, severity: 5 });
    const head = m.accounts.head!.accountId;
    expect(await outboxFor(alert.id)).toEqual([head, head]);
    expect(await ids(m.head)).toContain(alert.id);
    // The subject, a deputy DSL, never meets it; nor does the DSL until named.
    expect(await ids(m.deputy)).not.toContain(alert.id);
    expect((await m.deputy.get(`/api/monitoring/alerts/${alert.id}`)).statusCode).toBe(404);
    expect((await m.dsl.get(`/api/monitoring/alerts/${alert.id}`)).statusCode).toBe(404);
    expect(
      (await m.dsl.post(`/api/monitoring/alerts/${alert.id}/triage`, { action: 'note', note: 'x' }))
        .statusCode,
    ).toBe(404);
    // Only the head names; never the subject, never someone off the safeguarding team.
    const dsl = m.accounts.dsl!.accountId;
    expect(
      (await m.head.post(`/api/monitoring/alerts/${alert.id}/viewers`, { accountId: deputy.accountId }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await m.head.post(`/api/monitoring/alerts/${alert.id}/viewers`, {
          accountId: m.accounts.teacher!.accountId,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await m.head.post(`/api/monitoring/alerts/${alert.id}/viewers`, { accountId: dsl })).statusCode,
    ).toBe(200);
    expect(await ids(m.dsl)).toContain(alert.id);
    expect((await m.dsl.get(`/api/monitoring/alerts/${alert.id}`)).statusCode).toBe(200);
    expect(
      (await m.dsl.post(`/api/monitoring/alerts/${alert.id}/viewers`, { accountId: dsl })).statusCode,
    ).toBe(403);
    expect(await ids(m.deputy)).not.toContain(alert.id);
    // Nor in the audit trail, where the deputy DSL (audit.read) would otherwise meet its id.
    const trail = async (c: typeof m.dsl) =>
      (await c.get(`/api/audit?entityId=${alert.id}`)).json<{ entries: unknown[] }>().entries.length;
    expect(await trail(m.deputy)).toBe(0);
    expect(await trail(m.dsl)).toBeGreaterThan(0);

    // The head takes the DSL off again: only the head, only someone named; logged; the DSL meets a 404.
    const remove = (c: typeof m.dsl, accountId: string) =>
      c.post(`/api/monitoring/alerts/${alert.id}/viewers/remove`, { accountId });
    expect((await m.head.get(`/api/monitoring/alerts/${alert.id}`)).json()).toMatchObject({
      managesViewers: true,
      viewers: [expect.objectContaining({ accountId: dsl })],
    });
    expect((await m.dsl.get(`/api/monitoring/alerts/${alert.id}`)).json().managesViewers).toBe(false);
    expect((await remove(m.dsl, dsl)).statusCode).toBe(403);
    expect((await remove(m.head, m.accounts.teacher!.accountId)).statusCode).toBe(404);
    const removed = await remove(m.head, dsl);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await m.dsl.get(`/api/monitoring/alerts/${alert.id}`)).statusCode).toBe(404);
    expect(await ids(m.dsl)).not.toContain(alert.id);
    expect(
      (await m.dsl.post(`/api/monitoring/alerts/${alert.id}/triage`, { action: 'note', note: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await m.dsl.post(`/api/monitoring/alerts/${alert.id}/escalate`, {})).statusCode).toBe(404);
    expect(await trail(m.dsl)).toBe(0);
    const entries = (await m.head.get(`/api/audit?entityId=${alert.id}`)).json<{
      entries: { action: string; details: unknown }[];
    }>().entries;
    expect(entries.find((e) => e.action === 'monitor.alert.viewer_remove')).toMatchObject({
      details: { accountId: dsl },
    });
    const page = (await m.head.get(`/api/monitoring/alerts/${alert.id}`)).json();
    expect(page.viewers).toEqual([]);
    expect(page.notes.map((n: { action: string }) => n.action)).toEqual(['viewer', 'viewer_removed']);
    expect(page.mayName.map((v: { accountId: string }) => v.accountId)).toContain(dsl);
    expect((await remove(m.head, dsl)).statusCode).toBe(404);
  });

  it('routes an alert about the head to the chair of governors, and keeps it from the head and the DSLs', async () => {
    const head = m.accounts.head!;
    await m.post([
      { id: eid(), time: now(), kind: 'search', text: 'i want to die', personId: head.personId },
    ]);
    const alert = await m.env.ctx.db
      .selectFrom('monitor_alerts')
      .selectAll()
      .where('person_id', '=', head.personId)
      .executeTakeFirstOrThrow();
    const chair = m.accounts.chair!.accountId;
    expect(await outboxFor(alert.id)).toEqual([chair, chair]);
    const chairClient = await sessionFor(m.env, chair, m.schoolId);
    const chairSees = await ids(chairClient);
    expect(chairSees).toEqual([alert.id]);
    expect(await ids(m.head)).not.toContain(alert.id);
    expect(await ids(m.dsl)).not.toContain(alert.id);
    expect((await chairClient.get(`/api/monitoring/alerts/${alert.id}`)).statusCode).toBe(200);
    // A pupil's alert is none of the chair's business.
    await m.post([{ id: eid(), time: now(), kind: 'search', text: 'suicide', personId: m.pupils[12]!.id }]);
    expect(await ids(chairClient)).toEqual([alert.id]);
    // The DSL sees the pupil's alert only (taken off the deputy's above, never on the head's).
    expect((await m.dsl.get('/api/monitoring/alerts')).json().alerts).toHaveLength(1);
  });

  it('gives the compliance dashboard counts that leave alerts about staff out', async () => {
    const { evidenceFrom } = await import('../compliance/evidence-sources.js');
    const e = await evidenceFrom('monitoring', m.env.ctx, m.schoolId, {
      from: '2000-01-01T00:00:00.000Z',
      to: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(e).toEqual({
      alertsByCategory: [{ category: 'self-harm', count: 1 }],
      alertsTriaged: 0,
      untriagedOverdue: 0,
    });
  });
});
