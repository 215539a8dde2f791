/**
 * bench/compliance's database: the demo school grown to 2,000 pupils (with their parents and the demo staff),
 * then five years of compliance records written straight into the tables in batches, as a school that has used
 * Harbour since 2022 would have them: yearly AUP versions for staff, pupils and parents with everyone's
 * signatures, yearly training, image consents with withdrawals, the phone register for every school day,
 * confiscations, devices, risk assessments, policy versions, the access register, filtering change requests and
 * weekly self-tests, yearly self-reviews with their action plans. The lead's session is made in the database.
 */
import { sql } from 'kysely';
import { newId } from '../../apps/server/src/lib/ids.js';
import { seedDemoSchool } from '../../apps/server/src/modules/demo/seed.js';
import { analyseAfterLoad } from '../lib/http.js';
import { TEST_PASSWORD, sessionFor, startTestEnv } from '../../apps/server/src/test/harness.js';
import { insert, iso, rnd, seedOversight, YEARS } from './records.js';

export interface Seeded {
  people: number;
  rows: Record<string, number>;
  leadCookie: string;
}

/** Weekdays from 2022-01-04 to the day before `today` (school days, near enough). */
function schoolDays(today: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse('2022-01-04T00:00:00Z'); ; t += 86_400_000) {
    const d = new Date(t);
    const s = d.toISOString().slice(0, 10);
    if (s >= today) break;
    const wd = d.getUTCDay();
    const m = d.getUTCMonth() + 1;
    if (wd !== 0 && wd !== 6 && m !== 8) out.push(s);
  }
  return out;
}

