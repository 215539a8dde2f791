import { z } from 'zod';
import {
  FILTER_CATEGORIES,
  SafeSearchSchema,
  TimeWindowSchema,
  normaliseDomain,
  type FilterCategory,
} from '@harbour/shared';
import { LIST_FORMATS } from './list-formats.js';

/** Request and stored shapes of the filtering module (issue 4). */
export const Category = z.enum(FILTER_CATEGORIES);
export const Id = z.string().min(1).max(100);
const Text = (max: number) => z.string().trim().max(max);
const Cidr = z.union([z.cidrv4(), z.cidrv6()]);
const Ip = z.union([z.ipv4(), z.ipv6()]);

/** A host name as an entry: normalised (lower case, punycode, no `*.`); a URL or address is refused. */
export const Domain = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .transform((s, ctx) => {
    const d = normaliseDomain(s);
    if (!d) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a host name such as example.com (no path, no address)',
      });
      return z.NEVER;
    }
    return d;
  });

export const GROUP_KINDS = ['eyfs_ks1', 'ks2', 'staff', 'guests', 'custom'] as const;

/** Group ids in an op: an existing group's id, or `new:<ref>` for a group created earlier in the same request. */
const GroupRef = z.string().min(1).max(100);

const groupFields = {
  name: Text(100).min(1),
  mode: z.enum(['blocklist', 'allowlist']),
  isDefault: z.boolean(),
  /** Guests start "AUP only" (clarification 14): only Harbour itself resolves until the visitor AUP binds them. */
  aupOnly: z.boolean(),
  subnets: z.array(Cidr).max(200),
  resolverAddress: Ip.nullable(),
  blockedCategories: z
    .array(Category)
    .max(FILTER_CATEGORIES.length)
    .refine((c) => c.includes('illegal'), 'illegal content is always blocked'),
  safeSearch: SafeSearchSchema,
  allowLists: z.array(Id).max(64),
};

const scheduleFields = {
  groupId: GroupRef,
  label: Text(200).min(1),
  effect: z.enum(['allow', 'block']),
  categories: z.array(Category).max(FILTER_CATEGORIES.length),
  domains: z.array(Domain).max(1000),
  windows: z.array(TimeWindowSchema).min(1).max(50),
};

export const FilterSettingsSchema = z.strictObject({
  /** Who supplies and monitors filtering (St Mark's: the LA, monitored by an IT company; All Souls': a broadband provider's filter). */
  provider: z.strictObject({ name: Text(200), monitoredBy: Text(200), contact: Text(300) }),
  blockAnswer: z.strictObject({
    mode: z.enum(['block-page', 'nxdomain']),
    ipv4: z.array(z.ipv4()).max(8),
    ipv6: z.array(z.ipv6()).max(8),
  }),
  answerTtl: z.number().int().min(0).max(3600),
  /**
   * No longer used: the block page shows the school setting `monitoring.notice` (issue 6), the same notice the
   * acceptable-use agreements carry. Still accepted so settings saved before parse.
   */
  monitoringNotice: Text(1000).optional(),
  /** Staff social media: never in school hours (St Mark's 3.1) or at break times only (All Souls' 3.1). */
  staffSocialMedia: z.strictObject({
    mode: z.enum(['never', 'break-times', 'always']),
    breakTimes: z.array(TimeWindowSchema).max(20),
  }),
  queryLogRetentionDays: z.number().int().min(1).max(730),
  ecsForwarders: z.array(Cidr).max(100),
  emergencyMaxMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  selfTest: z.strictObject({
    /** A test entry the provider seeds in the licensed list, if it supplies one (SWGfL Test Filtering). */
    illegalTestNames: z.array(Domain).max(10),
    samples: z.partialRecord(Category, z.array(Domain).max(10)),
  }),
});
export type FilterSettings = z.infer<typeof FilterSettingsSchema>;

/** The trust baseline (clarification 13): locked; a school's policy can add to it, never take away. */
export const BaselineSchema = z.strictObject({
  blockedCategories: z.partialRecord(z.enum(GROUP_KINDS), z.array(Category).max(FILTER_CATEGORIES.length)),
  deny: z.array(Domain).max(10_000),
});
export type Baseline = z.infer<typeof BaselineSchema>;

