import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import * as inventory from './inventory.js';
import * as phones from './phones.js';
import {
  ConfiscateBody,
  ConfiscationsQuery,
  DevicesQuery,
  EmptyBody,
  HandinBody,
  IdParams,
  NewDevice,
  PatchDevice,
  PoliceBody,
  RegisterQuery,
  ReleaseBody,
} from './schema.js';

/** Pupils' phones (policy 4.3) and the school device inventory (7.2, 7.4). */
export function deviceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  app.get('/api/phones/register', async (req) =>
    phones.register(caller(req), parse(RegisterQuery, req.query).day),
  );
  app.post('/api/phones/handins', async (req, reply) => {
    const b = parse(HandinBody, req.body);
    return reply.status(201).send(await phones.handIn(caller(req), b.pupilId, b.note));
  });
  app.post('/api/phones/handins/:id/collect', async (req) => {
    parse(EmptyBody, req.body);
    return phones.collect(caller(req), parse(IdParams, req.params).id);
  });
  app.get('/api/phones/confiscations', async (req) =>
    phones.confiscations(caller(req), parse(ConfiscationsQuery, req.query).status),
  );
  app.post('/api/phones/confiscations', async (req, reply) =>
    reply.status(201).send(await phones.confiscate(caller(req), parse(ConfiscateBody, req.body))),
  );
  app.post('/api/phones/confiscations/:id/release', async (req) =>
    phones.release(caller(req), parse(IdParams, req.params).id, parse(ReleaseBody, req.body).parentId),
  );
  app.post('/api/phones/confiscations/:id/police', async (req) =>
    phones.toPolice(caller(req), parse(IdParams, req.params).id, parse(PoliceBody, req.body)),
  );
  app.get('/api/devices', async (req) => inventory.list(caller(req), parse(DevicesQuery, req.query)));
  app.post('/api/devices', async (req, reply) =>
    reply.status(201).send(await inventory.create(caller(req), parse(NewDevice, req.body))),
  );
  app.patch('/api/devices/:id', async (req) =>
    inventory.update(caller(req), parse(IdParams, req.params).id, parse(PatchDevice, req.body)),
  );
}