export async function seedComplianceSchool(
  env: Record<string, string>,
  opts: { smoke: boolean },
): Promise<Seeded> {
  const test = await startTestEnv({ env });
  const { ctx } = test;
  const db = ctx.db;
  const r = rnd(2026);
  const demo = await seedDemoSchool(ctx, {
    adminPassword: TEST_PASSWORD,
    staffPassword: TEST_PASSWORD,
    pupilsPerYear: opts.smoke ? 20 : 222,
  });
  const schoolId = demo.schoolId;
  const today = new Date().toISOString().slice(0, 10);
  const people = await db
    .selectFrom('people')
    .select(['id', 'kind', 'year_group', 'account_id'])
    .where('school_id', '=', schoolId)
    .execute();
  const staff = people.filter((p) => p.kind === 'staff');
  const pupils = people.filter((p) => p.kind === 'pupil');
  const parents = people.filter((p) => p.kind === 'parent');
  const links = await db
    .selectFrom('parent_links')
    .select(['pupil_id', 'parent_id'])
    .where('school_id', '=', schoolId)
    .execute();
  const parentOf = new Map(links.map((l) => [l.pupil_id, l.parent_id]));
  const lead = demo.accounts.oslead!.accountId;
  const head = demo.accounts.head!.accountId;
  const rows: Record<string, number> = {};
  const base = { school_id: schoolId };

  // Acceptable-use agreements: a version a year per audience, signed by most of its members.
  const ks1 = new Set(['N1', 'N2', 'R', '1', '2']);
  const audiences = {
    staff,
    pupil_ks1: pupils.filter((p) => ks1.has(p.year_group ?? '')),
    pupil_ks2: pupils.filter((p) => !ks1.has(p.year_group ?? '')),
    parent: parents,
  };
  const versions: Record<string, unknown>[] = [];
  const sigs: Record<string, unknown>[] = [];
  for (const [audience, members] of Object.entries(audiences))
    for (const [i, y] of YEARS.entries()) {
      const id = newId();
      const at = iso(`${y}-09-01`);
      versions.push({
        ...base,
        id,
        audience,
        version: i + 1,
        title: `AUP ${y}`,
        body: 'Text '.repeat(300),
        status: 'published',
        created_by: lead,
        created_at: at,
        updated_at: at,
        published_at: at,
        published_by: lead,
      });
      for (const m of members)
        if (r() < 0.9)
          sigs.push({
            ...base,
            id: newId(),
            version_id: id,
            audience,
            person_id: m.id,
            method: audience === 'pupil_ks1' ? 'parent' : 'self',
            signed_at: iso(`${y}-09-10`),
            signed_by_person_id: audience === 'pupil_ks1' ? (parentOf.get(m.id) ?? null) : null,
            recorded_by: null,
            recorded_at: iso(`${y}-09-10`),
            note: null,
          });
    }
  rows.aup_versions = await insert(db, 'aup_versions', versions);
  rows.aup_signatures = await insert(db, 'aup_signatures', sigs);

  // Training: an online-safety session each September for every member of staff.
  const course = newId();
  await insert(db, 'training_courses', [
    {
      ...base,
      id: course,
      title: 'Online safety update',
      kind: 'online_safety',
      validity_months: 12,
      created_by: lead,
      created_at: iso('2022-01-04'),
      archived_at: null,
    },
  ]);
  rows.training_records = await insert(
    db,
    'training_records',
    YEARS.flatMap((y) =>
      staff.map((s) => ({
        ...base,
        id: newId(),
        person_id: s.id,
        course_id: course,
        completed_on: `${y}-09-02`,
        expires_on: `${y + 1}-09-02`,
        provider: 'In school',
        notes: null,
        batch_id: null,
        recorded_by: lead,
        recorded_at: iso(`${y}-09-02`),
      })),
    ),
  );

  // Image consents: every channel given on joining; one pupil in ten withdrawn later.
  const consents: Record<string, unknown>[] = [];
  for (const p of pupils) {
    const parent = parentOf.get(p.id) ?? parents[0]!.id;
    const y = YEARS[Math.floor(r() * YEARS.length)]!;
    for (const channel of ['website', 'newsletter', 'press', 'social_media']) {
      consents.push({
        ...base,
        id: newId(),
        pupil_id: p.id,
        channel,
        decision: 'given',
        parent_id: parent,
        decided_on: `${y}-09-05`,
        recorded_at: iso(`${y}-09-05`),
        recorded_by: null,
        source: 'paper',
        note: null,
      });
      if (r() < 0.1)
        consents.push({
          ...base,
          id: newId(),
          pupil_id: p.id,
          channel,
          decision: 'withdrawn',
          parent_id: parent,
          decided_on: `${y}-11-05`,
          recorded_at: iso(`${y}-11-05`),
          recorded_by: null,
          source: 'app',
          note: null,
        });
    }
  }
  rows.image_consents = await insert(db, 'image_consents', consents);

  // Phones: 150 pupils in Years 5 and 6 hand in a phone every school day; a handful never collected.
  const phonePupils = pupils
    .filter((p) => p.year_group === '5' || p.year_group === '6')
    .slice(0, opts.smoke ? 20 : 150);
  const days = schoolDays(today);
  const handins: Record<string, unknown>[] = [];
  for (const d of opts.smoke ? days.slice(-60) : days)
    for (const p of phonePupils) {
      const collected = r() > 0.0005;
      handins.push({
        ...base,
        id: newId(),
        pupil_id: p.id,
        day: d,
        handed_in_at: `${d}T08:40:00.000Z`,
        received_by: null,
        collected_at: collected ? `${d}T15:20:00.000Z` : null,
        collected_by: null,
        note: null,
      });
    }
  rows.phone_handins = await insert(db, 'phone_handins', handins);
  rows.phone_confiscations = await insert(
    db,
    'phone_confiscations',
    Array.from({ length: 200 }, (_, i) => {
      const d = days[Math.floor(r() * days.length)]!;
      const held = i < 2;
      return {
        ...base,
        id: newId(),
        pupil_id: phonePupils[i % phonePupils.length]!.id,
        device: 'Phone',
        reason: 'Used in a lesson',
        confiscated_at: iso(d),
        confiscated_by: null,
        held_where: 'Office safe',
        status: held ? 'held' : 'released',
        released_at: held ? null : `${d}T15:30:00.000Z`,
        released_to_parent_id: held ? null : (parentOf.get(phonePupils[i % phonePupils.length]!.id) ?? null),
        released_by: null,
        police_at: null,
        police_reference: null,
        police_by: null,
        notes: null,
      };
    }),
  );

  await seedOversight({
    db,
    schoolId,
    staff,
    pupils,
    days,
    r,
    rows,
    lead,
    head,
    chair: demo.accounts.chair!.accountId,
    tech: demo.accounts.tech!.accountId,
  });

  // PostgreSQL's autovacuum analyses tables after loads like this; the bench does it at once, so the planner
  // works from statistics as it would in a school's steady state. (SQLite keeps none unless asked.)
  if (ctx.database.dialect === 'postgres') await sql`ANALYZE`.execute(db);
  const session = await sessionFor(test, lead, schoolId);
  await analyseAfterLoad(test.ctx.db);
  await test.close();
  return { people: people.length, rows, leadCookie: session.cookie };
}
