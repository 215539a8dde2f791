import { z } from 'zod';
import { ANTIVIRUS_STATUSES, DEVICE_KINDS } from '@harbour/shared';

const Id = z.string().min(1).max(100);
const isoDate = z.iso.date('use the date format YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
export const IdParams = z.strictObject({ id: Id });
export const EmptyBody = z.strictObject({});

export const RegisterQuery = z.strictObject({ day: isoDate.optional() });
export const HandinBody = z.strictObject({
  pupilId: Id,
  note: z.string().trim().max(300).nullable().optional(),
});

export const ConfiscationsQuery = z.strictObject({ status: z.enum(['held', 'all']).default('held') });
export const ConfiscateBody = z.strictObject({
  pupilId: Id,
  device: text(100),
  reason: text(500),
  heldWhere: text(200),
  notes: z.string().trim().max(1000).nullable().optional(),
});
export const ReleaseBody = z.strictObject({ parentId: Id });
export const PoliceBody = z.strictObject({
  reference: text(100),
  officer: z.string().trim().max(100).nullable().optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
});

export const DevicesQuery = z.strictObject({
  flag: z.enum(['unencrypted_off_site', 'antivirus', 'any']).optional(),
  includeRetired: z.enum(['true', 'false']).default('false'),
});
const deviceFields = {
  assetTag: text(50),
  kind: z.enum(DEVICE_KINDS),
  description: z.string().trim().max(200).nullable().optional(),
  serial: z.string().trim().max(100).nullable().optional(),
  assigneePersonId: Id.nullable().optional(),
  encrypted: z.boolean(),
  antivirusStatus: z.enum(ANTIVIRUS_STATUSES),
  antivirusCheckedOn: isoDate.nullable().optional(),
  offSite: z.boolean(),
  notes: z.string().trim().max(1000).nullable().optional(),
};
export const NewDevice = z.strictObject(deviceFields);
export const PatchDevice = z
  .strictObject({
    ...Object.fromEntries(Object.entries(deviceFields).map(([k, v]) => [k, v.optional()])),
    retired: z.boolean().optional(),
  } as { [K in keyof typeof deviceFields]: z.ZodOptional<(typeof deviceFields)[K]> } & {
    retired: z.ZodOptional<z.ZodBoolean>;
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
