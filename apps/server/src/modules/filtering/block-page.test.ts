import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../schools/service.js';
import { createUser, sessionFor, startTestEnv, type Client, type TestEnv } from '../../test/harness.js';
import { DEFAULT_MONITORING_NOTICE } from '../monitoring/settings.js';
import { startBlockPage, type BlockPage } from './block-page.js';
import { starterOps } from './starter.js';

/**
 * The block page (clarifications 3 and 15) on its own listener: what was blocked and why for the requesting
 * address's group, the monitoring notice, "report this" with a signed token and a rate limit, the CEOP button,
 * and over HTTPS a certificate for the requested name from Harbour's block-page CA.
 */
const KS2 = '127.0.10.7';

interface Got {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}
function request(
  o: {
    port: number;
    host: string;
    from: string;
    path?: string;
    method?: string;
    form?: Record<string, string>;
  },
  tlsOpts?: { ca: string },
): Promise<Got> {
  const body = o.form ? new URLSearchParams(o.form).toString() : undefined;
  const opts = {
    host: '127.0.0.1',
    port: o.port,
    path: o.path ?? '/',
    method: o.method ?? (body ? 'POST' : 'GET'),
    localAddress: o.from,
    headers: { host: o.host, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(tlsOpts ? { ca: tlsOpts.ca, servername: o.host } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (tlsOpts ? https : http).request(opts, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;

describe('the block page', () => {
  let env: TestEnv;
  let page: BlockPage;
  let tech: Client;
  let dsl: Client;
  let head: Client;
  let techId: string;
  const risk = { reason: 'r', riskEducational: 'e', riskTechnical: 't' };

  beforeAll(async () => {
    env = await startTestEnv();
    const schoolId = await createSchool(env.ctx, { name: 'Harbourside Primary', slug: 'harbourside' });
    techId = (await createUser(env.ctx, schoolId, ['technical_staff'])).accountId;
    tech = await sessionFor(env, techId, schoolId);
    dsl = await sessionFor(env, (await createUser(env.ctx, schoolId, ['dsl'])).accountId, schoolId);
    head = await sessionFor(env, (await createUser(env.ctx, schoolId, ['headteacher'])).accountId, schoolId);
    const staged = (
      await tech.post('/api/filtering/lists/stage', {
        kind: 'block',
        category: 'gambling',
        format: 'plain',
        content: 'big-bets.example\n',
      })
    ).json().staged;
    const p = await tech.post('/api/filtering/changes', {
      title: 'Policy',
      ...risk,
      ops: [
        ...starterOps({ subnets: { ks2: ['127.0.10.0/24'] } }),
        { op: 'list.add', stagedVersionId: staged.stagedVersionId, name: 'Gambling', refreshHours: null },
      ],
    });
    expect((await head.post(`/api/filtering/changes/${p.json().change.id}/approve`, {})).statusCode).toBe(
      200,
    );
    page = await startBlockPage(env.ctx, { host: '127.0.0.1', port: 0, tlsPort: 0 });
  });
  afterAll(async () => {
    await page?.close();
    await env.close();
  });

  it('says what was blocked and why, that use is monitored, and offers "report this" and CEOP', async () => {
    const res = await request({ port: page.httpPort, host: 'www.big-bets.example', from: KS2 });
    expect(res.status).toBe(403);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<strong>www.big-bets.example</strong>');
    expect(res.body).toContain('blocked for KS2 because it is in the category <strong>Gambling</strong>');
    expect(res.body).toContain(DEFAULT_MONITORING_NOTICE);
    expect(res.body).toContain('Report this');
    expect(res.body).toContain('https://www.ceop.police.uk/Safety-Centre/');
    // A name the policy does not block shows the "report an unsuitable site" form instead.
    const other = await request({ port: page.httpPort, host: 'library.example', from: KS2 });
    expect(other.status).toBe(200);
    expect(other.body).toContain('Report a site');
    expect(other.body).toContain(DEFAULT_MONITORING_NOTICE);
  });

  it('shows the school’s own monitoring notice (issue 6), and the default when the school empties it', async () => {
    const put = async (text: string) => {
      const settings = (await head.get('/api/settings')).json().settings as {
        key: string;
        version: number;
      }[];
      const version = settings.find((x) => x.key === 'monitoring.notice')!.version;
      const r = await head.request('PUT', '/api/settings/monitoring.notice', {
        value: { text },
        expectedVersion: version,
      });
      expect(r.statusCode, r.body).toBe(200);
    };
    const pages = async () =>
      Promise.all(
        ['www.big-bets.example', 'library.example'].map(
          async (host) => (await request({ port: page.httpPort, host, from: KS2 })).body,
        ),
      );
    await put('Harbourside checks what is searched for & visited on its network <every> day.');
    for (const body of await pages()) {
      expect(body).toContain(
        'Harbourside checks what is searched for &amp; visited on its network &lt;every&gt; day.',
      );
      expect(body).not.toContain(DEFAULT_MONITORING_NOTICE);
    }
    await put('   ');
    for (const body of await pages()) expect(body).toContain(DEFAULT_MONITORING_NOTICE);
  });

  it('takes a report without sign-in, into the technical staff’s and DSL’s queue; tokens are signed; reports are rate-limited', async () => {
    const blocked = await request({ port: page.httpPort, host: 'www.big-bets.example', from: KS2 });
    const token = tokenOf(blocked.body);
    const sent = await request({
      port: page.httpPort,
      host: 'www.big-bets.example',
      from: KS2,
      path: '/.harbour/report',
      form: { token, kind: 'wrongly_blocked', comment: 'Maths lesson on probability' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toContain('Thank you');
    const queue = (await tech.get('/api/filtering/reports')).json().reports;
    expect(queue).toEqual([
      expect.objectContaining({
        kind: 'wrongly_blocked',
        name: 'www.big-bets.example',
        category: 'gambling',
        client: KS2,
        comment: 'Maths lesson on probability',
        status: 'open',
      }),
    ]);
    expect((await dsl.get('/api/filtering/reports')).json().reports).toHaveLength(1);
    const notices = await env.ctx.db
      .selectFrom('outbox')
      .select(['recipient_account_id', 'subject'])
      .where('channel', '=', 'in_app')
      .where('link', '=', '/filtering/reports')
      .execute();
    expect(notices.map((n) => n.recipient_account_id)).toContain(techId);
    expect(notices).toHaveLength(2);
    // The reporter's words are sealed at rest.
    const row = await env.ctx.db.selectFrom('filter_reports').selectAll().executeTakeFirstOrThrow();
    expect(row.details_enc).not.toContain('probability');

    const forged = `${token.split('.')[0]}.AAAA`;
    expect(
      (
        await request({
          port: page.httpPort,
          host: 'x',
          from: KS2,
          path: '/.harbour/report',
          form: { token: forged, kind: 'unsuitable' },
        })
      ).status,
    ).toBe(400);
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await request({
            port: page.httpPort,
            host: 'x',
            from: KS2,
            path: '/.harbour/report',
            form: { token, kind: 'unsuitable', site: 'https://bad.example/page' },
          })
        ).status,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    // Another address is not held back by this one.
    const other = tokenOf(
      (await request({ port: page.httpPort, host: 'library.example', from: '127.0.10.8' })).body,
    );
    expect(
      (
        await request({
          port: page.httpPort,
          host: 'x',
          from: '127.0.10.8',
          path: '/.harbour/report',
          form: { token: other, kind: 'unsuitable', site: 'bad.example' },
        })
      ).status,
    ).toBe(200);

    const id = queue[0].id as string;
    expect(
      (
        await tech.post(`/api/filtering/reports/${id}/resolve`, {
          outcome: 'Proposed an allow entry for KS2',
        })
      ).statusCode,
    ).toBe(200);
    expect((await tech.post(`/api/filtering/reports/${id}/resolve`, { outcome: 'again' })).statusCode).toBe(
      409,
    );
  });

  it('serves HTTPS with a certificate for the requested name from the downloadable block-page CA', async () => {
    const ca = await tech.get('/api/filtering/block-page/ca');
    expect(ca.statusCode).toBe(200);
    const caCert = new X509Certificate(ca.body);
    expect(caCert.ca).toBe(true);
    const res = await request(
      { port: page.httpsPort, host: 'www.big-bets.example', from: KS2 },
      { ca: ca.body },
    );
    expect(res.status).toBe(403);
    expect(res.body).toContain('Gambling');
    const leaf = await new Promise<X509Certificate>((resolve, reject) => {
      const s = tls.connect(
        { host: '127.0.0.1', port: page.httpsPort, servername: 'video.example', ca: ca.body },
        () => {
          resolve(new X509Certificate(s.getPeerCertificate().raw));
          s.end();
        },
      );
      s.on('error', reject);
    });
    expect(leaf.subjectAltName).toBe('DNS:video.example');
    expect(leaf.checkIssued(caCert)).toBe(true);
    expect(
      (await request({ port: page.httpPort, host: 'x', from: KS2, path: '/.harbour/ca.crt' })).body,
    ).toBe(ca.body);
  });
});
