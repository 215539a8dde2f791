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
};
