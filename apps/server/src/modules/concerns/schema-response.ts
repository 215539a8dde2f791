import { z } from 'zod';
import {
  AGENCY_KINDS,
  CONCERN_CATEGORIES,
  CONCERN_SANCTIONS,
  PARENT_CONTACT_METHODS,
  type ConcernSanction,
} from '@harbour/shared';

const Id = z.string().min(1).max(100);
const when = z.iso.datetime({ offset: true, message: 'use an ISO date and time, e.g. 2026-11-23T10:15:00Z' });
const date = z.iso.date('use the date format YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

export const StepUpdate = z.discriminatedUnion('status', [
  z.strictObject({ stepId: Id, status: z.literal('done'), note: text(5000).nullable().optional() }),
  z.strictObject({ stepId: Id, status: z.literal('not_applicable'), reason: text(5000) }),
]);

export const Recategorise = z.strictObject({
  category: z.enum(CONCERN_CATEGORIES),
  subtype: z.string().min(1).max(50).nullable().optional(),
  reason: text(2000),
});

export const Close = z.strictObject({ outcome: text(20_000), lessonsLearnt: text(20_000) });
export const Reopen = z.strictObject({ reason: text(5000) });

export const NewAction = z.strictObject({ title: text(1000), assigneePersonId: Id, dueOn: date });
export const ActionDone = z.strictObject({ note: text(5000).nullable().optional() });

export const Referral = z.strictObject({
  agencyId: Id,
  referredAt: when,
  reference: text(200).nullable().optional(),
  responseDueOn: date.nullable().optional(),
});
export const ReferralResponse = z.strictObject({
  referralId: Id,
  response: text(20_000),
  respondedAt: when.optional(),
});
export const NoReferral = z.strictObject({ agencyKind: z.enum(AGENCY_KINDS), reason: text(5000) });

export const ParentContact = z.discriminatedUnion('informed', [
  z.strictObject({
    pupilId: Id,
    informed: z.literal(true),
    parentPersonId: Id.nullable().optional(),
    method: z.enum(PARENT_CONTACT_METHODS),
    at: when,
    note: text(5000).nullable().optional(),
  }),
  z.strictObject({ pupilId: Id, informed: z.literal(false), reason: text(5000) }),
]);

export const Sanction = z.strictObject({
  pupilId: Id,
  sanction: z.enum(Object.keys(CONCERN_SANCTIONS) as [ConcernSanction, ...ConcernSanction[]]),
  detail: text(5000).nullable().optional(),
  fromOn: date,
  untilOn: date.nullable().optional(),
});
