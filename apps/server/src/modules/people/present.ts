import { keyStageOf, type YearGroup } from '@harbour/shared';
import type { PersonTable } from '../../db/schema.js';

/** Rows -> API shape. Vulnerability flags only for readers allowed them (clarification 10). */
export function presentPerson(p: PersonTable, opts: { vulnerability: boolean }) {
  return {
    id: p.id,
    kind: p.kind,
    givenName: p.given_name,
    familyName: p.family_name,
    preferredName: p.preferred_name,
    name: `${p.preferred_name ?? p.given_name} ${p.family_name}`,
    dateOfBirth: p.date_of_birth,
    yearGroup: p.year_group,
    keyStage: p.year_group ? keyStageOf(p.year_group as YearGroup) : null,
    className: p.class_name,
    upn: p.upn,
    misId: p.mis_id,
    jobTitle: p.job_title,
    email: p.email,
    phone: p.phone,
    startDate: p.start_date,
    leaveDate: p.leave_date,
    leftAt: p.left_at,
    accessEndsAt: p.access_ends_at,
    hasAccount: p.account_id !== null,
    ...(opts.vulnerability
      ? {
          vulnerability: {
            send: p.send === 1,
            lookedAfter: p.looked_after === 1,
            otherVulnerability: p.other_vulnerability === 1,
          },
        }
      : {}),
  };
}
export type PersonView = ReturnType<typeof presentPerson>;

/**
 * presentPerson as JSON text, kept per row object and presentation: the people search serves the same rows
 * from memory again and again (search-index.ts), and turning them into text was a large part of its cost.
 * Rows are never changed in place (a change loads new rows), so a kept text is never stale.
 */
const jsonKept = new WeakMap<PersonTable, [string | undefined, string | undefined]>();
export function presentPersonJson(p: PersonTable, opts: { vulnerability: boolean }): string {
  let kept = jsonKept.get(p);
  if (!kept) jsonKept.set(p, (kept = [undefined, undefined]));
  const slot = opts.vulnerability ? 1 : 0;
  return (kept[slot] ??= JSON.stringify(presentPerson(p, opts)));
}