/** One operation of a change request. */
export const OpSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('group.create'),
    ref: Text(50).min(1),
    kind: z.enum(GROUP_KINDS),
    ...groupFields,
  }),
  z.strictObject({
    op: z.literal('group.update'),
    groupId: Id,
    ...z.object(groupFields).partial().shape,
  }),
  z.strictObject({ op: z.literal('group.delete'), groupId: Id }),
  z.strictObject({
    op: z.literal('list.add'),
    /** The staged import (POST /api/filtering/lists/stage) the approver reviews with its counts. */
    stagedVersionId: Id,
    name: Text(200).min(1),
    refreshHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .nullable(),
  }),
  z.strictObject({
    op: z.literal('list.update'),
    listId: Id,
    name: Text(200).min(1).optional(),
    refreshHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .nullable()
      .optional(),
    enabled: z.boolean().optional(),
    /** Replace the entries with a newly staged import (e.g. a new file from the provider). */
    stagedVersionId: Id.optional(),
  }),
  z.strictObject({ op: z.literal('list.remove'), listId: Id }),
  z.strictObject({
    op: z.literal('entry.add'),
    groupId: GroupRef.nullable(),
    domain: Domain,
    effect: z.enum(['allow', 'deny']),
    note: Text(500),
  }),
  z.strictObject({ op: z.literal('entry.remove'), entryId: Id }),
  z.strictObject({ op: z.literal('schedule.add'), ...scheduleFields }),
  z.strictObject({
    op: z.literal('schedule.update'),
    scheduleId: Id,
    ...z.object(scheduleFields).omit({ groupId: true }).partial().shape,
  }),
  z.strictObject({ op: z.literal('schedule.remove'), scheduleId: Id }),
  z.strictObject({ op: z.literal('settings.update'), value: FilterSettingsSchema }),
  z.strictObject({ op: z.literal('baseline.update'), value: BaselineSchema }),
]);
export type Op = z.infer<typeof OpSchema>;
export type OpInput = z.input<typeof OpSchema>;

export const ProposeBody = z.strictObject({
  title: Text(200).min(1),
  reason: Text(4000).min(1),
  riskEducational: Text(4000).min(1, 'give the educational view of the risk'),
  riskTechnical: Text(4000).min(1, 'give the technical view of the risk'),
  ops: z.array(OpSchema).min(1).max(200),
});
export type ProposeBody = z.infer<typeof ProposeBody>;

export const DecideBody = z.strictObject({ note: Text(2000).default('') });
export const RejectBody = z.strictObject({ note: Text(2000).min(1, 'say why') });

export const StageBody = z
  .strictObject({
    kind: z.enum(['block', 'allow']),
    category: Category.nullable(),
    format: z.enum(LIST_FORMATS),
    /** IWF / CTIRU files from the school's provider: only keys are kept, no examples (never shipped). */
    licensed: z.boolean().default(false),
    content: z
      .string()
      .max(9 * 1024 * 1024)
      .optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    /** A file the provider left in HARBOUR_LICENSED_LIST_DIR (read again at each refresh). */
    file: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, 'a file name in the licensed-list folder')
      .optional(),
    /** A UT1 category folder (its `domains` file); the folder name picks the category when none is given. */
    ut1Folder: z
      .string()
      .regex(/^[a-z0-9_]{1,50}$/)
      .optional(),
  })
  .refine((b) => [b.content, b.url, b.file].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of the file content, a URL or a licensed-list file name',
    path: ['content'],
  })
  .refine((b) => b.kind === 'allow' || b.category !== null || b.ut1Folder !== undefined, {
    message: 'a block list needs a category',
    path: ['category'],
  })
  .refine((b) => !(b.kind === 'allow' && b.category === 'illegal'), {
    message: 'nothing can allow illegal content',
    path: ['category'],
  })
  .refine((b) => !b.licensed || b.category === 'illegal', {
    message: 'licensed lists are the illegal-content lists (IWF, CTIRU)',
    path: ['licensed'],
  });
export type StageBody = z.infer<typeof StageBody>;

export const UnblockBody = z.strictObject({
  domain: Domain,
  groupId: Id.nullable(),
  reason: Text(2000).min(1, 'say why this cannot wait for a change request'),
  minutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
});

export const IdParams = z.strictObject({ id: Id });
export const EmptyQuery = z.strictObject({});
export const ChangesQuery = z.strictObject({
  status: z.enum(['pending', 'applied', 'rejected', 'withdrawn']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ExportQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const NodeBody = z.strictObject({
  name: Text(100)
    .min(1)
    .regex(/^[A-Za-z0-9 ._-]+$/, 'letters, digits, spaces, . _ -'),
});
export const TopBlockedQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  groupId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ClientHistoryQuery = z.strictObject({
  client: Ip,
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const ReportsQuery = z.strictObject({
  status: z.enum(['open', 'resolved', 'concern']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ResolveBody = z.strictObject({ outcome: Text(2000).min(1, 'say what was done') });

export const isCategory = (s: string | null): s is FilterCategory =>
  s !== null && (FILTER_CATEGORIES as readonly string[]).includes(s);
