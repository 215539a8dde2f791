import {
  AGENCY_KINDS,
  CONCERN_CATEGORY_INFO,
  type AgencyKind,
  type ConcernCategory,
  type ConcernStatus,
} from '@harbour/shared';

/** Shapes the concerns API returns (apps/server/src/modules/concerns, docs/concerns.md). */
export interface ConcernPupil {
  personId: string;
  name: string;
  role: string;
  yearGroup: string | null;
  keyStage: string | null;
  className: string | null;
}

export interface ConcernSummary {
  id: string;
  category: ConcernCategory;
  categoryLabel: string;
  subtype: string | null;
  status: ConcernStatus;
  restricted: boolean;
  source: string;
  occurredAt: string;
  recordedAt: string;
  reportedByMe: boolean;
  pupils: ConcernPupil[];
}

export interface Step {
  id: string;
  key: string;
  position: number;
  text: string;
  role: string;
  timeLimit: string | null;
  dueAt: string | null;
  referralKind: AgencyKind | null;
  status: 'pending' | 'done' | 'not_applicable';
  note: string | null;
  doneAt: string | null;
  doneBy: string | null;
  overdue: boolean;
}
export interface Action {
  id: string;
  concernId: string;
  title: string;
  assigneePersonId: string;
  dueOn: string;
  doneAt: string | null;
  doneBy: string | null;
  doneNote: string | null;
  overdue: boolean;
  category?: string;
}
export interface Referral {
  id: string;
  decision: 'referred' | 'not_referred';
  agencyId: string | null;
  agencyKind: AgencyKind;
  agencyName: string | null;
  referredAt: string;
  reference: string | null;
  reason: string | null;
  responseDueOn: string | null;
  response: string | null;
  responseAt: string | null;
  overdue: boolean;
}
export interface ParentContact {
  id: string;
  pupilId: string;
  informed: boolean;
  parentPersonId: string | null;
  method: string | null;
  at: string | null;
  reasonNot: string | null;
  note: string | null;
  recordedBy: string;
}
export interface SanctionRow {
  id: string;
  pupilId: string;
  sanction: string;
  detail: string | null;
  fromOn: string;
  untilOn: string | null;
  recordedBy: string;
}
export interface StatusEvent {
  from: string | null;
  to: string;
  at: string;
  by: string;
  reason: string | null;
  outcome: string | null;
  lessonsLearnt: string | null;
}

export interface ConcernDetail extends ConcernSummary {
  reporterAccountId: string;
  adultPersonId: string | null;
  staffSubjectPersonId: string | null;
  location: string | null;
  account: string | null;
  immediateAction: string | null;
  adultDescription: string | null;
  dslToldInPerson: boolean;
  dslToldPersonId: string | null;
  amendments: {
    id: string;
    field: string;
    previous: string | null;
    text: string | null;
    reason: string;
    amendedAt: string;
    amendedBy: string;
  }[];
  notes: {
    id: string;
    kind: 'addition' | 'note';
    text: string;
    eventAt: string;
    createdAt: string;
    createdBy: string;
  }[];
  attachments: {
    id: string;
    filename: string;
    contentType: string;
    size: number;
    uploadedAt: string;
    uploadedBy: string;
  }[];
  custody: {
    id: string;
    event: 'secured' | 'handed_over' | 'returned';
    at: string;
    device: string;
    place: string | null;
    handedTo: string | null;
    byPersonId: string | null;
    recordedAt: string;
    recordedBy: string;
  }[];
  actions: Action[];
  // The team's view only (clarification 7: a reporter never sees these).
  steps?: Step[];
  referrals?: Referral[];
  parentsInformed?: ParentContact[];
  sanctions?: SanctionRow[];
  statusHistory?: StatusEvent[];
  outcome?: string | null;
  lessonsLearnt?: string | null;
  imageryViews?:
    { id: string; viewedBy: string; viewedAt: string; reason: string; recordedAt: string }[] | null;
  custodianRole?: string | null;
  namedViewers?: { accountId: string; name: string; namedAt: string }[];
  /** The custodian of a restricted record (the head, or the chair): may name and remove who sees it. */
  managesViewers?: boolean;
  mayName?: { accountId: string; name: string }[];
  access: { level: 'reporter' | 'team'; canManage: boolean };
}

export interface Agency {
  id: string;
  kind: AgencyKind;
  name: string;
  phone: string | null;
  website: string | null;
  national: boolean;
  archived?: boolean;
}

export const STATUS_LABELS: Record<ConcernStatus, string> = { new: 'New', open: 'Open', closed: 'Closed' };

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  police: 'Police',
  ceop: 'CEOP',
  iwf: 'Internet Watch Foundation',
  lado: 'LADO',
  social_care: 'Children’s social care',
  education_safeguarding: 'Education Safeguarding Team',
  childline: 'ChildLine',
  nspcc: 'NSPCC',
  helpline: 'Professional Online Safety Helpline',
  action_fraud: 'Action Fraud',
  service_provider: 'Service provider',
  other: 'Other agency',
};
export const AGENCY_KIND_LIST = AGENCY_KINDS;

export const METHOD_LABELS: Record<string, string> = {
  in_person: 'In person',
  phone: 'By phone',
  email: 'By email',
  letter: 'By letter',
  meeting: 'At a meeting',
};

export const ROLE_LABELS: Record<string, string> = {
  reporter: 'Whoever reported it',
  dsl: 'DSL',
  deputy_dsl: 'Deputy DSL',
  headteacher: 'Headteacher',
  leadership: 'Leadership',
  technical_staff: 'Technical staff',
  teacher: 'Teacher',
};

export const FIELD_LABELS: Record<string, string> = {
  location: 'Where',
  account: 'What was seen or said',
  immediateAction: 'What was done at once',
  adultDescription: 'The adult',
  category: 'Category',
};

export const categoryLabel = (c: string): string => CONCERN_CATEGORY_INFO[c as ConcernCategory]?.label ?? c;

export const subtypeLabel = (c: string, s: string | null): string =>
  (s && CONCERN_CATEGORY_INFO[c as ConcernCategory]?.subtypes?.[s]) ?? '';

/** A category as the amendments keep it ("indecent_images/accidental") in words. */
export const categoryText = (code: string | null): string | null => {
  if (!code) return code;
  const [c, s = null] = code.split('/') as [string, string?];
  const sub = subtypeLabel(c, s);
  return `${categoryLabel(c)}${sub ? `: ${sub}` : ''}`;
};

/** A datetime-local value ("2026-12-01T10:15", the browser's own zone) as an ISO instant. */
export function localToIso(v: string): string {
  return new Date(v).toISOString();
}

/** Now as a datetime-local value, for defaults and max. */
export function nowLocal(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A file's bytes as base64, for the attachments API. */
export async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export const sizeText = (n: number): string =>
  n < 1024
    ? `${n} bytes`
    : n < 1024 * 1024
      ? `${Math.round(n / 1024)} KB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;
