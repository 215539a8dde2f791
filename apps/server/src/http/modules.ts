import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { accountsRoutes } from '../modules/accounts/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { settingsRoutes } from '../modules/settings/routes.js';
import { peopleRoutes } from '../modules/people/routes.js';
import { filteringRoutes } from '../modules/filtering/routes.js';
import { complianceModuleRoutes } from '../modules/compliance/register.js';
import { monitoringRoutes } from '../modules/monitoring/routes.js';
import { concernRoutes } from '../modules/concerns/routes.js';
import { notificationRoutes } from '../modules/outbox/routes.js';

/** Each domain module registers its routes here; one line per module keeps merges trivial. */
export function registerModuleRoutes(app: FastifyInstance, ctx: AppContext): void {
  accountsRoutes(app, ctx);
  auditRoutes(app, ctx);
  settingsRoutes(app, ctx);
  peopleRoutes(app, ctx);
  filteringRoutes(app, ctx);
  complianceModuleRoutes(app, ctx);
  monitoringRoutes(app, ctx);
  concernRoutes(app, ctx);
  notificationRoutes(app, ctx);
}
