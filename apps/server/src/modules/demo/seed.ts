import type { Insertable } from 'kysely';
import { YEAR_GROUPS, makeUpn, type Role, type YearGroup } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { AccountTable, PersonTable } from '../../db/schema.js';
import { blankPerson, searchName } from '../people/rows.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { hashPassword } from '../auth/passwords.js';
import { createSchool } from '../schools/service.js';
import { FAMILY, GIVEN, pick, rng } from './names.js';

export interface DemoStaff {
  username: string;
  roles: Role[];
  given: string;
  family: string;
  title: string;
}

/** The demo school's staff: one or more in each role (issue 2, quick start). */
export const DEMO_STAFF: DemoStaff[] = [
  {
    username: 'admin',
    roles: ['system_admin'],
    given: 'Robin',
    family: 'Ashdown',
    title: 'School business manager',
  },
  {
    username: 'head',
    roles: ['headteacher', 'dsl'],
    given: 'Morgan',
    family: 'Elderfield',
    title: 'Headteacher',
  },
  {
    username: 'dsl',
    roles: ['dsl', 'leadership'],
    given: 'Sam',
    family: 'Brightwater',
    title: 'Deputy headteacher and DSL',
  },
  {
    username: 'deputy',
    roles: ['deputy_dsl', 'teacher'],
    given: 'Alex',
    family: 'Caldmore',
    title: 'Deputy DSL, Year 6 teacher',
  },
  {
    username: 'oslead',
    roles: ['online_safety_lead', 'teacher'],
    given: 'Jordan',
    family: 'Foxbury',
    title: 'Computing lead',
  },
  {
    username: 'teacher',
    roles: ['teacher'],
    given: 'Quinn',
    family: 'Marlowe',
    title: 'Year 2 class teacher',
  },
  {
    username: 'governor',
    roles: ['governor'],
    given: 'Casey',
    family: 'Glenholm',
    title: 'Governor for online safety',
  },
  {
    username: 'chair',
    roles: ['chair_of_governors'],
    given: 'Taylor',
    family: 'Hawthorne',
    title: 'Chair of governors',
  },
  {
    username: 'tech',
    roles: ['technical_staff'],
    given: 'Riley',
    family: 'Ivelbrook',
    title: 'IT technician (contractor)',
  },
  {
    username: 'support',
    roles: ['support_staff'],
    given: 'Jamie',
    family: 'Juniper',
    title: 'Teaching assistant',
  },
  { username: 'office', roles: ['support_staff'], given: 'Drew', family: 'Kestrel', title: 'School office' },
  {
    username: 'volunteer',
    roles: ['volunteer'],
    given: 'Avery',
    family: 'Larchmont',
    title: 'Reading volunteer',
  },
];

const CLASS_NAMES: Record<YearGroup, string> = {
  N1: 'Acorns',
  N2: 'Conkers',
  R: 'Saplings',
  '1': 'Willow',
  '2': 'Hazel',
  '3': 'Rowan',
  '4': 'Cedar',
  '5': 'Beech',
  '6': 'Oak',
};

export interface SeedOptions {
  name?: string;
  slug?: string;
  pupilsPerYear?: number;
  /** Password for the administrator; it must be changed at first sign-in. */
  adminPassword: string;
  /** Tests only: a known password for every other staff account. Demo staff otherwise get invitations. */
  staffPassword?: string;
  seed?: number;
  /** Put before every staff username (a second demo school in one database needs its own usernames). */
  usernamePrefix?: string;
  /** Also the compliance registers' demo records (issue 5); tests of those registers start without them. */
  compliance?: boolean;
}

export interface SeedResult {
  schoolId: string;
  accounts: Record<string, { accountId: string; personId: string }>;
  pupils: number;
  parents: number;
}

function person(
  schoolId: string,
  now: string,
  p: Partial<PersonTable> & Pick<PersonTable, 'kind' | 'given_name' | 'family_name'>,
): PersonTable {
  return {
    ...blankPerson(schoolId, p.kind, now),
    ...p,
    search_name: searchName(p.given_name, p.family_name, p.preferred_name),
  };
}

/** A demo account with no password, no authenticator, not disabled. */
export const demoAccountRow = (id: string, username: string, now: string): Insertable<AccountTable> => ({
  id,
  username,
  password_hash: null,
  password_changed_at: now,
  must_change_password: 0,
  totp_secret_enc: null,
  totp_pending_secret_enc: null,
  totp_enrolled_at: null,
  recovery_codes: null,
  disabled_at: null,
  disabled_reason: null,
  created_at: now,
  updated_at: now,
});

