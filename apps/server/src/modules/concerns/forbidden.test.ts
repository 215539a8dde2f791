import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestEnv, type TestEnv } from '../../test/harness.js';
import { concernSchool, cyberbullying, PNG_1PX, type ConcernSchool } from './test-support.js';

/**
 * Issue 3, "bad input and failures": every rule holds through the API. Each forbidden read and write is tried as
 * each role and must answer a clear 4xx (403 or 404 with an error object) and change nothing.
 */
const TABLES = [
  'concerns',
  'concern_people',
  'concern_notes',
  'concern_amendments',
  'concern_attachments',
  'concern_custody',
  'concern_imagery_views',
  'concern_viewers',
  'concern_status_events',
  'concern_steps',
  'concern_actions',
  'concern_agencies',
  'concern_referrals',
  'concern_parent_contacts',
  'concern_sanctions',
  'concern_retention_reviews',
  'concern_org_agencies',
];

type Op =
  | 'read'
  | 'readRestricted'
  | 'views'
  | 'chronology'
  | 'dashboard'
  | 'file'
  | 'note'
  | 'amend'
  | 'add'
  | 'step'
  | 'close'
  | 'reopen'
  | 'action'
  | 'refer'
  | 'recategorise'
  | 'retentionList'
  | 'retention'
  | 'trustAgency'
  | 'viewers'
  | 'imagery'
  | 'attach'
  | 'agency'
  | 'worry'
  | 'record'
  | 'trends';

/** What each role may do here; everything else is tried and must be refused. */
const ALLOWED: Record<string, Op[]> = {
  dsl: [
    'read',
    'views',
    'chronology',
    'dashboard',
    'file',
    'note',
    'amend',
    'add',
    'step',
    'close',
    'reopen',
    'action',
    'refer',
    'recategorise',
    'retentionList',
    'retention',
    'imagery',
    'attach',
    'agency',
    'record',
    'trends',
  ],
  deputy: [
    'read',
    'views',
    'chronology',
    'dashboard',
    'file',
    'note',
    'amend',
    'add',
    'step',
    'close',
    'reopen',
    'action',
    'refer',
    'recategorise',
    'retentionList',
    'retention',
    'imagery',
    'attach',
    'agency',
    'record',
    'trends',
  ],
  head: [
    'read',
    'readRestricted',
    'views',
    'chronology',
    'dashboard',
    'file',
    'note',
    'amend',
    'add',
    'step',
    'close',
    'action',
    'refer',
    'recategorise',
    'retentionList',
    'retention',
    'viewers',
    'attach',
    'agency',
    'record',
    'trends',
  ],
  // The reporter of every concern here: their own submission, additions, amendments and files.
  teacher: ['read', 'readRestricted', 'file', 'amend', 'add', 'attach', 'record'],
  teacher2: ['record'],
  support: ['record'],
  tech: ['record'],
  volunteer: ['record'],
  leader: ['record', 'trends'],
  admin: ['record', 'trends'],
  governor: ['trends'],
  chair: ['trends'],
  parent: [],
  pupil: ['worry'],
};

