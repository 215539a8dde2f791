import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../../test/harness.js';
import { eid, startMonitoringEnv, type MonitoringEnv } from './test-support.js';

/**
 * Issue 6, escalation: the concern, the alert marked escalated and its events attached are one transaction, so
 * a failure part-way keeps none of it, and escalating twice (even at the same moment) makes one concern.
 */
describe('escalating a monitoring alert', () => {
  let m: MonitoringEnv;
  const now = () => new Date(Date.now() - 60_000).toISOString();
  const concerns = async () =>
    Number(
      (
        await m.env.ctx.db
          .selectFrom('concerns')
          .select((e) => e.fn.countAll().as('n'))
          .where('school_id', '=', m.schoolId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const alertAbout = async (personId: string) => {
    const r = await m.post([
      { id: eid(), time: now(), kind: 'search', text: 'how to kill myself', personId },
    ]);
    expect(r.json()).toMatchObject({ accepted: 1, alerts: 1 });
    return m.env.ctx.db
      .selectFrom('monitor_alerts')
      .selectAll()
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
  };

  beforeAll(async () => {
    m = await startMonitoringEnv();
  });
  afterAll(() => m.env.close());

  it('makes one concern when two escalations of one alert arrive together', async () => {
    const alert = await alertAbout(m.pupils[3]!.id);
    const before = await concerns();
    const answers = await Promise.all(
      [m.dsl, m.deputy].map((c) => c.post(`/api/monitoring/alerts/${alert.id}/escalate`, {})),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(await concerns()).toBe(before + 1);
    const won = answers.find((a) => a.statusCode === 201)!.json<{ concernId: string }>().concernId;
    const row = await m.env.ctx.db
      .selectFrom('monitor_alerts')
      .select(['status', 'concern_id'])
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'escalated', concern_id: won });
    // And once more afterwards: still one.
    expect((await m.dsl.post(`/api/monitoring/alerts/${alert.id}/escalate`, {})).statusCode).toBe(409);
    expect(await concerns()).toBe(before + 1);
  });

  it('keeps no concern when attaching the events fails part-way, and escalates cleanly afterwards', async () => {
    const alert = await alertAbout(m.pupils[5]!.id);
    const before = await concerns();
    const db = m.env.ctx.db;
    const concernNotices = async () =>
      (await db.selectFrom('outbox').select('id').where('link', 'like', '/concerns/%').execute()).length;
    const noticesBefore = await concernNotices();
    // A failure in the last step of the escalation, after the concern row is written.
    if (onPostgres()) {
      await sql`create function harbour_test_fail() returns trigger as $$ begin raise exception 'simulated crash'; end $$ language plpgsql`.execute(
        db,
      );
      await sql`create trigger harbour_test_fail before update on monitor_events for each row execute function harbour_test_fail()`.execute(
        db,
      );
    } else
      await sql`create trigger harbour_test_fail before update on monitor_events begin select raise(abort, 'simulated crash'); end`.execute(
        db,
      );
    const failed = await m.dsl.post(`/api/monitoring/alerts/${alert.id}/escalate`, {});
    expect(failed.statusCode).toBe(500);
    expect(await concerns()).toBe(before);
    const still = await db
      .selectFrom('monitor_alerts')
      .select(['status', 'concern_id'])
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow();
    expect(still).toEqual({ status: 'open', concern_id: null });
    // Nor was anyone told of a concern that does not exist.
    expect(await concernNotices()).toBe(noticesBefore);

    await sql`drop trigger harbour_test_fail${onPostgres() ? sql` on monitor_events` : sql``}`.execute(db);
    const ok = await m.dsl.post(`/api/monitoring/alerts/${alert.id}/escalate`, {});
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await concerns()).toBe(before + 1);
    const events = await db
      .selectFrom('monitor_events')
      .select('concern_id')
      .where('alert_id', '=', alert.id)
      .execute();
    expect(events.map((e) => e.concern_id)).toEqual([ok.json<{ concernId: string }>().concernId]);
  });
});
