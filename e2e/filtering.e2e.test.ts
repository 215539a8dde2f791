import { createHash, X509Certificate } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  expectNoSeriousAxeViolations,
  expectPageChecks,
  signInAs,
  startHarbour,
  type Harbour,
} from './harness.js';
import {
  GAMBLING,
  KS2,
  KS2_BROWSER,
  SOCIAL,
  STAFF,
  apiAs,
  setUpPolicy,
  startFiltering,
  type Filtering,
} from './filtering-support.js';

/**
 * Issue 4's "Done when", in a browser and over real DNS on loopback: a KS2 pupil's device is refused a
 * gambling site and Chromium, following the resolver's answer, shows the block page; the pupil reports it and
 * the report reaches the queue. Staff reach social media only at break times. A change request by technical
 * staff, approved by the head, reaches the resolver within seconds and its diff is in the log. The self-test
 * records its results, and a failing check stays red on the overview.
 */
const BLOCK_ADDRESS = '127.0.0.1';
const isUpstream = (a: { answers: { type: string; data: string }[] }) =>
  a.answers.some((x) => x.type === 'A' && x.data.startsWith('192.0.2.'));
const isBlocked = (a: { answers: { type: string; data: string }[] }) =>
  a.answers.length > 0 && a.answers.every((x) => x.type === 'A' && x.data === BLOCK_ADDRESS);