describe('the forbidden matrix: every role, every forbidden read and write', () => {
  let env: TestEnv;
  let s: ConcernSchool;
  const u = (k: string) => s.users[k]!.client;
  const ids: Record<string, string> = {};
  const snapshot = async () => {
    const out: unknown[] = [];
    for (const t of TABLES)
      out.push((await sql`select * from ${sql.table(t)} order by id`.execute(env.ctx.db)).rows);
    return JSON.stringify(out);
  };
  beforeAll(async () => {
    env = await startTestEnv();
    s = await concernSchool(env);
    const rec = async (body: unknown) =>
      (await u('teacher').post('/api/concerns', body)).json().concern.id as string;
    ids.plain = await rec(cyberbullying(s.pupils[0]!));
    ids.restricted = await rec({
      category: 'staff_allegation',
      staffSubjectPersonId: s.users.teacher2!.personId,
      occurredAt: '2026-11-20T10:00:00Z',
      account: 'x',
    });
    ids.imagery = await rec({ ...cyberbullying(s.pupils[1]!), category: 'youth_sexual_imagery' });
    ids.closed = await rec(cyberbullying(s.pupils[2]!));
    ids.file = (
      await u('teacher').post(`/api/concerns/${ids.plain}/attachments`, {
        filename: 'a.png',
        contentType: 'image/png',
        dataBase64: PNG_1PX.toString('base64'),
      })
    ).json().id;
    await u('dsl').post(`/api/concerns/${ids.plain}/open`, {});
    ids.step = (await u('dsl').get(`/api/concerns/${ids.plain}`))
      .json()
      .concern.steps.find((x: { status: string }) => x.status === 'pending').id;
    await u('dsl').post(`/api/concerns/${ids.closed}/open`, {});
    for (const st of (await u('dsl').get(`/api/concerns/${ids.closed}`)).json().concern.steps)
      if (st.status === 'pending')
        await u('dsl').post(`/api/concerns/${ids.closed}/steps`, { stepId: st.id, status: 'done' });
    expect(
      (await u('dsl').post(`/api/concerns/${ids.closed}/close`, { outcome: 'o', lessonsLearnt: 'l' }))
        .statusCode,
    ).toBe(200);
    ids.agency = (await u('dsl').get('/api/concern-agencies')).json().agencies[0].id;
  });
  afterAll(() => env.close());

  const request = (op: Op): [string, string, unknown?] => {
    const c = (x: string) => `/api/concerns/${x}`;
    switch (op) {
      case 'read':
        return ['GET', c(ids.plain!)];
      case 'readRestricted':
        return ['GET', c(ids.restricted!)];
      case 'views':
        return ['GET', `${c(ids.plain!)}/views`];
      case 'chronology':
        return ['GET', `/api/people/${s.pupils[0]}/chronology`];
      case 'dashboard':
        return ['GET', '/api/concerns/dashboard'];
      case 'trends':
        return ['GET', '/api/concerns/trends'];
      case 'file':
        return ['GET', `/api/concerns/attachments/${ids.file}`];
      case 'note':
        return ['POST', `${c(ids.plain!)}/notes`, { text: 'n' }];
      case 'amend':
        return ['POST', `${c(ids.plain!)}/amendments`, { field: 'location', text: 'elsewhere', reason: 'r' }];
      case 'add':
        return ['POST', `${c(ids.plain!)}/additions`, { text: 'more' }];
      case 'step':
        return ['POST', `${c(ids.plain!)}/steps`, { stepId: ids.step, status: 'done' }];
      case 'close':
        return ['POST', `${c(ids.plain!)}/close`, { outcome: 'o', lessonsLearnt: 'l' }];
      case 'reopen':
        return ['POST', `${c(ids.closed!)}/reopen`, { reason: 'r' }];
      case 'action':
        return [
          'POST',
          `${c(ids.plain!)}/actions`,
          { title: 't', assigneePersonId: s.users.support!.personId, dueOn: '2026-12-01' },
        ];
      case 'refer':
        return [
          'POST',
          `${c(ids.plain!)}/referrals`,
          { agencyId: ids.agency, referredAt: '2026-11-20T10:00:00Z' },
        ];
      case 'recategorise':
        // A new concern: the one in an imagery category, moved to another.
        return ['POST', `${c(ids.imagery!)}/category`, { category: 'cyberbullying', reason: 'r' }];
      case 'retentionList':
        return ['GET', '/api/concerns/retention'];
      case 'retention':
        return ['POST', `${c(ids.closed!)}/retention`, { decision: 'dispose', reason: 'r' }];
      case 'trustAgency':
        return ['POST', '/api/organisation/concern-agencies', { kind: 'lado', name: 'x' }];
      case 'viewers':
        return ['POST', `${c(ids.restricted!)}/viewers`, { add: [s.users.dsl!.accountId] }];
      case 'imagery':
        return [
          'POST',
          `${c(ids.imagery!)}/imagery-views`,
          { viewedAt: '2026-11-20T10:00:00Z', reason: 'r' },
        ];
      case 'attach':
        return [
          'POST',
          `${c(ids.plain!)}/attachments`,
          { filename: 'b.png', contentType: 'image/png', dataBase64: PNG_1PX.toString('base64') },
        ];
      case 'agency':
        return ['POST', '/api/concern-agencies', { kind: 'other', name: 'x' }];
      case 'worry':
        return ['POST', '/api/worries', { message: 'help' }];
      case 'record':
        return ['POST', '/api/concerns', cyberbullying(s.pupils[0]!)];
    }
  };
  const ALL = Object.keys(ALLOWED).length;

  it('refuses each forbidden operation to each role with a clear 4xx, and changes nothing', async () => {
    expect(ALL).toBe(Object.keys(s.users).length);
    const before = await snapshot();
    const ops = [
      ...new Set(Object.values(ALLOWED).flat()),
      'readRestricted',
      'viewers',
      'worry',
      'trustAgency',
    ] as Op[];
    const failures: string[] = [];
    let tried = 0;
    for (const role of Object.keys(ALLOWED)) {
      for (const op of ops) {
        if (ALLOWED[role]!.includes(op)) continue;
        const [method, url, body] = request(op);
        const res = await u(role).request(method, url, body);
        tried++;
        const err = res.json<{ error?: { code?: string; message?: string } }>().error;
        if (![403, 404].includes(res.statusCode) || !err?.code || !err.message)
          failures.push(`${role} ${op}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(tried).toBeGreaterThan(150);
    expect(await snapshot()).toBe(before);
  });

  it('refuses files in the imagery categories, closing without lessons, and editing history, changing nothing', async () => {
    const before = await snapshot();
    for (const k of ['teacher', 'dsl']) {
      const r = await u(k).post(`/api/concerns/${ids.imagery}/attachments`, {
        filename: 'x.png',
        contentType: 'image/png',
        dataBase64: PNG_1PX.toString('base64'),
      });
      expect(r.statusCode, k).toBe(403);
      expect(r.json().error.details.reason).toBe('imagery_category');
    }
    const bad: [string, string, unknown, number][] = [
      ['POST', `/api/concerns/${ids.plain}/close`, { outcome: 'Resolved' }, 400],
      ['POST', `/api/concerns/${ids.plain}/close`, { outcome: 'Resolved', lessonsLearnt: '   ' }, 400],
      ['POST', `/api/concerns/${ids.closed}/close`, { outcome: 'o', lessonsLearnt: 'l' }, 409],
      ['POST', `/api/concerns/${ids.closed}/reopen`, {}, 400],
      ['POST', `/api/concerns/${ids.closed}/notes`, { text: 'n' }, 201], // notes stay possible after closing
      [
        'POST',
        `/api/concerns/${ids.closed}/actions`,
        { title: 't', assigneePersonId: s.users.support!.personId, dueOn: '2026-12-01' },
        409,
      ],
      // History is never edited: no route changes or removes a concern, an amendment, a note or a step.
      ['PATCH', `/api/concerns/${ids.plain}`, { account: 'rewritten' }, 404],
      ['PUT', `/api/concerns/${ids.plain}`, { account: 'rewritten' }, 404],
      ['DELETE', `/api/concerns/${ids.plain}`, undefined, 404],
      ['DELETE', `/api/concerns/attachments/${ids.file}`, undefined, 404],
      ['PATCH', `/api/concerns/${ids.plain}/amendments`, { text: 'x' }, 404],
      [
        'POST',
        `/api/concerns/${ids.plain}/amendments`,
        { field: 'account', text: '', reason: 'wipe it' },
        400,
      ],
      [
        'POST',
        `/api/concerns/${ids.plain}/amendments`,
        { field: 'location', text: 'Playground, by the climbing frame', reason: 'same' },
        400,
      ],
      ['POST', `/api/concerns/${ids.closed}/steps`, { stepId: ids.step, status: 'done' }, 409],
    ];
    let notes = 0;
    for (const [method, url, body, status] of bad) {
      const r = await u('dsl').request(method, url, body);
      expect(r.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${r.body}`).toBe(status);
      if (status === 201) notes++;
      else expect(typeof r.json().error?.message, url).toBe('string');
    }
    // A step already recorded cannot be recorded again.
    expect(
      (await u('dsl').post(`/api/concerns/${ids.plain}/steps`, { stepId: ids.step, status: 'done' }))
        .statusCode,
    ).toBe(200);
    const again = await u('dsl').post(`/api/concerns/${ids.plain}/steps`, {
      stepId: ids.step,
      status: 'not_applicable',
      reason: 'changed my mind',
    });
    expect(again.statusCode).toBe(409);
    const after = JSON.parse(await snapshot()) as unknown[][];
    const was = JSON.parse(before) as unknown[][];
    // Only the one note and the one step changed.
    expect(after[TABLES.indexOf('concern_notes')]!.length).toBe(
      was[TABLES.indexOf('concern_notes')]!.length + notes,
    );
    for (const t of [
      'concerns',
      'concern_amendments',
      'concern_attachments',
      'concern_actions',
      'concern_status_events',
    ])
      expect(JSON.stringify(after[TABLES.indexOf(t)]), t).toBe(JSON.stringify(was[TABLES.indexOf(t)]));
  });
});
