import { z } from 'zod';
import { CONCERN_CATEGORIES, MONITOR_CATEGORIES } from '@harbour/shared';

/** Request shapes of the monitoring module (issue 6). */
export const MAX_BATCH_EVENTS = 1000;
export const MAX_INGEST_BODY_BYTES = 4 * 1024 * 1024;
export const EVENT_KINDS = ['search', 'url', 'title', 'typed'] as const;

const Ip = z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' });

/**
 * One activity event as a source sends it. Who: a person (Harbour's person id, or a username, email or UPN the
 * school knows) or a device and client address. The event id is the source's own: resending it is harmless.
 */
export const IngestEvent = z
  .strictObject({
    id: z.string().trim().min(1).max(200),
    time: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time' }),
    kind: z.enum(EVENT_KINDS),
    text: z.string().max(2000).optional(),
    url: z.string().trim().max(4000).optional(),
    personId: z.uuid().optional(),
    user: z.string().trim().min(1).max(200).optional(),
    device: z.string().trim().min(1).max(200).optional(),
    client: Ip.optional(),
  })
  .refine((e) => e.personId || e.user || e.device || e.client, {
    message: 'say who: personId, user, device or client',
    path: ['personId'],
  })
  .refine((e) => (e.kind === 'url' ? !!e.url : !!e.text?.trim()), {
    message: 'a url event needs url; search, title and typed events need text',
    path: ['text'],
  });
export type IngestEvent = z.infer<typeof IngestEvent>;

/** The batch: its events are checked one by one, so one bad event never costs the good ones. */
export const IngestBatch = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_BATCH_EVENTS, `at most ${MAX_BATCH_EVENTS} events a batch`),
});

export const IdParams = z.strictObject({ id: z.string().min(1).max(100) });
export const EmptyQuery = z.strictObject({});
export const NewSource = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const Category = z.enum(MONITOR_CATEGORIES);

export const ALERT_STATUSES = ['open', 'watching', 'false_positive', 'escalated'] as const;
export const AlertsQuery = z.strictObject({
  status: z.enum([...ALERT_STATUSES, 'active', 'all']).default('active'),
  category: Category.optional(),
  personId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const Note = z.string().trim().min(1).max(5000);
export const Triage = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('false_positive'), reason: Note }),
  z.strictObject({ action: z.literal('watch'), note: Note }),
  z.strictObject({ action: z.literal('note'), note: Note }),
  z.strictObject({ action: z.literal('reopen'), note: Note.optional() }),
]);
export const NameViewer = z.strictObject({ accountId: z.string().min(1).max(100) });

const Lang = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a language code such as en or pl')
  .default('en');
const Mode = z.enum(['word', 'prefix', 'suffix']).default('word');
const Reason = z.string().trim().min(1).max(500);
const Wording = z.string().trim().min(2).max(200);
export const NewTerm = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('phrase'),
    text: Wording,
    category: Category,
    severity: z.number().int().min(1).max(5),
    lang: Lang,
    mode: Mode,
    reason: Reason,
  }),
  z.strictObject({
    kind: z.literal('exclusion'),
    text: Wording,
    categories: z.array(Category).min(1).max(9).optional(),
    lang: Lang,
    mode: Mode,
    reason: Reason,
  }),
  z.strictObject({ kind: z.literal('disable'), phraseId: z.string().min(3).max(300), reason: Reason }),
]);
export const RemoveTerm = z.strictObject({ reason: Reason });

export const Escalate = z.strictObject({
  /** Overrides the category matched to the alert's theme (not for an alert about staff). */
  category: z.enum(CONCERN_CATEGORIES).optional(),
  /** Words to open the concern's account with; the events follow. */
  account: z.string().trim().max(5000).optional(),
});

export const IMPORT_FIELDS = ['time', 'user', 'client', 'device', 'url', 'search', 'title'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const IMPORT_BODY_LIMIT = 6 * 1024 * 1024;
export const ImportBody = z.strictObject({
  csv: z.string().min(1).max(IMPORT_BODY_LIMIT),
  /** Field -> the file's column header; the preview guesses it when left out. */
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1).max(200)).optional(),
});
