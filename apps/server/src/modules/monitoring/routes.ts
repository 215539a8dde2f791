import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { ingestBatch } from './ingest.js';
import { EmptyQuery, IdParams, MAX_INGEST_BODY_BYTES, NewSource } from './schema.js';
import { authenticateSource, issueSource, listSources, revokeSource } from './sources.js';
import './settings.js';

/** Monitoring (issue 6, policy 6.1, 6.3, 7.3). */
export function monitoringRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  app.get('/api/monitoring/sources', async (req) => {
    parse(EmptyQuery, req.query);
    return listSources(caller(req));
  });
  app.post('/api/monitoring/sources', async (req, reply) =>
    reply.status(201).send(await issueSource(caller(req), parse(NewSource, req.body).name)),
  );
  app.post('/api/monitoring/sources/:id/revoke', async (req) =>
    revokeSource(caller(req), parse(IdParams, req.params).id),
  );
  // Sources post with their bearer token (access 'public' in the route table): checked first, before the body.
  app.post('/api/monitoring/events', { bodyLimit: MAX_INGEST_BODY_BYTES }, async (req) => {
    const source = await authenticateSource(ctx, req.headers.authorization);
    return ingestBatch(ctx, { id: source.id, school_id: source.schoolId }, req.body, req.ip);
  });
}
