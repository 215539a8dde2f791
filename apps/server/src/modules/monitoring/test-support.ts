import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { seedDemoSchool } from '../demo/seed.js';
import { sessionFor, startTestEnv, type Client, type TestEnv } from '../../test/harness.js';
import type { Clock } from '../../lib/time.js';

/** A demo school with sessions for the monitoring tests, and a source token to post events with. */
export interface MonitoringEnv {
  env: TestEnv;
  schoolId: string;
  admin: Client;
  head: Client;
  dsl: Client;
  deputy: Client;
  teacher: Client;
  tech: Client;
  accounts: Record<string, { accountId: string; personId: string }>;
  pupils: { id: string; year_group: string | null; upn: string | null }[];
  token: string;
  sourceId: string;
  post(events: unknown[], token?: string): Promise<LightMyRequestResponse>;
}

export async function startMonitoringEnv(
  opts: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<MonitoringEnv> {
  const env = await startTestEnv(opts);
  const seeded = await seedDemoSchool(env.ctx, { adminPassword: 'x-unused-password-1', pupilsPerYear: 2 });
  const schoolId = seeded.schoolId;
  const s = (name: string) => sessionFor(env, seeded.accounts[name]!.accountId, schoolId);
  const admin = await s('admin');
  const issued = await admin.post('/api/monitoring/sources', { name: 'Classroom agent' });
  expect(issued.statusCode, issued.body).toBe(201);
  const token = issued.json<{ token: string }>().token;
  const pupils = await env.ctx.db
    .selectFrom('people')
    .select(['id', 'year_group', 'upn'])
    .where('school_id', '=', schoolId)
    .where('kind', '=', 'pupil')
    .orderBy('year_group')
    .orderBy('id')
    .execute();
  return {
    env,
    schoolId,
    admin,
    head: await s('head'),
    dsl: await s('dsl'),
    deputy: await s('deputy'),
    teacher: await s('teacher'),
    tech: await s('tech'),
    accounts: seeded.accounts,
    pupils,
    token,
    sourceId: issued.json<{ source: { id: string } }>().source.id,
    post: (events, t = token) =>
      env.app.inject({
        method: 'POST',
        url: '/api/monitoring/events',
        headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ events }),
      }),
  };
}

let n = 0;
/** A fresh event id. */
export const eid = (): string => `ev-${++n}-${Math.random().toString(36).slice(2, 8)}`;
