import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGERY_REFUSAL } from '@harbour/shared';
import { startTestEnv, type TestEnv } from '../../test/harness.js';
import { concernSchool, cyberbullying, PNG_1PX, type ConcernSchool } from './test-support.js';

describe('recording concerns (issue 3)', () => {
  let env: TestEnv;
  let s: ConcernSchool;
  const u = (k: string) => s.users[k]!.client;
  beforeAll(async () => {
    env = await startTestEnv();
    s = await concernSchool(env);
  });
  afterAll(() => env.close());

  it('records a concern with several pupils, one the subject, and shows the reporter only their part', async () => {
    const res = await u('teacher').post(
      '/api/concerns',
      cyberbullying(s.pupils[0]!, {
        pupils: [{ personId: s.pupils[0]!, subject: true }, { personId: s.pupils[1]! }],
        dslToldPersonId: s.users.dsl!.personId,
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().concern.id as string;
    expect(res.json().concern).toMatchObject({ status: 'new', category: 'cyberbullying', restricted: false });

    const mine = (await u('teacher').get(`/api/concerns/${id}`)).json().concern;
    expect(mine.access.level).toBe('reporter');
    expect(mine.account).toContain('horrible messages');
    expect(mine.pupils.map((p: { role: string }) => p.role).sort()).toEqual(['involved', 'subject']);
    expect(mine.statusHistory).toBeUndefined();
    expect(mine.outcome).toBeUndefined();

    const full = (await u('dsl').get(`/api/concerns/${id}`)).json().concern;
    expect(full.access).toEqual({ level: 'team', canManage: true });
    expect(full.statusHistory).toHaveLength(1);
    expect(full.occurredAt).toBe('2026-11-20T15:30:00.000Z');
    expect(full.dslToldInPerson).toBe(true);

    // Another teacher, the IT provider, a governor, the chair: it does not exist for them.
    for (const k of ['teacher2', 'tech', 'volunteer', 'chair']) {
      const r = await u(k).get(`/api/concerns/${id}`);
      expect(r.statusCode, k).toBe(404);
      const list = (await u(k).get('/api/concerns')).json().concerns as { id: string }[];
      expect(
        list.map((c) => c.id),
        k,
      ).not.toContain(id);
    }
    for (const k of ['governor', 'pupil', 'parent'])
      expect((await u(k).get(`/api/concerns/${id}`)).statusCode, k).toBe(403);
    const dslList = (await u('dsl').get('/api/concerns?status=new')).json().concerns as { id: string }[];
    expect(dslList.map((c) => c.id)).toContain(id);
  });

  it('refuses a concern without its essentials, with a message naming the field', async () => {
    const bad = [
      [{ ...cyberbullying(s.pupils[0]!), account: '' }, 'account'],
      [{ ...cyberbullying(s.pupils[0]!), pupils: [] }, 'pupils'],
      [{ ...cyberbullying(s.pupils[0]!), occurredAt: '2099-01-01T00:00:00Z' }, 'occurredAt'],
      [{ ...cyberbullying(s.pupils[0]!), category: 'indecent_images' }, 'subtype'],
      [{ ...cyberbullying(s.pupils[0]!), pupils: [{ personId: s.users.teacher2!.personId }] }, 'pupils'],
      [{ ...cyberbullying(s.pupils[0]!), category: 'staff_allegation' }, 'staffSubjectPersonId'],
    ] as const;
    const before = (await u('dsl').get('/api/concerns?limit=200')).json().concerns.length;
    for (const [body, path] of bad) {
      const r = await u('teacher').post('/api/concerns', body);
      expect(r.statusCode, path).toBe(400);
      expect(JSON.stringify(r.json().error.details), path).toContain(path);
    }
    expect((await u('dsl').get('/api/concerns?limit=200')).json().concerns.length).toBe(before);
  });

  it('keeps amendments beside the original: who, when, why; never edits in place', async () => {
    const id = (await u('teacher').post('/api/concerns', cyberbullying(s.pupils[2]!))).json().concern.id;
    const r = await u('teacher').post(`/api/concerns/${id}/amendments`, {
      field: 'location',
      text: 'The library, not the playground',
      reason: 'I misremembered where she told me',
    });
    expect(r.statusCode, r.body).toBe(201);
    const c = (await u('dsl').get(`/api/concerns/${id}`)).json().concern;
    expect(c.location).toBe('The library, not the playground');
    expect(c.amendments).toEqual([
      expect.objectContaining({
        field: 'location',
        previous: 'Playground, by the climbing frame',
        text: 'The library, not the playground',
        reason: 'I misremembered where she told me',
        amendedBy: s.users.teacher!.accountId,
      }),
    ]);
    const row = await env.ctx.db
      .selectFrom('concerns')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const { opener } = await import('./seal.js');
    expect((await opener(env.ctx, s.schoolId)).text(id, 'location', row.location_enc!)).toBe(
      'Playground, by the climbing frame',
    );
    // No reason, or another teacher: refused, nothing added.
    expect(
      (await u('teacher').post(`/api/concerns/${id}/amendments`, { field: 'location', text: 'x' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await u('teacher2').post(`/api/concerns/${id}/amendments`, {
          field: 'location',
          text: 'x',
          reason: 'y',
        })
      ).statusCode,
    ).toBe(404);
    const n = await env.ctx.db
      .selectFrom('concern_amendments')
      .select('id')
      .where('concern_id', '=', id)
      .execute();
    expect(n).toHaveLength(1);
  });

  it('stores a screenshot sealed, hands it to the reporter and the team only, and refuses imagery', async () => {
    const id = (await u('teacher').post('/api/concerns', cyberbullying(s.pupils[0]!))).json().concern.id;
    const up = await u('teacher').post(`/api/concerns/${id}/attachments`, {
      filename: 'group-chat.png',
      contentType: 'image/png',
      dataBase64: PNG_1PX.toString('base64'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const attId = up.json().id as string;
    const got = await u('dsl').get(`/api/concerns/attachments/${attId}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(PNG_1PX)).toBe(true);
    expect((await u('teacher2').get(`/api/concerns/attachments/${attId}`)).statusCode).toBe(404);
    // A "PNG" that is not one, an unknown type: refused.
    const fake = await u('teacher').post(`/api/concerns/${id}/attachments`, {
      filename: 'x.png',
      contentType: 'image/png',
      dataBase64: Buffer.from('MZ not a png').toString('base64'),
    });
    expect(fake.statusCode).toBe(400);
    const exe = await u('teacher').post(`/api/concerns/${id}/attachments`, {
      filename: 'x.exe',
      contentType: 'application/x-msdownload',
      dataBase64: 'TVo=',
    });
    expect(exe.statusCode).toBe(400);

    for (const [category, subtype] of [
      ['youth_sexual_imagery', null],
      ['indecent_images', 'school_device'],
      ['indecent_images', 'accidental_exposure'],
    ] as const) {
      const cid = (
        await u('teacher').post('/api/concerns', { ...cyberbullying(s.pupils[1]!), category, subtype })
      ).json().concern.id;
      const refused = await u('teacher').post(`/api/concerns/${cid}/attachments`, {
        filename: 'photo.jpg',
        contentType: 'image/png',
        dataBase64: PNG_1PX.toString('base64'),
      });
      expect(refused.statusCode, category).toBe(403);
      expect(refused.json().error.message).toBe(IMAGERY_REFUSAL);
      expect(refused.json().error.details).toMatchObject({ reason: 'imagery_category', instead: 'custody' });
      const custody = await u('teacher').post(`/api/concerns/${cid}/custody`, {
        event: 'secured',
        at: '2026-11-20T15:40:00Z',
        device: 'Pupil’s own phone, switched off',
        place: 'Locked drawer in the school office',
      });
      expect(custody.statusCode, custody.body).toBe(201);
      const handed = await u('dsl').post(`/api/concerns/${cid}/custody`, {
        event: 'handed_over',
        at: '2026-11-21T09:00:00Z',
        device: 'Pupil’s own phone',
        handedTo: 'Police officer attending',
      });
      expect(handed.statusCode, handed.body).toBe(201);
      const c = (await u('dsl').get(`/api/concerns/${cid}`)).json().concern;
      expect(c.attachments).toEqual([]);
      expect(c.custody.map((x: { event: string }) => x.event)).toEqual(['secured', 'handed_over']);
      // The DSL-only record of imagery viewed: a DSL may; the head (not a DSL here) and the reporter may not.
      const viewed = await u('dsl').post(`/api/concerns/${cid}/imagery-views`, {
        viewedAt: '2026-11-20T16:00:00Z',
        reason: 'Needed to confirm the image was of a pupil before calling police',
      });
      expect(viewed.statusCode, viewed.body).toBe(201);
      expect(
        (
          await u('head').post(`/api/concerns/${cid}/imagery-views`, {
            viewedAt: '2026-11-20T16:00:00Z',
            reason: 'r',
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await u('teacher').post(`/api/concerns/${cid}/imagery-views`, {
            viewedAt: '2026-11-20T16:00:00Z',
            reason: 'r',
          })
        ).statusCode,
      ).toBe(403);
      const again = (await u('dsl').get(`/api/concerns/${cid}`)).json().concern;
      expect(again.imageryViews).toHaveLength(1);
      expect((await u('head').get(`/api/concerns/${cid}`)).json().concern.imageryViews).toBeNull();
    }
    expect(await env.ctx.db.selectFrom('concern_attachments').select('id').execute()).toHaveLength(1);
  });

  it('lets the reporter add to their report; the team’s notes stay with the team', async () => {
    const id = (await u('support').post('/api/concerns', cyberbullying(s.pupils[1]!))).json().concern.id;
    expect(
      (
        await u('support').post(`/api/concerns/${id}/additions`, {
          text: 'She showed me another message today',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await u('dsl').post(`/api/concerns/${id}/notes`, { text: 'Spoke to mum; agreed plan' })).statusCode,
    ).toBe(201);
    expect((await u('support').post(`/api/concerns/${id}/notes`, { text: 'x' })).statusCode).toBe(403);
    const mine = (await u('support').get(`/api/concerns/${id}`)).json().concern;
    expect(mine.notes.map((n: { text: string }) => n.text)).toEqual(['She showed me another message today']);
    const team = (await u('deputy').get(`/api/concerns/${id}`)).json().concern;
    expect(team.notes).toHaveLength(2);
  });

  it('audits every view (ids, never narrative) and shows the DSL who viewed a concern', async () => {
    const id = (await u('teacher').post('/api/concerns', cyberbullying(s.pupils[0]!))).json().concern.id;
    await u('dsl').get(`/api/concerns/${id}`);
    await u('deputy').get(`/api/concerns/${id}`);
    const views = await u('dsl').get(`/api/concerns/${id}/views`);
    expect(views.statusCode).toBe(200);
    const entries = views.json().entries as { action: string; actorAccountId: string }[];
    expect(entries.filter((e) => e.action === 'concern.read').map((e) => e.actorAccountId)).toEqual([
      s.users.dsl!.accountId,
      s.users.deputy!.accountId,
    ]);
    expect((await u('teacher').get(`/api/concerns/${id}/views`)).statusCode).toBe(403);
    const all = await env.ctx.db
      .selectFrom('audit_entries')
      .select('details')
      .where('entity_id', '=', id)
      .execute();
    expect(all.length).toBeGreaterThan(2);
    expect(JSON.stringify(all)).not.toMatch(/horrible|climbing|reassured/);
  });

  it('takes a pupil’s “I’m worried” message for the DSL team, and gives the pupil no record', async () => {
    const res = await u('pupil').post('/api/worries', {
      message: 'someone online keeps asking me for photos',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ received: true, message: expect.stringContaining('Thank you') });
    expect((await u('pupil').get('/api/concerns')).statusCode).toBe(403);
    const list = (await u('dsl').get('/api/concerns?limit=200')).json().concerns as {
      source: string;
      id: string;
    }[];
    const worry = list.find((c) => c.source === 'pupil')!;
    const c = (await u('dsl').get(`/api/concerns/${worry.id}`)).json().concern;
    expect(c.account).toBe('someone online keeps asking me for photos');
    expect(c.pupils).toEqual([
      expect.objectContaining({ personId: s.users.pupil!.personId, role: 'subject' }),
    ]);
    expect((await u('teacher').post('/api/worries', { message: 'x' })).statusCode).toBe(403);
  });
});
