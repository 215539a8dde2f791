import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../test/harness.js';
import { sendPendingEmail } from '../outbox/sender.js';
import { eid, startMonitoringEnv, type MonitoringEnv } from './test-support.js';

/** A real SMTP server on 127.0.0.1 (clarification 3). */
async function startSmtp() {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Issue 6, alerts: grouped per person and theme, prioritised, the DSL team told at once of the serious. */
describe('monitoring alerts', () => {
  let m: MonitoringEnv;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
  const at = (minutesAgo = 1) => new Date(clock.now().getTime() - minutesAgo * 60_000).toISOString();
  let pupil: { id: string };
  let alertId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    m = await startMonitoringEnv({
      clock,
      env: {
        HARBOUR_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        HARBOUR_PUBLIC_URL: 'https://harbour.example',
      },
    });
    pupil = m.pupils.find((p) => p.year_group === '5')!;
  });
  afterAll(async () => {
    await m.env.close();
    await smtp.close();
  });

  it('raises one severity-5 alert for ten self-harm searches, and nothing for innocent look-alikes', async () => {
    const harmful = [
      'how to kill myself',
      'i want to die',
      'suicide',
      'i hate myself',
      'ways to kill myself',
      'how to kill myself without pain',
      'kill myself',
      'suicide methods',
    ].map((text, i) => ({ id: eid(), time: at(30 - i), kind: 'search', text, personId: pupil.id }));
    const viaUrl = [
      'https://www.google.co.uk/search?q=how+to+kill+myself+quickly',
      'https://www.bing.com/search?q=i+want+to+die',
    ].map((url, i) => ({ id: eid(), time: at(10 - i), kind: 'url', url, personId: pupil.id }));
    const innocent = [
      'how to kill the process in linux',
      'killer whale facts',
      'how to shoot a film',
      'dying a t-shirt with tea',
      'Scunthorpe United',
    ].map((text) => ({ id: eid(), time: at(5), kind: 'search', text, personId: pupil.id }));
    const res = await m.post([...harmful, ...innocent, ...viaUrl]);
    expect(res.json()).toMatchObject({ accepted: 15, rejected: [], alerts: 1 });
    const alerts = await m.env.ctx.db
      .selectFrom('monitor_alerts')
      .selectAll()
      .where('school_id', '=', m.schoolId)
      .execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      category: 'self-harm',
      severity: 5,
      event_count: 10,
      person_id: pupil.id,
      status: 'open',
      restricted: 0,
    });
    alertId = alerts[0]!.id;
    const events = await m.env.ctx.db
      .selectFrom('monitor_events')
      .select(['alert_id', 'severity'])
      .where('school_id', '=', m.schoolId)
      .execute();
    expect(events.filter((e) => e.alert_id === alertId)).toHaveLength(10);
    expect(events.filter((e) => e.alert_id === null).every((e) => e.severity === 0)).toBe(true);
  });

  it('tells the DSL team at once, in the app and by email, with no details', async () => {
    const outbox = await m.env.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('school_id', '=', m.schoolId)
      .execute();
    const team = [m.accounts.head!, m.accounts.dsl!, m.accounts.deputy!].map((a) => a.accountId).sort();
    for (const channel of ['in_app', 'email'] as const)
      expect(
        outbox
          .filter((o) => o.channel === channel)
          .map((o) => o.recipient_account_id)
          .sort(),
      ).toEqual(team);
    expect(await sendPendingEmail(m.env.ctx)).toMatchObject({ sent: 3, failed: 0 });
    expect(smtp.received.flatMap((r) => r.to).sort()).toEqual(
      ['head@harbourside.example', 'dsl@harbourside.example', 'deputy@harbourside.example'].sort(),
    );
    for (const mail of smtp.received) {
      expect(mail.raw).toContain('Subject: A monitoring alert needs your attention');
      expect(mail.raw.replace(/=\r\n/g, '')).toContain(
        `https://harbour.example/monitoring/alerts/${alertId}`,
      );
      expect(mail.raw).not.toMatch(/kill|suicide|self-harm|die\b/i);
    }
  });

  it('logs severity 1 only, and raises milder alerts without telling anyone', async () => {
    const other = m.pupils.find((p) => p.year_group === '6')!;
    const before = (await m.env.ctx.db.selectFrom('outbox').select('id').execute()).length;
    const r = await m.post([
      { id: eid(), time: at(1), kind: 'search', text: 'lotto', personId: other.id },
      { id: eid(), time: at(1), kind: 'search', text: 'you are ugly', personId: other.id },
    ]);
    expect(r.json()).toMatchObject({ accepted: 2, alerts: 1 });
    const logged = await m.env.ctx.db
      .selectFrom('monitor_events')
      .selectAll()
      .where('person_id', '=', other.id)
      .execute();
    expect(logged.find((e) => e.category === 'gambling')).toMatchObject({ severity: 1, alert_id: null });
    const bullying = await m.env.ctx.db
      .selectFrom('monitor_alerts')
      .selectAll()
      .where('person_id', '=', other.id)
      .execute();
    expect(bullying).toMatchObject([{ category: 'bullying', severity: 3, notified_at: null }]);
    expect((await m.env.ctx.db.selectFrom('outbox').select('id').execute()).length).toBe(before);
  });

  it('lists alerts by priority for the DSL team only, auditing each list and view', async () => {
    for (const c of [m.teacher, m.tech, m.admin])
      expect((await c.get('/api/monitoring/alerts')).statusCode).toBe(403);
    const list = await m.deputy.get('/api/monitoring/alerts');
    expect(list.statusCode, list.body).toBe(200);
    const alerts = list.json().alerts as {
      id: string;
      severity: number;
      priority: number;
      subject: { name: string };
    }[];
    expect(alerts.map((a) => a.severity)).toEqual([5, 3]);
    expect(alerts[0]!.priority).toBeGreaterThanOrEqual(alerts[1]!.priority);
    expect(alerts[0]!.subject.name).toBeTruthy();
    const detail = await m.dsl.get(`/api/monitoring/alerts/${alertId}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.events).toHaveLength(10);
    expect(
      body.events.map((e: { text: string | null; search: string | null }) => e.search ?? e.text),
    ).toContain('how to kill myself');
    expect(
      body.events.flatMap((e: { matches: { text: string }[] }) => e.matches.map((x) => x.text)),
    ).toContain('kill myself');
    expect((await m.teacher.get(`/api/monitoring/alerts/${alertId}`)).statusCode).toBe(403);
    expect((await m.dsl.get('/api/monitoring/alerts/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
    const audit = await m.env.ctx.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('school_id', '=', m.schoolId)
      .where('action', 'like', 'monitor.alert.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['monitor.alert.list', 'monitor.alert.read']);
    expect(JSON.parse(audit[0]!.details).ids).toEqual(alerts.map((a) => a.id));
    expect(audit.map((a) => a.details).join()).not.toMatch(/kill|suicide/);
  });

  it('triages: note and keep watching, false positive with a reason counted per phrase', async () => {
    const watch = await m.dsl.post(`/api/monitoring/alerts/${alertId}/triage`, {
      action: 'watch',
      note: 'Spoke to class teacher; keep watching.',
    });
    expect(watch.json()).toMatchObject({ status: 'watching' });
    expect(
      (await m.dsl.post(`/api/monitoring/alerts/${alertId}/triage`, { action: 'false_positive' })).statusCode,
    ).toBe(400);
    const bullying = (await m.dsl.get('/api/monitoring/alerts?category=bullying')).json().alerts[0]
      .id as string;
    const fp = await m.dsl.post(`/api/monitoring/alerts/${bullying}/triage`, {
      action: 'false_positive',
      reason: 'Quoting a book in class',
    });
    expect(fp.json()).toMatchObject({ status: 'false_positive' });
    const detail = (await m.dsl.get(`/api/monitoring/alerts/${alertId}`)).json();
    expect(detail.alert.status).toBe('watching');
    expect(detail.notes).toMatchObject([{ action: 'watch', text: 'Spoke to class teacher; keep watching.' }]);
    const note = await m.env.ctx.db
      .selectFrom('monitor_alert_notes')
      .selectAll()
      .where('alert_id', '=', alertId)
      .executeTakeFirstOrThrow();
    expect(note.body_enc).not.toContain('teacher');
    const lib = (await m.dsl.get('/api/monitoring/library')).json();
    const ugly = lib.phraseStats.find((s: { id: string }) => s.id === 'en:you are ugly');
    expect(ugly).toMatchObject({ alerts: 1, falsePositives: 1, falsePositiveRate: 1, text: 'you are ugly' });
    expect(lib.phraseStats.find((s: { id: string }) => s.id === 'en:kill myself')).toMatchObject({
      falsePositiveRate: 0,
    });
    expect(
      (await m.teacher.post(`/api/monitoring/alerts/${alertId}/triage`, { action: 'note', note: 'x' }))
        .statusCode,
    ).toBe(403);
  });
  it('escalates to a concern of the matching category that carries the searches', async () => {
    expect((await m.teacher.post(`/api/monitoring/alerts/${alertId}/escalate`, {})).statusCode).toBe(403);
    const r = await m.dsl.post(`/api/monitoring/alerts/${alertId}/escalate`, {
      account: 'Seen in monitoring.',
    });
    expect(r.statusCode, r.body).toBe(201);
    const { concernId } = r.json<{ concernId: string }>();
    const concern = await m.dsl.get(`/api/concerns/${concernId}`);
    expect(concern.statusCode, concern.body).toBe(200);
    expect(concern.body).toContain('how to kill myself');
    expect(concern.body).toContain('i want to die');
    expect(concern.json()).toMatchObject({ concern: { category: 'other' } });
    expect(concern.body).toContain(pupil.id);
    const a = (await m.dsl.get(`/api/monitoring/alerts/${alertId}`)).json();
    expect(a.alert).toMatchObject({ status: 'escalated', concernId });
    expect((await m.dsl.post(`/api/monitoring/alerts/${alertId}/escalate`, {})).statusCode).toBe(409);
    expect(
      (await m.dsl.post(`/api/monitoring/alerts/${alertId}/triage`, { action: 'note', note: 'x' }))
        .statusCode,
    ).toBe(409);
    const attached = await m.env.ctx.db
      .selectFrom('monitor_events')
      .select('concern_id')
      .where('alert_id', '=', alertId)
      .execute();
    expect(attached.every((e) => e.concern_id === concernId)).toBe(true);
  });

  it('groups later searches on the theme into one alert, and starts a new one after the window', async () => {
    const other = m.pupils.find((p) => p.year_group === '4')!;
    const search = () => ({ id: eid(), time: at(1), kind: 'search', text: 'suicide', personId: other.id });
    expect((await m.post([search(), search()])).json()).toMatchObject({ accepted: 2, alerts: 1 });
    const outbox = async () => (await m.env.ctx.db.selectFrom('outbox').select('id').execute()).length;
    const notified = await outbox();
    clock.advanceMinutes(120);
    expect((await m.post([search()])).json()).toMatchObject({ accepted: 1, alerts: 1 });
    // Already notified: a further event is not a further email.
    expect(await outbox()).toBe(notified);
    clock.advanceMinutes(25 * 60);
    await m.post([search()]);
    const all = await m.env.ctx.db
      .selectFrom('monitor_alerts')
      .select(['event_count', 'severity'])
      .where('person_id', '=', other.id)
      .orderBy('created_at')
      .execute();
    expect(all.map((a) => a.event_count)).toEqual([3, 1]);
  });

  it('counts a retried batch’s events once, and only its new ones in the alert', async () => {
    const pupil3 = m.pupils.find((p) => p.year_group === '3')!;
    const search = () => ({ id: eid(), time: at(1), kind: 'search', text: 'suicide', personId: pupil3.id });
    const batch = [search(), search()];
    expect((await m.post(batch)).json()).toMatchObject({ accepted: 2, duplicates: 0, alerts: 1 });
    expect((await m.post(batch)).json()).toMatchObject({ accepted: 0, duplicates: 2, alerts: 0 });
    expect((await m.post([...batch, search()])).json()).toMatchObject({
      accepted: 1,
      duplicates: 2,
      alerts: 1,
    });
    const alerts = await m.env.ctx.db
      .selectFrom('monitor_alerts')
      .select(['id', 'event_count'])
      .where('person_id', '=', pupil3.id)
      .execute();
    expect(alerts.map((a) => a.event_count)).toEqual([3]);
    const events = await m.env.ctx.db
      .selectFrom('monitor_events')
      .select('alert_id')
      .where('person_id', '=', pupil3.id)
      .execute();
    expect(events.map((e) => e.alert_id)).toEqual([alerts[0]!.id, alerts[0]!.id, alerts[0]!.id]);
  });

  it('starts a new alert when a retry’s only new event is past the window of the alert its old ones joined', async () => {
    const pupil2 = m.pupils.find((p) => p.year_group === '2')!;
    const search = (minutesAgo: number) => ({
      id: eid(),
      time: at(minutesAgo),
      kind: 'search',
      text: 'suicide',
      personId: pupil2.id,
    });
    // 30 hours apart: more than the 24-hour window, so the late one is an alert of its own, retry or not.
    const old = search(30 * 60);
    expect((await m.post([old])).json()).toMatchObject({ accepted: 1, alerts: 1 });
    const late = search(1);
    expect((await m.post([old, late])).json()).toMatchObject({ accepted: 1, duplicates: 1, alerts: 1 });
    const alerts = await m.env.ctx.db
      .selectFrom('monitor_alerts')
      .select(['id', 'event_count', 'first_at'])
      .where('person_id', '=', pupil2.id)
      .orderBy('first_at')
      .execute();
    expect(alerts.map((a) => a.event_count)).toEqual([1, 1]);
    const events = await m.env.ctx.db
      .selectFrom('monitor_events')
      .select(['event_key', 'alert_id'])
      .where('person_id', '=', pupil2.id)
      .execute();
    const alertOf = new Map(events.map((e) => [e.event_key, e.alert_id]));
    expect(alertOf.get(old.id)).toBe(alerts[0]!.id);
    expect(alertOf.get(late.id)).toBe(alerts[1]!.id);
  });

  it('groups devices and addresses beside people, each subject joining its own open alert', async () => {
    const ev = (who: { device?: string; client?: string }) => ({
      id: eid(),
      time: at(1),
      kind: 'search',
      text: 'suicide',
      ...who,
    });
    const a = { device: 'LIB-PC-1', client: '10.9.0.1' };
    const b = { device: 'LIB-PC-2', client: '10.9.0.1' };
    const c = { client: '10.9.0.7' };
    expect((await m.post([ev(a), ev(a), ev(b), ev(c)])).json()).toMatchObject({ accepted: 4, alerts: 3 });
    expect((await m.post([ev(a), ev(b), ev(c)])).json()).toMatchObject({ accepted: 3, alerts: 3 });
    const rows = await m.env.ctx.db
      .selectFrom('monitor_alerts')
      .select(['subject_kind', 'device', 'client', 'event_count'])
      .where('school_id', '=', m.schoolId)
      .where((eb) => eb.or([eb('device', 'like', 'LIB-PC-%'), eb('client', '=', '10.9.0.7')]))
      .execute();
    rows.sort((x, y) => `${x.subject_kind}${x.device}`.localeCompare(`${y.subject_kind}${y.device}`));
    expect(rows).toEqual([
      { subject_kind: 'client', device: null, client: '10.9.0.7', event_count: 2 },
      { subject_kind: 'device', device: 'LIB-PC-1', client: '10.9.0.1', event_count: 3 },
      { subject_kind: 'device', device: 'LIB-PC-2', client: '10.9.0.1', event_count: 2 },
    ]);
  });
});
