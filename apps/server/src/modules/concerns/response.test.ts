import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFor, startTestEnv, TestClock, type TestEnv } from '../../test/harness.js';
import { concernSchool, cyberbullying, PNG_1PX, type ConcernSchool } from './test-support.js';

interface Step {
  id: string;
  key: string;
  status: string;
  referralKind: string | null;
  overdue: boolean;
}

describe('responding to a concern: playbook, referrals, parents, sanctions, closing (issue 3)', () => {
  let env: TestEnv;
  let s: ConcernSchool;
  const clock = new TestClock(new Date('2026-11-20T18:00:00Z'));
  const u = (k: string) => s.users[k]!.client;
  beforeAll(async () => {
    env = await startTestEnv({ clock });
    s = await concernSchool(env);
  });
  afterAll(() => env.close());
  const view = async (k: string, id: string) => (await u(k).get(`/api/concerns/${id}`)).json().concern;

  it('walks a cyberbullying concern from the screenshot to closing with lessons learnt', async () => {
    const id = (
      await u('teacher').post(
        '/api/concerns',
        cyberbullying(s.pupils[0]!, {
          pupils: [{ personId: s.pupils[0]!, subject: true }, { personId: s.pupils[1]! }],
        }),
      )
    ).json().concern.id as string;
    expect(
      (
        await u('teacher').post(`/api/concerns/${id}/attachments`, {
          filename: 'chat.png',
          contentType: 'image/png',
          dataBase64: PNG_1PX.toString('base64'),
        })
      ).statusCode,
    ).toBe(201);
    // Nothing can be worked before the concern is opened; a teacher cannot open it.
    expect((await u('teacher').post(`/api/concerns/${id}/open`, {})).statusCode).toBe(403);
    expect(
      (await u('dsl').post(`/api/concerns/${id}/close`, { outcome: 'o', lessonsLearnt: 'l' })).statusCode,
    ).toBe(409);
    const opened = await u('dsl').post(`/api/concerns/${id}/open`, {});
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ status: 'open', playbook: 'cyberbullying' });
    expect((await u('dsl').post(`/api/concerns/${id}/open`, {})).statusCode).toBe(409);

    let c = await view('dsl', id);
    const steps = c.steps as Step[];
    expect(steps.map((x) => x.key)).toEqual([
      'record',
      'evidence',
      'identify',
      'advice',
      'sanctions',
      'inform_parents',
      'inform_police',
      'support',
      'review',
    ]);
    expect(steps.find((x) => x.key === 'record')!.status).toBe('done');
    // A step marked not applicable needs its reason; a referral step's becomes a decision not to refer.
    const advice = steps.find((x) => x.key === 'advice')!;
    expect(
      (await u('dsl').post(`/api/concerns/${id}/steps`, { stepId: advice.id, status: 'not_applicable' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await u('dsl').post(`/api/concerns/${id}/steps`, {
          stepId: advice.id,
          status: 'not_applicable',
          reason: 'Clearly not a crime; handled under anti-bullying',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await u('dsl').post(`/api/concerns/${id}/steps`, { stepId: advice.id, status: 'done' })).statusCode,
    ).toBe(409);

    // The police, with their reference and a reply due; the matching step is done by it.
    const agencies = (await u('dsl').get('/api/concern-agencies')).json().agencies as {
      id: string;
      kind: string;
      name: string;
      phone: string | null;
    }[];
    expect(
      agencies
        .filter((a) => a.kind === 'police')
        .map((a) => a.phone)
        .sort(),
    ).toEqual(['101', '999']);
    const lado = agencies.find((a) => a.kind === 'lado')!;
    expect(lado.phone).toBeNull();
    const police = agencies.find((a) => a.kind === 'police' && a.phone === '101')!;
    const ref = await u('dsl').post(`/api/concerns/${id}/referrals`, {
      agencyId: police.id,
      referredAt: '2026-11-20T16:30:00Z',
      reference: 'REF-26-0042',
      responseDueOn: '2026-11-27',
    });
    expect(ref.statusCode, ref.body).toBe(201);
    // Parents informed (one pupil) and why not (the other); a sanction from the policy's list.
    expect(
      (
        await u('dsl').post(`/api/concerns/${id}/parents`, {
          pupilId: s.pupils[0],
          informed: true,
          method: 'phone',
          at: '2026-11-20T17:00:00Z',
          note: 'Spoke to her mother',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await u('dsl').post(`/api/concerns/${id}/parents`, {
          pupilId: s.pupils[1],
          informed: false,
          reason: 'Waiting for police advice first',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await u('dsl').post(`/api/concerns/${id}/parents`, {
          pupilId: s.pupils[2],
          informed: false,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await u('dsl').post(`/api/concerns/${id}/sanctions`, {
          pupilId: s.pupils[1],
          sanction: 'internet_suspended',
          fromOn: '2026-11-21',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await u('dsl').post(`/api/concerns/${id}/sanctions`, {
          pupilId: s.pupils[1],
          sanction: 'internet_suspended',
          fromOn: '2026-11-21',
          untilOn: '2026-11-28',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await u('dsl').post(`/api/concerns/${id}/sanctions`, {
          pupilId: s.pupils[1],
          sanction: 'remove_material',
          fromOn: '2026-11-21',
          detail: 'Deleted the posts in front of the DSL',
        })
      ).statusCode,
    ).toBe(201);
    // An action for another teacher, who sees only that action.
    const act = await u('dsl').post(`/api/concerns/${id}/actions`, {
      title: 'Check in with the pupil each morning this week',
      assigneePersonId: s.users.teacher2!.personId,
      dueOn: '2026-11-23',
    });
    expect(act.statusCode, act.body).toBe(201);
    const mine = (await u('teacher2').get('/api/concerns/actions/mine')).json().actions;
    expect(mine).toEqual([
      expect.objectContaining({
        concernId: id,
        title: 'Check in with the pupil each morning this week',
        overdue: false,
      }),
    ]);
    expect((await u('teacher2').get(`/api/concerns/${id}`)).statusCode).toBe(404);
    expect((await u('teacher').post(`/api/concerns/actions/${act.json().id}/done`, {})).statusCode).toBe(403);

    // Closing needs every step settled, the outcome and the lessons learnt.
    expect((await u('dsl').post(`/api/concerns/${id}/close`, { outcome: 'Resolved' })).statusCode).toBe(400);
    const early = await u('dsl').post(`/api/concerns/${id}/close`, {
      outcome: 'Resolved',
      lessonsLearnt: 'Talk about group chats in PSHE',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details.map((d: { step: string }) => d.step)).toContain('evidence');
    c = await view('dsl', id);
    for (const st of (c.steps as Step[]).filter((x) => x.status === 'pending'))
      expect(
        (
          await u('dsl').post(`/api/concerns/${id}/steps`, {
            stepId: st.id,
            status: 'done',
            note: `done: ${st.key}`,
          })
        ).statusCode,
      ).toBe(200);
    expect(
      (
        await u('teacher2').post(`/api/concerns/actions/${act.json().id}/done`, {
          note: 'All week, she is happier',
        })
      ).statusCode,
    ).toBe(200);
    const closed = await u('dsl').post(`/api/concerns/${id}/close`, {
      outcome: 'Messages removed; sanctions applied; pupil supported',
      lessonsLearnt: 'Talk about group chats in PSHE',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(
      (
        await u('dsl').post(`/api/concerns/${id}/sanctions`, {
          pupilId: s.pupils[1],
          sanction: 'police',
          fromOn: '2026-11-21',
        })
      ).statusCode,
    ).toBe(409);

    c = await view('dsl', id);
    expect(c.status).toBe('closed');
    expect(c.lessonsLearnt).toBe('Talk about group chats in PSHE');
    expect(
      c.referrals.map((r: { decision: string; reference: string | null }) => [r.decision, r.reference]),
    ).toEqual([
      ['referred', 'REF-26-0042'],
      ['not_referred', null],
    ]);
    expect(c.parentsInformed).toHaveLength(2);
    expect(c.sanctions.map((x: { sanction: string }) => x.sanction).sort()).toEqual([
      'internet_suspended',
      'remove_material',
    ]);
    expect(c.actions[0].doneNote).toBe('All week, she is happier');
    // The reporter sees the status, not the outcome, the playbook or the referrals (clarification 7).
    const r = await view('teacher', id);
    expect(r.status).toBe('closed');
    for (const k of ['outcome', 'lessonsLearnt', 'steps', 'referrals', 'sanctions', 'parentsInformed'])
      expect(r[k], k).toBeUndefined();

    // Reopening: a DSL only, with a reason; the first closing stays on record.
    expect((await u('head').post(`/api/concerns/${id}/reopen`, { reason: 'New messages' })).statusCode).toBe(
      403,
    );
    expect((await u('dsl').post(`/api/concerns/${id}/reopen`, {})).statusCode).toBe(400);
    expect(
      (await u('deputy').post(`/api/concerns/${id}/reopen`, { reason: 'New messages since the weekend' }))
        .statusCode,
    ).toBe(200);
    c = await view('dsl', id);
    expect(c.status).toBe('open');
    expect(c.statusHistory.map((e: { to: string }) => e.to)).toEqual(['new', 'open', 'closed', 'open']);
    expect(c.statusHistory[2].lessonsLearnt).toBe('Talk about group chats in PSHE');
    expect(c.statusHistory[3].reason).toBe('New messages since the weekend');
  });

  it('flags overdue steps, actions and unanswered referrals', async () => {
    const id = (
      await u('teacher').post('/api/concerns', {
        ...cyberbullying(s.pupils[2]!),
        category: 'online_sexual_abuse',
        dslToldInPerson: false,
      })
    ).json().concern.id;
    await u('dsl').post(`/api/concerns/${id}/open`, {});
    const police = (
      (await u('dsl').get('/api/concern-agencies')).json().agencies as { id: string; kind: string }[]
    ).find((a) => a.kind === 'police')!;
    const ref = (
      await u('dsl').post(`/api/concerns/${id}/referrals`, {
        agencyId: police.id,
        referredAt: '2026-11-20T16:10:00Z',
        responseDueOn: '2026-11-22',
      })
    ).json().id;
    await u('dsl').post(`/api/concerns/${id}/actions`, {
      title: 'Speak to the class teacher',
      assigneePersonId: s.users.teacher!.personId,
      dueOn: '2026-11-21',
    });
    let c = await view('dsl', id);
    expect(c.steps.find((x: Step) => x.key === 'notify_dsl').status).toBe('pending');
    expect(c.steps.find((x: Step) => x.key === 'inform_police').status).toBe('done');
    expect(c.actions[0].overdue).toBe(false);
    clock.t = new Date('2026-11-24T09:00:00Z');
    // Sessions made days ago have expired: sign everyone in again.
    for (const k of Object.keys(s.users))
      s.users[k]!.client = await sessionFor(env, s.users[k]!.accountId, s.schoolId);
    c = await view('dsl', id);
    expect(c.steps.find((x: Step) => x.key === 'notify_dsl').overdue).toBe(true);
    expect(c.actions[0].overdue).toBe(true);
    expect(c.referrals[0].overdue).toBe(true);
    // The reporter with an action sees it on their own report.
    expect((await view('teacher', id)).actions).toEqual([
      expect.objectContaining({ title: 'Speak to the class teacher', overdue: true }),
    ]);
    expect(
      (
        await u('dsl').post(`/api/concerns/${id}/referrals/response`, {
          referralId: ref,
          response: 'Officer will visit on Friday',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await u('dsl').post(`/api/concerns/${id}/referrals/response`, { referralId: ref, response: 'again' }))
        .statusCode,
    ).toBe(400);
    c = await view('dsl', id);
    expect(c.referrals[0]).toMatchObject({ overdue: false, response: 'Officer will visit on Friday' });
  });

  it('keeps the directory per school, editable by the DSL team, and moves a new concern to a better category', async () => {
    const add = await u('dsl').post('/api/concern-agencies', {
      kind: 'lado',
      name: 'LADO (our local authority)',
      phone: '01234 567890',
    });
    expect(add.statusCode, add.body).toBe(201);
    expect((await u('teacher').post('/api/concern-agencies', { kind: 'lado', name: 'x' })).statusCode).toBe(
      403,
    );
    const patched = await u('head').patch(`/api/concern-agencies/${add.json().id}`, {
      notes: 'Ask for the duty officer',
    });
    expect(patched.statusCode).toBe(200);
    const list = (await u('deputy').get('/api/concern-agencies')).json().agencies as {
      id: string;
      notes: string | null;
    }[];
    expect(list.find((a) => a.id === add.json().id)!.notes).toBe('Ask for the duty officer');

    await u('pupil').post('/api/worries', { message: 'a boy in year 6 keeps sending me rude pictures' });
    const worry = (
      (await u('dsl').get('/api/concerns?status=new&limit=200')).json().concerns as {
        id: string;
        source: string;
      }[]
    ).find((x) => x.source === 'pupil')!;
    expect(
      (
        await u('dsl').post(`/api/concerns/${worry.id}/category`, {
          category: 'staff_allegation',
          reason: 'r',
        })
      ).statusCode,
    ).toBe(400);
    const moved = await u('dsl').post(`/api/concerns/${worry.id}/category`, {
      category: 'youth_sexual_imagery',
      reason: 'The pupil describes images being sent',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const c = await view('dsl', worry.id);
    expect(c.category).toBe('youth_sexual_imagery');
    expect(c.amendments[0]).toMatchObject({
      field: 'category',
      previous: 'other',
      text: 'youth_sexual_imagery',
    });
    await u('dsl').post(`/api/concerns/${worry.id}/open`, {});
    expect((await view('dsl', worry.id)).steps[3].key).toBe('do_not_view');
    expect(
      (await u('dsl').post(`/api/concerns/${worry.id}/category`, { category: 'other', reason: 'r' }))
        .statusCode,
    ).toBe(409);
  });
});
