import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import {
  CertificateBody,
  EmptyQuery,
  IdParams,
  NewCourse,
  NewRecord,
  NewSession,
  RecordsQuery,
} from './schema.js';
import * as service from './service.js';

const CERTIFICATE_BODY_LIMIT = 3 * 1024 * 1024;

/** Staff training (policy 6.3). */
export function trainingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  app.get('/api/training/courses', async (req) => {
    parse(EmptyQuery, req.query);
    return service.listCourses(caller(req));
  });
  app.post('/api/training/courses', async (req, reply) =>
    reply.status(201).send(await service.createCourse(caller(req), parse(NewCourse, req.body))),
  );
  app.get('/api/training/records', async (req) =>
    service.listRecords(caller(req), parse(RecordsQuery, req.query)),
  );
  app.post('/api/training/records', async (req, reply) =>
    reply.status(201).send(await service.addRecord(caller(req), parse(NewRecord, req.body))),
  );
  app.post('/api/training/sessions', async (req, reply) =>
    reply.status(201).send(await service.addSession(caller(req), parse(NewSession, req.body))),
  );
  app.get('/api/training/status', async (req) => {
    parse(EmptyQuery, req.query);
    return service.status(caller(req));
  });
  app.post(
    '/api/training/records/:id/certificate',
    { bodyLimit: CERTIFICATE_BODY_LIMIT },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.uploadCertificate(
            caller(req),
            parse(IdParams, req.params).id,
            parse(CertificateBody, req.body),
          ),
        ),
  );
  app.get('/api/training/certificates/:id', async (req, reply) => {
    parse(EmptyQuery, req.query);
    const file = await service.certificate(caller(req), parse(IdParams, req.params).id);
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .send(file.data);
  });
}
