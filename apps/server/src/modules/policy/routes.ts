import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import * as service from './service.js';

const IdParams = z.strictObject({ id: z.string().min(1).max(100) });
const SlugParams = z.strictObject({ slug: z.string().min(1).max(100) });
const EmptyQuery = z.strictObject({});
const EmptyBody = z.strictObject({});
const DraftBody = z.strictObject({ notes: z.string().trim().max(1000).nullable().optional() });
const ApproveBody = z.strictObject({ as: z.enum(['headteacher', 'chair']) });

/** The online-safety policy's lifecycle (policy 1.2). */
export function policyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  const id = (req: { params: unknown }) => parse(IdParams, req.params).id;
  app.get('/api/policy', async (req) => {
    parse(EmptyQuery, req.query);
    return service.overview(caller(req));
  });
  app.post('/api/policy/versions', async (req, reply) =>
    reply.status(201).send(await service.createDraft(caller(req), parse(DraftBody, req.body).notes)),
  );
  app.get('/api/policy/versions/:id', async (req) => {
    parse(EmptyQuery, req.query);
    return service.getOne(caller(req), id(req));
  });
  app.get('/api/policy/versions/:id/pdf', async (req, reply) => {
    parse(EmptyQuery, req.query);
    const { pdf, version } = await service.versionPdf(caller(req), id(req));
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="online-safety-policy-v${version}.pdf"`)
      .send(pdf);
  });
  app.post('/api/policy/versions/:id/refresh', async (req) => {
    parse(EmptyBody, req.body);
    return service.refreshDraft(caller(req), id(req));
  });
  app.post('/api/policy/versions/:id/approve', async (req) =>
    service.approve(caller(req), id(req), parse(ApproveBody, req.body).as),
  );
  // The stable public address of the school's current policy (policy 6.4: drawn to parents' attention).
  app.get('/api/public/schools/:slug/policy', async (req, reply) => {
    parse(EmptyQuery, req.query);
    const v = await service.publishedBySlug(ctx, parse(SlugParams, req.params).slug);
    return reply.type('text/html; charset=utf-8').send(v.html);
  });
  app.get('/api/public/schools/:slug/policy.pdf', async (req, reply) => {
    parse(EmptyQuery, req.query);
    const v = await service.publishedBySlug(ctx, parse(SlugParams, req.params).slug);
    return reply.type('application/pdf').send(await service.pdfOf(ctx, v));
  });
}
