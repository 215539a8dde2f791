import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerAuditHider } from '../audit/service.js';
import { registerEvidenceProvider } from '../compliance/evidence-sources.js';
import { monitoringEvidence } from './evidence.js';
import { callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { getAlert, listAlerts } from './alerts-read.js';
import { escalateAlert, hideRestrictedAlerts } from './escalate.js';
import { commitImport, previewImport } from './import.js';
import { ingestBatch } from './ingest.js';
import { defaultIngestWorkers, inThreadRunner, startIngestPool } from './ingest-pool.js';
import { addTerm, library, removeTerm } from './library.js';
import {
  AlertsQuery,
  EmptyQuery,
  Escalate,
  IdParams,
  IMPORT_BODY_LIMIT,
  ImportBody,
  MAX_INGEST_BODY_BYTES,
  NameViewer,
  NewSource,
  NewTerm,
  RemoveTerm,
  Triage,
} from './schema.js';
import { authenticateSource, issueSource, listSources, revokeSource } from './sources.js';
import { listenForSignals, settleSignals } from './signals.js';
import { nameViewer, removeViewer, triageAlert } from './triage.js';
import './retention.js';
import './settings.js';

/** Monitoring (issue 6, policy 6.1, 6.3, 7.3). */
export function monitoringRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  registerAuditHider(hideRestrictedAlerts);
  // Counts for the compliance dashboard and the governor report (issue 5).
  registerEvidenceProvider('monitoring', monitoringEvidence);
  // Resolver decisions in high-risk categories (the filtering module's query log) become signals.
  const stopSignals = listenForSignals(ctx);
  app.addHook('onClose', async () => {
    stopSignals();
    await settleSignals(ctx);
  });
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
  // Ingestion's per-event work runs on worker threads (HARBOUR_INGEST_WORKERS, default one per core beyond the
  // first); the body reaches the worker as the raw bytes, so parsing it moves there too.
  const size = ctx.config.HARBOUR_INGEST_WORKERS ?? defaultIngestWorkers();
  const runner = size > 0 ? startIngestPool(ctx, size) : inThreadRunner();
  app.addHook('onClose', () => runner.close());
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    // Sources post with their bearer token (access 'public' in the route table), checked before the body is
    // read: an unauthenticated or revoked source is refused with a 401 without its body reaching the worker.
    const sources = new WeakMap<object, { id: string; school_id: string }>();
    scope.post(
      '/api/monitoring/events',
      {
        bodyLimit: MAX_INGEST_BODY_BYTES,
        onRequest: async (req) => {
          const source = await authenticateSource(ctx, req.headers.authorization);
          sources.set(req, { id: source.id, school_id: source.schoolId });
        },
      },
      async (req) => ingestBatch(ctx, sources.get(req)!, req.body, req.ip, runner),
    );
  });

  app.get('/api/monitoring/alerts', async (req) => listAlerts(caller(req), parse(AlertsQuery, req.query)));
  app.get('/api/monitoring/alerts/:id', async (req) => {
    parse(EmptyQuery, req.query);
    return getAlert(caller(req), parse(IdParams, req.params).id);
  });
  app.post('/api/monitoring/alerts/:id/triage', async (req) =>
    triageAlert(caller(req), parse(IdParams, req.params).id, parse(Triage, req.body)),
  );
  app.post('/api/monitoring/alerts/:id/escalate', async (req, reply) =>
    reply
      .status(201)
      .send(await escalateAlert(caller(req), parse(IdParams, req.params).id, parse(Escalate, req.body))),
  );
  app.post('/api/monitoring/alerts/:id/viewers', async (req) =>
    nameViewer(caller(req), parse(IdParams, req.params).id, parse(NameViewer, req.body)),
  );
  app.post('/api/monitoring/alerts/:id/viewers/remove', async (req) =>
    removeViewer(caller(req), parse(IdParams, req.params).id, parse(NameViewer, req.body)),
  );

  app.get('/api/monitoring/library', async (req) => {
    parse(EmptyQuery, req.query);
    return library(caller(req));
  });
  app.post('/api/monitoring/library/terms', async (req, reply) =>
    reply.status(201).send(await addTerm(caller(req), parse(NewTerm, req.body))),
  );
  app.post('/api/monitoring/library/terms/:id/remove', async (req) =>
    removeTerm(caller(req), parse(IdParams, req.params).id, parse(RemoveTerm, req.body).reason),
  );

  app.post('/api/monitoring/import/preview', { bodyLimit: IMPORT_BODY_LIMIT + 4096 }, async (req) =>
    previewImport(caller(req), parse(ImportBody, req.body)),
  );
  app.post('/api/monitoring/import/commit', { bodyLimit: IMPORT_BODY_LIMIT + 4096 }, async (req) =>
    commitImport(caller(req), parse(ImportBody, req.body)),
  );
}
