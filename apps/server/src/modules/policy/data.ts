import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { displayName, findPeople } from '../people/lookup.js';
import { SafeguardingContacts, SchoolProfile } from '../settings/registry.js';
import { getSetting } from '../settings/service.js';
import { LearningPlatform, PhoneRules, PolicyReview, Providers, SocialMedia } from './settings.js';
import type { PolicyData } from './template-types.js';

/** Names of the people holding a role in the school now (the headteacher, the chair of governors). */
export async function roleHolders(db: Executor, schoolId: string, role: string) {
  return db
    .selectFrom('role_assignments')
    .innerJoin('people', 'people.account_id', 'role_assignments.account_id')
    .select([
      'people.id',
      'people.given_name',
      'people.family_name',
      'people.preferred_name',
      'people.account_id',
    ])
    .where('role_assignments.school_id', '=', schoolId)
    .where('role_assignments.role', '=', role)
    .where('role_assignments.revoked_at', 'is', null)
    .where('people.school_id', '=', schoolId)
    .where('people.left_at', 'is', null)
    .execute();
}

async function names(db: Executor, schoolId: string, ids: string[]): Promise<string[]> {
  const people = new Map((await findPeople(db, schoolId, ids)).map((p) => [p.id, displayName(p)]));
  return ids.map((id) => people.get(id)).filter((n): n is string => !!n);
}

/** Everything the policy names, read from the school's settings now: the snapshot a version is rendered from. */
export async function policyDataFromSettings(
  ctx: AppContext,
  db: Executor,
  schoolId: string,
  version: number,
): Promise<PolicyData> {
  const [profile, contacts, providers, phones, social, lp, review] = await Promise.all([
    getSetting(ctx, SchoolProfile, schoolId, db),
    getSetting(ctx, SafeguardingContacts, schoolId, db),
    getSetting(ctx, Providers, schoolId, db),
    getSetting(ctx, PhoneRules, schoolId, db),
    getSetting(ctx, SocialMedia, schoolId, db),
    getSetting(ctx, LearningPlatform, schoolId, db),
    getSetting(ctx, PolicyReview, schoolId, db),
  ]);
  const heads = await roleHolders(db, schoolId, 'headteacher');
  const chairs = await roleHolders(db, schoolId, 'chair_of_governors');
  return {
    schoolName: profile.name,
    version,
    headteacher: heads[0] ? displayName(heads[0]) : null,
    dsls: await names(db, schoolId, contacts.dslPersonIds),
    deputies: await names(db, schoolId, contacts.deputyPersonIds),
    onlineSafetyLeads: await names(db, schoolId, review.onlineSafetyLeadPersonIds),
    governorLead: contacts.governorLeadPersonId
      ? ((await names(db, schoolId, [contacts.governorLeadPersonId]))[0] ?? null)
      : null,
    chair: chairs[0] ? displayName(chairs[0]) : null,
    filteringProvider: providers.filteringProvider,
    monitoringProvider: providers.monitoringProvider,
    technicalSupport: providers.technicalSupport,
    phones,
    socialMedia: {
      channels: social.channels,
      staffPersonalUseInBreaks: social.staffPersonalUseInBreaks,
      staffOnlySites: social.staffOnlySites,
    },
    learningPlatform: lp,
    reviewMonths: review.reviewMonths,
    approvals: { headteacher: null, chair: null },
    reviewDueOn: null,
  };
}
