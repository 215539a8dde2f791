import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { AppContext } from '../context.js';
import { authRoutes } from '../modules/auth/routes.js';
import { installAccessHook, enforceRouteTable } from './access.js';
import { installErrorHandler } from './errors.js';
import { registerModuleRoutes } from './modules.js';

export interface BuildOptions {
  /** Serve the built web app from this folder (default: apps/web/dist when it exists). */
  webDist?: string | null;
  logger?: boolean;
  /** Tests: where the log lines go (default stdout). */
  logStream?: { write(line: string): void };
}

/** Invitation and reset links carry their token in the path: it never reaches a log line. */
export function redactUrl(url: string): string {
  return url.replace(/\/(api\/invitations|invite)\/[^/?#]+/g, '/$1/[token]');
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
} as const;

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const trusted = ctx.config.HARBOUR_TRUSTED_PROXIES;
  const app = Fastify({
    logger: opts.logger
      ? {
          level: ctx.config.HARBOUR_LOG_LEVEL,
          ...(opts.logStream ? { stream: opts.logStream } : {}),
          serializers: {
            req: (req: { method: string; url: string; ip?: string }) => ({
              method: req.method,
              url: redactUrl(req.url),
              remoteAddress: req.ip,
            }),
          },
          // Secrets never reach logs: cookies, CSRF tokens and auth headers are redacted.
          redact: [
            'req.headers.cookie',
            'req.headers["x-csrf-token"]',
            'req.headers.authorization',
            'res.headers["set-cookie"]',
          ],
        }
      : false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // X-Forwarded-For is believed only from the configured proxies (clarification 9).
    trustProxy: trusted.length > 0 ? trusted : false,
    ajv: { customOptions: { removeAdditional: false } },
  });
  // JSON only: a cross-site form (text/plain) can never reach a handler.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '' || body === undefined) return done(null, {});
    try {
      done(null, JSON.parse(body as string));
    } catch {
      const err = Object.assign(new Error('The request body is not valid JSON'), { statusCode: 400 });
      done(err, undefined);
    }
  });
  installErrorHandler(app);
  await app.register(cookie);
  enforceRouteTable(app);
  installAccessHook(app, ctx);
  // Constant headers on every answer, set by a plain (not async) hook: one fewer promise a request.
  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.headers(SECURITY_HEADERS);
    done(null, payload);
  });

  app.get('/api/health', async () => ({ ok: true }));
  authRoutes(app, ctx);
  registerModuleRoutes(app, ctx);

  const webDist = opts.webDist === undefined ? defaultWebDist(ctx) : opts.webDist;
  const spa = !!webDist && fs.existsSync(path.join(webDist, 'index.html'));
  if (spa) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  // One not-found handler (Fastify allows one): the single-page app owns every GET that is not an API call.
  app.setNotFoundHandler((req, reply) => {
    if (!spa || req.url.startsWith('/api/') || req.method !== 'GET')
      return reply.status(404).send({ error: { code: 'not_found', message: 'Not found' } });
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}

function defaultWebDist(ctx: AppContext): string {
  if (ctx.config.HARBOUR_WEB_DIST) return path.resolve(ctx.config.HARBOUR_WEB_DIST);
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../../web/dist');
}
