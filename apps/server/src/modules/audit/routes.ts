import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireSchoolActor, scopesOf } from '../../http/access.js';
import { parse } from '../../http/validate.js';
import { forbidden } from '../../lib/errors.js';
import { browseAudit } from './browse.js';
import { AuditQuery } from './schema.js';

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/audit', async (req) => {
    const actor = requireSchoolActor(req);
    // The trail covers the whole school; a narrower grant has no meaningful slice of it.
    if (!scopesOf(req).includes('school')) throw forbidden();
    const query = parse(AuditQuery, req.query);
    return browseAudit(ctx, {
      schoolId: actor.schoolId,
      actorAccountId: actor.accountId,
      ip: req.ip,
      query,
    });
  });
}
