import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { commitImport, previewImport } from './import.js';
import { CheckQuery, EmptyQuery, IdParams, ImportBody, RecordConsent, WithdrawalsQuery } from './schema.js';
import * as service from './service.js';

const IMPORT_BODY_LIMIT = 6 * 1024 * 1024;

/** Image consents (policy 2.2, 3.4 [3.3]). */
export function consentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  app.post('/api/consents', async (req, reply) =>
    reply.status(201).send(await service.record(caller(req), parse(RecordConsent, req.body))),
  );
  app.get('/api/consents/pupils/:id', async (req) => {
    parse(EmptyQuery, req.query);
    return service.pupilConsents(caller(req), parse(IdParams, req.params).id);
  });
  app.get('/api/consents/check', async (req) => service.check(caller(req), parse(CheckQuery, req.query)));
  app.get('/api/consents/withdrawals', async (req) =>
    service.withdrawals(caller(req), parse(WithdrawalsQuery, req.query).days),
  );
  app.post('/api/consents/import/preview', { bodyLimit: IMPORT_BODY_LIMIT }, async (req) =>
    previewImport(caller(req), parse(ImportBody, req.body).csv),
  );
  app.post('/api/consents/import/commit', { bodyLimit: IMPORT_BODY_LIMIT }, async (req) =>
    commitImport(caller(req), parse(ImportBody, req.body).csv),
  );
}
