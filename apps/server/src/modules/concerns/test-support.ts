import type { Role } from '@harbour/shared';
import { createUser, sessionFor, type Client, type TestEnv } from '../../test/harness.js';
import { blankPerson, searchName } from '../people/rows.js';
import { createSchool } from '../schools/service.js';

/** A school with one account per role that matters to concerns, a few pupils, and sessions for each. */
export interface ConcernSchool {
  schoolId: string;
  pupils: string[];
  users: Record<string, { accountId: string; personId: string; client: Client }>;
}

const PEOPLE: [string, Role[]][] = [
  ['head', ['headteacher']],
  ['dsl', ['dsl']],
  ['deputy', ['deputy_dsl']],
  ['teacher', ['teacher']],
  ['teacher2', ['teacher']],
  ['support', ['support_staff']],
  ['tech', ['technical_staff']],
  ['volunteer', ['volunteer']],
  ['governor', ['governor']],
  ['chair', ['chair_of_governors']],
  ['leader', ['leadership']],
  ['admin', ['system_admin']],
  ['parent', ['parent']],
];

export async function concernSchool(env: TestEnv, name = 'Harbourside Primary'): Promise<ConcernSchool> {
  const schoolId = await createSchool(env.ctx, {
    name,
    slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${Math.random().toString(36).slice(2, 8)}`,
  });
  const users: ConcernSchool['users'] = {};
  const slug = schoolId.slice(0, 6);
  for (const [key, roles] of PEOPLE) {
    const kind = key === 'parent' ? 'parent' : 'staff';
    const u = await createUser(env.ctx, schoolId, roles, { username: `${key}-${slug}`, kind });
    users[key] = { ...u, client: await sessionFor(env, u.accountId, schoolId) };
  }
  const now = new Date().toISOString();
  const pupils: string[] = [];
  for (const [given, family, year] of [
    ['Ada', 'Fenwick', '5'],
    ['Bram', 'Holloway', '6'],
    ['Cleo', 'Marsh', '2'],
  ] as const) {
    const p = {
      ...blankPerson(schoolId, 'pupil', now),
      given_name: given,
      family_name: family,
      search_name: searchName(given, family, null),
      year_group: year,
      class_name: `Class ${year}`,
    };
    await env.ctx.db.insertInto('people').values(p).execute();
    pupils.push(p.id);
  }
  const pupil = await createUser(env.ctx, schoolId, ['pupil'], { username: `pupil-${slug}`, kind: 'pupil' });
  await env.ctx.db
    .updateTable('people')
    .set({ year_group: '5', class_name: 'Class 5' })
    .where('id', '=', pupil.personId)
    .execute();
  users.pupil = { ...pupil, client: await sessionFor(env, pupil.accountId, schoolId) };
  return { schoolId, pupils, users };
}

/** A cyberbullying concern about the first pupil, as a body for POST /api/concerns. */
export const cyberbullying = (pupilId: string, extra: Record<string, unknown> = {}) => ({
  category: 'cyberbullying',
  pupils: [{ personId: pupilId, subject: true }],
  occurredAt: '2026-11-20T15:30:00Z',
  location: 'Playground, by the climbing frame',
  account: 'She said "they keep sending me horrible messages in the class group chat"',
  immediateAction: 'Listened, reassured her, came straight to the DSL',
  dslToldInPerson: true,
  ...extra,
});

/** The smallest valid PNG: an 1x1 transparent pixel. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
