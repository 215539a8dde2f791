import { z } from 'zod';
import { CHECK_STATUSES, FRAMEWORKS, REVIEW_ASPECTS } from '@harbour/shared';

const Id = z.string().min(1).max(100);
const isoDate = z.iso.date('use the date format YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const aspectKeys = REVIEW_ASPECTS.map((a) => a.key) as [string, ...string[]];

export const IdParams = z.strictObject({ id: Id });
export const EmptyQuery = z.strictObject({});
export const EmptyBody = z.strictObject({});

export const CheckBody = z.strictObject({
  framework: z.enum(FRAMEWORKS),
  item: z.string().min(1).max(100),
  status: z.enum(CHECK_STATUSES),
  evidence: optText(4000),
  notes: optText(4000),
});

export const NewReview = z.strictObject({ title: text(200) });
export const RatingBody = z.strictObject({
  aspect: z.enum(aspectKeys, 'not one of the self-review’s aspects'),
  level: z.number().int().min(1).max(5),
  commentary: text(4000),
  evidence: optText(4000),
});
export const CompleteBody = z.strictObject({ summary: optText(4000) });

export const NewAction = z.strictObject({
  title: text(500),
  ownerPersonId: Id.nullable().optional(),
  dueOn: isoDate.nullable().optional(),
  reviewId: Id.nullable().optional(),
  aspect: z.enum(aspectKeys, 'not one of the self-review’s aspects').nullable().optional(),
});
export const PatchAction = z
  .strictObject({
    title: text(500).optional(),
    ownerPersonId: Id.nullable().optional(),
    dueOn: isoDate.nullable().optional(),
    status: z.enum(['open', 'done']).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export const ActionsQuery = z.strictObject({ status: z.enum(['open', 'done', 'all']).optional() });

/** A school term ("2026-autumn": September to December; spring January to March; summer April to August). */
export const TERM = /^(\d{4})-(autumn|spring|summer)$/;
export const ReportQuery = z.strictObject({
  term: z.string().regex(TERM, 'use a term such as 2026-autumn, 2027-spring or 2027-summer').optional(),
});
