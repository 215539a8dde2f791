import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compliancePages, POLL } from './compliance-support.js';
import { expectPageChecks, startHarbour, type Harbour } from './harness.js';

/**
 * Issue 5's registers in the browser, beyond the "Done when" walk (compliance.e2e.test.ts): training certificates,
 * editing a school device, phone confiscations and the police hand-over, and the consents CSV import.
 */
describe('compliance registers in the browser', () => {
  let h: Harbour;
  const { as, nameOf, responsibleParents } = compliancePages(() => h);

  beforeAll(async () => {
    h = await startHarbour({ pupilsPerYear: 2 });
  });
  afterAll(() => h.close());

  it('a training certificate is uploaded, checked for its type, and opened only by its owner and the leads', async () => {
    const head = await as('head');
    await head.goto('/training');
    await head.getByLabel('Title').fill('Safeguarding refresher');
    await head.getByLabel('Kind').selectOption('safeguarding');
    await head.getByRole('button', { name: 'Add the course' }).click();
    await head.getByText('Course added.').waitFor();
    await head
      .getByLabel('Course')
      .selectOption({ label: 'Safeguarding refresher (Safeguarding (including online safety))' });
    await head.getByLabel('Date').fill('2026-11-02');
    await head.getByRole('button', { name: 'Record the session' }).click();
    await head.getByText(/^Recorded the session for \d+ members of staff\.$/).waitFor();

    const teacherName = await nameOf(h.accounts.teacher!.personId);
    const record = head.getByLabel('Record to attach it to');
    await expect
      .poll(() => record.locator('option').allTextContents(), POLL)
      .toContainEqual(expect.stringContaining(teacherName));
    const option = (await record.locator('option').allTextContents()).find((o) => o.startsWith(teacherName))!;
    const file = head.getByLabel('Certificate file');

    // A text file is refused before it is sent; a "PDF" that is not one is refused by the server.
    await record.selectOption({ label: option });
    await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await head.getByRole('button', { name: 'Upload the certificate' }).click();
    await head.getByRole('alert').filter({ hasText: 'must be a PDF, PNG or JPEG' }).waitFor();
    await file.setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('hello') });
    await head.getByRole('button', { name: 'Upload the certificate' }).click();
    await head.getByRole('alert').filter({ hasText: 'not the type it says it is' }).waitFor();

    const pdf = Buffer.from('%PDF-1.4\n% a fictional certificate\n%%EOF\n');
    await file.setInputFiles({ name: 'refresher.pdf', mimeType: 'application/pdf', buffer: pdf });
    await head.getByRole('button', { name: 'Upload the certificate' }).click();
    await head.getByText('Certificate uploaded.').waitFor();
    const download = head.getByRole('link', { name: `Download the certificate of ${teacherName}` });
    await expect.poll(() => download.count(), POLL).toBe(1);
    await expectPageChecks(head, 'training with certificates');
    const href = (await download.getAttribute('href'))!;
    const got = await head.request.get(href);
    expect(got.status()).toBe(200);
    expect(got.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await got.body()).equals(pdf)).toBe(true);

    // The teacher sees their own records only, with the download, and no upload form.
    const teacher = await as('teacher');
    await teacher.goto('/training');
    const mine = teacher.getByRole('table', { name: 'Training records and certificates' });
    await expect.poll(() => mine.textContent(), POLL).toContain(teacherName);
    await expect.poll(() => mine.getByRole('row').count(), POLL).toBe(2);
    expect(await teacher.getByRole('button', { name: 'Upload the certificate' }).count()).toBe(0);
    expect((await teacher.request.get(href)).status()).toBe(200);
    await expectPageChecks(teacher, 'own training');

    // Another member of staff cannot open it.
    const office = await as('office');
    expect((await office.request.get(href)).status()).toBe(404);
  });

  it('a device is edited by keyboard: assigned, encrypted and checked, and flagged again when taken off site unencrypted', async () => {
    const head = await as('head');
    await head.goto('/devices');
    const add = head.getByRole('form', { name: 'Add a device' });
    await add.getByLabel('Asset tag').fill('HB-0100');
    await add.getByLabel('Taken off site').check();
    await add.getByRole('button', { name: 'Add the device' }).click();
    await head.getByText('Device HB-0100 added.').waitFor();
    const table = head.getByRole('table', { name: 'School devices' });
    const row = table.getByRole('row').filter({ hasText: 'HB-0100' });
    await expect.poll(() => row.textContent(), POLL).toContain('Off site without encryption');

    // Open the edit with the keyboard: focus lands on the form's heading.
    await head.getByRole('button', { name: 'Edit HB-0100' }).focus();
    await head.keyboard.press('Enter');
    const edit = head.getByRole('form', { name: 'Edit HB-0100' });
    await edit.waitFor();
    await expect
      .poll(() => head.evaluate(() => document.activeElement?.textContent), POLL)
      .toBe('Edit HB-0100');
    const teacherName = await nameOf(h.accounts.teacher!.personId);
    await edit.getByLabel('Assigned to').selectOption({ label: teacherName });
    await edit.getByLabel('Encrypted').check();
    await edit.getByLabel('Anti-virus checked on').fill(new Date().toISOString().slice(0, 10));
    await edit.getByLabel('Serial number').fill('SN-FICTIONAL-1');
    await expectPageChecks(head, 'device edit');
    await edit.getByRole('button', { name: 'Save HB-0100' }).click();
    await head.getByText('Device HB-0100 saved.').waitFor();
    await expect.poll(() => row.textContent(), POLL).toContain(teacherName);
    await expect.poll(() => row.textContent(), POLL).not.toContain('Off site without encryption');
    await expect.poll(() => row.textContent(), POLL).not.toContain('Anti-virus out of date');

    // The form keeps what was saved; taking the encryption off flags the device again.
    expect(await edit.getByLabel('Assigned to').inputValue()).toBe(h.accounts.teacher!.personId);
    await edit.getByLabel('Encrypted').uncheck();
    await edit.getByRole('button', { name: 'Save HB-0100' }).click();
    await expect.poll(() => row.textContent(), POLL).toContain('Off site without encryption');
    const saved = await h.ctx.db
      .selectFrom('school_devices')
      .select(['assignee_person_id', 'encrypted', 'serial'])
      .where('asset_tag', '=', 'HB-0100')
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({
      assignee_person_id: h.accounts.teacher!.personId,
      encrypted: 0,
      serial: 'SN-FICTIONAL-1',
    });

    // Closing returns focus to the row's Edit button.
    await edit.getByRole('button', { name: 'Close' }).click();
    await expect
      .poll(() => head.evaluate(() => document.activeElement?.getAttribute('aria-label')), POLL)
      .toBe('Edit HB-0100');
  });

  it('a confiscated phone is released to a parent, and another handed to the police', async () => {
    const link = (await responsibleParents('6'))[0]!;
    const pupil = await nameOf(link.pupilId);
    const parent = link.parent;
    const teacher = await as('teacher');
    await teacher.goto('/phones');
    const record = async (page: typeof teacher, reason: string) => {
      const form = page.getByRole('form', { name: 'Record a confiscation' });
      await form.getByLabel('Search by name').fill(pupil);
      await form.getByRole('button', { name: 'Find pupils' }).click();
      await form.getByRole('button', { name: `Add ${pupil}` }).click();
      await form.getByLabel('Why it was taken').fill(reason);
      await form.getByLabel('Where it is held').fill('Office safe');
      await form.getByRole('button', { name: 'Record the confiscation' }).click();
      await form.getByText('Confiscation recorded.').waitFor();
    };
    await record(teacher, 'Used in a lesson to film classmates');
    const table = teacher.getByRole('table', { name: 'Confiscated phones' });
    await expect.poll(() => table.textContent(), POLL).toContain('Held: Office safe');
    // A teacher may not record a hand-over to the police.
    expect(await teacher.getByRole('button', { name: /to the police$/ }).count()).toBe(0);

    // Release by keyboard: focus lands on the release form.
    await teacher.getByRole('button', { name: `Release ${pupil}’s Mobile phone` }).focus();
    await teacher.keyboard.press('Enter');
    const release = teacher.getByRole('form', { name: `Release ${pupil}’s Mobile phone` });
    await release.waitFor();
    await expect
      .poll(() => teacher.evaluate(() => document.activeElement?.textContent), POLL)
      .toBe(`Release ${pupil}’s Mobile phone`);
    await expect
      .poll(() => release.locator('option').allTextContents(), POLL)
      .toContainEqual(expect.stringContaining(parent));
    await expectPageChecks(teacher, 'phones with a release form');
    const option = (await release.locator('option').allTextContents()).find((o) => o.startsWith(parent))!;
    await release.getByLabel('Released to').selectOption({ label: option });
    await release.getByRole('button', { name: 'Record the release' }).click();
    await teacher.getByText(`${pupil}’s Mobile phone is released.`).waitFor();
    await teacher.getByText('No phone is held.').waitFor();
    await teacher.getByLabel('Show released and handed over too').check();
    await expect.poll(() => table.textContent(), POLL).toContain(`Released to ${parent} on`);

    // The DSL records a second confiscation and the hand-over to the police.
    const dsl = await as('dsl');
    await dsl.goto('/phones');
    await record(dsl, 'Images that may be evidence of an offence');
    await dsl.getByRole('button', { name: `Hand ${pupil}’s Mobile phone to the police` }).click();
    const police = dsl.getByRole('form', { name: `Hand ${pupil}’s Mobile phone to the police` });
    await police.getByLabel('Police reference').fill('CAD-1234/26');
    await police.getByLabel('Officer').fill('PC Fictional 0001');
    await expectPageChecks(dsl, 'phones with a police form');
    await police.getByRole('button', { name: 'Record the hand-over' }).click();
    await dsl.getByText(`${pupil}’s Mobile phone is recorded as handed to the police.`).waitFor();
    await dsl.getByLabel('Show released and handed over too').check();
    await expect
      .poll(() => dsl.getByRole('table', { name: 'Confiscated phones' }).textContent(), POLL)
      .toContain('(reference CAD-1234/26)');
    const rows = await h.ctx.db
      .selectFrom('phone_confiscations')
      .select(['status', 'released_to_parent_id', 'police_reference', 'held_where'])
      .where('pupil_id', '=', link.pupilId)
      .orderBy('confiscated_at')
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['released', 'police']);
    expect(rows[1]!.police_reference).toBe('CAD-1234/26');
  });

  it('consents are imported from a CSV file: the preview lists each row and its problems, and a clean file is imported', async () => {
    const links = (await responsibleParents('2')).filter((l) => l.email);
    const [a, b] = [links[0]!, links.find((l) => l.pupilId !== links[0]!.pupilId)!];
    const good = [
      'UPN,Parent email,Channel,Decision,Date',
      `${a.upn},${a.email},all,yes,01/09/2026`,
      `${b.upn},${b.email},website,yes,2026-09-01`,
      `${b.upn},${b.email},press,no,2026-09-02`,
    ].join('\n');
    const bad = `${good}\nZ000000000000,${a.email},billboard,maybe,2026-09-01\n`;
    const count = async () => (await h.ctx.db.selectFrom('image_consents').select('id').execute()).length;
    const before = await count();

    const head = await as('head');
    await head.goto('/consents');
    await head.getByRole('link', { name: 'Import consents from a CSV file' }).click();
    await head.getByRole('heading', { name: 'Import image consents' }).waitFor();
    const file = head.getByLabel('CSV file');
    await file.setInputFiles({ name: 'consents.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await head.getByRole('button', { name: 'Check the file' }).click();
    const rows = head.getByRole('table', { name: 'Rows in the file' });
    const line5 = rows.getByRole('row').filter({ hasText: /^5/ });
    await expect.poll(() => line5.textContent(), POLL).toContain('no pupil in this school has that UPN');
    await expect.poll(() => line5.textContent(), POLL).toContain('channel must be');
    await head.getByText(/1 rows have problems/).waitFor();
    expect(await head.getByRole('button', { name: /^Import \d+ consent entries$/ }).count()).toBe(0);
    await expectPageChecks(head, 'consents import with errors');
    expect(await count()).toBe(before);

    await file.setInputFiles({ name: 'consents.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await head.getByRole('button', { name: 'Check the file' }).click();
    await head.getByText('No problems found. Nothing has been written yet.').waitFor();
    await expect
      .poll(() => rows.getByRole('row').filter({ hasText: /^2/ }).textContent(), POLL)
      .toContain(await nameOf(a.pupilId));
    await expect.poll(() => rows.getByRole('row').count(), POLL).toBe(4);
    await head.getByRole('button', { name: 'Import 6 consent entries' }).click();
    await head.getByText(/^Imported 6 consent entries; [1-9]\d* withdrawal notices sent/).waitFor();
    expect(await count()).toBe(before + 6);
    const check = (await (await head.request.get(`/api/consents/check?pupilIds=${b.pupilId}`)).json()) as {
      pupils: { answers: { channel: string; allowed: boolean }[] }[];
    };
    const answers = Object.fromEntries(check.pupils[0]!.answers.map((x) => [x.channel, x.allowed]));
    expect(answers).toMatchObject({ website: true, press: false });
  });

  it('a withdrawal is flagged to the staff who publish and its notice opens the pupil’s consents', async () => {
    // The import above withdrew a Year 2 pupil's consent for the local press; the head is told in the app.
    const notice = await h.ctx.db
      .selectFrom('outbox')
      .select(['link'])
      .where('recipient_account_id', '=', h.accounts.head!.accountId)
      .where('subject', 'like', 'Image consent withdrawn%')
      .executeTakeFirstOrThrow();
    const pupilId = notice.link!.split('/').at(-1)!;
    const pupil = await nameOf(pupilId);
    const head = await as('head');
    await head.goto('/consents');
    const recent = head.getByRole('table', { name: /^Consents withdrawn in the last 30 days/ });
    await expect.poll(() => recent.textContent(), POLL).toContain(`${pupil}`);
    await expect.poll(() => recent.textContent(), POLL).toContain('Local press');
    await expectPageChecks(head, 'consents with recent withdrawals');
    await recent.getByRole('link', { name: pupil }).click();
    await head.waitForURL(`**${notice.link!}`);
    const panel = head.getByRole('group', { name: new RegExp(pupil) });
    await panel.getByText(/^Local press: No \(Consent withdrawn/).waitFor();
    await panel.getByRole('button', { name: `Record the decision for ${pupil}` }).waitFor();
    await expectPageChecks(head, 'a pupil’s consents');

    // A teacher may read it there but records nothing.
    const teacher = await as('teacher');
    await teacher.goto(notice.link!);
    const mine = teacher.getByRole('group', { name: new RegExp(pupil) });
    await mine.getByText(/^Local press: No/).waitFor();
    expect(await mine.getByRole('button').count()).toBe(0);
  });

  it('the online-safety lead reminds everyone who has not signed the staff agreement', async () => {
    const lead = await as('oslead');
    await lead.goto('/aup');
    await lead
      .getByRole('button', { name: 'Draft a new version for Staff, governors and volunteers' })
      .click();
    await lead.getByText('Drafted a new version for Staff, governors and volunteers.').waitFor();
    await lead.getByRole('button', { name: 'Publish version 1 for Staff, governors and volunteers' }).click();
    await lead.getByText(/Published version 1 for Staff/).waitFor();
    const reminders = async () =>
      (
        await h.ctx.db
          .selectFrom('outbox')
          .select('id')
          .where('subject', 'like', 'Reminder: an acceptable-use agreement%')
          .execute()
      ).length;
    const before = await reminders();
    await lead.getByRole('button', { name: 'Remind everyone who has not signed' }).click();
    await lead.getByText(/^Reminder sent to everyone who has not signed: Staff/).waitFor();
    await expect.poll(reminders, POLL).toBeGreaterThan(before);
    await expectPageChecks(lead, 'AUP reminders');
  });

  it('the head sets what the policy names, and a new version is written from it', async () => {
    const head = await as('head');
    await head.goto('/policy');
    await head.getByRole('link', { name: 'What the policy names: the school’s settings' }).click();
    const contacts = head.getByRole('form', { name: 'Designated safeguarding leads and the governor lead' });
    const dslName = await nameOf(h.accounts.dsl!.personId);
    const deputyName = await nameOf(h.accounts.deputy!.personId);
    await contacts
      .getByRole('group', { name: 'Designated safeguarding leads', exact: true })
      .getByLabel(dslName)
      .check();
    await contacts.getByRole('group', { name: 'Deputies' }).getByLabel(deputyName).check();
    await contacts.getByRole('button', { name: /^Save/ }).click();
    await contacts.getByText('Saved: Designated safeguarding leads and the governor lead.').waitFor();
    const providers = head.getByRole('form', { name: 'Filtering, monitoring and technical support' });
    await providers.getByLabel('Filtering provider').fill('Fictional Broadband Filter Ltd');
    await providers.getByRole('button', { name: /^Save/ }).click();
    await providers.getByText('Saved: Filtering, monitoring and technical support.').waitFor();
    const platform = head.getByRole('form', { name: 'Learning platform' });
    await platform.getByLabel('Name (blank: the school has none)').fill('Harbourside Learning');
    await platform.getByRole('button', { name: /^Save/ }).click();
    await platform.getByText('Saved: Learning platform.').waitFor();
    // Saved twice in a row: the second save uses the version the first made.
    await platform.getByLabel('Its web address').fill('https://learning.example');
    await platform.getByRole('button', { name: /^Save/ }).click();
    await expect
      .poll(
        async () =>
          (
            await h.ctx.db
              .selectFrom('settings')
              .select('version')
              .where('key', '=', 'online_safety.learning_platform')
              .executeTakeFirst()
          )?.version,
        POLL,
      )
      .toBe(2);
    await expectPageChecks(head, 'policy settings');

    await head.goto('/policy');
    await head.getByRole('button', { name: 'Prepare a new version from the school’s settings' }).click();
    await head.getByRole('heading', { name: /^Online-safety policy, version \d+$/ }).waitFor();
    const id = head.url().split('/').at(-1)!;
    const { html } = (await (await head.request.get(`/api/policy/versions/${id}`)).json()) as {
      html: string;
    };
    for (const text of [dslName, deputyName, 'Fictional Broadband Filter Ltd', 'Harbourside Learning'])
      expect(html).toContain(text);

    // The online-safety lead reads the settings but cannot change them.
    const lead = await as('oslead');
    await lead.goto('/policy/settings');
    await lead.getByRole('form', { name: 'Learning platform' }).waitFor();
    await expect
      .poll(() => lead.getByLabel('Its web address').inputValue(), POLL)
      .toBe('https://learning.example');
    expect(await lead.getByLabel('Its web address').isDisabled()).toBe(true);
    expect(await lead.getByRole('button', { name: /^Save/ }).count()).toBe(0);
    // A governor reads them too, without the people register.
    const governor = await as('governor');
    await governor.goto('/policy/settings');
    const platform2 = governor.getByRole('form', { name: 'Learning platform' });
    await expect
      .poll(() => platform2.getByLabel('Its web address').inputValue(), POLL)
      .toBe('https://learning.example');
    expect(await governor.getByRole('alert').count()).toBe(0);
  });
});
