import { z } from 'zod';
import { AUP_AUDIENCES } from '@harbour/shared';

export const Id = z.string().min(1).max(100);
export const IdParams = z.strictObject({ id: Id });
export const EmptyQuery = z.strictObject({});
export const EmptyBody = z.strictObject({});
const isoDate = z.iso.date('use the date format YYYY-MM-DD');

export const NewVersion = z.strictObject({
  audience: z.enum(AUP_AUDIENCES),
  title: z.string().trim().min(1).max(200).optional(),
  body: z.string().trim().min(1).max(50_000).optional(),
});
export const EditVersion = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    body: z.string().trim().min(1).max(50_000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const SignBody = z.strictObject({ versionId: Id, personId: Id.optional() });

export const RecordBody = z.strictObject({
  personId: Id,
  versionId: Id,
  method: z.enum(['paper', 'discussed']),
  signedOn: isoDate,
  signedByPersonId: Id.nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});

export const UnsignedQuery = z.strictObject({
  audience: z.enum(AUP_AUDIENCES).optional(),
  className: z.string().trim().min(1).max(50).optional(),
});

export const RemindBody = z.strictObject({ audience: z.enum(AUP_AUDIENCES) });
