import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Caller } from '../apps/server/src/http/caller.js';
import { rolesIn } from '../apps/server/src/modules/auth/sessions.js';
import { recordConcern } from '../apps/server/src/modules/concerns/record.js';
import { createOrganisation } from '../apps/server/src/modules/schools/service.js';
import { grantOrganisationRole } from '../apps/server/src/test/roles.js';
import { expectPageChecks, signInAs, startHarbour, type Harbour } from './harness.js';

// Text can change just after an action: poll it (up to 10 s on a loaded machine) rather than read it once.
const POLL = { timeout: 10_000 };

/**
 * Triage in Chromium (issue 3): the DSL moves a new concern to a better category, the earlier one kept as an
 * amendment; the headteacher names the DSL who may see an allegation about a member of staff, who then sees it,
 * while a DSL not named meets it as a concern that does not exist; the DSL reviews closed concerns past their
 * retention date, keeping one longer and disposing of another (a tombstone stays); the local authority's officer
 * keeps an agency entry the school's directory then shows.
 */
describe('triage of concerns in the browser', () => {
  let h: Harbour;
  const as = async (username: string): Promise<Caller> => {
    const a = h.accounts[username]!;
    return {
      ctx: h.ctx,
      ip: null,
      scopes: ['own'],
      actor: {
        sessionId: 'e2e',
        accountId: a.accountId,
        username,
        schoolId: h.schoolId,
        roles: await rolesIn(h.ctx.db, a.accountId, h.schoolId),
        personId: a.personId,
        state: 'active',
        csrfToken: '',
        idleMinutes: 5,
        totpEnrolled: true,
      },
    };
  };
  const signedIn = async (username: string): Promise<Page> => {
    const context = await h.newContext();
    await signInAs(h, context, username);
    return context.newPage();
  };

  beforeAll(async () => {
    h = await startHarbour();
  });
  afterAll(() => h.close());

  it('moves a new concern to a better category, keeping the earlier one, until it is opened', async () => {
    const pupil = await h.ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', h.schoolId)
      .where('kind', '=', 'pupil')
      .where('year_group', '=', '4')
      .executeTakeFirstOrThrow();
    const { concern } = await recordConcern(await as('teacher'), {
      category: 'other',
      pupils: [{ personId: pupil.id, subject: true }],
      occurredAt: '2026-11-30T12:00:00Z',
      account: 'He said older pupils keep posting about him in the class chat',
      dslToldInPerson: false,
    });
    const dsl = await signedIn('dsl');
    await dsl.goto(`/concerns/${concern.id}`);
    await dsl.getByRole('heading', { name: 'Concern: Other online-safety concern' }).waitFor();
    await expectPageChecks(dsl, 'a new concern, with the category form');
    await dsl.getByLabel('Category', { exact: true }).selectOption('cyberbullying');
    await dsl.getByLabel('Why it belongs there').fill('Messages in a group chat: this is cyberbullying');
    await dsl.getByRole('button', { name: 'Change the category' }).click();
    await expect
      .poll(() => dsl.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('Concern: Cyberbullying');
    const amendments = dsl
      .getByRole('heading', { name: 'Amendments' })
      .locator('xpath=following-sibling::ol[1]');
    await expect.poll(() => amendments.textContent(), POLL).toContain('Was: Other online-safety concern');
    const history = (await amendments.textContent())!;
    expect(history).toContain('Now: Cyberbullying');
    expect(history).toContain('Messages in a group chat');
    await expect.poll(() => dsl.locator('p.ok').first().textContent(), POLL).toContain('Category changed');
    // Once opened, its playbook follows the category: the form goes away (and the API refuses, 409).
    await dsl.getByRole('button', { name: 'Open the concern' }).click();
    await dsl.getByRole('heading', { name: 'Playbook' }).waitFor();
    await expect.poll(() => dsl.getByRole('button', { name: 'Change the category' }).count(), POLL).toBe(0);
    const refused = await dsl.evaluate(async (id) => {
      const s = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/concerns/${id}/category`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken },
        body: JSON.stringify({ category: 'other', reason: 'back again' }),
      });
      return res.status;
    }, concern.id);
    expect(refused).toBe(409);
  });

  it('lets the head name the DSL who sees an allegation about staff; a DSL not named does not', async () => {
    const subject = h.accounts.support!;
    const { concern } = await recordConcern(await as('teacher'), {
      category: 'staff_allegation',
      pupils: [],
      staffSubjectPersonId: subject.personId,
      occurredAt: '2026-11-30T09:00:00Z',
      account: 'A pupil showed me messages a member of staff sent to her on a personal account',
      dslToldInPerson: false,
    });
    const url = `/concerns/${concern.id}`;
    const dsl = await signedIn('dsl');
    const deputy = await signedIn('deputy');
    // Before anyone is named, only the head holds it.
    for (const page of [dsl, deputy]) {
      await page.goto(url);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL)
        .toBe('No such concern');
    }
    const head = await signedIn('head');
    await head.goto(url);
    await head.getByRole('heading', { name: 'Who may see this record' }).waitFor();
    await head
      .getByLabel('Let a designated safeguarding lead see it')
      .selectOption({ label: 'Sam Brightwater' });
    await head.getByRole('button', { name: 'Name them' }).click();
    const named = head.getByRole('list', { name: 'Named to see this record' });
    await expect.poll(() => named.textContent(), POLL).toContain('Sam Brightwater');
    await expectPageChecks(head, 'a restricted concern with a named DSL');

    // The named DSL sees it (and who is named); the deputy, not named, still meets a concern that does not exist.
    await dsl.goto(url);
    await expect
      .poll(() => dsl.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('Concern: Allegation about a member of staff’s online conduct (restricted record)');
    await expect
      .poll(() => dsl.getByRole('list', { name: 'Named to see this record' }).textContent(), POLL)
      .toContain('Sam Brightwater');
    expect(await dsl.getByRole('button', { name: 'Name them' }).count()).toBe(0);
    await deputy.goto(url);
    await expect
      .poll(() => deputy.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('No such concern');
    // The person it is about never meets it.
    const asSubject = await signedIn('support');
    await asSubject.goto(url);
    await expect
      .poll(() => asSubject.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('No such concern');

    // Removing the DSL takes it away again.
    await head.getByRole('button', { name: 'Remove Sam Brightwater' }).click();
    await expect.poll(() => head.getByText('No one is named yet.').count(), POLL).toBe(1);
    await dsl.reload();
    await expect
      .poll(() => dsl.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('No such concern');
  });

  it('reviews closed concerns past their retention date: keeps one, disposes of another', async () => {
    const old = async (account: string) => {
      const { concern } = await recordConcern(await as('teacher'), {
        category: 'other',
        pupils: [],
        adult: { description: 'A visitor to the school' },
        occurredAt: '2026-11-30T12:00:00Z',
        account,
        dslToldInPerson: false,
      });
      // Recorded and closed long ago: 25 years on, it is due for review.
      await h.ctx.db
        .updateTable('concerns')
        .set({
          status: 'closed',
          closed_at: '1999-03-01T10:00:00.000Z',
          recorded_at: '1999-02-01T10:00:00.000Z',
        })
        .where('id', '=', concern.id)
        .execute();
      return concern.id;
    };
    const keep = await old('Filmed pupils at the gate');
    const dispose = await old('Asked pupils for their usernames');
    const dsl = await signedIn('dsl');
    await dsl.goto('/concerns/dashboard');
    await dsl.getByRole('link', { name: 'Retention review' }).click();
    await dsl.getByRole('heading', { name: 'Retention review', level: 1 }).waitFor();
    const due = dsl.getByRole('list', { name: 'Due for review' });
    await expect.poll(() => due.getByRole('listitem').count(), POLL).toBe(2);
    await expectPageChecks(dsl, 'retention review');
    const forms = dsl.getByRole('form', { name: /^Decision on/ });
    const first = forms.nth(0);
    await first.getByLabel('Keep until (when keeping it)').fill('2031-09-01');
    await first.getByLabel('Reason').fill('A related case is still open with the police');
    await first.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => due.getByRole('listitem').count(), POLL).toBe(1);
    const second = forms.nth(0);
    await second.getByLabel('Dispose of it').check();
    await second.getByLabel('Reason').fill('Past the retention period, nothing outstanding');
    await second.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => dsl.getByText('No concern is due for review.').count(), POLL).toBe(1);
    await expect
      .poll(() => dsl.getByRole('list', { name: 'Disposed of' }).textContent(), POLL)
      .toContain('Past the retention period, nothing outstanding');
    const rows = await h.ctx.db
      .selectFrom('concerns')
      .select(['id', 'retain_until', 'tombstoned_at'])
      .where('id', 'in', [keep, dispose])
      .execute();
    const kept = rows.find((r) => r.retain_until)!;
    const gone = rows.find((r) => r.tombstoned_at)!;
    expect(kept.retain_until).toBe('2031-09-01');
    // The disposed record answers like one that does not exist; its row stays as a tombstone.
    await dsl.goto(`/concerns/${gone.id}`);
    await expect
      .poll(() => dsl.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('No such concern');
    await dsl.goto(`/concerns/${kept.id}`);
    await expect
      .poll(() => dsl.getByRole('heading', { level: 1 }).textContent(), POLL)
      .toBe('Concern: Other online-safety concern');
  });

  it('lets the local authority keep an agency entry its schools inherit', async () => {
    const org = await createOrganisation(h.ctx, { name: 'Harbourside Council', kind: 'local_authority' });
    await h.ctx.db
      .updateTable('schools')
      .set({ organisation_id: org })
      .where('id', '=', h.schoolId)
      .execute();
    await grantOrganisationRole(h.ctx.db, h.accounts.oslead!.accountId, org, 'trust_officer');
    const officer = await signedIn('oslead');
    await officer.goto('/concerns');
    await officer.getByRole('link', { name: 'Local authority agencies' }).click();
    await officer.getByRole('heading', { name: 'Local authority agency entries', level: 1 }).waitFor();
    await officer.getByLabel('Kind').selectOption('lado');
    await officer.getByLabel('Name of the service').fill('LADO (Harbourside Council)');
    await officer.getByLabel('Phone').fill('01632 960123');
    await officer.getByRole('button', { name: 'Add the agency' }).click();
    await expect
      .poll(() => officer.getByRole('region', { name: 'Agencies' }).textContent(), POLL)
      .toContain('LADO (Harbourside Council)');
    await expectPageChecks(officer, 'local authority agency entries');

    const dsl = await signedIn('dsl');
    await dsl.goto('/concerns/agencies');
    const table = dsl.getByRole('region', { name: 'Agencies' });
    await expect.poll(() => table.textContent(), POLL).toContain('LADO (Harbourside Council)');
    const row = table.getByRole('row', { name: /LADO \(Harbourside Council\)/ });
    expect(await row.textContent()).toContain('From your local authority');
    expect(await row.textContent()).toContain('01632 960123');
  });
});
