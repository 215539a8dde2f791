import tls from 'node:tls';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { normaliseDomain, SuffixKeys } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { blockCa, mintLeaf } from './block-ca.js';
import { blockedPage, notBlockedPage, problemPage, thanksPage } from './block-page-html.js';
import { monitoringNotice } from '../monitoring/settings.js';
import { livePolicy } from './live.js';
import { ReportForm, ReportLimiter, signReportToken, submitReport, verifyReportToken } from './reports.js';

/**
 * The block page (issue 4; clarifications 3 and 15): its own listener (HTTP on 8080, HTTPS on 8443 by
 * default; 80/443 in production), answering for whatever name a blocked query was pointed at it. It says what
 * was blocked and why, for the requesting address's group, tells the user that use is monitored (the
 * school's `monitoring.notice`), takes "report this" without sign-in, and shows the CEOP button. Over HTTPS it
 * presents a certificate for the requested name from Harbour's block-page CA.
 */
export interface BlockPage {
  http: FastifyInstance;
  https: FastifyInstance;
  httpPort: number;
  httpsPort: number;
  close(): Promise<void>;
}

const HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

/** What the live policy says about this name for this address, and what the page shows. */
async function viewFor(ctx: AppContext, host: string, client: string) {
  const live = livePolicy(ctx);
  if (!live.current()) await live.refresh();
  const prepared = live.preparedPolicy();
  if (!prepared) return null;
  const now = ctx.clock.now().getTime();
  const who = prepared.clients.identify({ source: client }, now);
  const group = prepared.groups[who.groupIndex]!;
  const name = normaliseDomain(host.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''));
  const decision = name ? prepared.decide(new SuffixKeys().fromName(name), who.groupIndex, now) : null;
  const blocked = decision?.action === 'block' ? decision : null;
  const groupId = group.policy.id;
  return {
    name,
    schoolId: group.school.id,
    schoolName: group.school.name,
    groupId,
    groupName: group.policy.name,
    blocked,
    // The school's monitoring notice (issue 6's setting; its default when the school left it empty).
    monitoringNotice: await monitoringNotice(ctx, group.school.id),
    token: signReportToken(ctx, {
      s: group.school.id,
      g: groupId,
      n: name ?? 'unknown',
      c: blocked?.category ?? null,
      r: blocked?.reason ?? null,
      a: client,
    }),
  };
}

function formParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_r, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
}

function build(
  ctx: AppContext,
  limiter: ReportLimiter,
  https?: tls.SecureContextOptions & { SNICallback: tls.TlsOptions['SNICallback'] },
) {
  const app = Fastify({ logger: false, bodyLimit: 16_384, ...(https ? { https } : {}) });
  formParser(app);
  const send = (reply: FastifyReply, status: number, html: string) =>
    reply.status(status).headers(HEADERS).type('text/html; charset=utf-8').send(html);
  const client = (req: FastifyRequest) => req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? req.ip;

  app.get('/.harbour/ca.crt', async (_req, reply) =>
    reply
      .headers({
        'cache-control': 'no-cache',
        'content-disposition': 'attachment; filename="harbour-block-page-ca.crt"',
      })
      .type('application/x-x509-ca-cert')
      .send((await blockCa(ctx)).certPem),
  );

  app.post('/.harbour/report', async (req, reply) => {
    const parsed = ReportForm.safeParse(req.body);
    const token = parsed.success ? verifyReportToken(ctx, parsed.data.token) : null;
    if (!parsed.success || !token)
      return send(
        reply,
        400,
        problemPage('This report form has expired. Go back, reload the page and try again.'),
      );
    const from = client(req);
    if (!limiter.allow(from, ctx.clock.now().getTime()))
      return send(
        reply.header('retry-after', 600),
        429,
        problemPage(
          'Too many reports from this device just now. Please try again in a few minutes, or tell a member of staff.',
        ),
      );
    try {
      await submitReport(ctx, token, parsed.data, from);
    } catch (err) {
      if (err instanceof AppError) return send(reply, 400, problemPage(err.message));
      throw err;
    }
    return send(reply, 200, thanksPage());
  });

  app.setNotFoundHandler(async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(reply, 405, problemPage('Only pages can be shown here.'));
    const view = await viewFor(ctx, req.headers.host ?? '', client(req));
    if (!view) return send(reply, 503, problemPage('Filtering is not set up yet.'));
    if (!view.blocked || !view.name)
      return send(
        reply,
        200,
        notBlockedPage({
          schoolName: view.schoolName,
          monitoringNotice: view.monitoringNotice,
          token: view.token,
        }),
      );
    return send(
      reply,
      403,
      blockedPage({
        name: view.name,
        schoolName: view.schoolName,
        groupName: view.groupName,
        reason: view.blocked.reason,
        category: view.blocked.category,
        monitoringNotice: view.monitoringNotice,
        token: view.token,
      }),
    );
  });
  return app;
}

/** Certificates per name, minted once and kept (they last 30 days; a restart mints afresh). */
function sniCallback(ctx: AppContext): NonNullable<tls.TlsOptions['SNICallback']> {
  const contexts = new Map<string, Promise<tls.SecureContext>>();
  return (servername, cb) => {
    const name = normaliseDomain(servername) ?? 'harbour-block-page.invalid';
    let p = contexts.get(name);
    if (!p) {
      p = mintLeaf(ctx, name).then((leaf) =>
        tls.createSecureContext({ key: leaf.keyPem, cert: leaf.certPem }),
      );
      p.catch(() => contexts.delete(name));
      if (contexts.size > 5000) contexts.delete(contexts.keys().next().value!);
      contexts.set(name, p);
    }
    p.then(
      (sc) => cb(null, sc),
      (err: Error) => cb(err, undefined),
    );
  };
}

export async function startBlockPage(
  ctx: AppContext,
  o: { host?: string; port?: number; tlsPort?: number } = {},
): Promise<BlockPage> {
  const host = o.host ?? ctx.config.HARBOUR_BLOCK_PAGE_HOST;
  const limiter = new ReportLimiter();
  // A default certificate for clients that send no server name (an address typed in).
  const fallback = await mintLeaf(ctx, 'harbour-block-page.invalid');
  const http = build(ctx, limiter);
  const https = build(ctx, limiter, {
    key: fallback.keyPem,
    cert: fallback.certPem,
    SNICallback: sniCallback(ctx),
  });
  await http.listen({ host, port: o.port ?? ctx.config.HARBOUR_BLOCK_PAGE_PORT });
  await https.listen({ host, port: o.tlsPort ?? ctx.config.HARBOUR_BLOCK_PAGE_TLS_PORT });
  const port = (a: FastifyInstance) => (a.server.address() as { port: number }).port;
  return {
    http,
    https,
    httpPort: port(http),
    httpsPort: port(https),
    async close() {
      await http.close();
      await https.close();
    },
  };
}
