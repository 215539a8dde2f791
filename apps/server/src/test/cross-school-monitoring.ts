import { expect } from 'vitest';
import type { Client, TestEnv } from './harness.js';

/**
 * School B's monitoring records (issue 6) for cross-school.test.ts: a source made through B's own API (B's head
 * is also its administrator there), an alert from an event about B's pupil, and a school phrase of B's, so every monitoring route with a path parameter can name one of B's rows.
 */
interface B {
  asB: Client;
  env: TestEnv;
  schoolId: string;
  pupilId: string;
}

let made: Promise<Record<string, string>> | null = null;

function rowsOf(b: B): Promise<Record<string, string>> {
  made ??= (async () => {
    const issued = await b.asB.post('/api/monitoring/sources', { name: 'B agent' });
    expect(issued.statusCode, issued.body).toBe(201);
    const { source, token } = issued.json<{ source: { id: string }; token: string }>();
    const posted = await b.env.app.inject({
      method: 'POST',
      url: '/api/monitoring/events',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        events: [
          { id: 'b-1', time: new Date().toISOString(), kind: 'search', text: 'suicide', personId: b.pupilId },
        ],
      }),
    });
    expect(posted.json(), posted.body).toMatchObject({ accepted: 1, alerts: 1 });
    const alert = await b.env.ctx.db
      .selectFrom('monitor_alerts')
      .select('id')
      .where('school_id', '=', b.schoolId)
      .executeTakeFirstOrThrow();
    const term = await b.asB.post('/api/monitoring/library/terms', {
      kind: 'phrase',
      text: 'b only phrase',
      category: 'drugs',
      severity: 3,
      reason: 'B',
    });
    expect(term.statusCode, term.body).toBe(201);
    return { source: source.id, alert: alert.id, term: term.json<{ id: string }>().id };
  })();
  return made;
}

/** Entries for cross-school.test.ts's PARAMS: "<segment>/:<name>" -> school B's rows of that kind. */
export const MONITORING_PARAMS: Record<string, (b: B) => Promise<{ record: boolean; values: string[] }>> = {
  'sources/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).source!] }),
  'alerts/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).alert!] }),
  'terms/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).term!] }),
};
