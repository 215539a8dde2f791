import { z } from 'zod';
import {
  CONCERN_ATTACHMENT_TYPES,
  CONCERN_CATEGORIES,
  CONCERN_STATUSES,
  CONCERN_TEXT_FIELDS,
} from '@harbour/shared';

const Id = z.string().min(1).max(100);
export const IdParams = z.strictObject({ id: Id });
export const EmptyQuery = z.strictObject({});
const when = z.iso.datetime({ offset: true, message: 'use an ISO date and time, e.g. 2026-11-23T10:15:00Z' });
const text = (max: number) => z.string().trim().min(1).max(max);

export const RecordConcern = z.strictObject({
  category: z.enum(CONCERN_CATEGORIES),
  subtype: z.string().min(1).max(50).nullable().optional(),
  /** Pupils involved; one is the subject (the first, when only one is given). */
  pupils: z
    .array(z.strictObject({ personId: Id, subject: z.boolean().optional() }))
    .max(30)
    .default([]),
  /** An adult the concern is about who is not a member of staff (a parent, a visitor, someone online). */
  adult: z
    .strictObject({ personId: Id.nullable().optional(), description: text(2000).nullable().optional() })
    .nullable()
    .optional(),
  /** The member of staff an allegation is about (restricted record, clarification 6). */
  staffSubjectPersonId: Id.nullable().optional(),
  /** When it happened; may be in the past. */
  occurredAt: when,
  location: text(500).nullable().optional(),
  /** What was seen or said, in the child's own words where a child said it. */
  account: text(20_000),
  immediateAction: text(5000).nullable().optional(),
  dslToldInPerson: z.boolean().default(false),
  dslToldPersonId: Id.nullable().optional(),
});

/** The pupils' "I'm worried about something" form: short, in the child's words. */
export const RecordWorry = z.strictObject({
  message: text(5000),
  about: z.enum(['me', 'friend', 'someone_else']).default('me'),
});

export const ListQuery = z.strictObject({
  status: z.enum(CONCERN_STATUSES).optional(),
  category: z.enum(CONCERN_CATEGORIES).optional(),
  pupilId: Id.optional(),
  mine: z.enum(['1', 'true']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Paging: concerns recorded before this time. */
  before: when.optional(),
});

export const AddText = z.strictObject({ text: text(20_000), eventAt: when.optional() });

export const Amend = z.strictObject({
  field: z.enum(CONCERN_TEXT_FIELDS),
  text: z.string().trim().max(20_000),
  reason: text(2000),
});

export const Attachment = z.strictObject({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^/\\\0]+$/, 'a file name, without folders'),
  contentType: z.enum(CONCERN_ATTACHMENT_TYPES, {
    message: `a screenshot (PNG, JPEG, GIF, WebP), a PDF or a text file: ${CONCERN_ATTACHMENT_TYPES.join(', ')}`,
  }),
  /** The file, base64-encoded (at most 10 MB once decoded). */
  dataBase64: z
    .string()
    .min(1)
    .max(14_000_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
});

export const Custody = z.strictObject({
  event: z.enum(['secured', 'handed_over', 'returned']),
  at: when,
  /** Which device: "Pupil's own phone, blue case", "Class laptop 14". */
  device: text(500),
  /** Where it is kept ("locked cabinet in the head's office"). */
  place: text(500).nullable().optional(),
  /** Who it was handed to ("Police officer, collar number ..."), for handed_over and returned. */
  handedTo: text(500).nullable().optional(),
  /** The member of staff who secured or handed it over; the recorder when left out. */
  byPersonId: Id.nullable().optional(),
});

export const ImageryViewed = z.strictObject({
  viewedAt: when,
  /** Why viewing was unavoidable (policy 9.1: only where there is no other possible option). */
  reason: text(2000),
});

export const Viewers = z.strictObject({
  add: z.array(Id).max(20).default([]),
  remove: z.array(Id).max(20).default([]),
});
