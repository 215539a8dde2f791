import type { PersonTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';

/** The lower-cased name the register searches on. */
export const searchName = (given: string, family: string, preferred: string | null | undefined): string =>
  `${given} ${family} ${preferred ?? ''}`.trim().toLowerCase();

/** A person row with every optional column empty; callers spread their own values over it. */
export function blankPerson(schoolId: string, kind: PersonTable['kind'], now: string): PersonTable {
  return {
    id: newId(),
    school_id: schoolId,
    kind,
    given_name: '',
    family_name: '',
    preferred_name: null,
    search_name: '',
    date_of_birth: null,
    year_group: null,
    class_name: null,
    upn: null,
    mis_id: null,
    job_title: null,
    email: null,
    phone: null,
    start_date: null,
    leave_date: null,
    left_at: null,
    access_ends_at: null,
    send: 0,
    looked_after: 0,
    other_vulnerability: 0,
    account_id: null,
    created_at: now,
    updated_at: now,
    retain_until: null,
    tombstoned_at: null,
  };
}
