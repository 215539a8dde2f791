import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireSchoolActor, scopesOf } from '../../http/access.js';
import { parse } from '../../http/validate.js';
import type { Caller } from './caller.js';
import * as changes from './changes.js';
import { exportChanges } from './export.js';
import { stageList } from './lists.js';
import {
  ChangesQuery,
  DecideBody,
  Domain,
  EmptyQuery,
  ExportQuery,
  IdParams,
  ClientHistoryQuery,
  NodeBody,
  ProposeBody,
  ReportsQuery,
  ResolveBody,
  TopBlockedQuery,
  RejectBody,
  StageBody,
  UnblockBody,
} from './schema.js';
import * as service from './service.js';
import { emergencyUnblock, endUnblockEarly } from './unblocks.js';
import { issueNode, listNodes, nodeRoutes, revokeNode } from './nodes.js';
import { clientHistory, topBlocked } from './query-reports.js';
import './jobs.js';
import { blockCa } from './block-ca.js';
import { listReports, resolveReport } from './reports.js';
import { ReportConcernBody, reportToConcern } from './report-concern.js';
import { filteringEvidence } from './evidence.js';
import { runSelfTest, selfTestStatus } from './self-test.js';
import { starterOps } from './starter.js';
import { getSelfTest, listSelfTests } from './self-tests-read.js';

/** Uploads of lists travel as JSON text; under the 11 MB the bad-input test proves is refused everywhere. */
const STAGE_BODY_LIMIT = 10 * 1024 * 1024;

export function filteringRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = (req: FastifyRequest): Caller => ({
    ctx,
    actor: requireSchoolActor(req),
    scopes: scopesOf(req),
    ip: req.ip,
  });
  const id = (req: FastifyRequest) => parse(IdParams, req.params).id;
  const noQuery = (req: FastifyRequest) => parse(EmptyQuery, req.query);

  app.get('/api/filtering/policy', async (req) => {
    noQuery(req);
    return service.getPolicy(caller(req));
  });
  app.get('/api/filtering/lists/:id', async (req) => {
    noQuery(req);
    return service.getList(caller(req), id(req));
  });
  app.get('/api/filtering/check', async (req) =>
    service.checkName(caller(req), parse(z.strictObject({ name: Domain }), req.query).name),
  );
  app.post('/api/filtering/lists/stage', { bodyLimit: STAGE_BODY_LIMIT }, async (req, reply) =>
    reply.status(201).send({ staged: await stageList(caller(req), parse(StageBody, req.body)) }),
  );

  // The starter groups (EYFS/KS1, KS2, staff, guests) for a school's first change request.
  app.get('/api/filtering/starter', async (req) => {
    noQuery(req);
    caller(req);
    return { ops: starterOps() };
  });
  app.get('/api/filtering/changes', async (req) =>
    changes.listChanges(caller(req), parse(ChangesQuery, req.query)),
  );
  app.get('/api/filtering/changes/export', async (req, reply) => {
    const csv = await exportChanges(caller(req), parse(ExportQuery, req.query));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="filtering-changes.csv"')
      .send(csv);
  });
  app.get('/api/filtering/changes/:id', async (req) => {
    noQuery(req);
    return changes.getChange(caller(req), id(req));
  });
  app.post('/api/filtering/changes', async (req, reply) =>
    reply.status(201).send(await changes.proposeChange(caller(req), parse(ProposeBody, req.body))),
  );
  app.post('/api/filtering/changes/:id/approve', async (req) =>
    changes.approveChange(caller(req), id(req), parse(DecideBody, req.body).note),
  );
  app.post('/api/filtering/changes/:id/reject', async (req) =>
    changes.decideOther(caller(req), id(req), 'rejected', parse(RejectBody, req.body).note),
  );
  app.post('/api/filtering/changes/:id/withdraw', async (req) =>
    changes.decideOther(caller(req), id(req), 'withdrawn', parse(DecideBody, req.body).note),
  );

  app.post('/api/filtering/unblocks', async (req, reply) =>
    reply.status(201).send(await emergencyUnblock(caller(req), parse(UnblockBody, req.body))),
  );
  app.post('/api/filtering/unblocks/:id/end', async (req) => {
    parse(EmptyQuery, req.body);
    return endUnblockEarly(caller(req), id(req));
  });

  app.get('/api/filtering/nodes', async (req) => {
    noQuery(req);
    return listNodes(caller(req));
  });
  app.post('/api/filtering/nodes', async (req, reply) =>
    reply.status(201).send(await issueNode(caller(req), parse(NodeBody, req.body).name)),
  );
  app.post('/api/filtering/nodes/:id/revoke', async (req) => {
    parse(EmptyQuery, req.body);
    return revokeNode(caller(req), id(req));
  });
  nodeRoutes(app, ctx);

  app.get('/api/filtering/query-log/top', async (req) =>
    topBlocked(caller(req), parse(TopBlockedQuery, req.query)),
  );
  app.get('/api/filtering/query-log/client', async (req) =>
    clientHistory(caller(req), parse(ClientHistoryQuery, req.query)),
  );

  app.get('/api/filtering/reports', async (req) => listReports(caller(req), parse(ReportsQuery, req.query)));
  app.post('/api/filtering/reports/:id/resolve', async (req) =>
    resolveReport(caller(req), id(req), parse(ResolveBody, req.body).outcome),
  );
  app.post('/api/filtering/reports/:id/concern', async (req, reply) =>
    reply.status(201).send(await reportToConcern(caller(req), id(req), parse(ReportConcernBody, req.body))),
  );
  app.get('/api/filtering/block-page/ca', async (req, reply) => {
    noQuery(req);
    caller(req);
    return reply
      .type('application/x-x509-ca-cert')
      .header('content-disposition', 'attachment; filename="harbour-block-page-ca.crt"')
      .send((await blockCa(ctx)).certPem);
  });

  app.post('/api/filtering/self-tests', async (req, reply) => {
    parse(EmptyQuery, req.body);
    const c = caller(req);
    const run = await runSelfTest(ctx, {
      schoolId: c.actor.schoolId,
      runBy: c.actor.accountId,
      label: c.actor.username,
      via: 'web',
    });
    return reply.status(201).send({ test: run });
  });
  app.get('/api/filtering/self-tests', async (req) => {
    noQuery(req);
    return listSelfTests(caller(req));
  });
  app.get('/api/filtering/self-tests/:id', async (req) => {
    noQuery(req);
    return getSelfTest(caller(req), id(req));
  });
  app.get('/api/filtering/dashboard', async (req) => {
    noQuery(req);
    const c = caller(req);
    const [evidence, selfTest] = await Promise.all([
      filteringEvidence(ctx, { schoolId: c.actor.schoolId }),
      selfTestStatus(ctx, c.actor.schoolId),
    ]);
    const openReports = await ctx.db
      .selectFrom('filter_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_id', '=', c.actor.schoolId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return { evidence, selfTest, openReports: Number(openReports?.n ?? 0) };
  });
}
