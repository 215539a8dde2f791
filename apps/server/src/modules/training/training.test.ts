import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchool } from '../demo/seed.js';
import { sessionFor, startTestEnv, TestClock, type Client, type TestEnv } from '../../test/harness.js';

/** Issue 5: staff training (policy 6.3): expiry, induction, who is out of date, bulk entry, certificates. */
describe('training records', () => {
  let env: TestEnv;
  let schoolId: string;
  let lead: Client;
  let teacher: Client;
  let staff: Record<string, string>;
  let courseId: string;

  beforeAll(async () => {
    env = await startTestEnv({ clock: new TestClock(new Date('2026-11-23T10:00:00Z')) });
    const seeded = await seedDemoSchool(env.ctx, { adminPassword: 'x-unused-password-1', pupilsPerYear: 1 });
    schoolId = seeded.schoolId;
    lead = await sessionFor(env, seeded.accounts.oslead!.accountId, schoolId);
    teacher = await sessionFor(env, seeded.accounts.teacher!.accountId, schoolId);
    staff = Object.fromEntries(Object.entries(seeded.accounts).map(([k, v]) => [k, v.personId]));
    // The office joined this term: new staff need an induction.
    await env.ctx.db
      .updateTable('people')
      .set({ start_date: '2026-09-01' })
      .where('id', '=', staff.office!)
      .execute();
  });
  afterAll(() => env.close());

  it('records a completion that expires a year later by default', async () => {
    const c = await lead.post('/api/training/courses', {
      title: 'Annual online-safety update',
      kind: 'online_safety',
    });
    expect(c.statusCode).toBe(201);
    courseId = c.json().id;
    expect((await teacher.post('/api/training/courses', { title: 'x', kind: 'other' })).statusCode).toBe(403);
    const r = await lead.post('/api/training/records', {
      personId: staff.teacher!,
      courseId,
      completedOn: '2025-09-03',
    });
    expect(r.statusCode).toBe(201);
    const rec = (await lead.get(`/api/training/records?personId=${staff.teacher!}`)).json().records[0];
    expect(rec).toMatchObject({ completedOn: '2025-09-03', expiresOn: '2026-09-03' });
    const future = await lead.post('/api/training/records', {
      personId: staff.teacher!,
      courseId,
      completedOn: '2027-01-01',
    });
    expect(future.statusCode).toBe(400);
  });

  it('enters a whole-staff session at once, and writes nothing when one person is not staff', async () => {
    const pupil = await env.ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('kind', '=', 'pupil')
      .executeTakeFirstOrThrow();
    const before = await env.ctx.db.selectFrom('training_records').select('id').execute();
    const bad = await lead.post('/api/training/sessions', {
      courseId,
      completedOn: '2026-11-20',
      personIds: [staff.head!, pupil.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(await env.ctx.db.selectFrom('training_records').select('id').execute()).toHaveLength(
      before.length,
    );
    const ok = await lead.post('/api/training/sessions', {
      courseId,
      completedOn: '2026-11-20',
      personIds: [staff.head!, staff.dsl!, staff.deputy!, staff.office!],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().ids).toHaveLength(4);
  });

  it('says who is current, out of date, never trained, and which new staff need an induction', async () => {
    const s = (await lead.get('/api/training/status')).json();
    const by = (id: string) => s.staff.find((x: { personId: string }) => x.personId === id);
    expect(by(staff.head!).state).toBe('current');
    expect(by(staff.teacher!).state).toBe('expired');
    expect(by(staff.volunteer!).state).toBe('never');
    expect(by(staff.office!)).toMatchObject({ newStaff: true, inductionDue: true });
    expect(s.summary.current).toBe(4);
    // A teacher sees their own row only.
    const mine = (await teacher.get('/api/training/status')).json();
    expect(mine.staff.map((x: { personId: string }) => x.personId)).toEqual([staff.teacher!]);
    expect(
      (await teacher.get('/api/training/records'))
        .json()
        .records.every((r: { personId: string }) => r.personId === staff.teacher!),
    ).toBe(true);
  });

  it('keeps certificates of the declared type and size, and lets staff download only their own', async () => {
    const rec = (await lead.get(`/api/training/records?personId=${staff.teacher!}`)).json().records[0];
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1000, 32), Buffer.from('\n%%EOF\n')]);
    const wrong = await lead.post(`/api/training/records/${rec.id}/certificate`, {
      filename: 'c.png',
      contentType: 'image/png',
      dataBase64: pdf.toString('base64'),
    });
    expect(wrong.statusCode).toBe(400);
    const huge = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(2 * 1024 * 1024 + 10)]);
    const tooBig = await lead.post(`/api/training/records/${rec.id}/certificate`, {
      filename: 'c.pdf',
      contentType: 'application/pdf',
      dataBase64: huge.toString('base64'),
    });
    expect(tooBig.statusCode).toBeGreaterThanOrEqual(400);
    expect(tooBig.statusCode).toBeLessThan(500);
    const up = await lead.post(`/api/training/records/${rec.id}/certificate`, {
      filename: 'certificate.pdf',
      contentType: 'application/pdf',
      dataBase64: pdf.toString('base64'),
    });
    expect(up.statusCode).toBe(201);
    const stored = await env.ctx.db
      .selectFrom('training_certificates')
      .select('data_sealed')
      .executeTakeFirstOrThrow();
    expect(stored.data_sealed).not.toContain(pdf.toString('base64').slice(0, 12));
    const dl = await teacher.get(`/api/training/certificates/${up.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    const headRec = (await lead.get(`/api/training/records?personId=${staff.head!}`)).json().records[0];
    const other = await lead.post(`/api/training/records/${headRec.id}/certificate`, {
      filename: 'h.pdf',
      contentType: 'application/pdf',
      dataBase64: pdf.toString('base64'),
    });
    expect((await teacher.get(`/api/training/certificates/${other.json().id}`)).statusCode).toBe(404);
  });
});
