import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock, createSchool, createUser, startTestEnv, type TestEnv } from '../../test/harness.js';
import { startWorker } from '../../worker.js';
import { sendPendingEmail } from './sender.js';
import { enqueueEmail, enqueueInApp, listInApp, markInAppRead } from './service.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 (clarification 3): nothing leaves the machine. */
async function startSmtp(port = 0): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('notification outbox', () => {
  let env: TestEnv | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  afterEach(async () => {
    await env?.close();
    await smtp?.close();
    env = smtp = undefined;
  });

  const pending = (e: TestEnv) =>
    e.ctx.db.selectFrom('outbox').selectAll().where('channel', '=', 'email').orderBy('created_at').execute();

  it('writes in the caller’s transaction, and sends through the configured relay', async () => {
    smtp = await startSmtp();
    env = await startTestEnv({
      env: {
        HARBOUR_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        HARBOUR_PUBLIC_URL: 'https://harbour.example',
      },
    });
    const ctx = env.ctx;
    const schoolId = await createSchool(ctx);
    const dsl = await createUser(ctx, schoolId, ['dsl'], { username: 'outbox-dsl' });
    // A rolled-back event leaves no notification behind.
    await expect(
      ctx.db.transaction().execute(async (tx) => {
        await enqueueEmail(ctx, tx, {
          schoolId,
          recipientAccountId: dsl.accountId,
          subject: 'Never sent',
          body: 'x',
        });
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await pending(env)).toEqual([]);
    await ctx.db.transaction().execute(async (tx) => {
      await enqueueEmail(ctx, tx, {
        schoolId,
        recipientAccountId: dsl.accountId,
        subject: 'A concern needs your attention',
        body: 'Open Harbour to read it.',
        link: '/concerns/c-1',
      });
      await enqueueEmail(ctx, tx, {
        schoolId,
        toAddress: 'it-provider@example.test',
        subject: 'Filter change approved',
        body: 'Applied.',
      });
      await enqueueInApp(ctx, tx, {
        schoolId,
        recipientAccountId: dsl.accountId,
        subject: 'A concern needs your attention',
        body: 'Open it.',
        link: '/concerns/c-1',
      });
    });
    expect(await sendPendingEmail(ctx)).toEqual({ sent: 2, failed: 0, waiting: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([
      ['outbox-dsl@example.test'],
      ['it-provider@example.test'],
    ]);
    const first = smtp.received[0]!;
    expect(first.from).toBe('harbour@localhost');
    expect(first.raw).toContain('Subject: A concern needs your attention');
    expect(first.raw).toContain('https://harbour.example/concerns/c-1');
    const rows = await pending(env);
    expect(rows.every((r) => r.sent_at !== null && r.attempts === 1)).toBe(true);
    expect(await sendPendingEmail(ctx)).toEqual({ sent: 0, failed: 0, waiting: 0 });
    // The in-app copy is for its recipient in that school only.
    const inApp = await listInApp(ctx, { schoolId, accountId: dsl.accountId });
    expect(inApp.map((n) => n.subject)).toEqual(['A concern needs your attention']);
    expect(
      await listInApp(ctx, { schoolId: await createSchool(ctx, 'Other'), accountId: dsl.accountId }),
    ).toEqual([]);
    expect(await markInAppRead(ctx, { schoolId, accountId: dsl.accountId, id: inApp[0]!.id })).toBe(true);
    expect(await listInApp(ctx, { schoolId, accountId: dsl.accountId, unreadOnly: true })).toEqual([]);
  });

  it('keeps mail waiting when no relay is configured', async () => {
    env = await startTestEnv();
    const ctx = env.ctx;
    await ctx.db
      .transaction()
      .execute((tx) =>
        enqueueEmail(ctx, tx, { schoolId: null, toAddress: 'a@example.test', subject: 'Hello', body: 'x' }),
      );
    expect(await sendPendingEmail(ctx)).toEqual({ sent: 0, failed: 0, waiting: 1 });
    expect((await pending(env))[0]).toMatchObject({ attempts: 0, sent_at: null, last_error: null });
  });

  it('retries with backoff while the relay is down, then delivers through the worker', async () => {
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close(); // nothing listens here now
    const clock = new TestClock();
    env = await startTestEnv({ clock, env: { HARBOUR_SMTP_URL: `smtp://127.0.0.1:${port}` } });
    const ctx = env.ctx;
    await ctx.db.transaction().execute((tx) =>
      enqueueEmail(ctx, tx, {
        schoolId: null,
        toAddress: 'dsl@example.test',
        subject: 'Urgent alert',
        body: 'Open Harbour.',
      }),
    );
    expect(await sendPendingEmail(ctx)).toEqual({ sent: 0, failed: 1, waiting: 0 });
    let row = (await pending(env))[0]!;
    expect(row.attempts).toBe(1);
    expect(row.sent_at).toBeNull();
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(row.next_attempt_at > clock.now().toISOString()).toBe(true);
    // Not due again until the backoff has passed.
    expect(await sendPendingEmail(ctx)).toEqual({ sent: 0, failed: 0, waiting: 0 });
    clock.advanceMinutes(1);
    expect(await sendPendingEmail(ctx)).toEqual({ sent: 0, failed: 1, waiting: 0 });
    row = (await pending(env))[0]!;
    expect(row.attempts).toBe(2);
    // The relay comes back; the worker picks the email up once it is due.
    smtp = await startSmtp(port);
    clock.advanceMinutes(2);
    const stop = startWorker(ctx, 25);
    try {
      for (let i = 0; i < 200 && smtp.received.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      await stop();
    }
    expect(smtp.received.map((m) => m.to)).toEqual([['dsl@example.test']]);
    expect(smtp.received[0]!.raw).toContain('Subject: Urgent alert');
    row = (await pending(env))[0]!;
    expect(row.attempts).toBe(3);
    expect(row.sent_at).not.toBeNull();
  });
});
