import { expect } from 'vitest';
import type { Client } from './harness.js';

/**
 * School B's concerns (issue 3) for cross-school.test.ts: made once through school B's own API, so every
 * concern route with a path parameter can be called by school A naming one of B's records.
 */
interface B {
  asB: Client;
  pupilId: string;
  staffId: string;
}

let made: Promise<{
  concernId: string;
  attachmentId: string;
  notificationId: string;
  actionId: string;
  agencyId: string;
}> | null = null;

function concernsOfB(b: B) {
  made ??= (async () => {
    const res = await b.asB.post('/api/concerns', {
      category: 'cyberbullying',
      pupils: [{ personId: b.pupilId, subject: true }],
      occurredAt: '2026-11-20T15:30:00Z',
      account: 'B only',
    });
    expect(res.statusCode, res.body).toBe(201);
    const concernId = res.json().concern.id as string;
    const att = await b.asB.post(`/api/concerns/${concernId}/attachments`, {
      filename: 'b.txt',
      contentType: 'text/plain',
      dataBase64: Buffer.from('school B only').toString('base64'),
    });
    expect(att.statusCode, att.body).toBe(201);
    const n = await b.asB.get('/api/notifications');
    expect((await b.asB.post(`/api/concerns/${concernId}/open`, {})).statusCode).toBe(200);
    const action = await b.asB.post(`/api/concerns/${concernId}/actions`, {
      title: 'B only',
      assigneePersonId: b.staffId,
      dueOn: '2026-12-01',
    });
    expect(action.statusCode, action.body).toBe(201);
    const agencies = await b.asB.get('/api/concern-agencies');
    return {
      actionId: action.json().id as string,
      agencyId: agencies.json().agencies[0].id as string,
      concernId,
      attachmentId: att.json().id as string,
      notificationId: n.json().notifications[0].id as string,
    };
  })();
  return made;
}

export const CONCERN_PARAMS: Record<string, (b: B) => Promise<{ record: boolean; values: string[] }>> = {
  'concerns/:id': async (b) => ({ record: true, values: [(await concernsOfB(b)).concernId] }),
  'attachments/:id': async (b) => ({ record: true, values: [(await concernsOfB(b)).attachmentId] }),
  'notifications/:id': async (b) => ({ record: true, values: [(await concernsOfB(b)).notificationId] }),
  'actions/:id': async (b) => ({ record: true, values: [(await concernsOfB(b)).actionId] }),
  'concern-agencies/:id': async (b) => ({ record: true, values: [(await concernsOfB(b)).agencyId] }),
};
