import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeUpn } from '@harbour/shared';
import { expectPageChecks, signIn, signInAs, startHarbour, type Harbour } from './harness.js';

// Text can change just after an action: poll it (up to 10 s on a loaded machine) rather than read it once.
const POLL = { timeout: 10_000 };

/**
 * The people register in the browser (issue 2, sections 7, 8 and 10): import with preview, search, view,
 * edit with inline errors, leavers, and a leaver's session ending at once.
 */
describe('people register in the browser', () => {
  let h: Harbour;
  let admin: Page;
  let dir: string;
  beforeAll(async () => {
    h = await startHarbour();
    const context = await h.newContext();
    await signInAs(h, context, 'admin');
    admin = await context.newPage();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-e2e-csv-'));
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const UPNS = ['801999000001', '801999000002', '801999000003'].map((n) => makeUpn(n));
  const csv = (thirdYear: string) =>
    [
      'UPN,Adno,Legal Surname,Legal Forename,Year,Reg Group,DOB',
      `${UPNS[0]},E9001,Quillfeather,Ada,Year 3,Rowan,14/02/2018`,
      `${UPNS[1]},E9002,Quillfeather,Bram,Reception,Saplings,03/09/2021`,
      `${UPNS[2]},E9003,Quillfeather,Cass,${thirdYear},Oak,21/06/2015`,
    ].join('\r\n');
  const importedCount = async () =>
    (await h.ctx.db.selectFrom('people').select('id').where('upn', 'in', UPNS).execute()).length;

  it('shows a bad row’s error and writes nothing; once the file is fixed, imports it; finds the pupils', async () => {
    const file = path.join(dir, 'pupils.csv');
    fs.writeFileSync(file, csv('Year 9'));
    await admin.goto('/people/import');
    await admin.getByRole('heading', { name: 'Import people' }).waitFor();
    await expectPageChecks(admin, 'import');
    await admin.getByLabel('CSV file').setInputFiles(file);
    await admin.getByRole('button', { name: 'Check the file' }).click();
    const errors = admin.getByRole('table', { name: 'Rows with errors' });
    await errors.waitFor();
    expect(await errors.getByRole('row').count()).toBe(2); // header + the one bad row
    await expect
      .poll(() => errors.textContent(), POLL)
      .toMatch(/4.*Cass Quillfeather.*"Year 9" is not a primary year group/);
    await expect(admin.getByText('Nothing has been imported').isVisible()).resolves.toBe(true);
    expect(await admin.getByRole('button', { name: /^Import \d/ }).count()).toBe(0);
    await expectPageChecks(admin, 'import preview with errors');
    expect(await importedCount()).toBe(0);

    fs.writeFileSync(file, csv('Year 6'));
    await admin.getByLabel('CSV file').setInputFiles(file);
    await admin.getByRole('button', { name: 'Check the file' }).click();
    await admin.getByText('No problems found').waitFor();
    expect(await importedCount()).toBe(0);
    await admin.getByRole('button', { name: 'Import 3 pupils' }).click();
    await admin.getByText('3 added, 0 updated, 0 unchanged.').waitFor();
    await expectPageChecks(admin, 'import result');
    expect(await importedCount()).toBe(3);

    await admin.getByRole('link', { name: 'People', exact: true }).click();
    await admin.getByLabel('Name').fill('quillfeather');
    await admin.getByRole('button', { name: 'Search' }).click();
    await admin.getByText('3 people found').waitFor();
    const results = admin.getByRole('table');
    for (const name of ['Quillfeather, Ada', 'Quillfeather, Bram', 'Quillfeather, Cass'])
      expect(await results.getByRole('link', { name }).count()).toBe(1);
    await expect.poll(() => results.textContent(), POLL).toContain('Reception (EYFS)');
    await expectPageChecks(admin, 'people search');

    await admin.getByLabel('Key stage').selectOption('KS2');
    await admin.getByRole('button', { name: 'Search' }).click();
    await admin.getByText('2 people found').waitFor();
  });

  it('views a pupil, shows the API’s validation messages beside the field, then saves', async () => {
    await admin.goto('/people?q=quillfeather&year=3');
    await admin.getByRole('link', { name: 'Quillfeather, Ada' }).click();
    await admin.getByRole('heading', { name: 'Ada Quillfeather' }).waitFor();
    await expect
      .poll(() => admin.locator('.details').textContent(), POLL)
      .toMatch(/Year 3 \(KS2\).*Rowan.*14 Feb 2018/);
    // The administrator is not on the safeguarding team: no vulnerability flags.
    expect(await admin.getByRole('heading', { name: 'Vulnerability' }).count()).toBe(0);
    await expectPageChecks(admin, 'person');

    await admin.getByRole('link', { name: 'Edit details' }).click();
    const upn = admin.getByLabel('UPN');
    await upn.fill('X12');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    const summary = admin.getByRole('alert');
    await summary.waitFor();
    await expect
      .poll(() => summary.textContent(), POLL)
      .toMatch(/There is a problem.*Upn: a UPN is a capital letter/);
    expect(await upn.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await upn.getAttribute('aria-describedby')) ?? '';
    await expect
      .poll(() => admin.locator(`#${describedBy.split(' ').pop()!}`).textContent(), POLL)
      .toMatch(/capital letter/);
    await admin.locator('.error-summary:focus').waitFor(); // focus moved to the summary
    await expectPageChecks(admin, 'edit person with errors');

    await upn.fill(UPNS[0]!);
    await admin.getByLabel('Class').fill('Rowan Class');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Changes saved.').waitFor();
    await expect.poll(() => admin.locator('.details').textContent(), POLL).toContain('Rowan Class');
  });

  it('links a parent from the register to a pupil, using only the keyboard', async () => {
    const parent = await h.ctx.db
      .selectFrom('people')
      .select(['given_name', 'family_name'])
      .where('kind', '=', 'parent')
      .orderBy('family_name')
      .executeTakeFirstOrThrow();
    await admin.goto('/people?q=quillfeather&year=R');
    await admin.getByRole('link', { name: 'Quillfeather, Bram' }).click();
    await admin.getByRole('heading', { name: 'Parents and carers' }).waitFor();
    await admin.getByLabel('Find a parent or carer by name').focus();
    await admin.keyboard.type(`${parent.given_name} ${parent.family_name}`);
    await admin.keyboard.press('Enter');
    const relationship = admin.getByLabel(/Relationship/);
    await relationship.waitFor();
    await expectPageChecks(admin, 'person: link a parent');
    await relationship.focus();
    await admin.keyboard.press('Control+A');
    await admin.keyboard.type('Grandparent');
    await admin.keyboard.press('Enter');
    const link = admin.getByRole('link', { name: `${parent.given_name} ${parent.family_name}` });
    await link.waitFor();
    await expect
      .poll(() => admin.locator('ul.links').textContent(), POLL)
      .toContain('(Grandparent), parental responsibility');
  });

  it('adds a person with the keyboard, naming missing fields first', async () => {
    await admin.goto('/people/new');
    await admin.getByRole('heading', { name: 'Add a person' }).waitFor();
    await expectPageChecks(admin, 'add person');
    await admin.getByRole('radio', { name: 'Staff' }).check();
    await admin.getByRole('button', { name: 'Add person' }).click();
    await admin.getByRole('alert').waitFor();
    expect(await admin.getByLabel('Given name').getAttribute('aria-invalid')).toBe('true');
    await admin.getByLabel('Given name').fill('Perrin');
    await admin.getByLabel('Family name').fill('Oakenshaw');
    await admin.getByLabel('Job title').fill('Midday supervisor');
    await admin.getByLabel('Family name').press('Enter');
    await admin.getByRole('heading', { name: 'Perrin Oakenshaw' }).waitFor();
    await expect.poll(() => admin.getByRole('status').textContent(), POLL).toContain('Added to the register');
  });

  it('shows vulnerability flags to the DSL only', async () => {
    const context = await h.newContext();
    await signInAs(h, context, 'dsl');
    const dsl = await context.newPage();
    await dsl.goto('/people?q=quillfeather');
    await dsl.getByRole('link', { name: 'Quillfeather, Bram' }).click();
    await dsl.getByRole('heading', { name: 'Vulnerability' }).waitFor();
    await expect.poll(() => dsl.locator('.details').last().textContent(), POLL).toMatch(/SEND.*Looked after/);
    await context.close();
  });

  it('ends a teacher’s session the moment they are marked as a leaver', async () => {
    const teacherContext = await h.newContext();
    const teacher = await teacherContext.newPage();
    await signIn(teacher, h.accounts.teacher!);
    await teacher.goto('/people');
    await teacher.getByText(/people found/).waitFor();
    // A teacher may search but neither edit nor mark leavers.
    expect(await teacher.getByRole('link', { name: 'Add a person' }).count()).toBe(0);

    await admin.goto('/people?q=marlowe&kind=staff');
    await admin.getByRole('link', { name: 'Marlowe, Quinn' }).click();
    await admin.getByRole('heading', { name: 'Quinn Marlowe' }).waitFor();
    await admin.getByRole('radio', { name: 'Today' }).check();
    await admin.getByRole('button', { name: 'Mark as leaver' }).click();
    await admin.getByText('Quinn Marlowe has left: their access ended now.').waitFor();

    // The teacher's very next action finds the session gone and lands on sign-in.
    await teacher.getByRole('button', { name: 'Search' }).click();
    await teacher.getByRole('heading', { name: 'Sign in to Harbour' }).waitFor();
    await teacher.getByLabel('Username').fill('teacher');
    await teacher.getByLabel('Password').fill(h.accounts.teacher!.password);
    await teacher.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => teacher.getByRole('alert').textContent(), POLL).toMatch(/disabled/);

    await admin.goto('/people/leavers');
    const row = admin.getByRole('row', { name: /Quinn Marlowe/ });
    await row.waitFor();
    await expect.poll(() => row.textContent(), POLL).toMatch(/Staff.*Ended .*teacher/);
    await expectPageChecks(admin, 'leavers report');

    await admin.goto('/people?status=leavers');
    await admin.getByRole('link', { name: 'Marlowe, Quinn' }).waitFor();
    await expectPageChecks(admin, 'people search (leavers)');
    await teacherContext.close();
  });

  it('marks a leaver on a later date: access ends at the end of that day', async () => {
    await admin.goto('/people?q=oakenshaw');
    await admin.getByRole('link', { name: 'Oakenshaw, Perrin' }).click();
    await admin.getByRole('radio', { name: 'On a date' }).check();
    await admin.getByRole('button', { name: 'Mark as leaver' }).click();
    await admin.getByRole('alert').waitFor();
    expect(await admin.getByLabel(/Leave date/).getAttribute('aria-invalid')).toBe('true');
    await admin.getByLabel(/Leave date/).fill('2099-07-23');
    await admin.getByRole('button', { name: 'Mark as leaver' }).click();
    await admin
      .getByText('Perrin Oakenshaw leaves on 23 Jul 2099: their access ends at the end of that day.')
      .waitFor();
    await admin.getByText('Leaving 23 Jul 2099').waitFor();
    const row = await h.ctx.db
      .selectFrom('people')
      .select(['leave_date', 'left_at'])
      .where('family_name', '=', 'Oakenshaw')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ leave_date: '2099-07-23', left_at: '2099-07-23T23:00:00.000Z' }); // midnight, British Summer Time
    await expectPageChecks(admin, 'person leaving later');
  });

  it('shows the administrator’s home page what they can do', async () => {
    await admin.goto('/');
    await admin.getByRole('heading', { name: 'What you can do' }).waitFor();
    for (const link of ['Find people in the register', 'Import people from your MIS', 'Add a person'])
      expect(await admin.getByRole('link', { name: link }).count()).toBe(1);
    await expect
      .poll(() => admin.locator('main').textContent(), POLL)
      .toContain('Import people from an MIS export');
    await expectPageChecks(admin, 'home (admin)');
  });
});
