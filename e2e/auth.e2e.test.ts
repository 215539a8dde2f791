import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { recordFailure } from '../apps/server/src/modules/auth/throttle.js';
import { DEMO_PASSWORD, expectPageChecks, signInAs, startHarbour, type Harbour } from './harness.js';

// Text can change just after an action: poll it (up to 10 s on a loaded machine) rather than read it once.
const POLL = { timeout: 10_000 };

/**
 * Accounts and sign-in in the browser (issue 2, sections 4 and 10): the demo DSL enrols TOTP reading the key
 * off the page, locks and unlocks the screen, signs in again with a recovery code; the administrator's
 * accounts page and a password reset approved by the head, finished through the emailed link.
 */
describe('accounts and sign-in', () => {
  let h: Harbour;
  let recoveryCodes: string[] = [];
  beforeAll(async () => {
    h = await startHarbour();
  });
  afterAll(() => h.close());

  async function passwordStep(page: Page, username: string, password = DEMO_PASSWORD) {
    await page.goto('/people');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('signs the demo DSL in and enrols TOTP with the key shown as text, then shows the home page', async () => {
    const page = await h.newPage();
    await passwordStep(page, 'dsl');
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    await expect(page.getByRole('img', { name: /QR code/ }).getAttribute('src')).resolves.toMatch(
      /^data:image\/svg/,
    );
    const secret = (await page.locator('#totp-secret').textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expectPageChecks(page, 'TOTP enrolment');
    // A wrong code is refused and announced.
    await page.getByLabel('Code from your authenticator app').fill('000000');
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/code is not right/);
    await page.getByLabel('Code from your authenticator app').fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    recoveryCodes = await page.getByRole('list', { name: 'Recovery codes' }).locator('li').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await expectPageChecks(page, 'recovery codes');
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    // Back on the page first asked for.
    await page.getByRole('heading', { name: 'People', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/people');

    // Lock now: the server refuses the session everything, the page shows the lock screen at the same address.
    await page.getByRole('button', { name: 'Lock screen' }).click();
    await page.getByRole('heading', { name: 'Harbour is locked' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/people');
    const status = await page.evaluate(async () => (await fetch('/api/people')).status);
    expect(status).toBe(423);
    await expectPageChecks(page, 'lock screen');
    await page.getByLabel('Password').fill('not-my-password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/not your password/);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'People', exact: true }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/people')).status)).toBe(200);
  });

  it('asks for the code at the next sign-in, and takes a recovery code instead', async () => {
    const page = await h.newPage();
    await passwordStep(page, 'dsl');
    await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
    await expectPageChecks(page, 'code step');
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'People', exact: true }).waitFor();
  });

  it('blanks the screen from the keyboard and brings the same page back', async () => {
    const page = await h.newPage();
    await passwordStep(page, 'teacher');
    await page.getByRole('heading', { name: 'People', exact: true }).waitFor();
    await page.getByLabel('Name').fill('half-typed search');
    await page.getByRole('button', { name: 'Blank screen' }).focus();
    await page.keyboard.press('Enter');
    const overlay = page.getByRole('button', { name: /Screen blanked/ });
    await overlay.waitFor();
    await expect(overlay.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('half-typed search');

    // Changing one's password: the current one is needed, and a weak new one is refused saying why.
    await page.getByRole('link', { name: 'Password' }).click();
    await page.getByRole('heading', { name: 'Change your password' }).waitFor();
    await expectPageChecks(page, 'change password');
    await page.getByLabel(/^Current password/).fill(DEMO_PASSWORD);
    await page.getByLabel(/^New password/).fill('password1234');
    await page.getByLabel('Type the new password again').fill('password1234');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/common or breached/);
  });

  it('shows the administrator accounts with their locks; a reset approved by the head ends in a new password', async () => {
    // Ten failed sign-ins for the volunteer from one address lock that pair (counted by the server's throttle).
    const volunteer = h.accounts.volunteer!;
    for (let i = 0; i < 10; i++)
      await recordFailure(h.ctx, {
        username: 'volunteer',
        accountId: volunteer.accountId,
        ip: '203.0.113.9',
      });
    const admin = await h.newContext();
    await signInAs(h, admin, 'admin');
    const page = await admin.newPage();
    await page.goto('/accounts');
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: /\(support\)/ }) });
    await card.waitFor();
    await expectPageChecks(page, 'accounts');
    const locked = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: /\(volunteer\)/ }) });
    await locked.getByText(/Locked from 203\.0\.113\.9 until/).waitFor();
    await locked.getByRole('button', { name: 'Unlock sign-in for volunteer' }).click();
    await locked.getByText('Unlock sign-in: done').waitFor();
    await expect.poll(() => locked.getByText(/Locked from/).count(), POLL).toBe(0);
    await card.getByRole('button', { name: 'Request a password reset' }).click();
    await card
      .getByText(/waiting for approval by the head or a DSL/)
      .first()
      .waitFor();

    const headCtx = await h.newContext();
    await signInAs(h, headCtx, 'head');
    const approvals = await headCtx.newPage();
    await approvals.goto('/approvals');
    await approvals.getByRole('heading', { name: /Reset password for .*\(support\)/ }).waitFor();
    await expectPageChecks(approvals, 'approvals');
    await approvals.getByRole('button', { name: 'Approve' }).click();
    const link = await approvals.getByLabel('Password link').inputValue();
    expect(link).toContain('/invite/');

    const person = await h.newPage();
    await person.goto(new URL(link).pathname); // the harness listens on port 0, so HARBOUR_PUBLIC_URL is unknown
    await person.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectPageChecks(person, 'invitation (password reset)');
    await person.getByLabel(/^New password/).fill('short');
    await person.getByLabel('Type the new password again').fill('short');
    await person.getByRole('button', { name: 'Save my new password' }).click();
    await expect.poll(() => person.getByRole('alert').textContent(), POLL).toMatch(/at least 12 characters/);
    await person.getByLabel(/^New password/).fill('velvet-harbour-pebble-6021');
    await person.getByLabel('Type the new password again').fill('velvet-harbour-pebble-6021');
    await person.getByRole('button', { name: 'Save my new password' }).click();
    await person.getByRole('heading', { name: 'Your password has been changed' }).waitFor();
    await person.getByRole('link', { name: 'Go to sign in' }).click();
    await passwordStep(person, 'support', 'velvet-harbour-pebble-6021');
    await person
      .getByRole('heading', { name: /Welcome|People/ })
      .first()
      .waitFor();
  });
});
