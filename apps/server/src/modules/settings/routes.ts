import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireSchoolActor } from '../../http/access.js';
import { parse } from '../../http/validate.js';
import { NoQuery, PutSettingBody, SettingParams } from './schema.js';
import { listSettings, updateSetting } from './service.js';

export function settingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/settings', async (req) => {
    const actor = requireSchoolActor(req);
    parse(NoQuery, req.query);
    return { settings: await listSettings(ctx, { schoolId: actor.schoolId }) };
  });

  app.put('/api/settings/:key', async (req) => {
    const actor = requireSchoolActor(req);
    const { key } = parse(SettingParams, req.params);
    const body = parse(PutSettingBody, req.body);
    return updateSetting(ctx, {
      schoolId: actor.schoolId,
      actorAccountId: actor.accountId,
      ip: req.ip,
      key,
      value: body.value,
      expectedVersion: body.expectedVersion,
    });
  });
}
