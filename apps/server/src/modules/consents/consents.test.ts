import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchool } from '../demo/seed.js';
import { createUser, sessionFor, startTestEnv, type Client, type TestEnv } from '../../test/harness.js';

/** Issue 5: image consents (policy 2.2, 3.4 [3.3]): append-only, no consent means no, one withdrawal wins. */
describe('image consents', () => {
  let env: TestEnv;
  let schoolId: string;
  let office: Client;
  let teacher: Client;
  let head: Client;
  let parentClient: Client;
  let pupil: { id: string; upn: string | null; class_name: string | null };
  let other: { id: string };
  let parents: { id: string; email: string | null }[];

  beforeAll(async () => {
    env = await startTestEnv();
    const seeded = await seedDemoSchool(env.ctx, { adminPassword: 'x-unused-password-1', pupilsPerYear: 2 });
    schoolId = seeded.schoolId;
    office = await sessionFor(env, seeded.accounts.office!.accountId, schoolId);
    teacher = await sessionFor(env, seeded.accounts.teacher!.accountId, schoolId);
    head = await sessionFor(env, seeded.accounts.head!.accountId, schoolId);
    const pupils = await env.ctx.db
      .selectFrom('people')
      .select(['id', 'upn', 'class_name'])
      .where('school_id', '=', schoolId)
      .where('kind', '=', 'pupil')
      .where('year_group', '=', '4')
      .orderBy('id')
      .execute();
    pupil = pupils[0]!;
    other = pupils[1]!;
    // A second carer for the pupil, with an account of their own.
    const carer = await createUser(env.ctx, schoolId, ['parent'], { kind: 'parent' });
    await env.ctx.db
      .insertInto('parent_links')
      .values({
        id: 'link-carer',
        school_id: schoolId,
        parent_id: carer.personId,
        pupil_id: pupil.id,
        relationship: 'Father',
        parental_responsibility: 1,
        no_contact: 0,
        created_at: new Date().toISOString(),
      })
      .execute();
    parentClient = await sessionFor(env, carer.accountId, schoolId);
    parents = await env.ctx.db
      .selectFrom('people')
      .innerJoin('parent_links', 'parent_links.parent_id', 'people.id')
      .select(['people.id', 'people.email'])
      .where('parent_links.pupil_id', '=', pupil.id)
      .orderBy('parent_links.id')
      .execute();
  });
  afterAll(() => env.close());

  it('says no when there is no consent, yes once a parent gives it', async () => {
    const q = `/api/consents/check?pupilIds=${pupil.id}&channel=website`;
    expect((await teacher.get(q)).json().pupils[0]).toMatchObject({
      allowed: false,
      answers: [{ reason: 'no_consent' }],
    });
    const mum = parents.find((p) => p.email?.startsWith('parent'))!;
    const r = await office.post('/api/consents', {
      pupilId: pupil.id,
      channels: ['website', 'newsletter', 'social_media'],
      decision: 'given',
      parentId: mum.id,
      decidedOn: '2026-09-05',
      source: 'paper',
    });
    expect(r.statusCode).toBe(201);
    expect((await teacher.get(q)).json().pupils[0].allowed).toBe(true);
    expect(
      (
        await teacher.post('/api/consents', {
          pupilId: pupil.id,
          channels: ['press'],
          decision: 'given',
          parentId: mum.id,
        })
      ).statusCode,
    ).toBe(403);
    // The parent must be this pupil's.
    const stranger = await env.ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('kind', '=', 'parent')
      .where(
        'id',
        'not in',
        parents.map((p) => p.id),
      )
      .executeTakeFirstOrThrow();
    expect(
      (
        await office.post('/api/consents', {
          pupilId: pupil.id,
          channels: ['press'],
          decision: 'given',
          parentId: stranger.id,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('lets the other parent withdraw at once, flags the staff who publish, and keeps every entry', async () => {
    const before = await env.ctx.db.selectFrom('image_consents').selectAll().orderBy('id').execute();
    const outboxBefore = (await env.ctx.db.selectFrom('outbox').select('id').execute()).length;
    const w = await parentClient.post('/api/consents', {
      pupilId: pupil.id,
      channels: ['website'],
      decision: 'withdrawn',
    });
    expect(w.statusCode).toBe(201);
    expect(w.json().flagged).toBeGreaterThan(0);
    const check = (await teacher.get(`/api/consents/check?pupilIds=${pupil.id}`)).json().pupils[0];
    expect(check.answers.find((a: { channel: string }) => a.channel === 'website')).toMatchObject({
      allowed: false,
      reason: 'withdrawn',
    });
    expect(check.answers.find((a: { channel: string }) => a.channel === 'newsletter')).toMatchObject({
      allowed: true,
    });
    const after = await env.ctx.db.selectFrom('image_consents').selectAll().orderBy('id').execute();
    expect(after.length).toBe(before.length + 1);
    for (const row of before) expect(after).toContainEqual(row);
    const notes = await env.ctx.db.selectFrom('outbox').select(['subject', 'body']).execute();
    expect(notes.length).toBeGreaterThan(outboxBefore);
    const flag = notes.find((n) => n.subject.startsWith('Image consent withdrawn'))!;
    const pupilRow = await env.ctx.db
      .selectFrom('people')
      .select(['given_name', 'family_name'])
      .where('id', '=', pupil.id)
      .executeTakeFirstOrThrow();
    expect(flag.body).not.toContain(pupilRow.family_name);
    expect((await teacher.get('/api/consents/withdrawals')).json().withdrawals[0].pupilId).toBe(pupil.id);
    // No route changes or removes an entry.
    expect(
      env.app.apiRoutes.filter((r) => r.includes('/api/consents') && /^(PATCH|PUT|DELETE)/.test(r)),
    ).toEqual([]);
  });

  it('keeps a parent to their own children', async () => {
    expect(
      (
        await parentClient.post('/api/consents', {
          pupilId: other.id,
          channels: ['website'],
          decision: 'given',
        })
      ).statusCode,
    ).toBe(404);
    expect((await parentClient.get(`/api/consents/pupils/${other.id}`)).statusCode).toBe(404);
    const mine = (await parentClient.get(`/api/consents/pupils/${pupil.id}`)).json();
    expect(mine.parents).toHaveLength(1);
    const checked = (await parentClient.get(`/api/consents/check?pupilIds=${pupil.id},${other.id}`)).json();
    expect(checked.pupils.map((p: { pupilId: string }) => p.pupilId)).toEqual([pupil.id]);
  });

  it('previews a CSV import with its errors, and writes nothing when any row is wrong', async () => {
    const mum = parents.find((p) => p.email?.startsWith('parent'))!;
    const otherParent = await env.ctx.db
      .selectFrom('parent_links')
      .innerJoin('people', 'people.id', 'parent_links.parent_id')
      .select('people.email')
      .where('parent_links.pupil_id', '=', other.id)
      .executeTakeFirstOrThrow();
    const otherUpn = (
      await env.ctx.db.selectFrom('people').select('upn').where('id', '=', other.id).executeTakeFirstOrThrow()
    ).upn;
    const good = `UPN,Parent email,Channel,Decision,Date\n${otherUpn},${otherParent.email},all,yes,01/09/2026\n`;
    const bad = `${good}${pupil.upn},${mum.email},billboard,yes,2026-09-01\nZ000000000000,${mum.email},press,maybe,2099-01-01\n`;
    const nameOf = async (id: string) => {
      const p = await env.ctx.db
        .selectFrom('people')
        .select(['given_name', 'family_name'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return `${p.given_name} ${p.family_name}`;
    };
    const preview = (await head.post('/api/consents/import/preview', { csv: bad })).json();
    expect(preview.ok).toBe(false);
    expect(preview.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    // Row by row: who it matched (by UPN and email, never by name), what it would record, and its problems.
    expect(preview.preview).toHaveLength(3);
    expect(preview.preview[0]).toMatchObject({
      line: 2,
      pupil: await nameOf(other.id),
      channels: ['website', 'newsletter', 'press', 'social_media'],
      decision: 'given',
      decidedOn: '2026-09-01',
      errors: [],
    });
    expect(preview.preview[0].parent).toEqual(expect.any(String));
    expect(preview.preview[2]).toMatchObject({ line: 4, pupil: null, decision: null });
    expect(preview.preview[2].errors).toHaveLength(3);
    const count = async () => (await env.ctx.db.selectFrom('image_consents').select('id').execute()).length;
    const n = await count();
    const commit = await head.post('/api/consents/import/commit', { csv: bad });
    expect(commit.statusCode).toBe(400);
    expect(await count()).toBe(n);
    expect(
      (await head.post('/api/consents/import/commit', { csv: 'not,a,consent,file\n1,2,3,4\n' })).statusCode,
    ).toBe(400);
    expect(await count()).toBe(n);
    const ok = await head.post('/api/consents/import/commit', { csv: good });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().imported).toBe(4);
    expect((await teacher.get(`/api/consents/check?pupilIds=${other.id}`)).json().pupils[0].allowed).toBe(
      true,
    );
    expect((await office.post('/api/consents/import/commit', { csv: good })).statusCode).toBe(403);
  });
});
