import { expect } from 'vitest';
import type { Client, TestEnv } from './harness.js';

/**
 * School B's monitoring records (issue 6) for cross-school.test.ts: a source made through B's own API (B's head
 * is also its administrator there), so every monitoring route with a path parameter can name one of B's rows.
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
    const { source } = issued.json<{ source: { id: string }; token: string }>();
    return { source: source.id };
  })();
  return made;
}

/** Entries for cross-school.test.ts's PARAMS: "<segment>/:<name>" -> school B's rows of that kind. */
export const MONITORING_PARAMS: Record<string, (b: B) => Promise<{ record: boolean; values: string[] }>> = {
  'sources/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).source!] }),
};
