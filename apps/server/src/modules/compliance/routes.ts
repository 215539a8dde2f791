import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { auditAs, callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { createAction, listActions, updateAction } from './actions.js';
import { checklists, saveCheck } from './checklists.js';
import { governorReport } from './governor-report.js';
import { renderGovernorReportPdf } from './governor-report-pdf.js';
import {
  ActionsQuery,
  CheckBody,
  CompleteBody,
  EmptyQuery,
  IdParams,
  NewAction,
  NewReview,
  PatchAction,
  RatingBody,
  ReportQuery,
} from './schema.js';
import { cachedDashboard } from './dashboard-cache.js';
import { completeReview, getReviewDetail, listReviews, rate, startReview } from './self-review.js';

/** The compliance dashboard, checklists, self-review, action plan and governor report (policy 5.1, 1.3.2). */
export function complianceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  const id = (req: { params: unknown }) => parse(IdParams, req.params).id;
  app.get('/api/compliance/dashboard', async (req) => {
    parse(EmptyQuery, req.query);
    const c = caller(req);
    return cachedDashboard(c.ctx, c.actor.schoolId);
  });
  app.get('/api/compliance/checklists', async (req) => {
    parse(EmptyQuery, req.query);
    return checklists(caller(req));
  });
  app.put('/api/compliance/checks', async (req) => saveCheck(caller(req), parse(CheckBody, req.body)));

  app.get('/api/compliance/self-reviews', async (req) => {
    parse(EmptyQuery, req.query);
    return listReviews(caller(req));
  });
  app.post('/api/compliance/self-reviews', async (req, reply) =>
    reply.status(201).send(await startReview(caller(req), parse(NewReview, req.body).title)),
  );
  app.get('/api/compliance/self-reviews/:id', async (req) => {
    parse(EmptyQuery, req.query);
    return getReviewDetail(caller(req), id(req));
  });
  app.put('/api/compliance/self-reviews/:id/ratings', async (req) =>
    rate(caller(req), id(req), parse(RatingBody, req.body)),
  );
  app.post('/api/compliance/self-reviews/:id/complete', async (req) =>
    completeReview(caller(req), id(req), parse(CompleteBody, req.body)),
  );

  app.get('/api/compliance/action-plan', async (req) =>
    listActions(caller(req), { status: parse(ActionsQuery, req.query).status ?? 'all' }),
  );
  app.post('/api/compliance/action-plan', async (req, reply) =>
    reply.status(201).send(await createAction(caller(req), parse(NewAction, req.body))),
  );
  app.patch('/api/compliance/action-plan/:id', async (req) =>
    updateAction(caller(req), id(req), parse(PatchAction, req.body)),
  );

  app.get('/api/compliance/governor-report', async (req) =>
    governorReport(caller(req), parse(ReportQuery, req.query).term),
  );
  // An export (clarification 8): audited, although it holds counts only.
  app.get('/api/compliance/governor-report.pdf', async (req, reply) => {
    const c = caller(req);
    const report = await governorReport(c, parse(ReportQuery, req.query).term);
    const pdf = await renderGovernorReportPdf(report);
    await auditAs(
      c,
      c.ctx.db,
      'compliance.governor_report',
      { type: 'governor_report' },
      { term: report.term.key },
    );
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="governor-report-${report.term.key}.pdf"`)
      .send(pdf);
  });
}
