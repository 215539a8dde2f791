/** bench/compliance: the oversight half of five years of records (devices to self-reviews); see seed.ts. */
import type { Kysely } from 'kysely';
import type { DB } from '../../apps/server/src/db/schema.js';
import { newId } from '../../apps/server/src/lib/ids.js';
import { REVIEW_ASPECTS } from '../../packages/shared/src/index.js';

export const YEARS = [2022, 2023, 2024, 2025, 2026];
export const iso = (d: string) => `${d}T09:00:00.000Z`;
export const rnd = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

export async function insert<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Record<string, unknown>[]) {
  const BATCH = 400;
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
  return rows.length;
}

export interface Oversight {
  db: Kysely<DB>;
  schoolId: string;
  staff: { id: string }[];
  pupils: { id: string }[];
  days: string[];
  r: () => number;
  rows: Record<string, number>;
  lead: string;
  head: string;
  chair: string;
  tech: string;
}

export async function seedOversight(o: Oversight): Promise<void> {
  const { db, schoolId, staff, days, r, rows, lead, head, chair, tech } = o;
  const base = { school_id: schoolId };
  // Devices, risk assessments, policy versions.
  rows.school_devices = await insert(
    db,
    'school_devices',
    Array.from({ length: 300 }, (_, i) => ({
      ...base,
      id: newId(),
      asset_tag: `HB-${1000 + i}`,
      kind: i % 3 === 0 ? 'tablet' : 'laptop',
      description: null,
      serial: null,
      assignee_person_id: staff[i % staff.length]!.id,
      encrypted: i % 97 === 0 ? 0 : 1,
      antivirus_status: i % 53 === 0 ? 'out_of_date' : 'up_to_date',
      antivirus_checked_on: '2026-10-01',
      off_site: i % 10 === 0 ? 1 : 0,
      off_site_since: null,
      retired_at: i < 40 ? iso('2024-07-20') : null,
      notes: null,
      created_at: iso('2022-01-04'),
      updated_at: iso('2022-01-04'),
      updated_by: null,
    })),
  );
  rows.risk_assessments = await insert(
    db,
    'risk_assessments',
    Array.from({ length: 80 }, (_, i) => ({
      ...base,
      id: newId(),
      name: `Learning app ${i + 1}`,
      supplier: 'Supplier',
      purpose: 'Practice',
      stores_personal_data: i % 2,
      stores_pupil_images: 0,
      data_description: null,
      risks: 'Risks',
      mitigations: 'Mitigations',
      dp_check: 'passed',
      dp_notes: 'Checked',
      dp_checked_by: head,
      dp_checked_at: iso('2025-01-10'),
      status: i % 8 === 0 ? 'retired' : 'approved',
      decided_by: head,
      decided_at: iso('2025-01-10'),
      decision_notes: 'Approved',
      review_on: i % 20 === 0 ? '2026-10-01' : '2027-06-01',
      last_reviewed_at: null,
      created_by: lead,
      created_at: iso('2025-01-05'),
      updated_at: iso('2025-01-10'),
    })),
  );
  rows.policy_versions = await insert(
    db,
    'policy_versions',
    YEARS.map((y, i) => ({
      ...base,
      id: newId(),
      version: i + 1,
      status: i === YEARS.length - 1 ? 'published' : 'superseded',
      settings_json: '{}',
      html: `<p>${'Policy text. '.repeat(4000)}</p>`,
      template_version: '1',
      notes: null,
      created_by: lead,
      created_at: iso(`${y}-06-01`),
      head_approved_by: head,
      head_approved_at: iso(`${y}-06-10`),
      chair_approved_by: chair,
      chair_approved_at: iso(`${y}-06-12`),
      published_at: iso(`${y}-06-12`),
      review_due_on: `${y + 1}-06-12`,
    })),
  );

  // The access register: staff on every system, pupils on the network and the learning platform.
  const access: Record<string, unknown>[] = [];
  for (const s of staff)
    for (const system of ['network', 'email', 'learning_platform', 'mis', 'harbour', 'devices'])
      access.push({
        ...base,
        id: newId(),
        person_id: s.id,
        system,
        detail: null,
        granted_at: iso('2022-01-04'),
        granted_by: null,
        ends_at: null,
        removed_at: null,
        removed_by: null,
        removal_reason: null,
        aup_signature_id: null,
      });
  for (const p of o.pupils)
    for (const system of ['network', 'learning_platform'])
      access.push({
        ...base,
        id: newId(),
        person_id: p.id,
        system,
        detail: null,
        granted_at: iso('2022-09-05'),
        granted_by: null,
        ends_at: null,
        removed_at: null,
        removed_by: null,
        removal_reason: null,
        aup_signature_id: null,
      });
  rows.access_entries = await insert(db, 'access_entries', access);

  // Filtering: 400 approved changes with their policy versions, a self-test every week.
  const crs: Record<string, unknown>[] = [];
  const fpv: Record<string, unknown>[] = [];
  for (let i = 0; i < 400; i++) {
    const d = days[Math.floor((i / 400) * days.length)]!;
    const id = newId();
    crs.push({
      ...base,
      id,
      number: i + 1,
      kind: 'change',
      title: `Allow site ${i}`,
      reason: 'Needed for a lesson',
      risk_educational: 'Low',
      risk_technical: 'Low',
      ops: '[]',
      status: 'applied',
      requested_by: tech,
      requested_at: iso(d),
      decided_by: head,
      decided_at: iso(d),
      decision_note: null,
      applied_at: iso(d),
      diff: '[]',
      policy_version: 100000 + i,
    });
    fpv.push({ school_id: schoolId, version: 100000 + i, created_at: iso(d), cause: 'change', ref_id: id });
  }
  rows.filter_change_requests = await insert(db, 'filter_change_requests', crs);
  rows.filter_policy_versions = await insert(db, 'filter_policy_versions', fpv);
  const groups = await db
    .selectFrom('filter_groups')
    .select('id')
    .where('school_id', '=', schoolId)
    .execute();
  const tests: Record<string, unknown>[] = [];
  const results: Record<string, unknown>[] = [];
  for (let i = 0; i < days.length; i += 5) {
    const id = newId();
    tests.push({
      ...base,
      id,
      started_at: iso(days[i]!),
      finished_at: iso(days[i]!),
      run_by: null,
      run_by_label: 'harbour filter test',
      via: 'cli',
      resolver: '127.0.0.1:5300',
      policy_version: null,
      passed: 1,
      failures: 0,
      checks: groups.length * 5,
    });
    for (const g of groups)
      for (const name of ['gambling.test', 'adult.test', 'selfharm.test', 'proxy.test', 'search.test'])
        results.push({
          ...base,
          id: newId(),
          test_id: id,
          group_id: g.id,
          subject: name.split('.')[0]!,
          name,
          expected: 'block',
          observed: 'block',
          answer: '192.0.2.1',
          pass: 1,
        });
  }
  rows.filter_self_tests = await insert(db, 'filter_self_tests', tests);
  rows.filter_self_test_results = await insert(db, 'filter_self_test_results', results);

  // A self-review each year with every aspect rated, and its action plan.
  const reviews: Record<string, unknown>[] = [];
  const ratings: Record<string, unknown>[] = [];
  const actions: Record<string, unknown>[] = [];
  for (const y of YEARS) {
    const id = newId();
    reviews.push({
      ...base,
      id,
      title: `Review ${y}`,
      status: 'completed',
      started_at: iso(`${y}-10-01`),
      started_by: lead,
      completed_at: iso(`${y}-10-20`),
      completed_by: lead,
      summary: 'Summary',
      evidence_json: '[]',
    });
    for (const a of REVIEW_ASPECTS)
      ratings.push({
        ...base,
        id: newId(),
        review_id: id,
        aspect_key: a.key,
        level: 1 + Math.floor(r() * 4),
        commentary: 'Commentary',
        evidence: null,
        rated_by: lead,
        rated_at: iso(`${y}-10-10`),
      });
    for (let k = 0; k < 12; k++)
      actions.push({
        ...base,
        id: newId(),
        review_id: id,
        aspect_key: REVIEW_ASPECTS[k]!.key,
        title: `Action ${y}-${k}`,
        owner_person_id: staff[k % staff.length]!.id,
        due_on: `${y + 1}-03-31`,
        status: y < 2026 ? 'done' : 'open',
        done_at: y < 2026 ? iso(`${y + 1}-03-01`) : null,
        done_by: y < 2026 ? lead : null,
        created_by: lead,
        created_at: iso(`${y}-10-20`),
      });
  }
  rows.self_reviews = await insert(db, 'self_reviews', reviews);
  rows.self_review_ratings = await insert(db, 'self_review_ratings', ratings);
  rows.review_actions = await insert(db, 'review_actions', actions);
}
