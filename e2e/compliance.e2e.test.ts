import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newId } from '../apps/server/src/lib/ids.js';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.js';
import { updateSetting } from '../apps/server/src/modules/settings/service.js';
import { pdfText } from '../apps/server/src/test/pdf-text.js';
import { compliancePages, POLL } from './compliance-support.js';
import { DEMO_PASSWORD, expectPageChecks, startHarbour, type Harbour } from './harness.js';

/**
 * Issue 5's "Done when" in the browser: a teacher signs the new staff AUP and leaves the not-signed list; the office
 * records phones handed in and one not collected; a parent withdraws image consent and the publish check says no;
 * a risk assessment is approved; the head and chair approve a policy version whose PDF names the DSLs; the
 * dashboard's figures match the records; the governor report PDF names no pupil.
 */
describe('compliance in the browser', () => {
  let h: Harbour;
  const { as, nameOf } = compliancePages(() => h);
  const row = (page: Page, key: string) => page.locator(`tr[data-key="${key}"]`);

  beforeAll(async () => {
    h = await startHarbour({ pupilsPerYear: 2 });
  });
  afterAll(() => h.close());

  it('a teacher signs the new staff AUP and drops off the not-signed list', async () => {
    const lead = await as('oslead');
    await lead.goto('/aup');
    await lead.getByRole('heading', { name: 'Acceptable use agreements' }).waitFor();
    await lead
      .getByRole('button', { name: 'Draft a new version for Staff, governors and volunteers' })
      .click();
    await lead.getByText('Drafted a new version for Staff, governors and volunteers.').waitFor();
    await expectPageChecks(lead, 'AUP documents with a draft');
    await lead.getByRole('button', { name: 'Publish version 1 for Staff, governors and volunteers' }).click();
    await lead.getByText(/Published version 1 for Staff/).waitFor();

    const teacherName = await nameOf(h.accounts.teacher!.personId);
    const notSigned = lead.getByRole('table', { name: 'Not signed' });
    await expect.poll(() => notSigned.textContent(), POLL).toContain(teacherName);

    const teacher = await as('teacher', 'page');
    await teacher.goto('/aup');
    const sign = teacher.getByRole('button', { name: /^I agree: sign / });
    await sign.waitFor();
    await expectPageChecks(teacher, 'AUP to sign');
    await sign.click();
    await teacher.getByText(/^Signed: /).waitFor();
    await teacher.getByText(/^Signed \d/).waitFor();

    await lead.reload();
    await lead.getByRole('table', { name: 'Not signed' }).waitFor();
    await expect
      .poll(() => lead.getByRole('table', { name: 'Not signed' }).textContent(), POLL)
      .not.toContain(teacherName);
    await expectPageChecks(lead, 'not-signed list');

    // A paper signature, recorded by the lead, takes the deputy off the list too.
    const deputyName = await nameOf(h.accounts.deputy!.personId);
    await lead.getByLabel('Person').selectOption({ label: deputyName });
    await lead.getByLabel('Signed on paper').check();
    await lead.getByLabel('Date').fill(new Date().toISOString().slice(0, 10));
    await lead.getByRole('button', { name: 'Record it' }).click();
    await lead.getByText(`Paper signature recorded for ${deputyName}.`).waitFor();
    await expect
      .poll(() => lead.getByRole('table', { name: 'Not signed' }).textContent(), POLL)
      .not.toContain(deputyName);
  });

  it('the office records phones handed in and one not collected', async () => {
    const office = await as('office', 'page');
    await office.goto('/phones');
    await office.getByRole('heading', { name: 'Phone register' }).waitFor();
    const select = office.getByLabel('Pupil handing in a phone');
    const options = await select.locator('option:not([disabled])').allTextContents();
    expect(options.length).toBeGreaterThanOrEqual(2);
    for (const o of options.slice(0, 2)) {
      await select.selectOption({ label: o });
      await office.getByRole('button', { name: 'Record the phone handed in' }).click();
      await office.getByText(/phone is handed in\.$/).waitFor();
    }
    const today = office.getByRole('table', { name: 'Handed in today' });
    await expect.poll(() => today.getByRole('row').count(), POLL).toBe(3);
    const first = options[0]!.replace(/ \(.*\)$/, '');
    const second = options[1]!.replace(/ \(.*\)$/, '');
    await today.getByRole('button', { name: `Collected for ${first}` }).click();
    await office.getByText(`${first}’s phone is collected.`).waitFor();
    const waiting = office.getByRole('table', { name: 'Not collected' });
    await expect.poll(() => waiting.textContent(), POLL).toContain(second);
    await expect.poll(() => waiting.textContent(), POLL).not.toContain(first);
    await expectPageChecks(office, 'phone register');
    const rows = await h.ctx.db.selectFrom('phone_handins').select(['collected_at']).execute();
    expect(rows.filter((r) => r.collected_at === null)).toHaveLength(1);
  });

  it('a parent withdraws image consent and the publish check says no', async () => {
    // A parent of a Year 3 pupil, with an account of their own.
    const link = await h.ctx.db
      .selectFrom('parent_links')
      .innerJoin('people as pupil', 'pupil.id', 'parent_links.pupil_id')
      .select([
        'parent_links.parent_id',
        'pupil.id as pupil_id',
        'pupil.class_name',
        'pupil.given_name',
        'pupil.family_name',
      ])
      .where('pupil.year_group', '=', '3')
      .where('parent_links.parental_responsibility', '=', 1)
      .orderBy('pupil.id')
      .executeTakeFirstOrThrow();
    const pupil = `${link.given_name} ${link.family_name}`;
    const accountId = newId();
    const now = new Date().toISOString();
    await h.ctx.db
      .insertInto('accounts')
      .values({
        id: accountId,
        username: 'carer',
        password_hash: await hashPassword(DEMO_PASSWORD),
        password_changed_at: now,
        totp_secret_enc: null,
        totp_pending_secret_enc: null,
        totp_enrolled_at: null,
        recovery_codes: null,
        disabled_at: null,
        disabled_reason: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await h.ctx.db
      .updateTable('people')
      .set({ account_id: accountId })
      .where('id', '=', link.parent_id)
      .execute();
    await h.ctx.db
      .insertInto('role_assignments')
      .values({
        id: newId(),
        account_id: accountId,
        school_id: h.schoolId,
        organisation_id: null,
        role: 'parent',
        granted_at: now,
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();

    // The office records the consent form the parent returned: the website is allowed.
    const office = await as('office', 'page');
    await office.goto('/consents');
    await office.getByLabel('Class').fill(link.class_name!);
    await office.getByLabel('Where').selectOption('website');
    await office.getByRole('button', { name: 'Check' }).click();
    const check = office.getByRole('table', { name: 'May each pupil be published?' });
    const pupilRow = check.getByRole('row').filter({ hasText: pupil });
    await expect.poll(() => pupilRow.textContent(), POLL).toContain('No (No consent recorded)');
    await office.getByRole('button', { name: `${pupil}: record a decision` }).click();
    const panel = office.getByRole('group', { name: new RegExp(pupil) });
    await panel.getByLabel('School website').check();
    await panel.getByLabel('Give consent').check();
    await panel.getByLabel('Parent or carer who decided').selectOption({ index: 1 });
    await panel.getByRole('button', { name: `Record the decision for ${pupil}` }).click();
    await office.getByText(`Consent given for ${pupil}: School website.`).waitFor();
    await office.getByRole('button', { name: 'Check' }).click();
    await expect
      .poll(() => check.getByRole('row').filter({ hasText: pupil }).textContent(), POLL)
      .toMatch(/YesYes$/);
    await expectPageChecks(office, 'publish check');

    const parent = await as('carer', 'page');
    await parent.goto('/consents');
    const mine = parent.getByRole('group', { name: new RegExp(pupil) });
    await mine.getByText('School website: Yes').waitFor();
    await expectPageChecks(parent, 'parent consents');
    await mine.getByLabel('School website').check();
    await mine.getByLabel('Withdraw consent').check();
    await mine.getByRole('button', { name: `Record the decision for ${pupil}` }).click();
    await parent.getByText(`Consent withdrawn for ${pupil}: School website.`).waitFor();
    await mine.getByText('School website: No').waitFor();

    await office.getByRole('button', { name: 'Check' }).click();
    await expect
      .poll(() => check.getByRole('row').filter({ hasText: pupil }).textContent(), POLL)
      .toContain('No (Consent withdrawn)');
  });

  it('a risk assessment for a new app is approved by the head', async () => {
    const teacher = await as('teacher');
    await teacher.goto('/risk');
    await teacher.getByLabel('Name of the app or tool').fill('Spellbound Quiz');
    await teacher.getByLabel('What it is for').fill('Weekly spelling practice in Year 4');
    await teacher.getByLabel('Risks', { exact: true }).fill('Pupils could meet adverts');
    await teacher.getByLabel('Mitigations').fill('The school licence has no adverts');
    await expectPageChecks(teacher, 'risk assessments');
    await teacher.getByRole('button', { name: 'Save the assessment' }).click();
    await teacher.getByRole('heading', { name: 'Risk assessment: Spellbound Quiz' }).waitFor();
    await teacher.getByRole('button', { name: 'Submit for a decision' }).click();
    await teacher.getByText('Submitted for a decision.').waitFor();
    const url = teacher.url();

    const head = await as('head');
    await head.goto(url);
    await head.getByRole('heading', { name: 'Leadership decision' }).waitFor();
    await expectPageChecks(head, 'risk decision');
    await head.getByLabel('Approve').check();
    await head.getByLabel('Reasons').fill('No personal data; useful for spelling');
    await head.getByRole('button', { name: 'Record the decision' }).click();
    await head.getByText('Approved: the tool may now be used.').waitFor();
    await head.getByText('Approved: in use').waitFor();
  });

  it('the headteacher and the chair approve a new policy version, and its PDF names the DSLs', async () => {
    const dsls = [h.accounts.head!.personId, h.accounts.dsl!.personId];
    await updateSetting(h.ctx, {
      schoolId: h.schoolId,
      actorAccountId: h.accounts.head!.accountId,
      ip: null,
      key: 'safeguarding.contacts',
      value: {
        dslPersonIds: dsls,
        deputyPersonIds: [h.accounts.deputy!.personId],
        governorLeadPersonId: null,
      },
      expectedVersion: 0,
    });
    const lead = await as('oslead');
    await lead.goto('/policy');
    await lead.getByRole('button', { name: 'Prepare a new version from the school’s settings' }).click();
    await lead.getByRole('heading', { name: 'Online-safety policy, version 1' }).waitFor();
    const url = lead.url();
    const head = await as('head');
    await head.goto(url);
    await expectPageChecks(head, 'policy version');
    await head.getByRole('button', { name: 'Approve as headteacher' }).click();
    await head.getByText('Your approval as headteacher is recorded.').waitFor();
    const chair = await as('chair');
    await chair.goto(url);
    await chair.getByRole('button', { name: 'Approve as chair of governors' }).click();
    await chair.getByText('Approved by both: this version is now published.').waitFor();
    await chair.getByText('Published', { exact: true }).waitFor();

    const href = await head.getByRole('link', { name: 'Download version 1 as a PDF' }).getAttribute('href');
    const pdf = await head.request.get(href!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = await pdfText(await pdf.body());
    for (const id of dsls) expect(text).toContain(await nameOf(id));
    await head.goto('/policy');
    await head.getByText(/Version 1 is published/).waitFor();
    await expectPageChecks(head, 'policy overview');
  });

  it('training is recorded for the whole staff, and access is given only to those who signed the AUP', async () => {
    const head = await as('head');
    await head.goto('/training');
    await head.getByRole('heading', { name: 'Staff training' }).waitFor();
    await head.getByLabel('Title').fill('Online safety update');
    await head.getByRole('button', { name: 'Add the course' }).click();
    await head.getByText('Course added.').waitFor();
    await head.getByLabel('Course').selectOption({ label: 'Online safety update (Online safety)' });
    await head.getByLabel('Date').fill('2026-11-20');
    await head.getByRole('button', { name: 'Record the session' }).click();
    await head.getByText(/^Recorded the session for \d+ members of staff\.$/).waitFor();
    const summary = await head.getByText(/ current \(/).textContent();
    const [, current, total] = /^(\d+) of (\d+) current/.exec(summary ?? '') ?? [];
    expect(current).toBe(total);
    await expectPageChecks(head, 'training');

    await head.goto('/access');
    await head.getByRole('heading', { name: 'Record access given' }).waitFor();
    const teacherName = await nameOf(h.accounts.teacher!.personId);
    const person = head.getByLabel('Person');
    await person.selectOption({ label: `${teacherName} (staff)` });
    await head.getByLabel('System').selectOption('email');
    await head.getByRole('button', { name: 'Record the access' }).click();
    await head.getByText('Access recorded.').waitFor();
    await expect
      .poll(() => head.getByRole('table', { name: 'Access to school systems' }).textContent(), POLL)
      .toContain(teacherName);
    const unsignedName = await nameOf(h.accounts.support!.personId);
    await person.selectOption({ label: `${unsignedName} (staff)` });
    await head.getByRole('button', { name: 'Record the access' }).click();
    await head
      .getByRole('alert')
      .filter({ hasText: /agreement/i })
      .waitFor();
    await expectPageChecks(head, 'access register');
  });

  it('a laptop taken off site without encryption is flagged', async () => {
    const head = await as('head');
    await head.goto('/devices');
    await head.getByLabel('Asset tag').fill('HB-0042');
    await head.getByLabel('Taken off site').check();
    await head.getByRole('button', { name: 'Add the device' }).click();
    await head.getByText('Device HB-0042 added.').waitFor();
    await expect
      .poll(() => head.getByRole('table', { name: 'School devices' }).textContent(), POLL)
      .toContain('Off site without encryption');
    await expectPageChecks(head, 'devices');
  });

  it('the dashboard’s figures match the records', async () => {
    const lead = await as('oslead');
    await lead.goto('/compliance');
    await lead.getByRole('heading', { name: 'Compliance dashboard' }).waitFor();
    const unsigned = (await (await lead.request.get('/api/aup/unsigned?audience=staff')).json()) as {
      audiences: { signed: number; total: number }[];
    };
    const { signed, total } = unsigned.audiences[0]!;
    expect(signed).toBe(2);
    await expect
      .poll(() => row(lead, 'aup_staff').textContent(), POLL)
      .toContain(`${Math.floor((signed * 100) / total)}% signed (${signed} of ${total})`);
    const policy = (await (await lead.request.get('/api/policy')).json()) as {
      current: { daysUntilReview: number };
    };
    await expect
      .poll(() => row(lead, 'policy_review').textContent(), POLL)
      .toContain(`Review due in ${policy.current.daysUntilReview} days`);
    await expect
      .poll(() => row(lead, 'risk_reviews').textContent(), POLL)
      .toContain('0 awaiting a decision; 1 in use');
    await expect
      .poll(() => row(lead, 'training_current').textContent(), POLL)
      .toMatch(/100% current \((\d+) of \1\)/);
    await expect
      .poll(() => row(lead, 'filtering_unapproved').textContent(), POLL)
      .toContain('0 changes without approval');
    await expectPageChecks(lead, 'dashboard');
    await lead.getByRole('link', { name: 'DfE and UKSIC checklists' }).click();
    await lead.getByRole('heading', { name: 'DfE filtering and monitoring standards' }).waitFor();
    await expectPageChecks(lead, 'checklists');
  });

  it('the self-review: an aspect rated beside its evidence, and an action with an owner and a date', async () => {
    const lead = await as('oslead');
    await lead.goto('/compliance/reviews');
    await lead.getByLabel('Title of the new review').fill('Autumn review');
    await lead.getByRole('button', { name: 'Start a self-review' }).click();
    await lead.getByRole('heading', { name: 'Autumn review' }).waitFor();
    const aspect = lead.getByRole('group', { name: 'Filtering', exact: true });
    await expect.poll(() => aspect.textContent(), POLL).toContain('0 changes without approval');
    await aspect.getByLabel(/^2: Established/).check();
    await aspect.getByLabel('Commentary').fill('Changes are approved; self-tests run each month');
    await aspect.getByRole('button', { name: 'Save rating for Filtering' }).click();
    await lead.getByText('Rating saved: Filtering').waitFor();
    await lead.getByLabel('Action', { exact: true }).fill('Test the guest Wi-Fi filter each term');
    await lead.getByLabel('Aspect').selectOption({ label: 'Filtering' });
    await lead.getByLabel('Owner').selectOption({ index: 1 });
    await lead.getByLabel('Due by').fill('2027-03-31');
    await lead.getByRole('button', { name: 'Add the action' }).click();
    await lead.getByText('Action added to the plan.').waitFor();
    await expect
      .poll(() => lead.getByRole('table', { name: 'Actions' }).textContent(), POLL)
      .toContain('Test the guest Wi-Fi filter each term');
    await expectPageChecks(lead, 'self-review');
    await lead.goto('/compliance/reviews');
    await lead.getByRole('link', { name: 'Autumn review' }).waitFor();
    await expectPageChecks(lead, 'self-review history');
  });

  it('the governor report PDF renders with no pupil names', async () => {
    const governor = await as('governor', 'page');
    await governor.goto('/compliance/governor-report');
    const link = governor.getByRole('link', { name: /Download the report as a PDF/ });
    await link.waitFor();
    await expectPageChecks(governor, 'governor report');
    const pdf = await governor.request.get((await link.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    const text = await pdfText(await pdf.body());
    expect(text).toContain('online safety report to governors');
    expect(text).toContain('Compliance status');
    const pupils = await h.ctx.db
      .selectFrom('people')
      .select(['given_name', 'family_name'])
      .where('kind', '=', 'pupil')
      .execute();
    expect(pupils.length).toBeGreaterThan(10);
    for (const p of pupils) {
      expect(text).not.toContain(`${p.given_name} ${p.family_name}`);
      expect(text).not.toContain(p.family_name);
    }
  });
});
