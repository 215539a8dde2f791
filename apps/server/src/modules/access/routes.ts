import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { EmptyQuery, GrantBody, IdParams, ListQuery, RemoveBody } from './schema.js';
import * as service from './service.js';

/** The access register (policy 5.3, 2.4, 2.5 [All Souls']). */
export function accessRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  app.get('/api/access', async (req) => service.list(caller(req), parse(ListQuery, req.query)));
  app.get('/api/access/to-remove', async (req) => {
    parse(EmptyQuery, req.query);
    return service.toRemove(ctx, caller(req).actor.schoolId);
  });
  app.get('/api/access/people/:id', async (req) => {
    parse(EmptyQuery, req.query);
    return service.personAccess(caller(req), parse(IdParams, req.params).id);
  });
  app.post('/api/access', async (req, reply) =>
    reply.status(201).send(await service.grant(caller(req), parse(GrantBody, req.body))),
  );
  app.post('/api/access/:id/remove', async (req) =>
    service.remove(caller(req), parse(IdParams, req.params).id, parse(RemoveBody, req.body).reason),
  );
}
