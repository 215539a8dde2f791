/**
 * Browser tests of filtering (issue 4): the resolver (apps/dns) and the block page running inside the test's
 * Harbour, over real DNS on loopback with an upstream the test starts (never a public resolver). Clients are
 * told apart by their source address in 127.0.0.0/8 (clarifications 3 and 14).
 */
import http from 'node:http';
import type { Resolver } from '@harbour/dns';
import { createSession } from '../apps/server/src/modules/auth/sessions.js';
import { startBlockPage, type BlockPage } from '../apps/server/src/modules/filtering/block-page.js';
import { query } from '../apps/server/src/modules/filtering/dns-client.js';
import { registerResolverAddress } from '../apps/server/src/modules/filtering/self-test.js';
import { starterOps } from '../apps/server/src/modules/filtering/starter.js';
import {
  startTestResolver,
  startUpstream,
  type Upstream,
} from '../apps/server/src/modules/filtering/test-support.js';
import { Client, markTotpEnrolled } from '../apps/server/src/test/harness.js';
import type { Page } from 'playwright-core';
import { signInAs, type Harbour } from './harness.js';

/** Chromium always connects from 127.0.0.1, so that address is a KS2 pupil's device in these tests. */
export const KS2_BROWSER = '127.0.0.1';
export const KS2 = '127.0.10.5';
export const STAFF = '127.0.20.5';
export const GAMBLING = 'big-bets.example';
export const SOCIAL = 'friendbook.example';

export interface Filtering {
  upstream: Upstream;
  resolver: Resolver;
  blockPage: BlockPage;
  dns: { host: string; port: number };
  /** The resolver's clock offset (ms) from real time: schedules follow it. */
  shift: { ms: number };
  ask(name: string, from: string): ReturnType<typeof query>;
  close(): Promise<void>;
}

export async function startFiltering(h: Harbour): Promise<Filtering> {
  const shift = { ms: 0 };
  const upstream = await startUpstream();
  const resolver = await startTestResolver(h.ctx, upstream, () => Date.now() + shift.ms);
  const dns = { host: '127.0.0.1', port: resolver.addresses[0]!.port };
  registerResolverAddress(h.ctx, dns);
  const blockPage = await startBlockPage(h.ctx, { host: '127.0.0.1', port: 0, tlsPort: 0 });
  return {
    upstream,
    resolver,
    blockPage,
    dns,
    shift,
    ask: (name, from) => query(dns, name, { from }),
    async close() {
      await blockPage.close();
      await resolver.close();
      await upstream.close();
    },
  };
}

/** An API client signed in as a demo account (second factor passed), for setting up through the real API. */
export async function apiAs(h: Harbour, username: string): Promise<Client> {
  const account = h.accounts[username];
  if (!account) throw new Error(`no demo account "${username}"`);
  await markTotpEnrolled(h.ctx, account.accountId);
  const { token } = await createSession(h.ctx, {
    accountId: account.accountId,
    schoolId: h.schoolId,
    state: 'active',
    ip: '127.0.0.1',
    userAgent: 'e2e-setup',
  });
  const c = new Client(h.app);
  c.cookie = `harbour_session=${token}`;
  await c.refresh();
  return c;
}

/** A page signed in as one of the demo accounts, in a context of its own. */
export async function pageAs(h: Harbour, username: string): Promise<Page> {
  const context = await h.newContext();
  await signInAs(h, context, username);
  return context.newPage();
}

const risk = {
  reason: 'The school’s first filtering policy',
  riskEducational: 'Pupils are kept from the UKSIC categories; staff keep what they need for teaching.',
  riskTechnical: 'The resolver answers blocked names with the block page.',
};

/**
 * The starter policy with KS2 (and Chromium's 127.0.0.1) and staff subnets, a gambling list, a social-media
 * list and staff social media at break times only (All Souls' 3.1), proposed by technical staff and approved
 * by the head, as every change is.
 */
export async function setUpPolicy(h: Harbour): Promise<void> {
  const tech = await apiAs(h, 'tech');
  const head = await apiAs(h, 'head');
  const stage = async (category: string, content: string): Promise<string> => {
    const r = await tech.post('/api/filtering/lists/stage', {
      kind: 'block',
      category,
      format: 'auto',
      content,
    });
    if (r.statusCode !== 201) throw new Error(`stage: ${r.body}`);
    return r.json<{ staged: { stagedVersionId: string } }>().staged.stagedVersionId;
  };
  const settings = (await tech.get('/api/filtering/policy')).json<{
    settings: { staffSocialMedia: { breakTimes: unknown[] } };
  }>().settings;
  const propose = await tech.post('/api/filtering/changes', {
    title: 'Starter policy',
    ...risk,
    ops: [
      ...starterOps({ subnets: { ks2: [`${KS2_BROWSER}/32`, '127.0.10.0/24'], staff: ['127.0.20.0/24'] } }),
      {
        op: 'list.add',
        stagedVersionId: await stage('gambling', `0.0.0.0 ${GAMBLING}\n0.0.0.0 spin-wheel.example\n`),
        name: 'Gambling sites',
        refreshHours: null,
      },
      {
        op: 'list.add',
        stagedVersionId: await stage('social-media', `||${SOCIAL}^\n`),
        name: 'Social media',
        refreshHours: null,
      },
      {
        op: 'settings.update',
        value: {
          ...settings,
          staffSocialMedia: { ...settings.staffSocialMedia, mode: 'break-times' },
        },
      },
    ],
  });
  if (propose.statusCode !== 201) throw new Error(`propose: ${propose.body}`);
  const id = propose.json<{ change: { id: string } }>().change.id;
  const approve = await head.post(`/api/filtering/changes/${id}/approve`, {});
  if (approve.statusCode !== 200) throw new Error(`approve: ${approve.body}`);
}

/** What a device at `from` sends from the block page for `host`: the page (for its signed token), then the form. */
export async function blockPageReport(
  f: Filtering,
  o: { from: string; host: string; kind: 'wrongly_blocked' | 'unsuitable'; site?: string; comment: string },
): Promise<void> {
  const html = await new Promise<string>((resolve, reject) =>
    http
      .get(
        { host: '127.0.0.1', port: f.blockPage.httpPort, localAddress: o.from, headers: { host: o.host } },
        (res) => {
          let t = '';
          res.on('data', (d: Buffer) => (t += d.toString()));
          res.on('end', () => resolve(t));
        },
      )
      .on('error', reject),
  );
  const token = /name="token" value="([^"]+)"/.exec(html)![1]!;
  const body = new URLSearchParams({
    token,
    kind: o.kind,
    comment: o.comment,
    ...(o.site ? { site: o.site } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: f.blockPage.httpPort,
        method: 'POST',
        path: '/.harbour/report',
        localAddress: o.from,
        headers: { host: o.host, 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`report: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body.toString());
  });
}
