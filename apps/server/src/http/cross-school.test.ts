import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeUpn } from '@harbour/shared';
import { seedDemoSchool } from '../modules/demo/seed.js';
import { onPostgres, sessionFor, startTestEnv, type Client, type TestEnv } from '../test/harness.js';
import { COMPLIANCE_PARAMS } from '../test/cross-school-compliance.js';
import { MONITORING_PARAMS } from '../test/cross-school-monitoring.js';
import { CONCERN_PARAMS } from '../test/cross-school-concerns.js';
import { withSchemasKept } from '../db/schema-lock.js';

/**
 * Issue 2, section 2: a user of school A cannot read or change school B's rows through any route.
 *
 * Every registered /api route is called by a user of school A holding every role that carries no deny rule,
 * with path parameters naming school B's records. Each answer must be exactly what the same request naming a
 * record that does not exist gets (same status, same body), no answer may contain an id of school B's rows,
 * and school B's rows in every table must be unchanged at the end.
 */

/** What a path parameter is filled with: school B's record ids, or a value that is not a record id. */
interface ParamValues {
  /** true: the values are ids of school B's rows, and must answer like a missing record. */
  record: boolean;
  values: string[];
}

interface SchoolB {
  env: TestEnv;
  schoolId: string;
  /** School B's own head and administrator, to create B's rows through the API. */
  asB: Client;
  pupilId: string;
  staffId: string;
  parentId: string;
  linkId: string;
  teacherAccountId: string;
  adminAccountId: string;
  filtering?: Awaited<ReturnType<typeof filteringOfB>>;
}

/**
 * Path parameter -> what in school B it names. The key is "<segment before it>/:<name>" (e.g. "people/:id"),
 * or ":<name>" for that name on any route. When you add a route with a new path parameter, add an entry here
 * (creating the school B row it names through `asB` if school B has none yet).
 */
const PARAMS: Record<string, (b: SchoolB) => ParamValues | Promise<ParamValues>> = {
  'people/:id': (b) => ({ record: true, values: [b.pupilId, b.staffId, b.parentId] }),
  // A setting is named by its key, not an id: A's request changes A's own setting, never B's.
  'settings/:key': () => ({ record: false, values: ['school.profile'] }),
  'accounts/:id': (b) => ({ record: true, values: [b.teacherAccountId, b.adminAccountId] }),
  'roles/:role': () => ({ record: false, values: ['teacher'] }),
  // An invitation token is a secret link, open to whoever holds it: no school's record is named by guessing.
  'invitations/:token': () => ({ record: false, values: ['not-a-real-invitation-token'] }),
  'lists/:id': async (b) => ({ record: true, values: [(await filteringOfB(b)).listId] }),
  'changes/:id': async (b) => {
    const f = await filteringOfB(b);
    return { record: true, values: [f.changeId, f.pendingId] };
  },
  'unblocks/:id': async (b) => ({ record: true, values: [(await filteringOfB(b)).unblockId] }),
  'reports/:id': async (b) => {
    const f = await filteringOfB(b);
    const { signReportToken, submitReport, verifyReportToken } =
      await import('../modules/filtering/reports.js');
    const t = signReportToken(b.env.ctx, {
      s: b.schoolId,
      g: f.groupId,
      n: 'b-only-bets.example',
      c: 'gambling',
      r: 'category',
      a: '10.9.9.9',
    });
    const id = await submitReport(
      b.env.ctx,
      verifyReportToken(b.env.ctx, t)!,
      { token: t, kind: 'wrongly_blocked' },
      '10.9.9.9',
    );
    return { record: true, values: [id] };
  },
  // A self-test record of B's (running one needs a resolver; the row is what matters here).
  'self-tests/:id': async (b) => {
    const id = randomUUID();
    const at = new Date().toISOString();
    await b.env.ctx.db
      .insertInto('filter_self_tests')
      .values({
        id,
        school_id: b.schoolId,
        started_at: at,
        finished_at: at,
        run_by: null,
        run_by_label: 'cli:b',
        via: 'cli',
        resolver: '127.0.0.1:53',
        policy_version: 1,
        passed: 1,
        failures: 0,
        checks: 0,
      })
      .execute();
    return { record: true, values: [id] };
  },
  'nodes/:id': async (b) => {
    const res = await b.asB.post('/api/filtering/nodes', { name: 'B node' });
    expect(res.statusCode, res.body).toBe(201);
    return { record: true, values: [res.json().node.id as string] };
  },
  'approvals/:id': async (b) => {
    const res = await b.asB.post(`/api/accounts/${b.adminAccountId}/password-reset`);
    expect(res.statusCode, res.body).toBe(202);
    return { record: true, values: [res.json().approval.id as string] };
  },
  // Issue 5's registers: school B's rows made through B's own API.
  ...COMPLIANCE_PARAMS,
  // Issue 6's monitoring rows.
  ...MONITORING_PARAMS,
  // Issue 3's concerns, made through B's own API.
  ...CONCERN_PARAMS,
};

