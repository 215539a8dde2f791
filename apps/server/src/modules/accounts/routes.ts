import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireSchoolActor } from '../../http/access.js';
import { parse } from '../../http/validate.js';
import { approve, listApprovals, reject } from './approvals.js';
import { acceptInvitation, createInvitation, viewInvitation } from './invitations.js';
import {
  AcceptBody,
  ApprovalsQuery,
  DisableBody,
  EmptyBody,
  GrantRoleBody,
  IdParams,
  InvitationBody,
  ListAccountsQuery,
  RejectBody,
  RoleParams,
  TokenParams,
} from './schema.js';
import * as service from './service.js';

/** Accounts admin, invitations and the approvals queue (issue 2, section 4; clarifications 9 and 10). */
export function accountsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = (req: FastifyRequest): service.Caller => ({
    ctx,
    actor: requireSchoolActor(req),
    ip: req.ip,
  });
  const id = (req: FastifyRequest) => parse(IdParams, req.params).id;

  app.get('/api/accounts', async (req) =>
    service.listAccounts(caller(req), parse(ListAccountsQuery, req.query)),
  );

  app.post('/api/accounts/:id/disable', async (req) => {
    const body = parse(DisableBody, req.body ?? {});
    return service.disableAccount(caller(req), id(req), body.reason);
  });

  app.post('/api/accounts/:id/enable', async (req) => {
    parse(EmptyBody, req.body ?? {});
    return service.enableAccount(caller(req), id(req));
  });

  app.post('/api/accounts/:id/unlock', async (req) => {
    parse(EmptyBody, req.body ?? {});
    return service.unlockSignIn(caller(req), id(req));
  });

  app.post('/api/accounts/:id/roles', async (req, reply) => {
    const body = parse(GrantRoleBody, req.body);
    const result = await service.grantRole(caller(req), id(req), body.role);
    return reply.status(result.status === 'pending' ? 202 : 201).send(result);
  });

  app.delete('/api/accounts/:id/roles/:role', async (req) => {
    const p = parse(RoleParams, req.params);
    return service.revokeRole(caller(req), p.id, p.role);
  });

  app.post('/api/accounts/:id/password-reset', async (req, reply) => {
    parse(EmptyBody, req.body ?? {});
    return reply.status(202).send(await service.requestReset(caller(req), id(req), 'password_reset'));
  });

  app.post('/api/accounts/:id/totp-reset', async (req, reply) => {
    parse(EmptyBody, req.body ?? {});
    return reply.status(202).send(await service.requestReset(caller(req), id(req), 'totp_reset'));
  });

  app.post('/api/people/:id/invitation', async (req, reply) => {
    const body = parse(InvitationBody, req.body ?? {});
    return reply.status(201).send(await createInvitation(caller(req), id(req), body));
  });

  app.get('/api/invitations/:token', async (req) =>
    viewInvitation(ctx, parse(TokenParams, req.params).token),
  );

  app.post('/api/invitations/:token/accept', async (req) => {
    const body = parse(AcceptBody, req.body);
    return acceptInvitation(ctx, parse(TokenParams, req.params).token, body, req.ip);
  });

  app.get('/api/approvals', async (req) => listApprovals(caller(req), parse(ApprovalsQuery, req.query)));

  app.post('/api/approvals/:id/approve', async (req) => {
    parse(EmptyBody, req.body ?? {});
    return approve(caller(req), id(req));
  });

  app.post('/api/approvals/:id/reject', async (req) => {
    const body = parse(RejectBody, req.body ?? {});
    return reject(caller(req), id(req), body.reason);
  });
}
