import { z } from 'zod';
import { SCHOOL_SYSTEMS } from '@harbour/shared';

const Id = z.string().min(1).max(100);
export const IdParams = z.strictObject({ id: Id });
export const EmptyQuery = z.strictObject({});
export const ListQuery = z.strictObject({
  personId: Id.optional(),
  system: z.enum(SCHOOL_SYSTEMS).optional(),
  status: z.enum(['active', 'removed', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const GrantBody = z.strictObject({
  personId: Id,
  system: z.enum(SCHOOL_SYSTEMS),
  detail: z.string().trim().max(200).nullable().optional(),
});
export const RemoveBody = z.strictObject({ reason: z.string().trim().min(1).max(300).optional() });
