import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import {
  EditVersion,
  EmptyBody,
  EmptyQuery,
  IdParams,
  NewVersion,
  RecordBody,
  RemindBody,
  SignBody,
  UnsignedQuery,
} from './schema.js';
import * as service from './service.js';

/** Acceptable-use agreements (policy 5.3, 6.1). */
export function agreementRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  app.get('/api/aup/documents', async (req) => {
    parse(EmptyQuery, req.query);
    return service.listDocuments(caller(req));
  });
  app.get('/api/aup/versions/:id', async (req) => {
    parse(EmptyQuery, req.query);
    return service.getVersion(caller(req), parse(IdParams, req.params).id);
  });
  app.post('/api/aup/versions', async (req, reply) =>
    reply.status(201).send(await service.createDraft(caller(req), parse(NewVersion, req.body))),
  );
  app.patch('/api/aup/versions/:id', async (req) =>
    service.editDraft(caller(req), parse(IdParams, req.params).id, parse(EditVersion, req.body)),
  );
  app.post('/api/aup/versions/:id/publish', async (req) => {
    parse(EmptyBody, req.body);
    return service.publish(caller(req), parse(IdParams, req.params).id);
  });
  app.get('/api/aup/mine', async (req) => {
    parse(EmptyQuery, req.query);
    return service.mine(caller(req));
  });
  app.post('/api/aup/sign', async (req, reply) =>
    reply.status(201).send(await service.sign(caller(req), parse(SignBody, req.body))),
  );
  app.post('/api/aup/signatures', async (req, reply) =>
    reply.status(201).send(await service.recordSignature(caller(req), parse(RecordBody, req.body))),
  );
  app.get('/api/aup/unsigned', async (req) =>
    service.unsignedReport(caller(req), parse(UnsignedQuery, req.query)),
  );
  app.get('/api/aup/people/:id', async (req) => {
    parse(EmptyQuery, req.query);
    return service.signaturesOfPerson(caller(req), parse(IdParams, req.params).id);
  });
  app.post('/api/aup/reminders', async (req) =>
    service.remindNow(caller(req), parse(RemindBody, req.body).audience),
  );
}
