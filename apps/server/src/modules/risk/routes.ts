import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import {
  DecideBody,
  DpCheckBody,
  EmptyBody,
  EmptyQuery,
  IdParams,
  ListQuery,
  NewAssessment,
  PatchAssessment,
  ReviewBody,
} from './schema.js';
import * as service from './service.js';

/** Technology risk assessments (policy 5.1, 7.4). */
export function riskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  const id = (req: { params: unknown }) => parse(IdParams, req.params).id;
  app.get('/api/risk', async (req) => service.list(caller(req), parse(ListQuery, req.query).status));
  app.get('/api/risk/:id', async (req) => {
    parse(EmptyQuery, req.query);
    return service.getOne(caller(req), id(req));
  });
  app.post('/api/risk', async (req, reply) =>
    reply.status(201).send(await service.create(caller(req), parse(NewAssessment, req.body))),
  );
  app.patch('/api/risk/:id', async (req) =>
    service.edit(caller(req), id(req), parse(PatchAssessment, req.body)),
  );
  app.post('/api/risk/:id/submit', async (req) => {
    parse(EmptyBody, req.body);
    return service.submit(caller(req), id(req));
  });
  app.post('/api/risk/:id/dp-check', async (req) =>
    service.dpCheck(caller(req), id(req), parse(DpCheckBody, req.body)),
  );
  app.post('/api/risk/:id/decide', async (req) =>
    service.decide(caller(req), id(req), parse(DecideBody, req.body)),
  );
  app.post('/api/risk/:id/review', async (req) =>
    service.review(caller(req), id(req), parse(ReviewBody, req.body)),
  );
}
