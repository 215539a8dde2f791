import type { RouteAccess } from './route-access.js';

/** The monitoring module's rows of the route x permission table (issue 6), spread into ROUTE_ACCESS. */
export const MONITORING_ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /api/monitoring/sources': { permission: 'monitoring.sources' },
  'POST /api/monitoring/sources': { permission: 'monitoring.sources' },
  'POST /api/monitoring/sources/:id/revoke': { permission: 'monitoring.sources' },
  // No session: the handler checks the source's bearer token before reading anything else.
  'POST /api/monitoring/events': 'public',
};
