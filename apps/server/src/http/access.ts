import type { FastifyInstance, FastifyRequest } from 'fastify';
import { scopesFor, type Permission, type Scope } from '@harbour/shared';
import type { AppContext } from '../context.js';
import { AppError } from '../lib/errors.js';
import { loadActor, type Actor } from '../modules/auth/sessions.js';
import { ROUTE_ACCESS, routeKey, type RouteAccess } from './route-access.js';

export const SESSION_COOKIE = 'harbour_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    access?: { permission: Permission; scopes: Scope[] };
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route registered, as "METHOD /path" (the route table test enumerates them). */
    apiRoutes: string[];
  }
}

/** Fails start-up if an /api route has no entry in the access table: deny by default, nothing forgotten. */
export function enforceRouteTable(app: FastifyInstance): void {
  const seen: string[] = [];
  app.decorate('apiRoutes', seen);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m === 'HEAD') continue;
      const key = routeKey(m, route.url);
      if (!ROUTE_ACCESS[key]) throw new Error(`route ${key} has no entry in route-access.ts`);
      seen.push(key);
    }
  });
}

/** The one central, deny-by-default access check, run before any handler. */
export function installAccessHook(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url;
    if (!url || !url.startsWith('/api/')) return; // static files and unknown paths (404 handler)
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const access: RouteAccess | undefined = ROUTE_ACCESS[routeKey(method, url)];
    if (!access) throw new AppError('forbidden', 'This route is not open to anyone');
    const token = req.cookies[SESSION_COOKIE];
    const passive = (req.headers['x-harbour-passive'] ?? '') === '1';
    if (token) {
      const actor = await loadActor(ctx, token, { touch: !passive });
      if (actor) req.actor = actor;
    }
    if (req.actor && !SAFE_METHODS.has(req.method)) checkCsrf(req, req.actor);
    if (access === 'public') return;
    const actor = req.actor;
    if (!actor) throw new AppError('unauthenticated', 'Sign in to continue');
    if (access === 'session') return;
    if (actor.state === 'locked')
      throw new AppError('locked', 'The screen is locked: enter your password to continue');
    if (actor.state === 'needs_password')
      throw new AppError('password_change_required', 'Choose a new password to finish signing in');
    if (actor.state !== 'active')
      throw new AppError('totp_required', 'Finish signing in with your authenticator code');
    if (access === 'authenticated') return;
    const scopes = scopesFor(actor.roles, access.permission);
    if (scopes.length === 0)
      throw new AppError('forbidden', 'You do not have permission to do that', {
        permission: access.permission,
      });
    req.access = { permission: access.permission, scopes };
  });
}

function checkCsrf(req: FastifyRequest, actor: Actor): void {
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || sent !== actor.csrfToken) {
    throw new AppError('csrf', 'Missing or wrong CSRF token: reload the page and try again');
  }
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Sign in to continue');
  return req.actor;
}

/** The actor with an acting school: every school-owned query needs one. */
export function requireSchoolActor(req: FastifyRequest): Actor & { schoolId: string } {
  const actor = requireActor(req);
  if (!actor.schoolId) throw new AppError('forbidden', 'Choose a school first');
  return actor as Actor & { schoolId: string };
}

export function scopesOf(req: FastifyRequest): Scope[] {
  if (!req.access) throw new AppError('forbidden', 'You do not have permission to do that');
  return req.access.scopes;
}
