import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './filtering-support.js';
import { expectPageChecks, signInAs, startHarbour, type Harbour } from './harness.js';

/**
 * The monitoring pages (issue 6): the alerts list, an alert with its events and triage, escalation to a
 * concern, and the sources admin, each passing axe-core and the 320 px check with real content.
 */
const POLL = { timeout: 10_000 };

describe('monitoring pages', () => {
  let h: Harbour;
  beforeAll(async () => {
    h = await startHarbour();
    const admin = await apiAs(h, 'admin');
    const issued = await admin.post('/api/monitoring/sources', { name: 'Classroom laptops' });
    expect(issued.statusCode).toBe(201);
    const pupil = await h.ctx.db
      .selectFrom('people')
      .select('id')
      .where('school_id', '=', h.schoolId)
      .where('kind', '=', 'pupil')
      .where('year_group', '=', '5')
      .executeTakeFirstOrThrow();
    const time = new Date(Date.now() - 60_000).toISOString();
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/monitoring/events',
      headers: { authorization: `Bearer ${issued.json().token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        events: [
          { id: 'e2e-1', time, kind: 'search', text: 'how to kill myself', personId: pupil.id },
          {
            id: 'e2e-2',
            time,
            kind: 'url',
            url: 'https://www.google.co.uk/search?q=i+want+to+die',
            personId: pupil.id,
          },
          { id: 'e2e-3', time, kind: 'search', text: 'you are ugly', device: 'IPAD-07', client: '10.1.2.3' },
          { id: 'e2e-4', time, kind: 'search', text: 'i want to die', personId: h.accounts.deputy!.personId },
        ],
      }),
    });
    expect(res.json()).toMatchObject({ accepted: 4, alerts: 3 });
  });
  afterAll(() => h.close());

  it('lets the DSL read, triage and escalate an alert from the keyboard, accessibly and at 320 px', async () => {
    const context = await h.newContext();
    await signInAs(h, context, 'dsl');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitoring' }).click();
    await page.getByRole('heading', { name: 'Monitoring alerts', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: /Monitoring alerts/ });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(3);
    await expectPageChecks(page, 'alerts list');
    await table.getByRole('link').first().click();
    await page.getByRole('heading', { name: /Monitoring alert: Self-harm/ }).waitFor();
    await page.getByRole('cell', { name: /how to kill myself/ }).waitFor();
    await expectPageChecks(page, 'alert detail');
    await page.getByLabel('Note and keep watching').check();
    await page.getByRole('textbox', { name: /^Note/ }).fill('Spoke to the class teacher.');
    await page.getByRole('button', { name: 'Save' }).press('Enter');
    await page.getByText('Spoke to the class teacher.').waitFor();
    await page.getByText('Watching', { exact: true }).waitFor();
    // A false positive needs its reason: the summary says so and takes focus.
    await page.getByLabel('False positive (say why)').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    await expectPageChecks(page, 'alert triage error');
    await page.getByRole('button', { name: 'Escalate to a concern' }).click();
    await page.getByText('A concern was recorded with the alert’s events.').waitFor();
    await page.getByText('Escalated to a concern', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: 'open the concern' }).waitFor();
    await context.close();
  });

  it('shows the phrase library with false-positive rates and imports a search log, accessibly', async () => {
    const context = await h.newContext();
    await signInAs(h, context, 'dsl');
    const page = await context.newPage();
    await page.goto('/monitoring/library');
    await page.getByRole('heading', { name: 'Phrase library', level: 1 }).waitFor();
    await page.getByRole('table', { name: /false positives/ }).waitFor();
    await expectPageChecks(page, 'library');
    await page.getByLabel('Change', { exact: true }).selectOption('exclusion');
    await page.getByRole('textbox', { name: /^Words/ }).fill('ugly duckling');
    await page.getByRole('textbox', { name: /^Why/ }).fill('A class reader');
    await page.getByRole('button', { name: 'Save the change' }).click();
    await page.getByText('Saved: the next events are read with it.').waitFor();
    await page.getByRole('table', { name: /school’s own phrases|school's own phrases/ }).waitFor();
    await expectPageChecks(page, 'library with a change');

    const upn = (
      await h.ctx.db
        .selectFrom('people')
        .select('upn')
        .where('school_id', '=', h.schoolId)
        .where('kind', '=', 'pupil')
        .where('year_group', '=', '6')
        .executeTakeFirstOrThrow()
    ).upn!;
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const csv = [
      'Timestamp,User,URL',
      `${day} 10:00,${upn},https://www.bing.com/search?q=how+to+buy+a+knife+under+18`,
      `${day} 10:01,${upn},https://www.bbc.co.uk/bitesize`,
    ].join('\n');
    await page.goto('/monitoring/import');
    await page.getByRole('heading', { name: 'Import a search log', level: 1 }).waitFor();
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'log.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('table', { name: /first rows/ }).waitFor();
    expect(await page.getByLabel('URL visited').inputValue()).toBe('URL');
    await expectPageChecks(page, 'import preview');
    await page.getByRole('button', { name: 'Import 2 events' }).click();
    await page.getByText(/Imported 2 events/).waitFor();
    await context.close();
  });

  it('lets the head name a DSL to see an alert about a member of staff', async () => {
    const alert = await h.ctx.db
      .selectFrom('monitor_alerts')
      .select('id')
      .where('restricted', '=', 1)
      .executeTakeFirstOrThrow();
    const context = await h.newContext();
    await signInAs(h, context, 'head');
    const page = await context.newPage();
    await page.goto(`/monitoring/alerts/${alert.id}`);
    await page.getByRole('heading', { name: /Monitoring alert/, level: 1 }).waitFor();
    await page
      .getByText(/About a member of staff/)
      .first()
      .waitFor();
    await expectPageChecks(page, 'restricted alert');
    const select = page.getByLabel('Let a designated safeguarding lead see this alert');
    const name = (await select.locator('option').first().textContent())!.trim();
    await select.selectOption({ index: 0 });
    await page.getByRole('button', { name: 'Name them' }).click();
    await page.getByText('They can see this alert now.').waitFor();
    const viewers = async () =>
      (
        await h.ctx.db
          .selectFrom('monitor_alert_viewers')
          .select('account_id')
          .where('alert_id', '=', alert.id)
          .execute()
      ).length;
    expect(await viewers()).toBe(1);
    // And takes them off again.
    const remove = page.getByRole('button', { name: `Remove ${name}` });
    await remove.waitFor();
    await expectPageChecks(page, 'restricted alert with a named viewer');
    await remove.click();
    await page.getByText(`${name} can no longer see this alert.`).waitFor();
    await expect.poll(viewers, POLL).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: `Remove ${name}` }).count(), POLL).toBe(0);
    await context.close();
  });

  it('lets the head set the monitoring notice, which a teacher then sees with the agreement to sign', async () => {
    const lead = await apiAs(h, 'oslead');
    const draft = await lead.post('/api/aup/versions', { audience: 'staff' });
    expect(draft.statusCode, draft.body).toBe(201);
    const v = draft.json<{ version: { id: string; body: string } }>().version;
    expect(v.body).toMatch(/is monitored/);
    expect((await lead.post(`/api/aup/versions/${v.id}/publish`, {})).statusCode).toBe(200);
    const own = 'Harbourside Primary checks searches and websites visited on school devices every day.';

    const context = await h.newContext();
    await signInAs(h, context, 'head');
    const page = await context.newPage();
    await page.goto('/aup');
    const notice = page.getByLabel('What everyone is told about monitoring');
    await notice.waitFor();
    await expectPageChecks(page, 'monitoring notice');
    await notice.fill(own);
    await page.getByRole('button', { name: 'Save the notice' }).click();
    await page.getByText('The monitoring notice is saved.').waitFor();
    await context.close();

    const teacherCtx = await h.newContext();
    await signInAs(h, teacherCtx, 'teacher');
    const t = await teacherCtx.newPage();
    await t.goto('/aup');
    await t.getByRole('button', { name: /^I agree: sign / }).waitFor();
    await expect.poll(() => t.locator('main').textContent(), POLL).toContain(own);
    await teacherCtx.close();
  });

  it('keeps the pages from staff outside the DSL team, and lets the administrator issue and revoke tokens', async () => {
    const teacherCtx = await h.newContext();
    await signInAs(h, teacherCtx, 'teacher');
    const t = await teacherCtx.newPage();
    await t.goto('/');
    await t.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(
      await t.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitoring' }).count(),
    ).toBe(0);
    await teacherCtx.close();

    const context = await h.newContext();
    await signInAs(h, context, 'admin');
    const page = await context.newPage();
    await page.goto('/monitoring/sources');
    await page.getByRole('heading', { name: 'Monitoring sources', level: 1 }).waitFor();
    await page.getByRole('table', { name: /Monitoring sources/ }).waitFor();
    await expectPageChecks(page, 'sources');
    await page.getByLabel('Source name').fill('Library kiosks');
    await page.getByRole('button', { name: 'Issue a token' }).click();
    const token = await page.getByLabel('Source token', { exact: true }).inputValue();
    expect(token).toMatch(/^hbm_/);
    await page.getByRole('button', { name: 'Revoke the token of Library kiosks' }).click();
    await page.getByText('The token of Library kiosks is revoked').waitFor();
    await expectPageChecks(page, 'sources after revoking');
    await context.close();
  });
});
