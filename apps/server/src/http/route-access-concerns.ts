import type { RouteAccess } from './route-access.js';

/**
 * Concerns' rows of the route x permission table (issue 3), spread into ROUTE_ACCESS. Which concern a caller
 * may see is decided in the repo's queries (modules/concerns/visibility.ts); one they may not see is a 404.
 */
export const CONCERN_ROUTE_ACCESS: Record<string, RouteAccess> = {
  'POST /api/concerns': { permission: 'concerns.record' },
  // A pupil's "I'm worried about something" form: creates a concern, reads nothing.
  'POST /api/worries': { permission: 'concerns.tell' },
  'GET /api/concerns': { permission: 'concerns.read' },
  'GET /api/concerns/:id': { permission: 'concerns.read' },
  'POST /api/concerns/:id/additions': { permission: 'concerns.record' },
  'POST /api/concerns/:id/amendments': { permission: 'concerns.record' },
  'POST /api/concerns/:id/attachments': { permission: 'concerns.record' },
  'GET /api/concerns/attachments/:id': { permission: 'concerns.read' },
  'POST /api/concerns/:id/custody': { permission: 'concerns.record' },
  'POST /api/concerns/:id/notes': { permission: 'concerns.manage' },
  'POST /api/concerns/:id/imagery-views': { permission: 'concerns.imagery' },
  'POST /api/concerns/:id/viewers': { permission: 'concerns.restricted' },
  'GET /api/concerns/:id/views': { permission: 'concerns.manage' },

  // Responding (the DSL team holding the concern); reopening is a DSL's alone.
  'POST /api/concerns/:id/open': { permission: 'concerns.manage' },
  'POST /api/concerns/:id/steps': { permission: 'concerns.manage' },
  'POST /api/concerns/:id/category': { permission: 'concerns.manage' },
  'POST /api/concerns/:id/close': { permission: 'concerns.manage' },
  'POST /api/concerns/:id/reopen': { permission: 'concerns.reopen' },
  'POST /api/concerns/:id/actions': { permission: 'concerns.manage' },
  'POST /api/concerns/:id/referrals': { permission: 'concerns.manage' },
  'POST /api/concerns/:id/referrals/response': { permission: 'concerns.manage' },
  'POST /api/concerns/:id/no-referral': { permission: 'concerns.manage' },
  'POST /api/concerns/:id/parents': { permission: 'concerns.manage' },
  'POST /api/concerns/:id/sanctions': { permission: 'concerns.manage' },
  // Whoever an action is assigned to sees and completes it, even without sight of the concern.
  'GET /api/concerns/actions/mine': { permission: 'concerns.record' },
  'POST /api/concerns/actions/:id/done': { permission: 'concerns.record' },
  'GET /api/concern-agencies': { permission: 'concerns.manage' },
  'POST /api/concern-agencies': { permission: 'concerns.agencies' },
  'PATCH /api/concern-agencies/:id': { permission: 'concerns.agencies' },
  'GET /api/organisation/concern-agencies': { permission: 'concerns.agencies_trust' },
  'POST /api/organisation/concern-agencies': { permission: 'concerns.agencies_trust' },
  'PATCH /api/organisation/concern-agencies/:id': { permission: 'concerns.agencies_trust' },
  // Retention review: closed concerns past their date, and a DSL's decision (keep longer, or dispose).
  'GET /api/concerns/retention': { permission: 'concerns.retention' },
  'POST /api/concerns/:id/retention': { permission: 'concerns.retention' },

  // The whole picture: a pupil's chronology and the dashboard for the DSL team; trends, anonymised with small
  // numbers suppressed, for leadership and governors too (policy 1.3.2).
  'GET /api/people/:id/chronology': { permission: 'concerns.manage' },
  'GET /api/concerns/dashboard': { permission: 'concerns.manage' },
  'GET /api/concerns/trends': { permission: 'concerns.trends' },
};
