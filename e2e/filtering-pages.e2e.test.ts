import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectPageChecks, signInAs, startHarbour, type Harbour } from './harness.js';
import {
  GAMBLING,
  KS2,
  apiAs,
  blockPageReport,
  setUpPolicy,
  startFiltering,
  type Filtering,
} from './filtering-support.js';

/**
 * The filtering pages (issue 4): each one passes axe-core and the 320 px check with real content, and the
 * emergency unblock and the reports queue work from the keyboard.
 */
describe('filtering pages', () => {
  let h: Harbour;
  let f: Filtering;
  beforeAll(async () => {
    h = await startHarbour();
    f = await startFiltering(h);
    await setUpPolicy(h);
    // A report from the block page, sent as a KS2 pupil's device would (no sign-in, a signed token).
    await blockPageReport(f, {
      from: KS2,
      host: GAMBLING,
      kind: 'wrongly_blocked',
      comment: 'For a maths lesson',
    });
    const tech = await apiAs(h, 'tech');
    expect((await tech.post('/api/filtering/self-tests', {})).statusCode).toBe(201);
  });
  afterAll(async () => {
    await f.close();
    await h.close();
  });

  it('shows every filtering page accessibly, at 320 px, to the head', async () => {
    const context = await h.newContext();
    await signInAs(h, context, 'head');
    const page = await context.newPage();
    const pages: [string, string][] = [
      ['/filtering', 'Filtering'],
      ['/filtering/lists', 'Lists and entries'],
      ['/filtering/changes', 'Change requests'],
      ['/filtering/changes/new', 'New change request'],
      ['/filtering/unblock', 'Emergency unblock'],
      ['/filtering/reports', 'Reports queue'],
      ['/filtering/self-test', 'Self-test'],
      ['/filtering/query-log', 'Query log'],
    ];
    for (const [url, heading] of pages) {
      await page.goto(url);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectPageChecks(page, url);
    }
    // The applied starter policy's record, with its diff.
    await page.goto('/filtering/changes');
    await page.getByRole('link', { name: 'Starter policy' }).click();
    await page.getByRole('heading', { name: 'The logged diff' }).waitFor();
    await expectPageChecks(page, 'change request');
    // A list's imports and refreshes with their counts.
    await page.goto('/filtering/lists');
    await page.getByRole('link', { name: 'Gambling sites' }).click();
    await page.getByRole('heading', { name: 'List: Gambling sites' }).waitFor();
    const version = page
      .getByRole('table', { name: /Every import and refresh/ })
      .getByRole('row')
      .nth(1);
    expect(await version.innerText()).toMatch(/Change request\s+In use\s+2/);
    await expectPageChecks(page, 'list history');
    // The recorded self-test.
    await page.goto('/filtering/self-test');
    await page
      .getByRole('table', { name: /Self-test runs/ })
      .getByRole('link')
      .first()
      .click();
    await page.getByRole('heading', { name: 'Self-test record' }).waitFor();
    await page.getByRole('table', { name: /Self-test results/ }).waitFor();
    await expectPageChecks(page, 'self-test record');
    // The query-log reports with the setup's own queries in them.
    await f.ask(GAMBLING, KS2);
    await page.goto('/filtering/query-log');
    // The resolver flushes its log every second: ask again until the KS2 traffic is in.
    const ks2Traffic = page
      .getByRole('table', { name: /Queries per group/ })
      .getByRole('row')
      .filter({ hasText: 'KS2' });
    for (let i = 0; ; i++) {
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await page.getByRole('heading', { level: 3 }).first().waitFor();
      if ((await ks2Traffic.count()) > 0 || i === 20) break;
      await page.waitForTimeout(250);
    }
    expect(Number((await ks2Traffic.locator('td').nth(2).innerText()).trim())).toBeGreaterThan(0);
    await page.getByLabel('Client address').fill(KS2);
    await page.getByRole('button', { name: 'Show history' }).click();
    await page.getByText(/entr(y|ies) for 127\.0\.10\.5/).waitFor();
    await expectPageChecks(page, 'query log with reports');
  });

  it('lets the head make and end an emergency unblock with the keyboard alone', async () => {
    const context = await h.newContext();
    await signInAs(h, context, 'head');
    const page = await context.newPage();
    await page.goto('/filtering/unblock');
    await page.getByLabel('Name').focus();
    await page.keyboard.type('spin-wheel.example');
    await page.keyboard.press('Tab'); // For
    await page.keyboard.press('Tab'); // Minutes
    await page.keyboard.press('Control+A');
    await page.keyboard.type('30');
    await page.keyboard.press('Tab'); // Why
    await page.keyboard.type('A lesson on probability starts now');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('spin-wheel.example is unblocked for 30 minutes.').waitFor();
    // Within seconds the resolver answers it for KS2 from the upstream, not with the block page.
    const start = Date.now();
    for (;;) {
      const a = await f.ask('spin-wheel.example', KS2);
      if (a.answers.some((x) => x.type === 'A' && x.data.startsWith('192.0.2.'))) break;
      if (Date.now() - start > 5000) throw new Error('the unblock did not reach the resolver');
      await new Promise((r) => setTimeout(r, 100));
    }
    await expectPageChecks(page, 'emergency unblock in force');
    await page.getByRole('button', { name: /End now/ }).press('Enter');
    await page.getByText('The unblock of spin-wheel.example has ended.').waitFor();
    await expectPageChecks(page, 'emergency unblock');
  });

  it('resolves a block-page report from the queue', async () => {
    const context = await h.newContext();
    await signInAs(h, context, 'tech');
    const page = await context.newPage();
    await page.goto('/filtering/reports');
    await page.getByRole('heading', { name: `Wrongly blocked: ${GAMBLING}` }).waitFor();
    await page.getByText('For a maths lesson').waitFor();
    await page.getByLabel('What was done').fill('Gambling stays blocked for pupils; the teacher was told.');
    await page.getByRole('button', { name: `Resolve the report about ${GAMBLING}` }).click();
    await page.getByText(`The report about ${GAMBLING} is resolved.`).waitFor();
    await page.getByText('No open reports.').waitFor();
  });
  it('issues a resolver node token that pulls the policy, and revokes it', async () => {
    const context = await h.newContext();
    await signInAs(h, context, 'admin');
    const page = await context.newPage();
    await page.goto('/filtering/nodes');
    await page.getByLabel('Node name').fill('Annexe resolver');
    await page.getByRole('button', { name: 'Issue a token' }).click();
    await page.getByRole('heading', { name: 'Token for Annexe resolver' }).waitFor();
    const token = await page.getByRole('textbox', { name: 'Node token' }).inputValue();
    const pull = () =>
      fetch(`${h.url}/api/dns/policy`, { headers: { authorization: `Bearer ${token}` } }).then(
        (r) => r.status,
      );
    expect(await pull()).toBe(200);
    await page.reload();
    await page.getByRole('cell', { name: 'Annexe resolver', exact: true }).waitFor();
    await expectPageChecks(page, 'resolver nodes');
    await page.getByRole('button', { name: 'Revoke the token of Annexe resolver' }).click();
    await page.getByText(/The token of Annexe resolver is revoked/).waitFor();
    expect(await pull()).toBe(401);
  });
  it('makes an unsuitable-site report into a filtering-breach concern in one step', async () => {
    await blockPageReport(f, {
      from: KS2,
      host: 'homework-help.example',
      kind: 'unsuitable',
      site: 'http://scary-clips.example/watch',
      comment: 'A video came up that scared me',
    });
    const context = await h.newContext();
    await signInAs(h, context, 'dsl');
    const page = await context.newPage();
    await page.goto('/filtering/reports');
    const item = page.getByRole('listitem').filter({ hasText: 'scary-clips.example' });
    await item.getByText('Record as an online-safety concern').click();
    await item.getByLabel('Pupil at the device, if known').press('Enter');
    const pupil = item.getByRole('group', { name: 'Pupils found' }).getByRole('checkbox').first();
    await pupil.check();
    await item.getByLabel('What you know (optional)').fill('The class was researching volcanoes');
    await expectPageChecks(page, 'reports queue, recording a concern');
    await item.getByRole('button', { name: /Record the concern/ }).click();
    await page.getByText(/is recorded as a concern/).waitFor();
    const rows = await h.ctx.db
      .selectFrom('filter_reports')
      .select(['status', 'concern_id'])
      .where('name', '=', 'scary-clips.example')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('concern');
    const concern = await h.ctx.db
      .selectFrom('concerns')
      .select(['category'])
      .where('id', '=', rows[0]!.concern_id!)
      .executeTakeFirstOrThrow();
    expect(concern.category).toBe('filtering_breach');
    const people = await h.ctx.db
      .selectFrom('concern_people')
      .select('person_id')
      .where('concern_id', '=', rows[0]!.concern_id!)
      .execute();
    expect(people).toHaveLength(1);
    await page.getByLabel('Show').selectOption('concern');
    await page.getByRole('heading', { name: /Unsuitable site got through: scary-clips\.example/ }).waitFor();
  });
});
