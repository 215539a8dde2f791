import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { accessRoutes } from '../access/routes.js';
import { agreementRoutes } from '../agreements/routes.js';
import { trainingRoutes } from '../training/routes.js';
import { consentRoutes } from '../consents/routes.js';
import { deviceRoutes } from '../devices/routes.js';
import { riskRoutes } from '../risk/routes.js';
import { policyRoutes } from '../policy/routes.js';
import { complianceRoutes } from './routes.js';

/** Issue 5's modules, registered in one place so http/modules.ts gains one line. */
export function complianceModuleRoutes(app: FastifyInstance, ctx: AppContext): void {
  agreementRoutes(app, ctx);
  accessRoutes(app, ctx);
  trainingRoutes(app, ctx);
  consentRoutes(app, ctx);
  deviceRoutes(app, ctx);
  riskRoutes(app, ctx);
  policyRoutes(app, ctx);
  complianceRoutes(app, ctx);
}