describe('filtering, end to end', () => {
  let h: Harbour;
  let f: Filtering;
  let pupilBrowser: Browser | null = null;
  const pageAs = async (username: string): Promise<Page> => {
    const context = await h.newContext();
    await signInAs(h, context, username);
    return context.newPage();
  };

  beforeAll(async () => {
    h = await startHarbour();
    f = await startFiltering(h);
    await setUpPolicy(h);
  });
  afterAll(async () => {
    await pupilBrowser?.close();
    await f.close();
    await h.close();
  });

  it('refuses a KS2 pupil a gambling site with the block page, and their report reaches the queue', async () => {
    const answer = await f.ask(GAMBLING, KS2_BROWSER);
    expect(answer.rcode).toBe('NOERROR');
    expect(isBlocked(answer)).toBe(true);
    // The pupil's browser goes where the resolver sent it: the block page's address, on the block page's port.
    const address = answer.answers[0]!.data;
    pupilBrowser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${GAMBLING} ${address}:${f.blockPage.httpPort}`],
    });
    const pupil = await (await pupilBrowser.newContext()).newPage();
    const res = await pupil.goto(`http://${GAMBLING}/games/roulette`);
    expect(res?.status()).toBe(403);
    await pupil.getByRole('heading', { name: 'This site is blocked' }).waitFor();
    const text = await pupil.locator('body').innerText();
    expect(text).toContain(GAMBLING);
    expect(text).toContain('Gambling');
    expect(text).toContain('KS2');
    expect(text).toMatch(/monitored/);
    expect(await pupil.getByRole('link', { name: 'Report to CEOP' }).count()).toBe(1);
    await expectNoSeriousAxeViolations(pupil, 'block page');
    await pupil.getByLabel(/blocked but I need it/).check();
    await pupil.getByLabel(/Anything else/).fill('We need it for a lesson about odds');
    await pupil.getByRole('button', { name: 'Report this' }).click();
    await pupil.getByRole('heading', { name: 'Thank you' }).waitFor();

    // The technical staff's queue (and the DSL's) has it, with what the block page showed.
    for (const who of ['tech', 'dsl']) {
      const page = await pageAs(who);
      await page.goto('/filtering/reports');
      await page.getByRole('heading', { name: `Wrongly blocked: ${GAMBLING}` }).waitFor();
      await page.getByText('We need it for a lesson about odds').waitFor();
      const report = page.getByRole('listitem').filter({ hasText: GAMBLING });
      expect(await report.innerText()).toMatch(/KS2[\s\S]*Gambling/);
      expect(await report.innerText()).toContain(KS2_BROWSER);
      await expectPageChecks(page, `reports queue (${who})`);
    }
  });

  it('shows the block page over HTTPS to a device that trusts the block-page CA, and a warning to one that does not', async () => {
    const { blockCa } = await import('../apps/server/src/modules/filtering/block-ca.js');
    const ca = new X509Certificate((await blockCa(h.ctx)).certPem);
    const spki = createHash('sha256')
      .update(ca.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    const address = (await f.ask(GAMBLING, KS2_BROWSER)).answers[0]!.data;
    const rule = `--host-resolver-rules=MAP ${GAMBLING} ${address}:${f.blockPage.httpsPort}`;
    // A managed device: Chromium trusts the CA's key (what deploying the CA as a root does).
    const managed = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, rule, `--ignore-certificate-errors-spki-list=${spki}`],
    });
    const unmanaged = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, rule],
    });
    try {
      const page = await (await managed.newContext()).newPage();
      const res = await page.goto(`https://${GAMBLING}/`);
      expect(res?.status()).toBe(403);
      await page.getByRole('heading', { name: 'This site is blocked' }).waitFor();
      const cert = await res!.securityDetails();
      expect(cert?.subjectName).toBe(GAMBLING);
      expect(cert?.issuer).toMatch(/Harbour block page CA/);
      const other = await (await unmanaged.newContext()).newPage();
      await expect(other.goto(`https://${GAMBLING}/`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await managed.close();
      await unmanaged.close();
    }
  });

  it('lets staff reach social media only inside a break-time window', async () => {
    // Monday 7 December 2026 in London (GMT): break 12:00–13:00, lessons at 11:00 and 14:00.
    const at = async (isoTime: string) => {
      f.shift.ms = new Date(isoTime).getTime() - Date.now();
      return { staff: await f.ask(SOCIAL, STAFF), pupil: await f.ask(SOCIAL, KS2) };
    };
    try {
      const lesson = await at('2026-12-07T11:00:00Z');
      expect(isBlocked(lesson.staff)).toBe(true);
      expect(isBlocked(lesson.pupil)).toBe(true);
      const lunch = await at('2026-12-07T12:10:00Z');
      expect(isUpstream(lunch.staff)).toBe(true);
      expect(isBlocked(lunch.pupil)).toBe(true);
      const afternoon = await at('2026-12-07T14:00:00Z');
      expect(isBlocked(afternoon.staff)).toBe(true);
    } finally {
      f.shift.ms = 0;
    }
  });

  it('applies a change request by technical staff, approved by the head, on the resolver within seconds, and logs its diff', async () => {
    const name = 'quiz-zone.example';
    expect(isUpstream(await f.ask(name, KS2))).toBe(true);

    const tech = await pageAs('tech');
    await tech.goto('/filtering/changes/new');
    await tech.getByLabel('Kind of change').selectOption({ label: 'Allow or deny a name' });
    await tech.getByLabel('Name', { exact: true }).fill(name);
    await tech.getByLabel('Effect').selectOption('deny');
    await tech.getByLabel('Group').selectOption({ label: 'KS2' });
    await tech.getByLabel('Note').fill('Answers to tests are shared here');
    await tech.getByRole('button', { name: 'Add to this request' }).click();
    await tech.getByText(`Deny ${name} for one group`).waitFor();
    await tech.getByLabel('Title').fill(`Block ${name} for KS2`);
    await tech.getByLabel('Why').fill('Pupils share answers to the weekly quiz there.');
    await tech.getByLabel(/educational view/).fill('KS2 lose a quiz site; no lesson uses it.');
    await tech.getByLabel(/technical view/).fill('One deny entry for the KS2 group; nothing else changes.');
    await expectPageChecks(tech, 'new change request');
    await tech.getByRole('button', { name: 'Send for approval' }).click();
    await tech.getByRole('heading', { name: new RegExp(`Change request \\d+: Block ${name}`) }).waitFor();
    // The requester cannot approve their own request.
    expect(await tech.getByRole('button', { name: 'Approve and apply' }).count()).toBe(0);
    await tech.getByRole('button', { name: 'Withdraw' }).waitFor();
    const url = tech.url();
    expect(isUpstream(await f.ask(name, KS2))).toBe(true);

    const head = await pageAs('head');
    await head.goto(url);
    await head.getByLabel(/Note/).fill('Agreed with the computing lead');
    const [approval] = await Promise.all([
      head.waitForResponse((r) => r.url().endsWith('/approve')),
      head.getByRole('button', { name: 'Approve and apply' }).click(),
    ]);
    expect(approval.status()).toBe(200);
    // From the approval's answer to the resolver's: in-process it is at once; 5 s is the limit.
    const approvedAt = Date.now();
    for (;;) {
      if (isBlocked(await f.ask(name, KS2))) break;
      if (Date.now() - approvedAt > 5000)
        throw new Error('the approved change did not reach the resolver in 5 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    const took = Date.now() - approvedAt;
    expect(took).toBeLessThan(5000);
    // Staff are not in the request: they still reach it.
    expect(isUpstream(await f.ask(name, STAFF))).toBe(true);

    await head.getByText('Approved: the change is live on the resolver.').waitFor();
    await head.getByRole('heading', { name: 'The logged diff' }).waitFor();
    const diff = head.getByRole('table', { name: /What changed: Entry “quiz-zone.example” added/ });
    await diff.waitFor();
    expect(await diff.locator('ins').allInnerTexts()).toEqual(expect.arrayContaining([name, 'deny']));
    await expectPageChecks(head, 'approved change request');
    // The history lists it as applied by the head at the new policy version.
    await head.goto('/filtering/changes?status=applied');
    const row = head.getByRole('row').filter({ hasText: `Block ${name} for KS2` });
    expect(await row.innerText()).toMatch(/Approved and applied/);
    const exported = await head.request.get('/api/filtering/changes/export');
    expect(await exported.text()).toContain(name);
  });

  it('records the self-test run from the web app, with a failing check in red until a later test passes', async () => {
    // A pornography sample no list holds: pupils must not reach it, so that check must fail.
    const tech = await apiAs(h, 'tech');
    const head = await apiAs(h, 'head');
    const change = async (ops: unknown[]) => {
      const p = await tech.post('/api/filtering/changes', {
        title: 'Self-test samples',
        reason: 'r',
        riskEducational: 'e',
        riskTechnical: 't',
        ops,
      });
      expect(p.statusCode, p.body).toBe(201);
      const a = await head.post(
        `/api/filtering/changes/${p.json<{ change: { id: string } }>().change.id}/approve`,
        {},
      );
      expect(a.statusCode, a.body).toBe(200);
    };
    const settings = (await tech.get('/api/filtering/policy')).json<{ settings: { selfTest: object } }>()
      .settings;
    await change([
      {
        op: 'settings.update',
        value: {
          ...settings,
          selfTest: { ...settings.selfTest, samples: { pornography: ['adult-videos.example'] } },
        },
      },
    ]);
    const before = await h.ctx.db.selectFrom('filter_self_tests').select('id').execute();

    const page = await pageAs('tech');
    await page.goto('/filtering/self-test');
    await page.getByRole('button', { name: 'Run the self-test now' }).click();
    await page.getByRole('heading', { name: 'This run' }).waitFor();
    const failed = page.locator('tr.failed').filter({ hasText: 'adult-videos.example' }).first();
    await failed.waitFor();
    expect(await failed.innerText()).toMatch(/Pornography[\s\S]*Allowed[\s\S]*Fail/);
    expect(
      await failed
        .locator('td')
        .first()
        .evaluate((td) => getComputedStyle(td).color),
    ).toBe('rgb(164, 22, 26)');
    await expectPageChecks(page, 'self-test run');

    const runs = await h.ctx.db
      .selectFrom('filter_self_tests')
      .selectAll()
      .where('id', 'not in', before.length ? before.map((b) => b.id) : [''])
      .execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.run_by).toBe(h.accounts.tech!.accountId);
    expect(runs[0]!.via).toBe('web');
    expect(runs[0]!.failures).toBeGreaterThan(0);
    const results = await h.ctx.db
      .selectFrom('filter_self_test_results')
      .select(['subject', 'name', 'observed', 'pass'])
      .where('test_id', '=', runs[0]!.id)
      .execute();
    expect(results.find((r) => r.subject === 'gambling' && r.name === GAMBLING)?.observed).toBe('block');
    expect(results.some((r) => r.subject === 'safe-search:google' && r.observed === 'rewrite')).toBe(true);

    // The overview keeps the failure in red until a later test passes.
    await page.goto('/filtering');
    const failing = page.getByRole('region', { name: 'Failing self-test checks' });
    await failing
      .getByText(/Pornography/)
      .first()
      .waitFor();
    await expectPageChecks(page, 'overview with a failing check');

    // Block the sample for everyone: the next run passes and the overview clears.
    await change([
      { op: 'entry.add', groupId: null, domain: 'adult-videos.example', effect: 'deny', note: 'self-test' },
    ]);
    await page.goto('/filtering/self-test');
    await page.getByRole('button', { name: 'Run the self-test now' }).click();
    await page.getByRole('heading', { name: 'This run' }).waitFor();
    await page.getByText(/^All \d+ checks passed\.$/).waitFor();
    await page.goto('/filtering');
    await page.getByText(/every check passed/).waitFor();
    expect(await page.getByRole('region', { name: 'Failing self-test checks' }).count()).toBe(0);
  });
});
