/**
 * The shared browser-test harness (see e2e/README.md): a real Harbour on a fresh SQLite database seeded with
 * the fictional demo school, serving the built web app, driven by Debian's chromium through playwright-core.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { Role } from '@harbour/shared';
import { createContext, flushAuditHead } from '../apps/server/src/bootstrap.js';
import { loadConfig } from '../apps/server/src/config.js';
import type { AppContext } from '../apps/server/src/context.js';
import { buildApp } from '../apps/server/src/http/app.js';
import { createSession } from '../apps/server/src/modules/auth/sessions.js';
import { newTotpSecret, sealTotpSecret } from '../apps/server/src/modules/auth/totp.js';
import { DEMO_STAFF, seedDemoSchool } from '../apps/server/src/modules/demo/seed.js';
import { startWorker } from '../apps/server/src/worker.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIST = path.join(ROOT, 'apps/web/dist');
export const CHROMIUM = process.env.HARBOUR_CHROMIUM ?? '/usr/bin/chromium';

/** The flags every browser test runs chromium with: nothing reaches out to the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The password every demo account has in browser tests (the admin's included). */
export const DEMO_PASSWORD = 'e2e-Harbour-demo-passphrase-73';

export interface DemoAccount {
  username: string;
  password: string;
  accountId: string;
  personId: string;
  roles: Role[];
}

