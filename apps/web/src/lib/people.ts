import { keyStageOf, yearGroupLabel, type KeyStage, type YearGroup } from '@harbour/shared';

/** A person as GET /api/people and GET /api/people/:id return them (modules/people/present.ts). */
export interface Person {
  id: string;
  kind: PersonKind;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  name: string;
  dateOfBirth: string | null;
  yearGroup: YearGroup | null;
  keyStage: KeyStage | null;
  className: string | null;
  upn: string | null;
  misId: string | null;
  jobTitle: string | null;
  email: string | null;
  phone: string | null;
  startDate: string | null;
  leaveDate: string | null;
  leftAt: string | null;
  accessEndsAt: string | null;
  hasAccount: boolean;
  /** Present only for readers allowed to see vulnerability flags (the safeguarding team and leadership). */
  vulnerability?: { send: boolean; lookedAfter: boolean; otherVulnerability: boolean };
}

export interface ParentLink {
  id: string;
  parentId: string;
  parentName: string;
  pupilId: string;
  pupilName: string;
  relationship: string;
  parentalResponsibility: boolean;
  noContact: boolean;
}

export const PERSON_KINDS = ['staff', 'pupil', 'parent', 'visitor'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export const KIND_LABELS: Record<PersonKind, string> = {
  staff: 'Staff',
  pupil: 'Pupil',
  parent: 'Parent or carer',
  visitor: 'Visitor',
};

export function yearAndStage(p: { yearGroup: YearGroup | null }): string {
  if (!p.yearGroup) return '';
  return `${yearGroupLabel(p.yearGroup)} (${keyStageOf(p.yearGroup)})`;
}

/** School dates are calendar days: shown as written, whatever the browser's time zone. */
export function formatDay(day: string | null): string {
  if (!day) return '';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

export function formatInstant(isoTime: string | null, timeZone = 'Europe/London'): string {
  if (!isoTime) return '';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(isoTime),
  );
}

/** Today's date (YYYY-MM-DD) in the school's time zone. */
export function today(timeZone = 'Europe/London'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

/** Current, leaving on a later date, or left. */
export function leaverStatus(p: Pick<Person, 'leftAt' | 'leaveDate'>): string {
  if (!p.leftAt) return 'Current';
  if (new Date(p.leftAt) > new Date()) return `Leaving ${formatDay(p.leaveDate)}`;
  return `Left ${formatDay(p.leaveDate)}`;
}
