import type { Permission } from '@harbour/shared';
import { COMPLIANCE_ROUTE_ACCESS } from './route-access-compliance.js';
import { MONITORING_ROUTE_ACCESS } from './route-access-monitoring.js';
import { CONCERN_ROUTE_ACCESS } from './route-access-concerns.js';

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
  // Public: answers { signedIn: false } to a browser with no session, so the app can show sign-in.
  'GET /api/session': 'public',
  'POST /api/auth/sign-out': 'session',
  'POST /api/session/school': 'authenticated',
  // Sign-in steps after the password, and the lock screen: each checks the session's state itself
  // (a locked session gets 423 on all but unlock and sign-out).
  'POST /api/auth/totp/enrol': 'session',
  'POST /api/auth/totp/enrol/confirm': 'session',
  'POST /api/auth/totp': 'session',
  'POST /api/auth/lock': 'session',
  'POST /api/auth/unlock': 'session',
  'POST /api/auth/password': 'session',

  'GET /api/people': { permission: 'people.read' },
  'GET /api/people/:id': { permission: 'people.read' },
  'POST /api/people': { permission: 'people.write' },
  'PATCH /api/people/:id': { permission: 'people.write' },
  'POST /api/people/:id/leaver': { permission: 'people.write' },
  'GET /api/leavers': { permission: 'people.read' },
  'POST /api/people/:id/parents': { permission: 'people.write' },
  'POST /api/imports/preview': { permission: 'people.import' },
  'POST /api/imports/commit': { permission: 'people.import' },

  // Accounts admin, invitations and approvals (modules/accounts). Safeguarding role grants and resets are
  // requests that take effect only on approval by the head or a DSL who is not the target (clarification 9).
  'GET /api/accounts': { permission: 'accounts.admin' },
  'POST /api/accounts/:id/disable': { permission: 'accounts.admin' },
  'POST /api/accounts/:id/enable': { permission: 'accounts.admin' },
  'POST /api/accounts/:id/unlock': { permission: 'accounts.admin' },
  'POST /api/accounts/:id/password-reset': { permission: 'accounts.admin' },
  'POST /api/accounts/:id/totp-reset': { permission: 'accounts.admin' },
  'POST /api/accounts/:id/roles': { permission: 'roles.assign' },
  'DELETE /api/accounts/:id/roles/:role': { permission: 'roles.assign' },
  'POST /api/people/:id/invitation': { permission: 'accounts.admin' },
  'GET /api/invitations/:token': 'public',
  'POST /api/invitations/:token/accept': 'public',
  'GET /api/approvals': { permission: 'accounts.approve' },
  'POST /api/approvals/:id/approve': { permission: 'accounts.approve' },
  'POST /api/approvals/:id/reject': { permission: 'accounts.approve' },

  'GET /api/audit': { permission: 'audit.read' },
  'GET /api/settings': { permission: 'settings.read' },
  'PUT /api/settings/:key': { permission: 'settings.write' },

  // Filtering (issue 4). Reading the policy; proposing changes (policy 7.3); deciding them (leadership);
  // emergency unblocks (leadership). No route writes the live policy except approve and the emergency unblock.
  'GET /api/filtering/policy': { permission: 'filtering.read' },
  'GET /api/filtering/lists/:id': { permission: 'filtering.read' },
  'GET /api/filtering/check': { permission: 'filtering.read' },
  'POST /api/filtering/lists/stage': { permission: 'filtering.propose' },
  'GET /api/filtering/starter': { permission: 'filtering.propose' },
  'GET /api/filtering/changes': { permission: 'filtering.read' },
  'GET /api/filtering/changes/export': { permission: 'filtering.read' },
  'GET /api/filtering/changes/:id': { permission: 'filtering.read' },
  'POST /api/filtering/changes': { permission: 'filtering.propose' },
  'POST /api/filtering/changes/:id/approve': { permission: 'filtering.approve' },
  'POST /api/filtering/changes/:id/reject': { permission: 'filtering.approve' },
  'POST /api/filtering/changes/:id/withdraw': { permission: 'filtering.propose' },
  'POST /api/filtering/unblocks': { permission: 'filtering.emergency' },
  'POST /api/filtering/unblocks/:id/end': { permission: 'filtering.emergency' },
  'GET /api/filtering/nodes': { permission: 'filtering.nodes' },
  'POST /api/filtering/nodes': { permission: 'filtering.nodes' },
  'POST /api/filtering/nodes/:id/revoke': { permission: 'filtering.nodes' },
  'GET /api/filtering/query-log/top': { permission: 'filtering.querylog' },
  // A client address's history is read by the DSL team only, and audited (clarification 8).
  'GET /api/filtering/query-log/client': { permission: 'filtering.client_history' },
  'GET /api/filtering/reports': { permission: 'filtering.reports' },
  'POST /api/filtering/reports/:id/resolve': { permission: 'filtering.reports' },
  // Recording a concern; the handler also requires filtering.reports (it works the reports queue).
  'POST /api/filtering/reports/:id/concern': { permission: 'concerns.record' },
  'GET /api/filtering/block-page/ca': { permission: 'filtering.read' },
  // The self-test (DfE standard 2): whoever may propose changes may run it; its records are for all readers.
  'POST /api/filtering/self-tests': { permission: 'filtering.propose' },
  'GET /api/filtering/self-tests': { permission: 'filtering.read' },
  'GET /api/filtering/self-tests/:id': { permission: 'filtering.read' },
  'GET /api/filtering/dashboard': { permission: 'filtering.read' },
  // The node API (docs/filtering-policy.md): no session; the handler checks the node's bearer token first.
  'GET /api/dns/policy': 'public',
  'POST /api/dns/logs': 'public',

  // Compliance (issue 5): agreements, access register, training, consents, phones and devices, risk
  // assessments, the policy's lifecycle, self-review and the governor report.
  ...COMPLIANCE_ROUTE_ACCESS,

  // Monitoring (issue 6): alerts and events are the DSL team's; sources post events with their own token.
  ...MONITORING_ROUTE_ACCESS,
  // Concerns (issue 3), and the in-app notifications every signed-in person reads (their own only).
  ...CONCERN_ROUTE_ACCESS,
  'GET /api/notifications': 'authenticated',
  'POST /api/notifications/:id/read': 'authenticated',
};

export const routeKey = (method: string, url: string): string => `${method.toUpperCase()} ${url}`;
