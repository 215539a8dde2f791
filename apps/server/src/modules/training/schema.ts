import { z } from 'zod';
import { TRAINING_KINDS } from '@harbour/shared';

const Id = z.string().min(1).max(100);
const isoDate = z.iso.date('use the date format YYYY-MM-DD');
export const IdParams = z.strictObject({ id: Id });
export const EmptyQuery = z.strictObject({});

export const NewCourse = z.strictObject({
  title: z.string().trim().min(1).max(200),
  kind: z.enum(TRAINING_KINDS),
  /** Months a completion stays current; default one year (policy 6.3: at least annual); null never expires. */
  validityMonths: z.number().int().min(1).max(120).nullable().default(12),
});

export const RecordsQuery = z.strictObject({
  personId: Id.optional(),
  courseId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const completion = {
  courseId: Id,
  completedOn: isoDate,
  expiresOn: isoDate.nullable().optional(),
  provider: z.string().trim().max(200).nullable().optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
};
export const NewRecord = z.strictObject({ personId: Id, ...completion });

/** A whole-staff session: one completion for each person listed (policy 6.3). */
export const NewSession = z.strictObject({ personIds: z.array(Id).min(1).max(1000), ...completion });

export const CERTIFICATE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const CERTIFICATE_MAX_BYTES = 2 * 1024 * 1024;
export const CertificateBody = z.strictObject({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^/\\\r\n"]+$/, 'a plain file name'),
  contentType: z.enum(CERTIFICATE_TYPES),
  // base64 of at most 2 MB
  dataBase64: z
    .string()
    .min(4)
    .max(Math.ceil(CERTIFICATE_MAX_BYTES / 3) * 4 + 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
});
