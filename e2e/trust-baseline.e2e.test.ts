import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTrust } from '../apps/server/src/modules/demo/trust.js';
import { DEMO_PASSWORD, expectPageChecks, startHarbour, type Harbour } from './harness.js';
import { apiAs, pageAs as pageAsIn, setUpPolicy } from './filtering-support.js';

/**
 * The trust baseline page (issue 4; clarifications 4 and 13): one trust officer proposes a baseline change with
 * its reason and risk assessment, from the keyboard; another approves it; the school's policy then carries it.
 */
const POLL = { timeout: 10_000 };

describe('the trust baseline page', () => {
  let h: Harbour;
  const pageAs = (username: string) => pageAsIn(h, username);
  beforeAll(async () => {
    h = await startHarbour();
    const officers = await seedDemoTrust(h.ctx, h.schoolId, { password: DEMO_PASSWORD });
    for (const [username, a] of Object.entries(officers))
      h.accounts[username] = {
        username,
        password: DEMO_PASSWORD,
        roles: ['trust_officer'],
        personId: '',
        ...a,
      };
    await setUpPolicy(h);
  });
  afterAll(() => h.close());

  it('lets one officer propose a change from the keyboard and another approve it, for every school', async () => {
    const first = await pageAs('trust1');
    await first.goto('/filtering');
    await first
      .getByRole('navigation', { name: 'Filtering' })
      .getByRole('link', { name: 'Trust baseline' })
      .click();
    await first.getByRole('heading', { name: 'Trust baseline', level: 1 }).waitFor();
    await first.waitForLoadState('networkidle');
    await expectPageChecks(first, 'trust baseline');
    const staffRow = (p: Page) =>
      p.getByRole('table', { name: 'In force now' }).getByRole('row', { name: /^Staff/ });
    await expect.poll(() => staffRow(first).textContent(), POLL).toContain('Nothing beyond illegal content');

    // From the keyboard: tick Games for staff, fill in why and the risk assessment, send.
    const games = first
      .getByRole('group', { name: 'Blocked for Staff' })
      .getByRole('checkbox', { name: 'Games' });
    await games.focus();
    await first.keyboard.press('Space');
    await expect.poll(() => games.isChecked(), POLL).toBe(true);
    await first.getByLabel('Names denied in every school').fill('proxy-hop.example');
    await first.getByLabel('Title').fill('Games blocked for staff across the trust');
    await first.getByLabel('Why').fill('Games sites were reported in lessons at two schools');
    await first.getByLabel('Risk assessment: educational view').fill('No teaching resource is a games site');
    await first
      .getByLabel('Risk assessment: technical view')
      .fill('Each school’s games lists apply to staff');
    await first.getByRole('button', { name: 'Send to another trust officer' }).focus();
    await first.keyboard.press('Enter');
    const status = first.locator('[aria-live="polite"]');
    await expect.poll(() => status.textContent(), POLL).toMatch(/Request \d+ sent/);
    await expect.poll(() => first.getByText('Waiting for another trust officer.').count(), POLL).toBe(1);
    // The requester cannot approve their own request: only withdraw it.
    expect(await first.getByRole('button', { name: /^Approve request/ }).count()).toBe(0);

    const second = await pageAs('trust2');
    await second.goto('/filtering/baseline');
    const request = second.getByRole('article', { name: /Games blocked for staff across the trust/ });
    await request.waitFor();
    await second.waitForLoadState('networkidle');
    await expectPageChecks(second, 'trust baseline with a pending request');
    await request.getByLabel('Decision note').fill('Agreed by the trust board');
    await request.getByRole('button', { name: /^Approve request/ }).focus();
    await second.keyboard.press('Enter');
    await expect.poll(() => second.locator('[aria-live="polite"]').textContent(), POLL).toMatch(/approved/);
    await expect.poll(() => staffRow(second).textContent(), POLL).toContain('Games');
    await expect.poll(() => second.getByText('No baseline change is waiting.').count(), POLL).toBe(1);
    expect(await second.getByText('proxy-hop.example').count()).toBeGreaterThan(0);

    // The school's own policy carries it, and its staff see no trust baseline page.
    const tech = await apiAs(h, 'tech');
    await expect
      .poll(
        async () => (await tech.get('/api/filtering/policy')).json().baseline.blockedCategories.staff,
        POLL,
      )
      .toEqual(['games']);
    const head = await pageAs('head');
    await head.goto('/filtering');
    await head.getByRole('heading', { name: 'Filtering', level: 1 }).waitFor();
    expect(await head.getByRole('link', { name: 'Trust baseline' }).count()).toBe(0);
  });
});
