import { z } from 'zod';
import { CONSENT_CHANNELS } from '@harbour/shared';

const Id = z.string().min(1).max(100);
export const IdParams = z.strictObject({ id: Id });
export const EmptyQuery = z.strictObject({});
const isoDate = z.iso.date('use the date format YYYY-MM-DD');

export const RecordConsent = z.strictObject({
  pupilId: Id,
  channels: z.array(z.enum(CONSENT_CHANNELS)).min(1).max(CONSENT_CHANNELS.length),
  decision: z.enum(['given', 'withdrawn']),
  /** The parent or carer deciding; a parent recording for their own child may leave it out. */
  parentId: Id.optional(),
  /** The date on the form, for a paper consent; today when left out. */
  decidedOn: isoDate.optional(),
  source: z.enum(['app', 'paper']).default('app'),
  note: z.string().trim().max(500).nullable().optional(),
});

/** "May I publish these pupils?": a list of pupils, or a whole class. */
export const CheckQuery = z
  .strictObject({
    pupilIds: z
      .string()
      .max(20_000)
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(Id).max(500))
      .optional(),
    className: z.string().trim().min(1).max(50).optional(),
    channel: z.enum(CONSENT_CHANNELS).optional(),
  })
  .refine((q) => (q.pupilIds?.length ?? 0) > 0 || !!q.className, 'name the pupils or a class');

export const WithdrawalsQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(30),
});

export const ImportBody = z.strictObject({
  csv: z
    .string()
    .min(1, 'the file is empty')
    .max(5 * 1024 * 1024),
});
