import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { SESSION_COOKIE, requireActor } from '../../http/access.js';
import { parse } from '../../http/validate.js';
import { presentSession } from './present.js';
import { passwordRuleOf } from './rules.js';
import {
  ChangePasswordBody,
  EmptyBody,
  SecondFactorBody,
  SignInBody,
  SwitchSchoolBody,
  TotpConfirmBody,
  UnlockBody,
} from './schema.js';
import { signIn, signOut, switchSchool } from './service.js';
import { schoolsOf } from './sessions.js';
import {
  changePassword,
  confirmEnrolment,
  lockSession,
  secondFactor,
  startEnrolment,
  unlockSession,
} from './steps.js';

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
    const rule = await passwordRuleOf(ctx.db, req.actor.accountId);
    return presentSession(req.actor, await schoolsOf(ctx.db, req.actor.accountId), rule.rule);
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

  app.post('/api/auth/totp/enrol', async (req) => {
    parse(EmptyBody, req.body ?? {});
    return startEnrolment(ctx, requireActor(req), req.ip);
  });

  app.post('/api/auth/totp/enrol/confirm', async (req) => {
    const body = parse(TotpConfirmBody, req.body);
    return confirmEnrolment(ctx, requireActor(req), body.code, req.ip);
  });

  app.post('/api/auth/totp', async (req) => {
    const body = parse(SecondFactorBody, req.body);
    return secondFactor(ctx, requireActor(req), body, req.ip);
  });

  app.post('/api/auth/lock', async (req) => {
    parse(EmptyBody, req.body ?? {});
    await lockSession(ctx, requireActor(req), req.ip);
    return { ok: true };
  });

  app.post('/api/auth/unlock', async (req) => {
    const body = parse(UnlockBody, req.body);
    await unlockSession(ctx, requireActor(req), body.password, req.ip);
    return { ok: true };
  });

  app.post('/api/auth/password', async (req) => {
    const body = parse(ChangePasswordBody, req.body);
    await changePassword(ctx, requireActor(req), body, req.ip);
    return { ok: true };
  });
}
