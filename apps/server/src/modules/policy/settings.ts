import { z } from 'zod';
import { YEAR_GROUPS } from '@harbour/shared';
import type { Executor } from '../../db/index.js';
import { defineSetting } from '../settings/registry.js';

/**
 * What the online-safety policy names that differs between schools (product brief: "a school setting, not a
 * fork"). The DSLs, deputies and governor lead are in safeguarding.contacts (settings/registry.ts).
 */
const PersonId = z.uuid();
const text = (max: number) => z.string().trim().max(max);

async function notCurrentStaff(db: Executor, schoolId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('kind', '=', 'staff')
    .where('left_at', 'is', null)
    .where('id', 'in', ids)
    .execute();
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !found.has(id)).map((id) => `${id} is not a current member of staff`);
}

/** Policy 5.1, 7.3: who supplies filtering and monitoring (St Mark's: the LA's filter; All Souls': EIS). */
export const Providers = defineSetting({
  key: 'online_safety.providers',
  description: 'Who provides the school’s internet filtering, monitoring and technical support',
  schema: z.strictObject({
    filteringProvider: text(200),
    monitoringProvider: text(200).nullable(),
    technicalSupport: text(200).nullable(),
  }),
  defaultValue: () => ({
    filteringProvider: 'Harbour (the school’s own DNS filter)',
    monitoringProvider: 'Harbour (search monitoring)',
    technicalSupport: null,
  }),
});

/** Policy 4.3: whether pupils may bring phones (St Mark's: Years 5 and 6 walking alone), and where they are kept. */
export const PhoneRules = defineSetting({
  key: 'online_safety.phones',
  description: 'Phone rules: which pupils may bring phones, where they are kept, and staff use',
  schema: z.strictObject({
    pupilPhones: z.enum(['not_allowed', 'some_years', 'any_year']),
    yearsAllowed: z.array(z.enum(YEAR_GROUPS)).max(9),
    condition: text(300).nullable(),
    keptAt: text(200),
    allowedOnTrips: z.boolean(),
    staffUse: z.enum(['not_in_presence_of_children', 'breaks_only_away_from_pupils']),
  }),
  defaultValue: () => ({
    pupilPhones: 'some_years' as const,
    yearsAllowed: ['5' as const, '6' as const],
    condition: 'when they walk to and from school without an adult',
    keptAt: 'the school office',
    allowedOnTrips: false,
    staffUse: 'not_in_presence_of_children' as const,
  }),
});

/** Policy 3.2/3.4 [3.3]: official social media channels, or none (St Mark's has none), and who publishes. */
export const SocialMedia = defineSetting({
  key: 'online_safety.social_media',
  description: 'The school’s official social media channels (none is allowed) and the staff who publish',
  schema: z.strictObject({
    channels: z.array(z.strictObject({ platform: text(60).min(1), address: text(300).min(1) })).max(10),
    publisherPersonIds: z.array(PersonId).max(30),
    staffPersonalUseInBreaks: z.boolean(),
    staffOnlySites: z.array(text(100).min(1)).max(20),
  }),
  defaultValue: () => ({
    channels: [],
    publisherPersonIds: [],
    staffPersonalUseInBreaks: false,
    staffOnlySites: [],
  }),
  check: (_ctx, db, schoolId, v) => notCurrentStaff(db, schoolId, [...new Set(v.publisherPersonIds)]),
});

/** All Souls' 2.5: the learning platform, or none. */
export const LearningPlatform = defineSetting({
  key: 'online_safety.learning_platform',
  description: 'The school’s learning platform, if it has one',
  schema: z.strictObject({ name: text(100).min(1).nullable(), address: text(300).nullable() }),
  defaultValue: () => ({ name: null, address: null }),
});

/** Policy 1.2: the online-safety leads and how often the policy is reviewed (at least yearly). */
export const PolicyReview = defineSetting({
  key: 'online_safety.policy',
  description: 'Online-safety leads, and how often the policy is reviewed and reminders sent',
  schema: z.strictObject({
    onlineSafetyLeadPersonIds: z.array(PersonId).max(10),
    reviewMonths: z.number().int().min(1).max(12),
    remindDaysBefore: z.array(z.number().int().min(1).max(180)).max(5),
  }),
  defaultValue: () => ({ onlineSafetyLeadPersonIds: [], reviewMonths: 12, remindDaysBefore: [60, 30, 7] }),
  check: (_ctx, db, schoolId, v) => notCurrentStaff(db, schoolId, [...new Set(v.onlineSafetyLeadPersonIds)]),
});
