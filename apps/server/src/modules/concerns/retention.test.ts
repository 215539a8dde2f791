import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, TestClock, type Client, type TestEnv } from '../../test/harness.js';
import { remindRetention } from './retention-reminders.js';
import { concernSchool, cyberbullying, PNG_1PX, type ConcernSchool } from './test-support.js';

interface Due {
  id: string;
  rule: string;
  reviewFrom: string;
  pupils: string[];
}

/**
 * Retention review (issue 3; product brief: child-protection records kept until the child is 25, nothing
 * hard-deleted by a person, a DSL decides, a tombstone stays).
 */
describe('retention review of concerns', () => {
  let env: TestEnv;
  let s: ConcernSchool;
  const clock = new TestClock(new Date('2026-11-25T12:00:00Z'));
  const u = (k: string) => s.users[k]!.client;
  const ids: Record<string, string> = {};

  const closeIt = async (c: Client, id: string) => {
    expect((await c.post(`/api/concerns/${id}/open`, {})).statusCode).toBe(200);
    for (const st of (await c.get(`/api/concerns/${id}`)).json().concern.steps)
      if (st.status === 'pending')
        await c.post(`/api/concerns/${id}/steps`, { stepId: st.id, status: 'done' });
    const r = await c.post(`/api/concerns/${id}/close`, {
      outcome: 'Resolved',
      lessonsLearnt: 'Talk sooner',
    });
    expect(r.statusCode, r.body).toBe(200);
  };
  const backdate = (id: string, recordedAt: string) =>
    env.ctx.db
      .updateTable('concerns')
      .set({ recorded_at: recordedAt, occurred_at: recordedAt })
      .where('id', '=', id)
      .execute();
  const queue = async (k: string) => {
    const r = await u(k).get('/api/concerns/retention');
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ due: Due[]; disposed: { concernId: string; reason: string }[] }>();
  };

  beforeAll(async () => {
    env = await startTestEnv({ clock });
    s = await concernSchool(env);
    const [ada, bram, cleo] = s.pupils as [string, string, string];
    // Ada turned 25 in 2025; Bram is 21; Cleo's date of birth is not known.
    await env.ctx.db
      .updateTable('people')
      .set({ date_of_birth: '2000-01-01' })
      .where('id', '=', ada)
      .execute();
    await env.ctx.db
      .updateTable('people')
      .set({ date_of_birth: '2005-06-01' })
      .where('id', '=', bram)
      .execute();
    const rec = async (body: unknown) =>
      (await u('teacher').post('/api/concerns', body)).json().concern.id as string;
    ids.ada = await rec(cyberbullying(ada));
    ids.bram = await rec(cyberbullying(bram));
    ids.cleo = await rec(cyberbullying(cleo));
    ids.open = await rec(cyberbullying(ada));
    ids.staff = await rec({
      category: 'staff_allegation',
      staffSubjectPersonId: s.users.teacher2!.personId,
      occurredAt: '2026-11-20T10:00:00Z',
      account: 'An allegation',
    });
    // Cleo's concern carries something in every kind of row that holds sealed text (disposal must erase it all).
    const cleo2 = (path: string, body: unknown) => u('dsl').post(`/api/concerns/${ids.cleo}/${path}`, body);
    for (const [path, body] of [
      [
        'attachments',
        { filename: 'chat.png', contentType: 'image/png', dataBase64: PNG_1PX.toString('base64') },
      ],
      ['notes', { text: 'Spoke with Cleo at lunch' }],
      ['amendments', { field: 'location', text: 'The library', reason: 'Misheard at first' }],
      [
        'actions',
        { title: 'Check in with Cleo', assigneePersonId: s.users.dsl!.personId, dueOn: '2026-12-01' },
      ],
    ] as const)
      expect((await cleo2(path, body)).statusCode).toBeLessThan(300);
    for (const k of ['ada', 'bram', 'cleo']) await closeIt(u('dsl'), ids[k]!);
    await closeIt(u('head'), ids.staff);
    await backdate(ids.ada, '2010-03-01T10:00:00.000Z');
    await backdate(ids.bram, '2012-03-01T10:00:00.000Z');
    await backdate(ids.cleo, '2000-01-01T10:00:00.000Z');
    await backdate(ids.open, '1990-01-01T10:00:00.000Z');
    await backdate(ids.staff, '2015-05-01T10:00:00.000Z');
  });
  afterAll(() => env.close());

  it('lists closed concerns past their date: the youngest pupil 25, a pupil without a birth date 25 years on, staff 10', async () => {
    const dsl = await queue('dsl');
    expect(dsl.due.map((d) => d.id)).toEqual([ids.cleo, ids.ada]);
    expect(dsl.due.find((d) => d.id === ids.ada)).toMatchObject({
      rule: 'pupils_25',
      reviewFrom: '2025-01-01',
      pupils: ['Ada Fenwick'],
    });
    // Cleo's birth date is not known: counted from the day it was recorded.
    expect(dsl.due.find((d) => d.id === ids.cleo)).toMatchObject({
      rule: 'pupils_25',
      reviewFrom: '2025-01-01',
    });
    // The allegation about staff is the head's (the DSL is not named on it).
    const head = await queue('head');
    expect(head.due.map((d) => d.id)).toEqual([ids.cleo, ids.ada, ids.staff]);
    expect(head.due.find((d) => d.id === ids.staff)).toMatchObject({
      rule: 'staff_allegation',
      reviewFrom: '2025-05-01',
    });
    // Not for anyone outside the DSL team; the read is audited with the ids shown.
    for (const k of ['teacher', 'leader', 'governor', 'admin'])
      expect((await u(k).get('/api/concerns/retention')).statusCode, k).toBe(403);
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select(['action', 'details'])
      .where('action', '=', 'concern.retention.list')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).toContain(ids.ada);
  });

  it('refuses a decision before the date, on an open concern, without a reason or to anyone else', async () => {
    const bad: [string, string, unknown, number][] = [
      ['dsl', ids.bram!, { decision: 'dispose', reason: 'too early' }, 409],
      ['dsl', ids.open!, { decision: 'dispose', reason: 'still open' }, 409],
      ['dsl', ids.ada!, { decision: 'dispose', reason: '  ' }, 400],
      ['dsl', ids.ada!, { decision: 'keep', keepUntil: '2026-01-01', reason: 'past' }, 400],
      ['dsl', ids.ada!, { decision: 'erase', reason: 'r' }, 400],
      ['dsl', ids.staff!, { decision: 'dispose', reason: 'not held' }, 404],
      ['teacher', ids.ada!, { decision: 'dispose', reason: 'r' }, 403],
      ['leader', ids.ada!, { decision: 'dispose', reason: 'r' }, 403],
    ];
    for (const [k, id, body, status] of bad) {
      const r = await u(k).post(`/api/concerns/${id}/retention`, body);
      expect(r.statusCode, `${k} ${JSON.stringify(body)}: ${r.body}`).toBe(status);
      expect(typeof r.json().error?.message).toBe('string');
    }
    expect(await env.ctx.db.selectFrom('concern_retention_reviews').selectAll().execute()).toEqual([]);
  });

  it('keeps a concern until a later date, or disposes of it leaving a tombstone, each audited', async () => {
    const kept = await u('dsl').post(`/api/concerns/${ids.ada}/retention`, {
      decision: 'keep',
      keepUntil: '2031-09-01',
      reason: 'A sibling is still at the school',
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await u('dsl').get(`/api/concerns/${ids.ada}`)).statusCode).toBe(200);
    const gone = await u('dsl').post(`/api/concerns/${ids.cleo}/retention`, {
      decision: 'dispose',
      reason: 'Past the retention period; nothing outstanding',
    });
    expect(gone.statusCode, gone.body).toBe(200);
    const q = await queue('dsl');
    expect(q.due.map((d) => d.id)).toEqual([]);
    expect(q.disposed).toMatchObject([
      { concernId: ids.cleo, reason: 'Past the retention period; nothing outstanding' },
    ]);
    // Disposed: gone from every read, but the row and the decision stay (a tombstone, never a hard delete).
    expect((await u('dsl').get(`/api/concerns/${ids.cleo}`)).statusCode).toBe(404);
    const list = (await u('dsl').get('/api/concerns?limit=200')).json().concerns as { id: string }[];
    expect(list.map((c) => c.id)).not.toContain(ids.cleo);
    const chron = (await u('dsl').get(`/api/people/${s.pupils[2]}/chronology`)).json().entries as {
      concernId: string;
    }[];
    expect(chron.map((e) => e.concernId)).not.toContain(ids.cleo);
    const row = await env.ctx.db
      .selectFrom('concerns')
      .select(['tombstoned_at', 'retain_until'])
      .where('id', 'in', [ids.cleo!, ids.ada!])
      .orderBy('recorded_at')
      .execute();
    expect(row[0]!.tombstoned_at).toBe('2026-11-25T12:00:00.000Z');
    expect(row[1]!.retain_until).toBe('2031-09-01');
    // Every sealed text and file of the disposed concern is erased, in every table that hangs off it; only the
    // retention decision keeps its (sealed) reason. Ada's kept concern still has hers.
    const sealedLeft = async (concernId: string) => {
      const left: string[] = [];
      for (const t of await env.ctx.db.introspection.getTables()) {
        const enc = t.columns.filter((c) => c.name.endsWith('_enc')).map((c) => c.name);
        const key = t.name === 'concerns' ? 'id' : 'concern_id';
        if (!enc.length || !t.columns.some((c) => c.name === key) || t.name === 'concern_retention_reviews')
          continue;
        const rows = await sql<Record<string, string | null>>`select ${sql.join(enc.map((c) => sql.ref(c)))}
          from ${sql.table(t.name)} where ${sql.ref(key)} = ${concernId}`.execute(env.ctx.db);
        for (const r of rows.rows)
          for (const c of enc) if (r[c] !== null && r[c] !== '') left.push(`${t.name}.${c}`);
      }
      return [...new Set(left)].sort();
    };
    expect(await sealedLeft(ids.cleo!)).toEqual([]);
    expect(await sealedLeft(ids.ada!)).toEqual(
      expect.arrayContaining(['concern_status_events.lessons_enc', 'concerns.account_enc']),
    );
    const att = await env.ctx.db
      .selectFrom('concern_attachments')
      .select(['size', 'data_enc'])
      .where('concern_id', '=', ids.cleo!)
      .execute();
    expect(att).toEqual([{ size: 0, data_enc: '' }]);
    // The disposed concern's open action is gone from its assignee's list too.
    const mine = await u('dsl').get('/api/concerns/actions/mine');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().actions.map((a: { title: string }) => a.title)).not.toContain('Check in with Cleo');
    const reviews = await env.ctx.db.selectFrom('concern_retention_reviews').selectAll().execute();
    expect(reviews.map((r) => r.decision).sort()).toEqual(['dispose', 'keep']);
    expect(JSON.stringify(reviews)).not.toContain('sibling');
    expect(
      (await u('dsl').post(`/api/concerns/${ids.cleo}/retention`, { decision: 'dispose', reason: 'again' }))
        .statusCode,
    ).toBe(404);
    const audit = await env.ctx.db
      .selectFrom('audit_entries')
      .select(['action', 'entity_id'])
      .where('action', '=', 'concern.retention')
      .execute();
    expect(audit.map((a) => a.entity_id).sort()).toEqual([ids.ada, ids.cleo].sort());
    // Kept until 2031: due again on that day (time passing, played by moving the date to today).
    await env.ctx.db
      .updateTable('concerns')
      .set({ retain_until: '2026-11-25' })
      .where('id', '=', ids.ada!)
      .execute();
    expect((await queue('dsl')).due.find((d) => d.id === ids.ada)).toMatchObject({
      rule: 'kept_until',
      reviewFrom: '2026-11-25',
    });
  });

  it('reminds the DSL team once a week while concerns wait, with no detail, and nobody else', async () => {
    const inbox = (accountId: string) =>
      env.ctx.db
        .selectFrom('outbox')
        .select(['channel', 'subject', 'body'])
        .where('recipient_account_id', '=', accountId)
        .where('link', '=', '/concerns/retention')
        .execute();
    expect(await remindRetention(env.ctx)).toBe(3);
    for (const k of ['dsl', 'deputy', 'head']) {
      const got = await inbox(s.users[k]!.accountId);
      expect(got.map((m) => m.channel).sort(), k).toEqual(['email', 'in_app']);
      expect(got[0]!.body).not.toContain('Ada');
    }
    for (const k of ['teacher', 'leader', 'governor', 'chair', 'admin'])
      expect(await inbox(s.users[k]!.accountId), k).toEqual([]);
    // Not again within the week.
    expect(await remindRetention(env.ctx)).toBe(0);
  });
});
