import { z } from 'zod';
import { KEY_STAGES, YEAR_GROUPS } from '@harbour/shared';

export const PERSON_KINDS = ['staff', 'pupil', 'parent', 'visitor'] as const;

const isoDate = z.iso.date('use the date format YYYY-MM-DD');
const name = z.string().trim().min(1, 'required').max(100);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const ListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(PERSON_KINDS).optional(),
  year: z.enum(YEAR_GROUPS).optional(),
  keyStage: z.enum(KEY_STAGES).optional(),
  className: z.string().trim().max(50).optional(),
  status: z.enum(['current', 'leavers', 'all']).default('current'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const IdParams = z.strictObject({ id: z.string().min(1).max(100) });

const vulnerability = {
  send: z.boolean().optional(),
  lookedAfter: z.boolean().optional(),
  otherVulnerability: z.boolean().optional(),
};

const personFields = {
  givenName: name,
  familyName: name,
  preferredName: optionalText(100),
  dateOfBirth: isoDate.nullable().optional(),
  yearGroup: z.enum(YEAR_GROUPS).nullable().optional(),
  className: optionalText(50),
  upn: z
    .string()
    .trim()
    .regex(/^[A-Z][0-9]{11}[0-9A-Z]$/, 'a UPN is a capital letter then 12 digits (the last may be a letter)')
    .nullable()
    .optional(),
  misId: optionalText(50),
  jobTitle: optionalText(100),
  email: z.email('not an email address').max(200).nullable().optional(),
  phone: optionalText(40),
  startDate: isoDate.nullable().optional(),
  accessEndsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  ...vulnerability,
};

export const CreatePerson = z.strictObject({ kind: z.enum(PERSON_KINDS), ...personFields });
export type CreatePerson = z.infer<typeof CreatePerson>;

export const PatchPerson = z
  .strictObject({
    ...personFields,
    givenName: name.optional(),
    familyName: name.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type PatchPerson = z.infer<typeof PatchPerson>;

export const LeaverBody = z.strictObject({ leaveDate: isoDate });

export const ParentLinkBody = z.strictObject({
  parentId: z.string().min(1).max(100),
  relationship: z.string().trim().min(1).max(50),
  parentalResponsibility: z.boolean().default(true),
  noContact: z.boolean().default(false),
});

export const LeaversQuery = z.strictObject({
  from: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const EmptyQuery = z.strictObject({});
