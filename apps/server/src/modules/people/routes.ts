import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireSchoolActor, scopesOf } from '../../http/access.js';
import { parse } from '../../http/validate.js';
import { commitImport, previewImport } from './import.js';
import { ImportBody } from './import-schema.js';
import {
  CreatePerson,
  EmptyQuery,
  IdParams,
  LeaverBody,
  LeaversQuery,
  ListQuery,
  ParentLinkBody,
  PatchPerson,
} from './schema.js';
import * as service from './service.js';

const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

export function peopleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = (req: FastifyRequest): service.Caller => ({
    ctx,
    actor: requireSchoolActor(req),
    scopes: scopesOf(req),
    ip: req.ip,
  });

  app.get('/api/people', async (req, reply) => {
    const { json } = await service.listPeople(caller(req), parse(ListQuery, req.query));
    return reply.type('application/json; charset=utf-8').send(json);
  });

  app.get('/api/people/:id', async (req) => {
    parse(EmptyQuery, req.query);
    return service.getPerson(caller(req), parse(IdParams, req.params).id);
  });

  app.post('/api/people', async (req, reply) => {
    const person = await service.createPerson(caller(req), parse(CreatePerson, req.body));
    return reply.status(201).send({ person });
  });

  app.patch('/api/people/:id', async (req) => ({
    person: await service.updatePerson(
      caller(req),
      parse(IdParams, req.params).id,
      parse(PatchPerson, req.body),
    ),
  }));

  app.post('/api/people/:id/leaver', async (req) =>
    service.markLeaver(caller(req), parse(IdParams, req.params).id, parse(LeaverBody, req.body).leaveDate),
  );

  app.post('/api/people/:id/parents', async (req, reply) => {
    const link = await service.linkParent(
      caller(req),
      parse(IdParams, req.params).id,
      parse(ParentLinkBody, req.body),
    );
    return reply.status(201).send(link);
  });

  app.get('/api/leavers', async (req) => {
    const q = parse(LeaversQuery, req.query);
    return { leavers: await service.leaversReport(caller(req), q.from, q.limit) };
  });

  app.post('/api/imports/preview', { bodyLimit: IMPORT_BODY_LIMIT }, async (req) =>
    previewImport(caller(req), parse(ImportBody, req.body)),
  );

  app.post('/api/imports/commit', { bodyLimit: IMPORT_BODY_LIMIT }, async (req) =>
    commitImport(caller(req), parse(ImportBody, req.body)),
  );
}