/** School B's filtering rows, made once through the API: an applied list, a pending change, an unblock. */
let filteringB: Promise<{
  listId: string;
  changeId: string;
  pendingId: string;
  unblockId: string;
  groupId: string;
}> | null = null;
function filteringOfB(b: SchoolB) {
  filteringB ??= (async () => {
    const risk = { reason: 'r', riskEducational: 'e', riskTechnical: 't' };
    const staged = await b.asB.post('/api/filtering/lists/stage', {
      kind: 'block',
      category: 'gambling',
      format: 'plain',
      content: 'b-only-bets.example\n',
    });
    expect(staged.statusCode, staged.body).toBe(201);
    const { starterOps } = await import('../modules/filtering/starter.js');
    const proposed = await b.asB.post('/api/filtering/changes', {
      title: 'B policy',
      ...risk,
      ops: [
        ...starterOps(),
        {
          op: 'list.add',
          stagedVersionId: staged.json().staged.stagedVersionId,
          name: 'B bets',
          refreshHours: null,
        },
      ],
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    // Another of B's leadership team approves it (the requester cannot).
    const leader = await b.env.ctx.db
      .selectFrom('role_assignments')
      .select('account_id')
      .where('school_id', '=', b.schoolId)
      .where('role', '=', 'leadership')
      .executeTakeFirstOrThrow();
    const approver = await sessionFor(b.env, leader.account_id, b.schoolId);
    const changeId = proposed.json().change.id as string;
    const approved = await approver.post(`/api/filtering/changes/${changeId}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    const policy = (await b.asB.get('/api/filtering/policy')).json();
    const pending = await b.asB.post('/api/filtering/changes', {
      title: 'B pending',
      ...risk,
      ops: [{ op: 'entry.add', groupId: null, domain: 'b-only.example', effect: 'deny', note: '' }],
    });
    const unblock = await b.asB.post('/api/filtering/unblocks', {
      domain: 'b-only-bets.example',
      groupId: null,
      reason: 'lesson',
      minutes: 30,
    });
    expect(unblock.statusCode, unblock.body).toBe(201);
    return {
      listId: policy.lists[0].id as string,
      groupId: policy.groups[0].id as string,
      changeId,
      pendingId: pending.json().change.id as string,
      unblockId: unblock.json().unblock.id as string,
    };
  })();
  return filteringB;
}

function paramSourceKey(url: string, name: string): string | undefined {
  const segments = url.split('/');
  const at = segments.indexOf(`:${name}`);
  const before = segments[at - 1];
  const specific = `${before}/:${name}`;
  if (PARAMS[specific]) return specific;
  if (PARAMS[`:${name}`]) return `:${name}`;
  return undefined;
}

/** Bodies with school B's ids where a route takes another record's id in its body. */
const BODIES: Record<string, (b: SchoolB, a: SchoolA) => unknown[]> = {
  'PATCH /api/people/:id': () => [{ givenName: 'Changed' }, { yearGroup: '3', className: 'Moved' }],
  'POST /api/people/:id/leaver': () => [{ leaveDate: '2026-01-05' }],
  'POST /api/accounts/:id/roles': () => [{ role: 'teacher' }, { role: 'dsl' }],
  'POST /api/accounts/:id/disable': () => [{ reason: 'left' }],
  'POST /api/people/:id/parents': (b, a) => [
    { parentId: a.parentId, relationship: 'Mother' },
    { parentId: b.parentId, relationship: 'Mother' },
  ],
  'POST /api/filtering/reports/:id/concern': (b, a) => [{}, { pupils: [a.pupilId] }, { pupils: [b.pupilId] }],
};

/** Requests naming school B in their body or query, on routes whose path names nothing of B's. */
const EXTRA: ((
  b: SchoolB,
  a: SchoolA,
) => { method: string; url: string; body?: unknown; expect?: number })[] = [
  (b) => ({ method: 'POST', url: '/api/session/school', body: { schoolId: b.schoolId }, expect: 404 }),
  (b, a) => ({
    method: 'POST',
    url: `/api/people/${a.pupilId}/parents`,
    body: { parentId: b.parentId, relationship: 'Father' },
    expect: 404,
  }),
  (b) => ({ method: 'GET', url: `/api/audit?entityId=${b.pupilId}` }),
  // Filtering: a change or unblock naming school B's group or list is refused as unknown.
  () => ({ method: 'GET', url: '/api/filtering/check?name=b-only-bets.example' }),
  () => ({ method: 'GET', url: '/api/filtering/changes/export' }),
  (b) => ({
    method: 'POST',
    url: '/api/filtering/unblocks',
    body: { domain: 'x.example', groupId: b.filtering!.groupId, reason: 'r', minutes: 10 },
    expect: 400,
  }),
  (b) => ({
    method: 'POST',
    url: '/api/filtering/changes',
    body: {
      title: 't',
      reason: 'r',
      riskEducational: 'e',
      riskTechnical: 't',
      ops: [
        { op: 'entry.add', groupId: b.filtering!.groupId, domain: 'x.example', effect: 'deny', note: '' },
        { op: 'list.update', listId: b.filtering!.listId, enabled: false },
      ],
    },
    expect: 400,
  }),
  () => ({ method: 'GET', url: '/api/audit?actor=otb-admin&limit=200' }),
  () => ({ method: 'GET', url: '/api/people?q=zzyzxbrook&status=all' }),
  () => ({ method: 'GET', url: '/api/people?limit=200&status=all' }),
  () => ({ method: 'GET', url: '/api/leavers?limit=500' }),
  (b) => ({
    method: 'PUT',
    url: '/api/settings/safeguarding.contacts',
    body: {
      value: { dslPersonIds: [b.staffId], deputyPersonIds: [], governorLeadPersonId: null },
      expectedVersion: 0,
    },
    expect: 400,
  }),
  (_b, a) => ({
    method: 'POST',
    url: '/api/imports/commit',
    body: { kind: 'parents', csv: `Forename,Surname,Pupil UPN\nPat,Zzyzxbrook,${a.bPupilUpn}\n` },
    expect: 400,
  }),
];

interface SchoolA {
  schoolId: string;
  accountId: string;
  pupilId: string;
  parentId: string;
  bPupilUpn: string;
}

describe('cross-school isolation on every route', () => {
  let env: TestEnv;
  let a: SchoolA;
  let b: SchoolB;
  const bAccounts: string[] = [];
  const fills = new Map<string, ParamValues>();

  beforeAll(async () => {
    env = await startTestEnv();
    const seededA = await seedDemoSchool(env.ctx, { adminPassword: 'unused-a-pass-1', pupilsPerYear: 1 });
    const seededB = await seedDemoSchool(env.ctx, {
      adminPassword: 'unused-b-pass-1',
      staffPassword: 'unused-b-staff-pass-1',
      pupilsPerYear: 1,
      name: 'Otterbrook Primary School',
      slug: 'otterbrook',
      usernamePrefix: 'otb-',
      seed: 7,
    });
    // One account of school A holding every role that has no deny rule reaches every handler.
    const head = seededA.accounts.head!;
    for (const role of ['system_admin', 'leadership', 'trust_officer'] as const)
      await env.ctx.db
        .insertInto('role_assignments')
        .values({
          id: `${role}-extra`,
          account_id: head.accountId,
          school_id: seededA.schoolId,
          organisation_id: null,
          role,
          granted_at: new Date().toISOString(),
          granted_by: null,
          revoked_at: null,
          revoked_by: null,
        })
        .execute();
    const firstOf = async (schoolId: string, kind: 'pupil' | 'parent') =>
      env.ctx.db
        .selectFrom('people')
        .select('id')
        .where('school_id', '=', schoolId)
        .where('kind', '=', kind)
        .orderBy('id')
        .executeTakeFirstOrThrow();
    const bPupil = await firstOf(seededB.schoolId, 'pupil');
    const link = await env.ctx.db
      .selectFrom('parent_links')
      .select(['id', 'parent_id'])
      .where('school_id', '=', seededB.schoolId)
      .where('pupil_id', '=', bPupil.id)
      .executeTakeFirstOrThrow();
    await env.ctx.db
      .updateTable('people')
      // A name and a UPN found in school B only (both demo schools number their pupils alike).
      .set({ family_name: 'Zzyzxbrook', search_name: 'zzyzxbrook', upn: makeUpn('899999999999') })
      .where('id', '=', bPupil.id)
      .execute();
    // School B's head (also its administrator here) makes rows through the API: audit entries, settings.
    const bHead = seededB.accounts.head!;
    await env.ctx.db
      .insertInto('role_assignments')
      .values({
        id: 'b-admin-extra',
        account_id: bHead.accountId,
        school_id: seededB.schoolId,
        organisation_id: null,
        role: 'system_admin',
        granted_at: new Date().toISOString(),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    const asB = await sessionFor(env, bHead.accountId, seededB.schoolId);
    const put = await asB.request('PUT', '/api/settings/school.profile', {
      value: { name: 'Otterbrook Primary School', urn: '999001' },
      expectedVersion: 0,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await asB.get(`/api/people/${bPupil.id}`)).statusCode).toBe(200);
    b = {
      env,
      schoolId: seededB.schoolId,
      asB,
      pupilId: bPupil.id,
      staffId: seededB.accounts.teacher!.personId,
      parentId: link.parent_id,
      linkId: link.id,
      teacherAccountId: seededB.accounts.teacher!.accountId,
      adminAccountId: seededB.accounts.admin!.accountId,
    };
    a = {
      schoolId: seededA.schoolId,
      accountId: head.accountId,
      pupilId: (await firstOf(seededA.schoolId, 'pupil')).id,
      parentId: (await firstOf(seededA.schoolId, 'parent')).id,
      bPupilUpn: makeUpn('899999999999'),
    };
    for (const acc of Object.values(seededB.accounts)) bAccounts.push(acc.accountId);
    for (const key of env.app.apiRoutes) {
      const url = key.split(' ')[1]!;
      for (const [, name] of url.matchAll(/:(\w+)/g)) {
        const source = paramSourceKey(url, name!);
        if (source && !fills.has(source)) fills.set(source, await PARAMS[source]!(b));
      }
    }
    b.filtering = await filteringOfB(b);
  });
  afterAll(() => env.close());

  /** Every row of school B, in every table that holds school-owned rows or B's accounts and sessions. */
  async function snapshotB(): Promise<string> {
    const schema = onPostgres() ? env.ctx.database.pgSchema : undefined;
    const read = () => env.ctx.db.introspection.getTables();
    const tables = (schema ? await withSchemasKept(env.ctx.db, read) : await read())
      .filter((t) => !schema || t.schema === schema)
      .filter((t) => !t.name.startsWith('kysely_'))
      .sort((x, y) => x.name.localeCompare(y.name));
    const out: Record<string, unknown[]> = {};
    for (const t of tables) {
      const cols = new Set(t.columns.map((c) => c.name));
      let q = env.ctx.db.selectFrom(t.name as 'people').selectAll();
      if (cols.has('school_id')) q = q.where(sql.ref('school_id'), '=', b.schoolId);
      else if (t.name === 'schools') q = q.where(sql.ref('id'), '=', b.schoolId);
      else if (t.name === 'accounts') q = q.where(sql.ref('id'), 'in', bAccounts);
      else if (cols.has('account_id')) q = q.where(sql.ref('account_id'), 'in', bAccounts);
      else continue;
      const rows = (await q.execute()) as Record<string, unknown>[];
      // Sessions' last-seen time is the only thing allowed to move (B's own requests above touched it).
      out[t.name] = rows
        .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'last_seen_at')))
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    }
    return JSON.stringify(out);
  }

  /** Every id of school B's rows: none may appear in an answer to school A (unless A sent it). */
  async function idsOfB(): Promise<Set<string>> {
    const snap = JSON.parse(await snapshotB()) as Record<string, Record<string, unknown>[]>;
    const ids = new Set<string>([b.schoolId]);
    for (const rows of Object.values(snap))
      for (const r of rows)
        for (const [k, v] of Object.entries(r))
          if ((k === 'id' || k.endsWith('_id')) && typeof v === 'string' && v.length >= 16) ids.add(v);
    return ids;
  }

  it('knows, for every path parameter of every route, which of school B’s rows it names', () => {
    const unknown: string[] = [];
    for (const key of env.app.apiRoutes) {
      const url = key.split(' ')[1]!;
      for (const [, name] of url.matchAll(/:(\w+)/g)) {
        if (!paramSourceKey(url, name!)) {
          const before = url.split('/')[url.split('/').indexOf(`:${name}`) - 1];
          unknown.push(
            `${key}: path parameter :${name} is unknown to cross-school.test.ts. Add an entry ` +
              `'${before}/:${name}' to PARAMS naming school B's row(s) of that kind (create one through asB if needed).`,
          );
        }
      }
    }
    expect(unknown, unknown.join('\n')).toEqual([]);
  });

  it('answers every route naming school B’s records exactly like a missing record, leaks nothing, changes nothing', async () => {
    const before = await snapshotB();
    const tablesOfB = JSON.parse(before) as Record<string, unknown[]>;
    for (const t of [
      'people',
      'parent_links',
      'accounts',
      'role_assignments',
      'settings',
      'audit_entries',
      'approvals',
    ])
      expect(tablesOfB[t]?.length, `school B has rows in ${t}`).toBeGreaterThan(0);
    const secret = await idsOfB();
    const failures: string[] = [];
    const missing = randomUUID();

    const send = async (method: string, url: string, body: unknown) => {
      // A fresh session each time: sign-out, lock or a password change must not stop the walk.
      const c = await sessionFor(env, a.accountId, a.schoolId);
      return c.request(method, url, body);
    };
    const leaks = (text: string, sent: string) =>
      [...secret].filter((id) => text.includes(id) && !sent.includes(id));

    for (const key of env.app.apiRoutes) {
      const [method, url] = key.split(' ') as [string, string];
      const names = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const params = names.map((n) => fills.get(paramSourceKey(url, n)!)!);
      const isRecordRoute = params.some((p) => p.record);
      const bodies =
        method === 'GET' || method === 'DELETE' ? [undefined] : [{}, ...(BODIES[key]?.(b, a) ?? [])];
      // Each combination of school B's values for the route's parameters (one value list per parameter).
      const combos: string[][] = params.reduce<string[][]>(
        (acc, p) => acc.flatMap((prefix) => p.values.map((v) => [...prefix, v])),
        [[]],
      );
      for (const combo of combos) {
        let i = 0;
        const withB = url.replace(/:(\w+)/g, () => combo[i++]!);
        let j = 0;
        const withMissing = url.replace(/:(\w+)/g, () => (params[j++]!.record ? missing : combo[j - 1]!));
        for (const body of bodies) {
          const sent = `${withB} ${JSON.stringify(body ?? null)}`;
          const res = await send(method, withB, body);
          const leaked = leaks(res.body, sent);
          if (leaked.length) failures.push(`${method} ${withB} leaked school B's ids ${leaked.join(', ')}`);
          if (res.statusCode < 400 && isRecordRoute)
            failures.push(
              `${method} ${withB} ${JSON.stringify(body)} answered ${res.statusCode} for B's record`,
            );
          if (isRecordRoute) {
            const ref = await send(method, withMissing, body);
            const norm = (s: string, id: string) => s.split(id).join('<id>');
            const idB = combo.find((v) => secret.has(v)) ?? '';
            if (ref.statusCode !== res.statusCode || norm(ref.body, missing) !== norm(res.body, idB))
              failures.push(
                `${method} ${withB} ${JSON.stringify(body)}: B's record answered ${res.statusCode} ${res.body}, ` +
                  `a missing one ${ref.statusCode} ${ref.body}`,
              );
          }
        }
      }
    }
    for (const extra of EXTRA) {
      const r = extra(b, a);
      const res = await send(r.method, r.url, r.body);
      const leaked = leaks(res.body, `${r.url} ${JSON.stringify(r.body ?? null)}`);
      if (leaked.length) failures.push(`${r.method} ${r.url} leaked school B's ids ${leaked.join(', ')}`);
      if (r.expect !== undefined && res.statusCode !== r.expect)
        failures.push(`${r.method} ${r.url} answered ${res.statusCode} (expected ${r.expect}): ${res.body}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(await snapshotB()).toBe(before);
  }, 120_000);

  it('finds school B’s pupil for school B itself (the test names real records)', async () => {
    const res = await b.asB.get('/api/people?q=zzyzxbrook');
    expect(res.json().people.map((p: { id: string }) => p.id)).toEqual([b.pupilId]);
    expect((await b.asB.get(`/api/people/${b.staffId}`)).statusCode).toBe(200);
  });
});
