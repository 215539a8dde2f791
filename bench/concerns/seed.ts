/**
 * bench/concerns' database: the demo school (staff in every role) with about 1,800 pupils, then N concerns
 * written straight into the tables in batches (as five years of a very busy school would leave them: 0.2% new,
 * 0.5% open, the rest closed): sealed
 * narratives, pupils linked, status history, and for the open ones their playbook steps, an action and
 * sometimes a referral, some of them overdue.
 */
import pg from 'pg';
import { CONCERN_CATEGORIES, CONCERN_CATEGORY_INFO } from '@harbour/shared';
import { playbookFor } from '../../apps/server/src/modules/concerns/playbooks.js';
import { sealer } from '../../apps/server/src/modules/concerns/seal.js';
import { seedDemoSchool } from '../../apps/server/src/modules/demo/seed.js';
import { newId } from '../../apps/server/src/lib/ids.js';
import { analyseAfterLoad } from '../lib/http.js';
import { TEST_PASSWORD, sessionFor, startTestEnv } from '../../apps/server/src/test/harness.js';

export interface Seeded {
  concerns: number;
  schoolId: string;
  dslAccount: string;
  pupils: string[];
  dslCookie: string;
  seconds: number;
  cleanup(): Promise<void>;
}

type Row = Record<string, unknown>;

