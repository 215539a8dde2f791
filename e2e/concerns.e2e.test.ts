import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { IMAGERY_REFUSAL } from '@harbour/shared';
import { newId } from '../apps/server/src/lib/ids.js';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.js';
import { sealTotpSecret } from '../apps/server/src/modules/auth/totp.js';
import { sendPendingEmail } from '../apps/server/src/modules/outbox/sender.js';
import { startSmtp } from '../apps/server/src/test/smtp.js';
import { DEMO_PASSWORD, expectPageChecks, signIn, signInAs, startHarbour, type Harbour } from './harness.js';

// Text can change just after an action: poll it (up to 10 s on a loaded machine) rather than read it once.
const POLL = { timeout: 10_000 };

/** A 1x1 PNG: the "screenshot of the messages". */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Issue 3's "Done when" in Chromium: a teacher records a cyberbullying concern with a screenshot; the DSL, signed
 * in with TOTP, is alerted (in the app, and by email through a real SMTP server), works the playbook, refers to
 * the police with a reference, informs parents, records a sanction and closes it with lessons learnt; the pupil's
 * chronology shows it all; another teacher cannot see it; the audit trail shows who viewed it. An indecent-image
 * concern refuses an attachment and records device custody instead.
 */
describe('concerns in the browser', () => {
  let h: Harbour;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let dir: string;
  let victim: { id: string; given: string; family: string; name: string };
  let bully: { id: string; given: string; family: string; name: string };
  let concernId = '';
  let dsl: Page;
  const ACCOUNT = 'Said the group chat called her a freak and told her nobody wants her at the party';

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarbour({
      env: {
        HARBOUR_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        HARBOUR_PUBLIC_URL: 'https://harbour.example',
      },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-e2e-concern-'));
    const pupils = await h.ctx.db
      .selectFrom('people')
      .select(['id', 'given_name', 'family_name'])
      .where('school_id', '=', h.schoolId)
      .where('kind', '=', 'pupil')
      .where('year_group', '=', '5')
      .orderBy('family_name')
      .execute();
    const as = (p: (typeof pupils)[number]) => ({
      id: p.id,
      given: p.given_name,
      family: p.family_name,
      name: `${p.given_name} ${p.family_name}`,
    });
    victim = as(pupils[0]!);
    bully = as(pupils.find((p) => p.family_name !== pupils[0]!.family_name) ?? pupils[1]!);
  });
  afterAll(async () => {
    await h.close();
    await smtp.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function addPupil(page: Page, who: { family: string; name: string }) {
    await page.getByLabel('Search by name').fill(who.family);
    await page.getByRole('button', { name: 'Find pupils' }).click();
    await page
      .getByRole('button', { name: `Add ${who.name}` })
      .first()
      .click();
  }

  it('a teacher records a cyberbullying concern about two pupils with a screenshot, and sees only their part', async () => {
    const page = await h.newPage();
    await signIn(page, h.accounts.teacher!);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Concerns' }).click();
    await page.getByRole('heading', { name: 'My reports' }).waitFor();
    await expectPageChecks(page, 'my reports (empty)');
    await page.getByRole('link', { name: 'Record a concern' }).first().click();
    await page.getByRole('heading', { name: 'Record a concern' }).waitFor();
    await page.getByLabel(/What kind of concern/).selectOption('cyberbullying');
    await addPupil(page, victim);
    await addPupil(page, bully);
    await page.getByLabel(`The concern is about ${victim.name}`).check();
    await page.getByLabel('Where?').fill('Class group chat, at home');
    await page.getByLabel(/What did you see or hear/).fill(ACCOUNT);
    await page
      .getByLabel(/What did you do straight away/)
      .fill('Took a screenshot with her and reassured her');
    const shot = path.join(dir, 'group-chat.png');
    fs.writeFileSync(shot, PNG);
    await page.getByLabel(/^Files/).setInputFiles(shot);
    await expectPageChecks(page, 'record a concern');
    await page.getByRole('button', { name: 'Record the concern' }).click();
    await page.getByRole('heading', { name: 'Concern recorded' }).waitFor();
    await expect
      .poll(() => page.getByRole('status').textContent(), POLL)
      .toMatch(/group-chat\.png is attached/);

    await page.getByRole('link', { name: 'See what you reported' }).click();
    await page.getByRole('heading', { name: 'Concern: Cyberbullying' }).waitFor();
    concernId = new URL(page.url()).pathname.split('/').pop()!;
    const row = await h.ctx.db
      .selectFrom('concerns')
      .select('category')
      .where('id', '=', concernId)
      .executeTakeFirstOrThrow();
    expect(row.category).toBe('cyberbullying');
    await expect.poll(() => page.locator('main').textContent(), POLL).toContain(ACCOUNT);
    await expect(page.getByRole('link', { name: 'group-chat.png' }).isVisible()).resolves.toBe(true);
    // Clarification 7: no playbook, referrals, notes or outcome for the reporter.
    expect(await page.getByRole('heading', { name: 'Playbook' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Who has viewed it' }).count()).toBe(0);
    await expectPageChecks(page, 'reporter’s concern page');
    // An amendment keeps the original text.
    await page.getByLabel('Which part').selectOption('location');
    await page.getByLabel('New text').fill('Class group chat on a games console, at home');
    await page.getByLabel('Why it is amended').fill('She told me it was on the console chat');
    await page.getByRole('button', { name: 'Save the amendment' }).click();
    await page.getByText('The amendment is saved').waitFor();
    await expect
      .poll(() => page.locator('del').first().textContent(), POLL)
      .toBe('Class group chat, at home');
    await expect
      .poll(() => page.locator('ins').first().textContent(), POLL)
      .toBe('Class group chat on a games console, at home');
  });

  it('alerts the DSL team by email with no details, and in the app once the DSL signs in with TOTP', async () => {
    await sendPendingEmail(h.ctx);
    const toDsl = smtp.received.filter((m) => m.to.some((t) => t.startsWith('dsl@')));
    expect(toDsl).toHaveLength(1);
    expect(toDsl[0]!.raw).toContain('Subject: New concern: Cyberbullying');
    expect(toDsl[0]!.raw).toContain(`https://harbour.example/concerns/${concernId}`);
    for (const secret of [victim.family, bully.family, 'freak', 'group chat'])
      expect(toDsl[0]!.raw).not.toContain(secret);

    // The DSL signs in with a password and a code from an authenticator app.
    const secret = authenticator.generateSecret(20);
    const account = h.accounts.dsl!;
    await h.ctx.db
      .updateTable('accounts')
      .set({
        totp_secret_enc: sealTotpSecret(h.ctx, account.accountId, secret),
        totp_enrolled_at: new Date().toISOString(),
      })
      .where('id', '=', account.accountId)
      .execute();
    dsl = await h.newPage();
    await dsl.goto('/concerns/dashboard');
    await dsl.getByLabel('Username').fill('dsl');
    await dsl.getByLabel('Password').fill(DEMO_PASSWORD);
    await dsl.getByRole('button', { name: 'Sign in' }).click();
    await dsl.getByLabel('Code from your authenticator app').fill(authenticator.generate(secret));
    await dsl.getByRole('button', { name: 'Continue' }).click();
    await dsl.getByRole('heading', { name: 'Concerns dashboard' }).waitFor();
    const alerts = dsl.getByRole('list', { name: 'Unread alerts' });
    await expect.poll(() => alerts.textContent(), POLL).toContain('New concern: Cyberbullying');
    await expect
      .poll(() => dsl.getByRole('table', { name: /by category/ }).textContent(), POLL)
      .toMatch(/Cyberbullying\s*10/);
    await expectPageChecks(dsl, 'DSL dashboard');
    await alerts.getByRole('link', { name: 'New concern: Cyberbullying' }).click();
    await dsl.getByRole('heading', { name: 'Concern: Cyberbullying' }).waitFor();
    await expectPageChecks(dsl, 'DSL’s concern page, new');
  });

  it('the DSL works the playbook: police referral with a reference, parents informed, a sanction, closed with lessons learnt', async () => {
    await dsl.getByRole('button', { name: 'Open the concern' }).click();
    await dsl.getByText('Opened: the playbook is below.').waitFor();
    const playbook = dsl.getByRole('region', { name: 'Playbook' });
    await expect.poll(() => playbook.textContent(), POLL).toMatch(/Record every reported incident.*Done/);

    await dsl.getByLabel('Agency', { exact: true }).selectOption({ label: 'Police: non-emergency (101)' });
    await dsl.getByLabel('Their reference').fill('CAD 2207/14');
    await dsl.getByLabel('Reply expected by').fill('2099-01-31');
    await dsl.getByRole('button', { name: 'Record the referral' }).click();
    await dsl.getByText('Referral recorded.').waitFor();
    await expect
      .poll(() => dsl.getByRole('list', { name: 'Referrals' }).textContent(), POLL)
      .toMatch(/Police: non-emergency.*reference CAD 2207\/14/);

    await dsl.getByLabel('Pupil').first().selectOption(victim.id);
    await dsl.getByLabel('How').selectOption('phone');
    await dsl.getByLabel('Note', { exact: true }).fill('Mum will keep an eye on the chat');
    await dsl.getByRole('button', { name: 'Record', exact: true }).click();
    await dsl.getByText('Recorded.', { exact: true }).waitFor();
    await expect(
      dsl.getByRole('list', { name: 'Parents and carers informed' }).textContent(),
    ).resolves.toMatch(new RegExp(`${victim.name}:.*informed By phone`));

    await dsl.locator('#sanction-pupil').selectOption(bully.id);
    await dsl.getByLabel('Sanction', { exact: true }).selectOption('remove_material');
    await dsl.getByLabel('Detail').fill('Deleted the messages in front of the DSL');
    await dsl.getByRole('button', { name: 'Record the sanction' }).click();
    await dsl.getByText('Sanction recorded.').waitFor();
    await expect
      .poll(() => dsl.getByRole('list', { name: 'Sanctions' }).textContent(), POLL)
      .toContain(`${bully.name}: Asked to remove the material`);

    await dsl.getByLabel('What is to be done').fill('Check in with her on Friday');
    await dsl.getByLabel('Who does it').selectOption({ label: 'Quinn Marlowe (Year 2 class teacher)' });
    await dsl.getByRole('button', { name: 'Add the action' }).click();
    await dsl.getByText('Action added.').waitFor();
    await dsl.getByRole('button', { name: /^Mark done\W+Check in with her on Friday$/ }).click();
    await dsl.getByText('Action done.').waitFor();

    // Every remaining step: done with a note, and one not applicable with its reason.
    const pending = dsl.getByRole('form', { name: /^Step \d+$/ });
    for (let left = await pending.count(); left > 0; left = await pending.count()) {
      const form = pending.first();
      const name = (await form.getAttribute('aria-label'))!;
      if (name === 'Step 4') {
        await form.getByLabel('Not applicable', { exact: true }).check();
        await form.getByRole('textbox').fill('The police were contacted directly');
      } else await form.getByRole('textbox').fill('Done by the DSL');
      await form.getByRole('button', { name: /^Save/ }).click();
      await expect.poll(() => pending.count()).toBe(left - 1);
    }
    await expect.poll(() => playbook.textContent(), POLL).toContain('Not applicable');
    await expectPageChecks(dsl, 'DSL’s concern page, playbook worked');

    await dsl.getByLabel('Outcome').fill('Messages removed; the girls are friends again');
    await dsl.getByLabel(/Lessons learnt/).fill('Remind Year 5 about group-chat rules before the holidays');
    await dsl.getByRole('button', { name: 'Close the concern' }).click();
    await dsl.getByText('The concern is closed.').waitFor();
    const history = dsl.getByRole('region', { name: 'Status history' });
    await expect.poll(() => history.textContent(), POLL).toMatch(/Closed.*Lessons learnt: Remind Year 5/);
    await expect(dsl.getByRole('button', { name: 'Reopen the concern' }).isVisible()).resolves.toBe(true);
    await expectPageChecks(dsl, 'DSL’s concern page, closed');
  });

  it('shows it all in the pupil’s chronology, printable, and the sanction in the responsible pupil’s', async () => {
    await dsl.goto(`/people/${victim.id}`);
    await dsl.getByRole('link', { name: 'Concerns chronology' }).click();
    await dsl.getByRole('heading', { name: `Chronology: ${victim.name}` }).waitFor();
    const text = (await dsl.getByRole('list', { name: 'Chronology' }).textContent())!;
    for (const want of [
      ACCOUNT,
      'Opened',
      'Referral',
      'CAD 2207/14',
      'Parents informed',
      'By phone',
      'Action set',
      'Check in with her on Friday',
      'Step not applicable',
      'The police were contacted directly',
      'Closed',
      // Who did what: the reader as "you", other staff by name (the teacher who recorded it).
      'by you',
      'by Quinn Marlowe',
    ])
      expect(text, want).toContain(want);
    expect(text.indexOf(ACCOUNT)).toBeLessThan(text.indexOf('CAD 2207/14'));
    await expect(dsl.getByRole('button', { name: 'Print the chronology' }).isVisible()).resolves.toBe(true);
    const pdfHref = (await dsl.getByRole('link', { name: 'Download as PDF' }).getAttribute('href'))!;
    const pdf = await dsl.evaluate(async (u) => {
      const res = await fetch(u);
      return { type: res.headers.get('content-type'), head: (await res.text()).slice(0, 5) };
    }, pdfHref);
    expect(pdf).toEqual({ type: 'application/pdf', head: '%PDF-' });
    await expectPageChecks(dsl, 'chronology');
    await dsl.emulateMedia({ media: 'print' });
    expect(await dsl.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await dsl.emulateMedia({ media: 'screen' });

    await dsl.goto(`/people/${bully.id}/chronology`);
    await expect
      .poll(() => dsl.getByRole('list', { name: 'Chronology' }).textContent(), POLL)
      .toMatch(/Sanction.*Asked to remove the material/);
  });

  it('another teacher cannot see it: not in their reports, and the page answers like a missing one', async () => {
    const context = await h.newContext();
    await signInAs(h, context, 'oslead');
    const page = await context.newPage();
    await page.goto('/concerns');
    await page.getByRole('heading', { name: 'My reports' }).waitFor();
    await page.getByText('0 concerns', { exact: true }).waitFor();
    await page.goto(`/concerns/${concernId}`);
    await page.getByRole('heading', { name: 'No such concern' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('freak');
    const status = await page.evaluate(async (id) => (await fetch(`/api/concerns/${id}`)).status, concernId);
    expect(status).toBe(404);
    const chron = await page.evaluate(
      async (id) => (await fetch(`/api/people/${id}/chronology`)).status,
      victim.id,
    );
    expect(chron).toBe(403);
  });

  it('the audit trail shows who viewed it, and the trends count it with a CSV export', async () => {
    await dsl.goto(`/concerns/${concernId}`);
    const views = dsl.getByRole('table', { name: /Audit trail entries for this concern/ });
    await views.getByRole('row').nth(1).waitFor();
    const rows = await views.getByRole('row').allTextContents();
    expect(
      rows.some((r) => /teacher.*Recorded it/.test(r)),
      rows.join('\n'),
    ).toBe(true);
    expect(rows.some((r) => /teacher.*Opened it/.test(r))).toBe(true);
    expect(rows.some((r) => /dsl.*Opened it/.test(r))).toBe(true);
    // The other teacher's refused look leaves no entry naming them on this concern.
    expect(rows.some((r) => r.includes('oslead'))).toBe(false);

    await dsl.getByRole('navigation', { name: 'Concerns' }).getByRole('link', { name: 'Trends' }).click();
    await dsl.getByRole('heading', { name: 'Concern trends' }).waitFor();
    await expect
      .poll(() => dsl.getByRole('table', { name: 'Concerns by category' }).textContent(), POLL)
      .toMatch(/Cyberbullying1/);
    await expect(dsl.getByRole('img', { name: /Concerns by category: chart/ }).isVisible()).resolves.toBe(
      true,
    );
    await expectPageChecks(dsl, 'trends');
    const href = (await dsl.getByRole('link', { name: 'Download as CSV' }).getAttribute('href'))!;
    const csv = await dsl.evaluate(async (u) => (await fetch(u)).text(), href);
    expect(csv.split('\n')[0]).toBe('section,key,label,current,previous');
    expect(csv).toMatch(/^category,cyberbullying,Cyberbullying,1,0$/m);
  });

  it('an indecent-image concern offers no file, refuses one sent anyway, and records device custody instead', async () => {
    const context = await h.newContext();
    await signInAs(h, context, 'deputy');
    const page = await context.newPage();
    await page.goto('/concerns/new');
    await page.getByRole('heading', { name: 'Record a concern' }).waitFor();
    await page.getByLabel(/What kind of concern/).selectOption('indecent_images');
    await page.getByLabel('Found on a school device').check();
    await expect.poll(() => page.getByRole('note').textContent(), POLL).toBe(IMAGERY_REFUSAL);
    expect(await page.getByLabel(/^Files/).count()).toBe(0);
    await addPupil(page, bully);
    await page.getByLabel(/What did you see or hear/).fill('A pupil showed me an image on class laptop 7');
    await page.getByLabel('Which device').fill('Class laptop 7 (Year 5 trolley)');
    await page.getByLabel('Where it is kept').fill('Locked cabinet in the head’s office');
    await page.getByLabel(/Handed to/).fill('PC on the police non-emergency visit');
    await expectPageChecks(page, 'record an imagery concern');
    await page.getByRole('button', { name: 'Record the concern' }).click();
    await page.getByRole('heading', { name: 'Concern recorded' }).waitFor();
    await expect
      .poll(() => page.getByRole('status').textContent(), POLL)
      .toMatch(/custody recorded \(secured\).*handed over/);
    await page.getByRole('link', { name: 'See what you reported' }).click();
    await page.getByRole('heading', { name: /Indecent images/ }).waitFor();
    const custody = page.getByRole('list', { name: 'Device custody' });
    await expect.poll(() => custody.textContent(), POLL).toMatch(/Secured.*Class laptop 7.*Locked cabinet/);
    await expect.poll(() => custody.textContent(), POLL).toMatch(/Handed over.*PC on the police/);
    expect(await page.getByRole('heading', { name: 'Attach a file' }).count()).toBe(0);
    // A file sent to the API all the same is refused, with the reason, and nothing is stored.
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const refused = await page.evaluate(
      async ([concern, png]) => {
        const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
        const res = await fetch(`/api/concerns/${concern}/attachments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ filename: 'image.png', contentType: 'image/png', dataBase64: png }),
        });
        return {
          status: res.status,
          body: (await res.json()) as { error: { message: string; details?: { reason?: string } } },
        };
      },
      [id, PNG.toString('base64')] as const,
    );
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('imagery_category');
    const stored = await h.ctx.db
      .selectFrom('concern_attachments')
      .select('id')
      .where('concern_id', '=', id)
      .execute();
    expect(stored).toEqual([]);
    await expectPageChecks(page, 'imagery concern page');
  });

  it('a pupil tells a trusted adult through the worried form, and sees no record', async () => {
    // A KS2 pupil's account (the demo school gives pupils none): an account, the pupil role, the register link.
    const accountId = newId();
    const now = new Date().toISOString();
    await h.ctx.db
      .insertInto('accounts')
      .values({
        id: accountId,
        username: 'pupil-e2e',
        password_hash: await hashPassword(DEMO_PASSWORD),
        password_changed_at: now,
        must_change_password: 0,
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
      .insertInto('role_assignments')
      .values({
        id: newId(),
        account_id: accountId,
        school_id: h.schoolId,
        organisation_id: null,
        role: 'pupil',
        granted_at: now,
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    await h.ctx.db.updateTable('people').set({ account_id: accountId }).where('id', '=', victim.id).execute();
    const page = await h.newPage();
    await signIn(page, { username: 'pupil-e2e', password: DEMO_PASSWORD });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'I’m worried' }).click();
    await page.getByRole('heading', { name: 'I’m worried about something' }).waitFor();
    await expectPageChecks(page, 'worried form');
    await page.getByLabel('A friend').check();
    await page
      .getByLabel('What is worrying you?')
      .fill('Someone keeps sending my friend mean messages in a game');
    await page.getByRole('button', { name: 'Send to a grown-up' }).click();
    await page.getByRole('heading', { name: 'Thank you for telling us' }).waitFor();
    await expectPageChecks(page, 'worried form sent');
    const told = await h.ctx.db
      .selectFrom('concerns')
      .select(['id', 'source', 'status'])
      .where('source', '=', 'pupil')
      .executeTakeFirstOrThrow();
    expect(told.status).toBe('new');
    // No record is open to the pupil, not even this one.
    const statuses = await page.evaluate(
      async (id) => [(await fetch('/api/concerns')).status, (await fetch(`/api/concerns/${id}`)).status],
      told.id,
    );
    expect(statuses).toEqual([403, 403]);
    expect(await page.getByRole('link', { name: 'Concerns', exact: true }).count()).toBe(0);
    // The DSL's dashboard shows it as told by a pupil.
    await dsl.goto('/concerns/dashboard');
    await dsl
      .getByRole('link', { name: /Other online-safety concern, recorded/ })
      .first()
      .waitFor();
    await expect.poll(() => dsl.locator('main').textContent(), POLL).toContain('(told by a pupil)');
  });

  it('the DSL fills in the local LADO’s number in the agency directory', async () => {
    await dsl.goto('/concerns/agencies');
    await dsl.getByRole('heading', { name: 'Agency directory' }).waitFor();
    const table = dsl.getByRole('table', { name: 'The school’s agency directory' });
    await expect.poll(() => table.textContent(), POLL).toMatch(/Police: non-emergency.*101/);
    await expectPageChecks(dsl, 'agency directory');
    const lado = 'Local Authority Designated Officer (LADO)';
    await dsl.getByText(`Edit ${lado}`).click();
    await dsl
      .getByRole('row', { name: new RegExp(lado.replace(/[()]/g, '\\$&')) })
      .getByLabel('Phone')
      .fill('01632 960123');
    await dsl.getByRole('button', { name: `Save ${lado}` }).click();
    await dsl.getByText(`${lado}: saved.`).waitFor();
    await expect.poll(() => table.textContent(), POLL).toContain('01632 960123');
  });
});
