import type { FastifyInstance } from 'fastify';
import type { ZodType } from 'zod';
import type { AppContext } from '../../context.js';
import { callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { addAgency, AgencyBody, AgencyPatch, listAgencies, updateAgency } from './agencies.js';
import { addTrustAgency, listTrustAgencies, updateTrustAgency } from './agencies-trust.js';
import { myActions } from './response-read.js';
import { decideRetention, retentionQueue, RetentionDecision } from './retention.js';
import { EmptyQuery, IdParams } from './schema.js';
import {
  ActionDone,
  Close,
  NewAction,
  NoReferral,
  ParentContact,
  Recategorise,
  Referral,
  ReferralResponse,
  Reopen,
  Sanction,
  StepUpdate,
} from './schema-response.js';
import { closeConcern, openConcern, recategorise, reopenConcern, updateStep } from './steps.js';
import {
  addAction,
  addSanction,
  completeAction,
  noReferral,
  parentContact,
  refer,
  referralResponse,
} from './work.js';

/**
 * Responding to a concern (issue 3): playbook, actions, referrals, parents, sanctions, closing; the directory;
 * the retention review of closed concerns.
 */
export function concernResponseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  const id = (req: { params: unknown }) => parse(IdParams, req.params).id;
  const post = <T>(
    url: string,
    schema: { parse(v: unknown): T } & ZodType<T>,
    run: (c: ReturnType<typeof caller>, id: string, body: T) => Promise<unknown>,
    status = 200,
  ) =>
    app.post(url, async (req, reply) =>
      reply.status(status).send(await run(caller(req), id(req), parse(schema, req.body))),
    );

  post('/api/concerns/:id/open', EmptyQuery, (c, i) => openConcern(c, i));
  post('/api/concerns/:id/steps', StepUpdate, updateStep);
  post('/api/concerns/:id/category', Recategorise, recategorise);
  post('/api/concerns/:id/close', Close, closeConcern);
  post('/api/concerns/:id/reopen', Reopen, reopenConcern);
  post('/api/concerns/:id/actions', NewAction, addAction, 201);
  post('/api/concerns/:id/referrals', Referral, refer, 201);
  post('/api/concerns/:id/referrals/response', ReferralResponse, referralResponse);
  post('/api/concerns/:id/no-referral', NoReferral, noReferral, 201);
  post('/api/concerns/:id/parents', ParentContact, parentContact, 201);
  post('/api/concerns/:id/sanctions', Sanction, addSanction, 201);
  post('/api/concerns/actions/:id/done', ActionDone, completeAction);
  post('/api/concerns/:id/retention', RetentionDecision, decideRetention);
  app.get('/api/concerns/retention', async (req) => {
    parse(EmptyQuery, req.query);
    return retentionQueue(caller(req));
  });

  app.get('/api/concerns/actions/mine', async (req) => {
    parse(EmptyQuery, req.query);
    return myActions(caller(req));
  });
  app.get('/api/concern-agencies', async (req) => {
    parse(EmptyQuery, req.query);
    return listAgencies(caller(req));
  });
  app.post('/api/concern-agencies', async (req, reply) =>
    reply.status(201).send(await addAgency(caller(req), parse(AgencyBody, req.body))),
  );
  app.patch('/api/concern-agencies/:id', async (req) =>
    updateAgency(caller(req), id(req), parse(AgencyPatch, req.body)),
  );
  // The trust's or local authority's entries, which its schools inherit.
  app.get('/api/organisation/concern-agencies', async (req) => {
    parse(EmptyQuery, req.query);
    return listTrustAgencies(caller(req));
  });
  app.post('/api/organisation/concern-agencies', async (req, reply) =>
    reply.status(201).send(await addTrustAgency(caller(req), parse(AgencyBody, req.body))),
  );
  app.patch('/api/organisation/concern-agencies/:id', async (req) =>
    updateTrustAgency(caller(req), id(req), parse(AgencyPatch, req.body)),
  );
}
