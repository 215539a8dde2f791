import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, startTestEnv, type TestEnv } from '../../test/harness.js';
import { startSmtp } from '../../test/smtp.js';
import { sendPendingEmail } from '../outbox/sender.js';
import { concernSchool, cyberbullying, PNG_1PX, type ConcernSchool } from './test-support.js';

describe('alerts on submission, and narratives sealed at rest', () => {
  let env: TestEnv;
  let s: ConcernSchool;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const u = (k: string) => s.users[k]!.client;
  beforeAll(async () => {
    smtp = await startSmtp();
    env = await startTestEnv({
      env: {
        HARBOUR_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        HARBOUR_PUBLIC_URL: 'https://harbour.example',
      },
    });
    s = await concernSchool(env);
  });
  afterAll(async () => {
    await env.close();
    await smtp.close();
  });

  it('alerts the DSL team in the app at once and by email carrying only the category and a link', async () => {
    const res = await u('teacher').post('/api/concerns', cyberbullying(s.pupils[0]!));
    const id = res.json().concern.id as string;
    // In the app, straight away, for each of the DSL team (head, DSL, deputy) and nobody else.
    for (const k of ['head', 'dsl', 'deputy']) {
      const n = (await u(k).get('/api/notifications?unread=1')).json().notifications;
      expect(n, k).toEqual([
        expect.objectContaining({ subject: 'New concern: Cyberbullying', link: `/concerns/${id}` }),
      ]);
    }
    for (const k of ['teacher', 'teacher2', 'leader', 'tech', 'governor', 'chair'])
      expect((await u(k).get('/api/notifications')).json().notifications, k).toEqual([]);
    const first = (await u('dsl').get('/api/notifications')).json().notifications[0];
    expect((await u('dsl').post(`/api/notifications/${first.id}/read`)).statusCode).toBe(200);
    expect((await u('dsl').get('/api/notifications?unread=1')).json().notifications).toEqual([]);
    expect((await u('teacher').post(`/api/notifications/${first.id}/read`)).statusCode).toBe(404);

    expect(await sendPendingEmail(env.ctx)).toEqual({ sent: 3, failed: 0, waiting: 0 });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(
      ['head', 'dsl', 'deputy'].map((k) => `${k}-${s.schoolId.slice(0, 6)}@example.test`).sort(),
    );
    for (const m of smtp.received) {
      expect(m.raw).toContain('Subject: New concern: Cyberbullying');
      expect(m.raw).toContain(`https://harbour.example/concerns/${id}`);
      // No pupil's name, no words of the account, no place.
      expect(m.raw).not.toMatch(/Fenwick|Ada|horrible|Playground|climbing/);
    }
  });

  it('keeps no narrative plain text in the database: read the file itself', async () => {
    const words = [
      'ZEBRACROSSING-account',
      'QUOKKA-location',
      'NARWHAL-action',
      'OKAPI-addition',
      'AXOLOTL-file',
    ];
    const body = cyberbullying(s.pupils[1]!, {
      account: `He said ${words[0]}`,
      location: words[1],
      immediateAction: words[2],
      adult: { description: 'PANGOLIN-adult' },
    });
    const id = (await u('teacher').post('/api/concerns', body)).json().concern.id;
    await u('teacher').post(`/api/concerns/${id}/additions`, { text: words[3] });
    await u('teacher').post(`/api/concerns/${id}/amendments`, {
      field: 'location',
      text: 'TAPIR-new',
      reason: 'WOMBAT-why',
    });
    const file = Buffer.concat([PNG_1PX, Buffer.from(words[4]!)]);
    const up = await u('teacher').post(`/api/concerns/${id}/attachments`, {
      filename: 'CAPYBARA-name.png',
      contentType: 'image/png',
      dataBase64: file.toString('base64'),
    });
    expect(up.statusCode, up.body).toBe(201);
    await u('teacher').post(`/api/concerns/${id}/custody`, {
      event: 'secured',
      at: '2026-11-20T16:00:00Z',
      device: 'MEERKAT-device',
    });
    // It reads back for the team.
    expect((await u('dsl').get(`/api/concerns/${id}`)).json().concern.account).toBe(`He said ${words[0]}`);
    const secrets = [...words, 'PANGOLIN', 'TAPIR', 'WOMBAT', 'CAPYBARA', 'MEERKAT'];
    let haystack: string;
    if (!onPostgres()) {
      const dbFile = env.ctx.database.file!;
      haystack = [dbFile, `${dbFile}-wal`]
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f).toString('latin1'))
        .join('');
      expect(haystack).toContain('cyberbullying'); // the file is readable: category stays plain
    } else {
      const tables = [
        'concerns',
        'concern_notes',
        'concern_amendments',
        'concern_attachments',
        'concern_custody',
        'outbox',
        'audit_entries',
      ];
      const parts: string[] = [];
      for (const t of tables)
        parts.push(JSON.stringify((await sql`select * from ${sql.table(t)}`.execute(env.ctx.db)).rows));
      haystack = parts.join('');
      expect(haystack).toContain('cyberbullying');
    }
    for (const w of secrets) expect(haystack.includes(w), w).toBe(false);
  });
});