/** Creates the fictional demo primary school: staff in every role, pupils from Nursery to Year 6, parents. */
export async function seedDemoSchool(ctx: AppContext, opts: SeedOptions): Promise<SeedResult> {
  const r = rng(opts.seed ?? 2026);
  const now = iso(ctx.clock.now());
  const adminHash = await hashPassword(opts.adminPassword);
  const staffHash = opts.staffPassword ? await hashPassword(opts.staffPassword) : null;
  return ctx.db.transaction().execute(async (tx) => {
    const schoolId = await createSchool(
      ctx,
      { name: opts.name ?? 'Harbourside Primary School', slug: opts.slug ?? 'harbourside' },
      tx,
    );
    const accounts: SeedResult['accounts'] = {};
    for (const s of DEMO_STAFF) {
      const accountId = newId();
      const isAdmin = s.username === 'admin';
      await tx
        .insertInto('accounts')
        .values({
          ...demoAccountRow(accountId, `${opts.usernamePrefix ?? ''}${s.username}`, now),
          password_hash: isAdmin ? adminHash : staffHash,
          must_change_password: isAdmin ? 1 : 0,
        })
        .execute();
      const p = person(schoolId, now, {
        kind: 'staff',
        given_name: s.given,
        family_name: s.family,
        job_title: s.title,
        email: `${s.username}@harbourside.example`,
        start_date: '2020-09-01',
        account_id: accountId,
        mis_id: `S${Object.keys(accounts).length + 1}`,
      });
      await tx.insertInto('people').values(p).execute();
      for (const role of s.roles) {
        await tx
          .insertInto('role_assignments')
          .values({
            id: newId(),
            account_id: accountId,
            school_id: schoolId,
            organisation_id: null,
            role,
            granted_at: now,
            granted_by: null,
            revoked_at: null,
            revoked_by: null,
          })
          .execute();
      }
      accounts[s.username] = { accountId, personId: p.id };
    }
    const { pupils, parents } = await seedPupils(tx, schoolId, now, r, opts.pupilsPerYear ?? 20);
    return { schoolId, accounts, pupils, parents };
  });
}

async function seedPupils(tx: Executor, schoolId: string, now: string, r: () => number, perYear: number) {
  let pupils = 0;
  let parents = 0;
  const thisYear = new Date(now).getUTCFullYear();
  for (const [i, year] of YEAR_GROUPS.entries()) {
    for (let n = 0; n < perYear; n++) {
      const family = pick(r, FAMILY);
      const ageYears = 3 + i; // N1 pupils turn 3 in the school year
      const dob = `${thisYear - ageYears - 1}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      const pupil = person(schoolId, now, {
        kind: 'pupil',
        given_name: pick(r, GIVEN),
        family_name: family,
        date_of_birth: dob,
        year_group: year,
        class_name: CLASS_NAMES[year],
        upn: makeUpn(String(801000000000 + pupils)),
        mis_id: `P${10000 + pupils}`,
        start_date: `${thisYear - 1}-09-01`,
        send: r() < 0.12 ? 1 : 0,
        looked_after: r() < 0.02 ? 1 : 0,
        other_vulnerability: r() < 0.05 ? 1 : 0,
      });
      await tx.insertInto('people').values(pupil).execute();
      pupils++;
      const carers = r() < 0.6 ? 2 : 1;
      for (let c = 0; c < carers; c++) {
        const parent = person(schoolId, now, {
          kind: 'parent',
          given_name: pick(r, GIVEN),
          family_name: c === 0 ? family : pick(r, FAMILY),
          email: `parent${10000 + parents}@families.example`,
          mis_id: `C${10000 + parents}`,
        });
        await tx.insertInto('people').values(parent).execute();
        await tx
          .insertInto('parent_links')
          .values({
            id: newId(),
            school_id: schoolId,
            parent_id: parent.id,
            pupil_id: pupil.id,
            relationship: c === 0 ? 'Mother' : 'Father',
            parental_responsibility: 1,
            no_contact: 0,
            created_at: now,
          })
          .execute();
        parents++;
      }
    }
  }
  return { pupils, parents };
}
