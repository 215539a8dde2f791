import type { Role } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Caller } from '../../http/caller.js';
import { rolesIn } from '../auth/sessions.js';
import { addAction } from './work.js';
import { openConcern, updateStep } from './steps.js';
import { recordConcern } from './record.js';

/**
 * A few fictional concerns for the demo school (`harbour demo`), made through the same service functions the API
 * uses, so the DSL's dashboard, alerts and a chronology have something to show. No name from the seed policies.
 */
export async function seedDemoConcerns(
  ctx: AppContext,
  schoolId: string,
  accounts: Record<string, { accountId: string; personId: string }>,
): Promise<number> {
  const as = async (username: string): Promise<Caller | null> => {
    const a = accounts[username];
    if (!a) return null;
    const roles: Role[] = await rolesIn(ctx.db, a.accountId, schoolId);
    return {
      ctx,
      ip: null,
      scopes: ['own'],
      actor: {
        sessionId: 'demo-seed',
        accountId: a.accountId,
        username,
        schoolId,
        roles,
        personId: a.personId,
        state: 'active',
        csrfToken: '',
        idleMinutes: 5,
        totpEnrolled: true,
      },
    };
  };
  const pupils = await ctx.db
    .selectFrom('people')
    .select(['id', 'year_group'])
    .where('school_id', '=', schoolId)
    .where('kind', '=', 'pupil')
    .where('year_group', 'in', ['3', '5', '6'])
    .orderBy('mis_id')
    .limit(6)
    .execute();
  const teacher = await as('teacher');
  const office = await as('office');
  const dsl = await as('dsl');
  if (!teacher || !office || !dsl || pupils.length < 3) return 0;
  const p = pupils.map((x) => x.id);
  const bullying = await recordConcern(teacher, {
    category: 'cyberbullying',
    pupils: [{ personId: p[0]!, subject: true }, { personId: p[1]! }],
    occurredAt: '2026-11-16T15:20:00Z',
    location: 'Cloakroom, end of the day',
    account:
      'She said: "they made a group without me and keep posting pictures of my bag with mean words on it".',
    immediateAction: 'Listened, told her she did the right thing, took her straight to the DSL.',
    dslToldInPerson: true,
  });
  await recordConcern(office, {
    category: 'filtering_breach',
    pupils: [{ personId: p[2]!, subject: true }],
    occurredAt: '2026-11-18T10:05:00Z',
    location: 'ICT suite',
    account: 'A Year 3 pupil came to the office upset: a game site showed an advert with frightening images.',
    immediateAction: 'Closed the laptop lid, noted the web address, told the class teacher.',
    dslToldInPerson: false,
  });
  await recordConcern(teacher, {
    category: 'social_media',
    subtype: 'under_13',
    pupils: [{ personId: p[3] ?? p[0]!, subject: true }],
    occurredAt: '2026-11-19T09:00:00Z',
    account: 'He told the class he has his own account on a video app and posts videos of himself dancing.',
    dslToldInPerson: false,
  });
  const dslTeam: Caller = { ...dsl, scopes: ['school'] };
  const id = bullying.concern.id;
  await openConcern(dslTeam, id);
  const step = await ctx.db
    .selectFrom('concern_steps')
    .select('id')
    .where('concern_id', '=', id)
    .where('step_key', '=', 'evidence')
    .executeTakeFirst();
  if (step)
    await updateStep(dslTeam, id, {
      stepId: step.id,
      status: 'done',
      note: 'Screenshots kept by her parent; copy seen.',
    });
  await addAction(dslTeam, id, {
    title: 'Check in with her each morning this week',
    assigneePersonId: accounts.teacher!.personId,
    dueOn: '2026-11-23',
  });
  return 3;
}
