import { z } from 'zod';

/** A calendar day (read in the school's time zone) or an exact UTC instant. */
const DayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: false })]);

/** GET /api/audit query: every filter optional; paging goes backwards by sequence number. */
export const AuditQuery = z.strictObject({
  actor: z.string().trim().min(1).max(100).optional(),
  action: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9_.]+$/, 'letters, digits, dots and underscores only')
    .optional(),
  entityType: z.string().trim().min(1).max(60).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  from: DayOrInstant.optional(),
  to: DayOrInstant.optional(),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
