import { z } from 'zod';

const Id = z.string().min(1).max(100);
const isoDate = z.iso.date('use the date format YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
export const IdParams = z.strictObject({ id: Id });
export const EmptyQuery = z.strictObject({});
export const EmptyBody = z.strictObject({});
export const ListQuery = z.strictObject({
  status: z
    .enum(['draft', 'submitted', 'approved', 'rejected', 'retired', 'in_use', 'review_due'])
    .optional(),
});

const fields = {
  name: text(200),
  supplier: z.string().trim().max(200).nullable().optional(),
  purpose: text(2000),
  storesPersonalData: z.boolean(),
  storesPupilImages: z.boolean(),
  dataDescription: z.string().trim().max(2000).nullable().optional(),
  risks: text(5000),
  mitigations: text(5000),
};
export const NewAssessment = z.strictObject(fields);
export const PatchAssessment = z
  .strictObject({
    name: fields.name.optional(),
    supplier: fields.supplier,
    purpose: fields.purpose.optional(),
    storesPersonalData: fields.storesPersonalData.optional(),
    storesPupilImages: fields.storesPupilImages.optional(),
    dataDescription: fields.dataDescription,
    risks: fields.risks.optional(),
    mitigations: fields.mitigations.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export const DpCheckBody = z.strictObject({ outcome: z.enum(['passed', 'concerns']), notes: text(2000) });
export const DecideBody = z.strictObject({
  decision: z.enum(['approved', 'rejected']),
  notes: text(2000),
  reviewOn: isoDate.optional(),
});
export const ReviewBody = z.strictObject({
  notes: text(2000),
  outcome: z.enum(['continue', 'retire']),
  reviewOn: isoDate.optional(),
});