export interface Harbour {
  /** The server's address, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** The running server's context: database, clock, config. For setting up and checking, not for driving. */
  ctx: AppContext;
  app: FastifyInstance;
  schoolId: string;
  /** The demo school's staff accounts by username (admin, head, dsl, teacher, ...), with their password. */
  accounts: Record<string, DemoAccount>;
  browser: Browser;
  /** A fresh browser context (its own cookies): one per person signed in. */
  newContext(opts?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a fresh context. */
  newPage(opts?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export interface HarbourOptions {
  /** Extra chromium flags, e.g. `--host-resolver-rules=MAP *.test 127.0.0.1:8080`. */
  chromiumArgs?: string[];
  /** Extra HARBOUR_* settings for the server. */
  env?: Record<string, string>;
  /** Pupils per year group in the demo school (default 3: small and fast). */
  pupilsPerYear?: number;
  /** Also run the background worker (jobs, outbox). Off by default. */
  worker?: boolean;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The web app must be built for the server to serve it. `npm test` builds it first; when the build is missing
 * or older than the sources (a developer running one test file), this builds it once.
 */
export function ensureWebBuilt(): void {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'apps/web/src')),
    newestMtime(path.join(ROOT, 'packages/shared/src')),
    fs.statSync(path.join(ROOT, 'apps/web/index.html')).mtimeMs,
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  console.warn('e2e: the web app build is missing or stale: building it (npx vite build apps/web)');
  execFileSync('npx', ['vite', 'build', 'apps/web', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

/** Starts Harbour (createContext + buildApp, exactly what `harbour start` runs) on port 0 and a browser. */
export async function startHarbour(opts: HarbourOptions = {}): Promise<Harbour> {
  ensureWebBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-e2e-'));
  const config = loadConfig({
    HARBOUR_DATA_DIR: dataDir,
    HARBOUR_MASTER_KEY: randomBytes(32).toString('base64'),
    HARBOUR_DATABASE_URL: `sqlite:${path.join(dataDir, 'harbour.sqlite')}`,
    HARBOUR_LOG_LEVEL: 'silent',
    HARBOUR_HOST: '127.0.0.1',
    HARBOUR_PORT: '0',
    ...opts.env,
  });
  const ctx = await createContext({ config });
  const seeded = await seedDemoSchool(ctx, {
    adminPassword: DEMO_PASSWORD,
    staffPassword: DEMO_PASSWORD,
    pupilsPerYear: opts.pupilsPerYear ?? 3,
  });
  // The admin's first-sign-in password change is not what these tests are about.
  await ctx.db.updateTable('accounts').set({ must_change_password: 0 }).execute();
  const accounts: Record<string, DemoAccount> = {};
  for (const s of DEMO_STAFF) {
    const a = seeded.accounts[s.username];
    if (a) accounts[s.username] = { username: s.username, password: DEMO_PASSWORD, roles: s.roles, ...a };
  }
  const app = await buildApp(ctx, { webDist: WEB_DIST });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const stopWorker = opts.worker ? startWorker(ctx, 200) : null;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-chromium-'));
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // playwright gives each launch a fresh profile; this keeps chromium's own caches in our temp dir too.
      args: [...CHROMIUM_ARGS, `--disk-cache-dir=${userDataDir}`, ...(opts.chromiumArgs ?? [])],
    });
  } catch (err) {
    await app.close();
    throw new Error(
      `Could not start ${CHROMIUM} (install Debian's chromium: apt-get install chromium): ${String(err)}`,
    );
  }
  const url = `http://127.0.0.1:${port}`;
  const newContext = async (o: BrowserContextOptions = {}) => {
    const c = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 800 }, ...o });
    c.setDefaultTimeout(10_000);
    return c;
  };
  return {
    url,
    ctx,
    app,
    schoolId: seeded.schoolId,
    accounts,
    browser,
    newContext,
    async newPage(o) {
      return (await newContext(o)).newPage();
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (stopWorker) await stopWorker();
      await app.close();
      await flushAuditHead(ctx).catch(() => undefined);
      await ctx.database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in page, as a person would. For roles that need no second factor. */
export async function signIn(page: Page, account: { username: string; password: string }): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * A fully signed-in session (second factor passed) made directly on the server and put in the browser context's
 * cookies. For tests about something other than signing in, as roles that need TOTP (admin, head, DSL).
 */
export async function signInAs(h: Harbour, context: BrowserContext, username: string): Promise<void> {
  const account = h.accounts[username];
  if (!account) throw new Error(`no demo account "${username}"`);
  // The server sends a session of a TOTP role back to enrolment unless the account has an authenticator.
  await h.ctx.db
    .updateTable('accounts')
    .set({
      totp_secret_enc: sealTotpSecret(h.ctx, account.accountId, newTotpSecret()),
      totp_enrolled_at: new Date().toISOString(),
    })
    .where('id', '=', account.accountId)
    .where('totp_enrolled_at', 'is', null)
    .execute();
  const { token } = await createSession(h.ctx, {
    accountId: account.accountId,
    schoolId: h.schoolId,
    state: 'active',
    ip: '127.0.0.1',
    userAgent: 'e2e',
  });
  await context.addCookies([
    { name: 'harbour_session', value: token, url: h.url, httpOnly: true, sameSite: 'Strict' },
  ]);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core on the page as it is now; returns the serious and critical violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // page.evaluate is not subject to the page's Content-Security-Policy, unlike an injected script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails with a readable list when axe finds a serious or critical violation. */
export async function expectNoSeriousAxeViolations(page: Page, label = page.url()): Promise<void> {
  const found = await axeViolations(page);
  if (found.length)
    throw new Error(
      `axe: ${found.length} serious/critical violation(s) on ${label}:\n` +
        found.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n    at ${v.nodes.join(', ')}`).join('\n'),
    );
}

/** At 320 px wide (WCAG reflow) the page must not scroll sideways; restores the viewport afterwards. */
export async function expectUsableAt320(page: Page, label = page.url()): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
      const el = document.documentElement;
      // The widest elements that stick out, to name in the failure.
      const wide = [...document.querySelectorAll('body *')]
        .filter(
          (e) =>
            e.getBoundingClientRect().right > el.clientWidth + 1 ||
            // Content (e.g. an unbreakable word) spilling out of a box that itself fits.
            (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'),
        )
        .filter((e) => !e.parentElement?.closest('.table-wrap, .visually-hidden'));
      const culprits = wide
        .filter((e) => !wide.some((d) => d !== e && e.contains(d)))
        .slice(0, 5)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''}`,
        );
      return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, wide: culprits };
    });
    if (scrollWidth > clientWidth)
      throw new Error(
        `${label} scrolls sideways at 320 px (${scrollWidth} > ${clientWidth}); too wide: ${wide.join(', ')}`,
      );
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/** Both checks every page must pass (issue 2, section 8), plus the CEOP link and blank-screen control. */
export async function expectPageChecks(page: Page, label = page.url()): Promise<void> {
  const ceop = page.getByRole('link', { name: /Report to CEOP/ });
  // The app shell renders after the page's first load: wait for it rather than count too early.
  await ceop
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  if ((await ceop.count()) !== 1) throw new Error(`${label}: no "Report to CEOP" link`);
  if ((await page.getByRole('button', { name: 'Blank screen' }).count()) !== 1)
    throw new Error(`${label}: no "Blank screen" control`);
  await expectNoSeriousAxeViolations(page, label);
  await expectUsableAt320(page, label);
}
