import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { SESSION_COOKIE, requireActor } from '../../http/access.js';
import { parse } from '../../http/validate.js';
import { presentSession } from './present.js';
import { SignInBody, SwitchSchoolBody } from './schema.js';
import { signIn, signOut, switchSchool } from './service.js';
import { schoolsOf } from './sessions.js';

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: ctx.config.cookieSecure,
    sameSite: 'strict',
    path: '/',
    maxAge: ctx.config.HARBOUR_SESSION_MAX_HOURS * 3600,
  });
}

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/auth/sign-in', async (req, reply) => {
    const body = parse(SignInBody, req.body);
    const result = await signIn(ctx, { ...body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    setSessionCookie(ctx, reply, result.token);
    return { next: result.next };
  });

  app.get('/api/session', async (req) => {
    if (!req.actor) return { signedIn: false };
    return presentSession(req.actor, await schoolsOf(ctx.db, req.actor.accountId));
  });

  app.post('/api/auth/sign-out', async (req, reply) => {
    await signOut(ctx, requireActor(req), req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post('/api/session/school', async (req) => {
    const body = parse(SwitchSchoolBody, req.body);
    await switchSchool(ctx, requireActor(req), body.schoolId, req.ip);
    return { ok: true };
  });
}
