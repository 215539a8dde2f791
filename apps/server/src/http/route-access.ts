import type { Permission } from '@harbour/shared';

/**
 * THE route x permission table (architecture: "the whole route x role table lives as data in one file").
 * Every route the server registers must appear here or start-up fails; route-access.test.ts checks it
 * against every role.
 *   public        - anyone, signed in or not (sign-in, invitation acceptance, health)
 *   session       - any signed-in session, even one still waiting for its second factor or locked
 *   authenticated - a fully signed-in, unlocked session
 *   { permission } - authenticated and granted that permission in the acting school
 */
export type RouteAccess = 'public' | 'session' | 'authenticated' | { permission: Permission };

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /api/health': 'public',
  'POST /api/auth/sign-in': 'public',
  'GET /api/session': 'session',
  'POST /api/auth/sign-out': 'session',
  'POST /api/auth/lock': 'session',
  'POST /api/auth/unlock': 'session',
  'POST /api/auth/totp/verify': 'session',
  'POST /api/auth/totp/recovery': 'session',
  'POST /api/auth/totp/enrol/start': 'session',
  'POST /api/auth/totp/enrol/confirm': 'session',
  'POST /api/auth/password': 'authenticated',
  'POST /api/session/school': 'authenticated',
  'GET /api/invitations/:token': 'public',
  'POST /api/invitations/:token/accept': 'public',

  'GET /api/people': { permission: 'people.read' },
  'GET /api/people/:id': { permission: 'people.read' },
  'POST /api/people': { permission: 'people.write' },
  'PATCH /api/people/:id': { permission: 'people.write' },
  'POST /api/people/:id/leaver': { permission: 'people.write' },
  'GET /api/leavers': { permission: 'people.read' },
  'POST /api/people/:id/parents': { permission: 'people.write' },
  'POST /api/imports/preview': { permission: 'people.import' },
  'POST /api/imports/commit': { permission: 'people.import' },

  'POST /api/people/:id/invitation': { permission: 'accounts.admin' },
  'GET /api/accounts': { permission: 'accounts.admin' },
  'POST /api/accounts/:id/disable': { permission: 'accounts.admin' },
  'POST /api/accounts/:id/enable': { permission: 'accounts.admin' },
  'POST /api/accounts/:id/unlock': { permission: 'accounts.admin' },
  'POST /api/accounts/:id/roles': { permission: 'roles.assign' },
  'DELETE /api/accounts/:id/roles/:role': { permission: 'roles.assign' },
  'POST /api/accounts/:id/reset-requests': { permission: 'accounts.admin' },
  'GET /api/approvals': { permission: 'accounts.approve' },
  'POST /api/approvals/:id/decision': { permission: 'accounts.approve' },

  'GET /api/audit': { permission: 'audit.read' },
  'GET /api/settings': { permission: 'settings.read' },
  'PUT /api/settings/:key': { permission: 'settings.write' },
};

export const routeKey = (method: string, url: string): string => `${method.toUpperCase()} ${url}`;
