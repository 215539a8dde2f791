import type { FastifyInstance } from 'fastify';
import {
  DNS_LOGS_PATH,
  DNS_NODE_HEADER,
  DNS_POLICY_PATH,
  MAX_LOG_BODY_BYTES,
  QueryLogBatchSchema,
  policyEtagHeader,
} from '@harbour/shared';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { newId, newToken, sha256 } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { parse } from '../../http/validate.js';
import { appendAudit } from '../audit/service.js';
import type { Caller } from './caller.js';
import { livePolicy } from './live.js';
import { accountNames } from './people.js';
import { storeQueryLogBatch } from './query-log.js';

/**
 * Standalone resolver nodes (`harbour dns --server URL --token T`, docs/filtering-policy.md): an
 * administrator issues a token per node (shown once, stored hashed) and can revoke it. The node API:
 * GET /api/dns/policy (conditional, ETag) and POST /api/dns/logs, both with the node's bearer token.
 */
const TOKEN_PREFIX = 'hbn_';

export async function issueNode(c: Caller, name: string) {
  const token = `${TOKEN_PREFIX}${newToken()}`;
  const id = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('filter_nodes')
      .values({
        id,
        school_id: c.actor.schoolId,
        name,
        token_hash: sha256(token),
        created_by: c.actor.accountId,
        created_at: iso(c.ctx.clock.now()),
        revoked_at: null,
        revoked_by: null,
        last_seen_at: null,
        last_version: null,
        last_agent: null,
      })
      .execute();
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: 'filter.node.issue',
        entityType: 'filter_node',
        entityId: id,
        ip: c.ip,
      },
      tx,
    );
  });
  return { node: { id, name }, token };
}

export async function listNodes(c: Caller) {
  const rows = await c.ctx.db
    .selectFrom('filter_nodes')
    .selectAll()
    .where('school_id', '=', c.actor.schoolId)
    .orderBy('created_at', 'desc')
    .execute();
  const names = await accountNames(
    c.ctx.db,
    c.actor.schoolId,
    rows.map((r) => r.created_by),
  );
  return {
    nodes: rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdBy: names.get(r.created_by) ?? 'Unknown',
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
      lastSeenAt: r.last_seen_at,
      lastVersion: r.last_version,
      lastAgent: r.last_agent,
    })),
  };
}

export async function revokeNode(c: Caller, id: string) {
  await c.ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('filter_nodes')
      .set({ revoked_at: iso(c.ctx.clock.now()), revoked_by: c.actor.accountId })
      .where('id', '=', id)
      .where('school_id', '=', c.actor.schoolId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('not_found', 'Not found');
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: 'filter.node.revoke',
        entityType: 'filter_node',
        entityId: id,
        ip: c.ip,
      },
      tx,
    );
  });
  return { revoked: true };
}

async function authenticateNode(ctx: AppContext, header: string | undefined) {
  const m = /^Bearer (\S{10,200})$/.exec(header ?? '');
  const row = m
    ? await ctx.db
        .selectFrom('filter_nodes')
        .selectAll()
        .where('token_hash', '=', sha256(m[1]!))
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('unauthenticated', 'A valid node token is required');
  return row;
}

/** The node API. Access: 'public' in the route table; the bearer token is checked here, before anything. */
export function nodeRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(DNS_POLICY_PATH, async (req, reply) => {
    const node = await authenticateNode(ctx, req.headers.authorization);
    const served = await livePolicy(ctx).forSchool(node.school_id);
    if (!served) throw new AppError('not_found', 'This school has no filtering policy yet');
    const etag = policyEtagHeader(served.policy);
    const agent = String(req.headers[DNS_NODE_HEADER] ?? '').slice(0, 100) || null;
    const now = iso(ctx.clock.now());
    if (req.headers['if-none-match'] === etag) {
      await ctx.db
        .updateTable('filter_nodes')
        .set({ last_seen_at: now, ...(agent ? { last_agent: agent } : {}) })
        .where('id', '=', node.id)
        .execute();
      return reply.status(304).header('etag', etag).send();
    }
    // A pull that delivers a policy is audited (one entry per pull, clarification 8); an unchanged 304 is not.
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('filter_nodes')
        .set({
          last_seen_at: now,
          last_version: served.policy.version,
          ...(agent ? { last_agent: agent } : {}),
        })
        .where('id', '=', node.id)
        .execute();
      await appendAudit(
        ctx,
        {
          schoolId: node.school_id,
          actorAccountId: null,
          action: 'filter.node.pull',
          entityType: 'filter_node',
          entityId: node.id,
          ip: req.ip,
          details: { policyVersion: served.policy.version },
        },
        tx,
      );
    });
    reply.header('etag', etag).header('cache-control', 'no-cache').type('application/json');
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')))
      return reply.header('content-encoding', 'gzip').send(served.gzip);
    return reply.send(served.json);
  });

  app.post(DNS_LOGS_PATH, { bodyLimit: MAX_LOG_BODY_BYTES }, async (req, reply) => {
    const node = await authenticateNode(ctx, req.headers.authorization);
    const batch = parse(QueryLogBatchSchema, req.body);
    const ack = await storeQueryLogBatch(ctx, batch, {
      nodeId: `node:${node.name}`,
      schools: new Set([node.school_id]),
    });
    await ctx.db
      .updateTable('filter_nodes')
      .set({ last_seen_at: iso(ctx.clock.now()) })
      .where('id', '=', node.id)
      .execute();
    return reply.status(202).send(ack);
  });
}
