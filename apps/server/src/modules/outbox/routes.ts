import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireSchoolActor } from '../../http/access.js';
import { parse } from '../../http/validate.js';
import { AppError } from '../../lib/errors.js';
import { listInApp, markInAppRead } from './service.js';

const ListQuery = z.strictObject({ unread: z.enum(['1', 'true']).optional() });
const IdParams = z.strictObject({ id: z.string().min(1).max(100) });

/** A signed-in person's own in-app notifications in the acting school (e.g. "a concern needs your attention"). */
export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/notifications', async (req) => {
    const actor = requireSchoolActor(req);
    const q = parse(ListQuery, req.query);
    const rows = await listInApp(ctx, {
      schoolId: actor.schoolId,
      accountId: actor.accountId,
      unreadOnly: !!q.unread,
    });
    return {
      notifications: rows.map((r) => ({
        id: r.id,
        subject: r.subject,
        body: r.body,
        link: r.link,
        createdAt: r.created_at,
        readAt: r.read_at,
      })),
    };
  });
  app.post('/api/notifications/:id/read', async (req) => {
    const actor = requireSchoolActor(req);
    const { id } = parse(IdParams, req.params);
    const ok = await markInAppRead(ctx, { schoolId: actor.schoolId, accountId: actor.accountId, id });
    if (!ok) throw new AppError('not_found', 'Not found');
    return { read: true };
  });
}