export async function seedConcerns(
  env: Record<string, string>,
  opts: { concerns: number; pgDb?: string | undefined },
): Promise<Seeded> {
  if (opts.pgDb) {
    const base = env.HARBOUR_DATABASE_URL!;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${opts.pgDb}`);
    await admin.end();
    env.HARBOUR_DATABASE_URL = base.replace(/\/[^/]*$/, `/${opts.pgDb}`);
  }
  const t0 = performance.now();
  const test = await startTestEnv({ env });
  const { ctx } = test;
  const demo = await seedDemoSchool(ctx, {
    adminPassword: TEST_PASSWORD,
    staffPassword: TEST_PASSWORD,
    pupilsPerYear: 200,
  });
  const schoolId = demo.schoolId;
  const pupils = (
    await ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('kind', '=', 'pupil')
      .execute()
  ).map((p) => p.id);
  const reporters = Object.values(demo.accounts).map((a) => a.accountId);
  const dslAccount = demo.accounts.dsl!.accountId;
  const seal = await sealer(ctx, schoolId);
  const start = Date.parse('2021-09-01T08:00:00Z');
  const span = Date.parse('2026-11-20T08:00:00Z') - start;
  const BATCH = 400;
  const tables: Record<string, Row[]> = {};
  const add = (t: string, r: Row) => (tables[t] ??= []).push(r);
  const flush = async () => {
    await ctx.db.transaction().execute(async (tx) => {
      for (const [t, rows] of Object.entries(tables))
        for (let i = 0; i < rows.length; i += BATCH)
          await tx
            .insertInto(t as 'concerns')
            .values(rows.slice(i, i + BATCH) as never)
            .execute();
    });
    for (const k of Object.keys(tables)) delete tables[k];
  };
  const categories = CONCERN_CATEGORIES.filter((c) => c !== 'staff_allegation');
  for (let i = 0; i < opts.concerns; i++) {
    const id = newId();
    const category = categories[i % categories.length]!;
    const subtypes = CONCERN_CATEGORY_INFO[category].subtypes;
    const subtype = subtypes ? Object.keys(subtypes)[i % Object.keys(subtypes).length]! : null;
    // Years of history: most closed, a few hundred new or open (0.2% and 0.5%).
    const status = i % 1000 < 2 ? 'new' : i % 1000 < 7 ? 'open' : 'closed';
    const at = new Date(start + Math.floor((i / opts.concerns) * span)).toISOString();
    const recorded = new Date(Date.parse(at) + 3_600_000).toISOString();
    const reporter = reporters[i % reporters.length]!;
    add('concerns', {
      id,
      school_id: schoolId,
      category,
      subtype,
      status,
      restricted: 0,
      subject_person_id: null,
      custodian_role: null,
      adult_person_id: null,
      adult_description_enc: null,
      occurred_at: at,
      recorded_at: recorded,
      reporter_account_id: reporter,
      reporter_person_id: null,
      source: 'staff',
      location_enc: seal.text(id, 'location', 'Classroom'),
      account_enc: seal.text(id, 'account', `What was seen and said, concern ${i}`),
      immediate_action_enc: null,
      dsl_told_in_person: 1,
      dsl_told_person_id: null,
      opened_at: status === 'new' ? null : recorded,
      opened_by: status === 'new' ? null : dslAccount,
      closed_at: status === 'closed' ? recorded : null,
      closed_by: status === 'closed' ? dslAccount : null,
      outcome_enc: null,
      lessons_enc: null,
      updated_at: recorded,
      retain_until: null,
      tombstoned_at: null,
    });
    const subject = pupils[i % pupils.length]!;
    add('concern_people', {
      id: newId(),
      school_id: schoolId,
      concern_id: id,
      person_id: subject,
      role: 'subject',
      added_at: recorded,
      added_by: reporter,
    });
    if (i % 3 === 0)
      add('concern_people', {
        id: newId(),
        school_id: schoolId,
        concern_id: id,
        person_id: pupils[(i * 7 + 3) % pupils.length]!,
        role: 'involved',
        added_at: recorded,
        added_by: reporter,
      });
    add('concern_status_events', {
      id: newId(),
      school_id: schoolId,
      concern_id: id,
      from_status: null,
      to_status: 'new',
      reason_enc: null,
      outcome_enc: null,
      lessons_enc: null,
      at: recorded,
      by_account_id: reporter,
    });
    if (status === 'closed')
      add('concern_status_events', {
        id: newId(),
        school_id: schoolId,
        concern_id: id,
        from_status: 'open',
        to_status: 'closed',
        reason_enc: null,
        outcome_enc: null,
        lessons_enc: null,
        at: recorded,
        by_account_id: dslAccount,
      });
    if (status === 'open') {
      const book = playbookFor(category, subtype);
      book.steps.forEach((s, p) => {
        const sid = newId();
        add('concern_steps', {
          id: sid,
          school_id: schoolId,
          concern_id: id,
          playbook: book.key,
          step_key: s.key,
          position: p + 1,
          text: s.text,
          role: s.role,
          time_limit: s.limit?.label ?? null,
          due_at: s.limit ? recorded : null,
          referral_kind: s.referral ?? null,
          status: p % 2 ? 'done' : 'pending',
          note_enc: null,
          done_at: p % 2 ? recorded : null,
          done_by: p % 2 ? dslAccount : null,
          created_at: recorded,
        });
      });
      const aid = newId();
      add('concern_actions', {
        id: aid,
        school_id: schoolId,
        concern_id: id,
        title_enc: seal.text(aid, 'title', 'Check in with the pupil'),
        assignee_person_id: demo.accounts.teacher!.personId,
        due_on: i % 3 === 0 ? '2026-11-01' : '2027-01-31',
        created_at: recorded,
        created_by: dslAccount,
        done_at: null,
        done_by: null,
        done_note_enc: null,
      });
      if (i % 5 === 1)
        add('concern_referrals', {
          id: newId(),
          school_id: schoolId,
          concern_id: id,
          decision: 'referred',
          agency_id: null,
          agency_kind: 'police',
          agency_name: 'Police: non-emergency',
          referred_at: recorded,
          reference_enc: null,
          reason_enc: null,
          response_due_on: '2026-11-10',
          response_enc: null,
          response_at: null,
          response_by: null,
          recorded_at: recorded,
          recorded_by: dslAccount,
        });
    }
    if ((i + 1) % 2000 === 0) await flush();
  }
  await flush();
  const dsl = await sessionFor(test, dslAccount, schoolId);
  await analyseAfterLoad(test.ctx.db);
  await test.close();
  return {
    concerns: opts.concerns,
    schoolId,
    dslAccount,
    pupils: pupils.slice(0, 200),
    dslCookie: dsl.cookie,
    seconds: (performance.now() - t0) / 1000,
    async cleanup() {
      if (!opts.pgDb) return;
      const c = new pg.Client({ connectionString: env.HARBOUR_DATABASE_URL!.replace(/\/[^/]*$/, '/test') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${opts.pgDb} WITH (FORCE)`);
      await c.end();
    },
  };
}
