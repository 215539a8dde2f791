import type { RouteAccess } from './route-access.js';

/** The monitoring module's rows of the route x permission table (issue 6), spread into ROUTE_ACCESS. */
export const MONITORING_ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /api/monitoring/sources': { permission: 'monitoring.sources' },
  'POST /api/monitoring/sources': { permission: 'monitoring.sources' },
  'POST /api/monitoring/sources/:id/revoke': { permission: 'monitoring.sources' },
  // No session: the handler checks the source's bearer token before reading anything else.
  'POST /api/monitoring/events': 'public',
  // Alerts and their events: the DSL team; alerts about staff also the chair, for the head (clarification 6).
  'GET /api/monitoring/alerts': { permission: 'monitoring.read' },
  'GET /api/monitoring/alerts/:id': { permission: 'monitoring.read' },
  'POST /api/monitoring/alerts/:id/triage': { permission: 'monitoring.triage' },
  'POST /api/monitoring/alerts/:id/escalate': { permission: 'monitoring.triage' },
  'POST /api/monitoring/alerts/:id/viewers': { permission: 'monitoring.triage' },
  'POST /api/monitoring/alerts/:id/viewers/remove': { permission: 'monitoring.triage' },
  'POST /api/monitoring/import/preview': { permission: 'monitoring.import' },
  'POST /api/monitoring/import/commit': { permission: 'monitoring.import' },
  'GET /api/monitoring/library': { permission: 'monitoring.library' },
  'POST /api/monitoring/library/terms': { permission: 'monitoring.library' },
  'POST /api/monitoring/library/terms/:id/remove': { permission: 'monitoring.library' },
};
