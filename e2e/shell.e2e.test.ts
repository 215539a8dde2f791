import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  expectPageChecks,
  expectUsableAt320,
  signIn,
  signInAs,
  startHarbour,
  type Harbour,
} from './harness.js';

// Text can change just after an action: poll it (up to 10 s on a loaded machine) rather than read it once.
const POLL = { timeout: 10_000 };

/** The app shell (issue 2, section 8): sign-in, home, audit trail; and the harness itself. */
describe('app shell', () => {
  let h: Harbour;
  beforeAll(async () => {
    h = await startHarbour();
  });
  afterAll(() => h.close());

  it('signs a teacher in through the sign-in page and shows what they can do', async () => {
    const page = await h.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Harbour' }).waitFor();
    await expectPageChecks(page, 'sign-in');
    await signIn(page, h.accounts.teacher!);
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Find people in the register' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Browse the audit trail' }).count()).toBe(0);
    await expectPageChecks(page, 'home (teacher)');
  });

  it('refuses a wrong password with a message', async () => {
    const page = await h.newPage();
    await page.goto('/');
    await page.getByLabel('Username').fill('teacher');
    await page.getByLabel('Password').fill('not-the-password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/do not match/);
  });

  it('shows the administrator the audit trail, and blanks the screen on request', async () => {
    const context = await h.newContext();
    await signInAs(h, context, 'admin');
    const page = await context.newPage();
    await page.goto('/audit');
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await page
      .getByRole('cell', { name: /auth\.|person\./ })
      .first()
      .waitFor();
    await expectPageChecks(page, 'audit trail');
    await page.getByRole('button', { name: 'Blank screen' }).click();
    const blank = page.getByRole('button', { name: /Screen blanked/ });
    await blank.waitFor();
    expect(await page.getByRole('heading', { name: 'Audit trail' }).count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
  });

  it('has checks that catch what they are for (an unlabelled field, a page too wide)', async () => {
    const page = await h.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Harbour' }).waitFor();
    await page.evaluate(() => {
      const input = document.createElement('input');
      document.querySelector('main')!.append(input);
      const wide = document.createElement('div');
      wide.style.width = '600px';
      wide.style.height = '10px';
      wide.id = 'too-wide';
      document.querySelector('main')!.append(wide);
    });
    expect((await axeViolations(page)).map((v) => v.id)).toContain('label');
    await expect(expectUsableAt320(page, 'test page')).rejects.toThrow(/scrolls sideways.*div#too-wide/);
  });
});
