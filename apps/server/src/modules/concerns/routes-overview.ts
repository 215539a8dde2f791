import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { z } from 'zod';
import { callerFrom, schoolZone } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { chronology } from './chronology.js';
import { chronologyPdf } from './chronology-pdf.js';
import { dashboard } from './dashboard.js';
import { EmptyQuery, IdParams } from './schema.js';
import { trends, TrendsQuery, trendsCsv } from './trends.js';

const ChronologyQuery = z.strictObject({ format: z.enum(['json', 'pdf']).default('json') });

/** Seeing the whole picture (issue 3): a pupil's chronology, the DSL's dashboard, trends with CSV export. */
export function concernOverviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  app.get('/api/people/:id/chronology', async (req, reply) => {
    const q = parse(ChronologyQuery, req.query);
    const c = caller(req);
    const ch = await chronology(c, parse(IdParams, req.params).id);
    if (q.format !== 'pdf') return ch;
    const pdf = await chronologyPdf(ch, {
      timeZone: await schoolZone(ctx, c.actor.schoolId),
      printedAt: new Date(ctx.clock.now()).toISOString(),
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', 'attachment; filename="chronology.pdf"')
      .header('cache-control', 'no-store')
      .send(pdf);
  });
  app.get('/api/concerns/dashboard', async (req) => {
    parse(EmptyQuery, req.query);
    return dashboard(caller(req));
  });
  app.get('/api/concerns/trends', async (req, reply) => {
    const q = parse(TrendsQuery, req.query);
    const t = await trends(caller(req), q);
    if (q.format !== 'csv') return t;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="concern-trends-${t.period.from}-${t.period.to}.csv"`,
      )
      .send(trendsCsv(t));
  });
}
