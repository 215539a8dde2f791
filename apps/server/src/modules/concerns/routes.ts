import type { FastifyInstance } from 'fastify';
import { scopesFor } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import { callerFrom } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { rolesIn } from '../auth/sessions.js';
import { registerAuditHider } from '../audit/service.js';
import { registerEvidenceProvider } from '../compliance/evidence-sources.js';
import { concernEvidence } from './evidence.js';
import { addText, amend, recordCustody, recordImageryViewed } from './additions.js';
import { download, upload } from './attachments.js';
import { getConcern, listConcerns } from './read.js';
import { recordConcern, recordWorry } from './record.js';
import * as repo from './repo.js';
import {
  AddText,
  Amend,
  Attachment,
  Custody,
  EmptyQuery,
  IdParams,
  ImageryViewed,
  ListQuery,
  RecordConcern,
  RecordWorry,
  Viewers,
} from './schema.js';
import { setViewers, whoViewed } from './viewers.js';
import { concernResponseRoutes } from './routes-response.js';
import { concernOverviewRoutes } from './routes-overview.js';
// The daily reminder that closed concerns have fallen due for retention review.
import './retention-reminders.js';

/** JSON with a base64 file of up to 10 MB. */
const ATTACHMENT_BODY_LIMIT = 14 * 1024 * 1024;

/** Concerns (issue 3; policy 8 and 9.1-9.6). docs/concerns.md describes the API. */
export function concernRoutes(app: FastifyInstance, ctx: AppContext): void {
  const caller = callerFrom(ctx);
  registerAuditHider(hideRestricted);
  // Counts for the compliance dashboard and the governor report (issue 5); open allegations left out.
  registerEvidenceProvider('concerns', concernEvidence);
  const id = (req: { params: unknown }) => parse(IdParams, req.params).id;

  app.post('/api/concerns', async (req, reply) =>
    reply.status(201).send(await recordConcern(caller(req), parse(RecordConcern, req.body))),
  );
  app.post('/api/worries', async (req, reply) =>
    reply.status(201).send(await recordWorry(caller(req), parse(RecordWorry, req.body))),
  );
  app.get('/api/concerns', async (req) => listConcerns(caller(req), parse(ListQuery, req.query)));
  app.get('/api/concerns/:id', async (req) => {
    parse(EmptyQuery, req.query);
    return getConcern(caller(req), id(req));
  });
  app.post('/api/concerns/:id/additions', async (req, reply) =>
    reply.status(201).send(await addText(caller(req), id(req), 'addition', parse(AddText, req.body))),
  );
  app.post('/api/concerns/:id/notes', async (req, reply) =>
    reply.status(201).send(await addText(caller(req), id(req), 'note', parse(AddText, req.body))),
  );
  app.post('/api/concerns/:id/amendments', async (req, reply) =>
    reply.status(201).send(await amend(caller(req), id(req), parse(Amend, req.body))),
  );
  app.post('/api/concerns/:id/attachments', { bodyLimit: ATTACHMENT_BODY_LIMIT }, async (req, reply) =>
    reply.status(201).send(await upload(caller(req), id(req), parse(Attachment, req.body))),
  );
  app.get('/api/concerns/attachments/:id', async (req, reply) => {
    const f = await download(caller(req), id(req));
    const safe = f.filename.replace(/[^\w.-]+/g, '_');
    return reply
      .header('content-type', f.contentType)
      .header('content-disposition', `attachment; filename="${safe}"`)
      .header('cache-control', 'no-store')
      .send(f.data);
  });
  app.post('/api/concerns/:id/custody', async (req, reply) =>
    reply.status(201).send(await recordCustody(caller(req), id(req), parse(Custody, req.body))),
  );
  app.post('/api/concerns/:id/imagery-views', async (req, reply) =>
    reply.status(201).send(await recordImageryViewed(caller(req), id(req), parse(ImageryViewed, req.body))),
  );
  app.post('/api/concerns/:id/viewers', async (req) =>
    setViewers(caller(req), id(req), parse(Viewers, req.body)),
  );
  app.get('/api/concerns/:id/views', async (req) => {
    parse(EmptyQuery, req.query);
    return whoViewed(caller(req), id(req));
  });
  concernResponseRoutes(app, ctx);
  concernOverviewRoutes(app, ctx);
}

/** In the audit trail, a restricted concern's entries are left out for everyone who may not see it. */
async function hideRestricted(ctx: AppContext, reader: { schoolId: string; accountId: string }) {
  const ids = await repo.restrictedIds(ctx.db, reader.schoolId);
  if (ids.length === 0) return { entityType: 'concern', ids };
  const roles = await rolesIn(ctx.db, reader.accountId, reader.schoolId);
  const person = await ctx.db
    .selectFrom('people')
    .select('id')
    .where('school_id', '=', reader.schoolId)
    .where('account_id', '=', reader.accountId)
    .executeTakeFirst();
  const visible = await repo.visibleAmong(
    ctx.db,
    reader.schoolId,
    {
      accountId: reader.accountId,
      personId: person?.id ?? null,
      roles,
      scopes: scopesFor(roles, 'concerns.read'),
    },
    ids,
  );
  return { entityType: 'concern', ids: ids.filter((i) => !visible.has(i)) };
}
