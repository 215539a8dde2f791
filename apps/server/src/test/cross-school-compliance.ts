import { expect } from 'vitest';
import type { Client } from './harness.js';

/**
 * School B's compliance records (issue 5) for cross-school.test.ts: made once through school B's own API, so
 * every compliance route with a path parameter can be called by school A naming one of B's records.
 */
interface B {
  asB: Client;
  staffId: string;
  pupilId: string;
  parentId: string;
}

export type ComplianceIds = Record<string, string>;

let made: Promise<ComplianceIds> | null = null;

/** The JSON of a response that must have the given status; ids are read from it by path. */
async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  const body = r.json();
  return (path: string): string => {
    let v: unknown = body;
    for (const k of path.split('.')) v = (v as Record<string, unknown>)[k];
    if (typeof v !== 'string') throw new Error(`no ${path} in ${r.body}`);
    return v;
  };
}

async function make(b: B): Promise<ComplianceIds> {
  const c = b.asB;
  const ids: ComplianceIds = {};
  ids.aupVersion = (await ok(c.post('/api/aup/versions', { audience: 'staff' })))('version.id');
  await ok(c.post(`/api/aup/versions/${ids.aupVersion}/publish`, {}), 200);
  const sig = await ok(
    c.post('/api/aup/signatures', {
      personId: b.staffId,
      versionId: ids.aupVersion,
      method: 'paper',
      signedOn: '2026-01-05',
    }),
  );
  ids.aupSignature = sig('signatureId');
  ids.accessEntry = (await ok(c.post('/api/access', { personId: b.staffId, system: 'network' })))('id');
  ids.course = (await ok(c.post('/api/training/courses', { title: 'Online safety', kind: 'online_safety' })))(
    'id',
  );
  const rec = await ok(
    c.post('/api/training/records', { personId: b.staffId, courseId: ids.course, completedOn: '2026-01-05' }),
  );
  ids.trainingRecord = rec('ids.0');
  ids.certificate = (
    await ok(
      c.post(`/api/training/records/${ids.trainingRecord}/certificate`, {
        filename: 'cert.pdf',
        contentType: 'application/pdf',
        dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
      }),
    )
  )('id');
  ids.consent = (
    await ok(
      c.post('/api/consents', {
        pupilId: b.pupilId,
        channels: ['website'],
        decision: 'given',
        parentId: b.parentId,
      }),
    )
  )('ids.0');
  ids.handin = (await ok(c.post('/api/phones/handins', { pupilId: b.pupilId })))('id');
  ids.confiscation = (
    await ok(
      c.post('/api/phones/confiscations', {
        pupilId: b.pupilId,
        device: 'Phone',
        reason: 'Lesson',
        heldWhere: 'Office',
      }),
    )
  )('id');
  ids.device = (
    await ok(
      c.post('/api/devices', {
        assetTag: 'B-1',
        kind: 'laptop',
        encrypted: true,
        antivirusStatus: 'up_to_date',
        offSite: false,
      }),
    )
  )('id');
  ids.risk = (
    await ok(
      c.post('/api/risk', {
        name: 'App',
        purpose: 'Learning',
        storesPersonalData: false,
        storesPupilImages: false,
        risks: 'r',
        mitigations: 'm',
      }),
    )
  )('assessment.id');
  ids.policyVersion = (await ok(c.post('/api/policy/versions', {})))('version.id');
  ids.selfReview = (await ok(c.post('/api/compliance/self-reviews', { title: 'B review' })))('review.id');
  ids.reviewAction = (
    await ok(c.post('/api/compliance/action-plan', { title: 'B action', reviewId: ids.selfReview }))
  )('id');
  return ids;
}

const rowsOf = (b: B) => (made ??= make(b));

/** Entries for cross-school.test.ts's PARAMS: "<segment>/:<name>" -> school B's rows of that kind. */
export const COMPLIANCE_PARAMS: Record<string, (b: B) => Promise<{ record: boolean; values: string[] }>> = {
  'versions/:id': async (b) => {
    const r = await rowsOf(b);
    return { record: true, values: [r.aupVersion!, r.policyVersion!] };
  },
  'access/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).accessEntry!] }),
  'records/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).trainingRecord!] }),
  'pupils/:id': async (b) => {
    await rowsOf(b);
    return { record: true, values: [b.pupilId] };
  },
  'handins/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).handin!] }),
  'confiscations/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).confiscation!] }),
  'devices/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).device!] }),
  'risk/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).risk!] }),
  // The published policy is public by design: its address names the school, not a record.
  'schools/:slug': async (b) => {
    await rowsOf(b);
    return { record: false, values: ['otterbrook'] };
  },
  'certificates/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).certificate!] }),
  'self-reviews/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).selfReview!] }),
  'action-plan/:id': async (b) => ({ record: true, values: [(await rowsOf(b)).reviewAction!] }),
};
