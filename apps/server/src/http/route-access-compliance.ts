import type { RouteAccess } from './route-access.js';

/** The compliance modules' rows of the route x permission table (issue 5), spread into ROUTE_ACCESS. */
export const COMPLIANCE_ROUTE_ACCESS: Record<string, RouteAccess> = {
  // Acceptable-use agreements (policy 5.3, 6.1)
  'GET /api/aup/documents': { permission: 'agreements.manage' },
  'GET /api/aup/versions/:id': { permission: 'agreements.sign' },
  'POST /api/aup/versions': { permission: 'agreements.manage' },
  'PATCH /api/aup/versions/:id': { permission: 'agreements.manage' },
  'POST /api/aup/versions/:id/publish': { permission: 'agreements.manage' },
  'GET /api/aup/mine': { permission: 'agreements.sign' },
  'POST /api/aup/sign': { permission: 'agreements.sign' },
  'POST /api/aup/signatures': { permission: 'agreements.record' },
  'GET /api/aup/unsigned': { permission: 'agreements.record' },
  'GET /api/aup/people/:id': { permission: 'agreements.record' },
  'POST /api/aup/reminders': { permission: 'agreements.manage' },

  // Access register (policy 5.3, 2.4, 2.5 [All Souls'])
  'GET /api/access': { permission: 'access.read' },
  'GET /api/access/to-remove': { permission: 'access.read' },
  'GET /api/access/people/:id': { permission: 'access.read' },
  'POST /api/access': { permission: 'access.manage' },
  'POST /api/access/:id/remove': { permission: 'access.manage' },

  // Training (policy 6.3)
  'GET /api/training/courses': { permission: 'training.read' },
  'POST /api/training/courses': { permission: 'training.manage' },
  'GET /api/training/records': { permission: 'training.read' },
  'POST /api/training/records': { permission: 'training.manage' },
  'POST /api/training/sessions': { permission: 'training.manage' },
  'GET /api/training/status': { permission: 'training.read' },
  'POST /api/training/records/:id/certificate': { permission: 'training.manage' },
  'GET /api/training/certificates/:id': { permission: 'training.read' },

  // Image consents (policy 2.2, 3.4 [3.3])
  'POST /api/consents': { permission: 'consents.record' },
  'GET /api/consents/pupils/:id': { permission: 'consents.read' },
  'GET /api/consents/check': { permission: 'consents.read' },
  'GET /api/consents/withdrawals': { permission: 'consents.read' },
  'POST /api/consents/import/preview': { permission: 'consents.import' },
  'POST /api/consents/import/commit': { permission: 'consents.import' },

  // Pupils' phones (policy 4.3) and school devices (7.2, 7.4)
  'GET /api/phones/register': { permission: 'phones.record' },
  'POST /api/phones/handins': { permission: 'phones.record' },
  'POST /api/phones/handins/:id/collect': { permission: 'phones.record' },
  'GET /api/phones/confiscations': { permission: 'phones.record' },
  'POST /api/phones/confiscations': { permission: 'phones.record' },
  'POST /api/phones/confiscations/:id/release': { permission: 'phones.record' },
  'POST /api/phones/confiscations/:id/police': { permission: 'phones.police' },
  'GET /api/devices': { permission: 'devices.read' },
  'POST /api/devices': { permission: 'devices.manage' },
  'PATCH /api/devices/:id': { permission: 'devices.manage' },

  // Technology risk assessments (policy 5.1, 7.4)
  'GET /api/risk': { permission: 'risk.read' },
  'GET /api/risk/:id': { permission: 'risk.read' },
  'POST /api/risk': { permission: 'risk.write' },
  'PATCH /api/risk/:id': { permission: 'risk.write' },
  'POST /api/risk/:id/submit': { permission: 'risk.write' },
  'POST /api/risk/:id/dp-check': { permission: 'risk.decide' },
  'POST /api/risk/:id/decide': { permission: 'risk.decide' },
  'POST /api/risk/:id/review': { permission: 'risk.decide' },

  // The online-safety policy's lifecycle (policy 1.2); the published version is public at a stable address.
  'GET /api/policy': { permission: 'policy.read' },
  'POST /api/policy/versions': { permission: 'policy.draft' },
  'GET /api/policy/versions/:id': { permission: 'policy.read' },
  'GET /api/policy/versions/:id/pdf': { permission: 'policy.read' },
  'POST /api/policy/versions/:id/refresh': { permission: 'policy.draft' },
  'POST /api/policy/versions/:id/approve': { permission: 'policy.approve' },
  'GET /api/public/schools/:slug/policy': 'public',
  'GET /api/public/schools/:slug/policy.pdf': 'public',

  // The dashboard, checklists, self-review and action plan (policy 5.1), and the governor report (1.3.2).
  'GET /api/compliance/dashboard': { permission: 'compliance.read' },
  'GET /api/compliance/checklists': { permission: 'compliance.read' },
  'PUT /api/compliance/checks': { permission: 'compliance.write' },
  'GET /api/compliance/self-reviews': { permission: 'compliance.read' },
  'POST /api/compliance/self-reviews': { permission: 'compliance.write' },
  'GET /api/compliance/self-reviews/:id': { permission: 'compliance.read' },
  'PUT /api/compliance/self-reviews/:id/ratings': { permission: 'compliance.write' },
  'POST /api/compliance/self-reviews/:id/complete': { permission: 'compliance.write' },
  'GET /api/compliance/action-plan': { permission: 'compliance.read' },
  'POST /api/compliance/action-plan': { permission: 'compliance.write' },
  'PATCH /api/compliance/action-plan/:id': { permission: 'compliance.write' },
  'GET /api/compliance/governor-report': { permission: 'reports.governor' },
  'GET /api/compliance/governor-report.pdf': { permission: 'reports.governor' },
};
