import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';

/**
 * The notification outbox (clarification 11): a notification is a row written in the same transaction as the
 * event it tells of, so it exists exactly when the event does. The worker sends email later (sender.ts); in-app
 * notifications are read from the same table. Subjects and bodies must not carry narrative or restricted
 * detail (clarifications 6 and 8): say that something needs attention and link to it.
 */
const Common = {
  schoolId: z.string().min(1).nullable(),
  subject: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/, 'one line'),
  body: z.string().min(1).max(20_000),
  /** A path in Harbour ("/concerns/123") or a full URL; the sender makes paths absolute. */
  link: z.string().max(2000).nullable().optional(),
};

export const EmailInput = z
  .strictObject({
    ...Common,
    recipientAccountId: z.string().min(1).optional(),
    toAddress: z.email().max(320).optional(),
  })
  .refine((v) => (v.recipientAccountId ? 1 : 0) + (v.toAddress ? 1 : 0) === 1, {
    message: 'give exactly one of recipientAccountId and toAddress',
  });
export type EmailInput = z.input<typeof EmailInput>;

export const InAppInput = z.strictObject({ ...Common, recipientAccountId: z.string().min(1) });
export type InAppInput = z.input<typeof InAppInput>;

async function enqueue(
  ctx: AppContext,
  tx: Executor,
  channel: 'email' | 'in_app',
  v: z.infer<typeof InAppInput> | z.infer<typeof EmailInput>,
): Promise<string> {
  const id = newId();
  const now = iso(ctx.clock.now());
  await tx
    .insertInto('outbox')
    .values({
      id,
      school_id: v.schoolId,
      channel,
      recipient_account_id: v.recipientAccountId ?? null,
      to_address: 'toAddress' in v ? (v.toAddress ?? null) : null,
      subject: v.subject,
      body: v.body,
      link: v.link ?? null,
      created_at: now,
      sent_at: null,
      read_at: null,
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
    })
    .execute();
  return id;
}

/** Queues an email inside the caller's transaction; the worker sends it through the configured relay. */
export async function enqueueEmail(ctx: AppContext, tx: Executor, input: EmailInput): Promise<string> {
  return enqueue(ctx, tx, 'email', EmailInput.parse(input));
}

/** Queues an in-app notification inside the caller's transaction. */
export async function enqueueInApp(ctx: AppContext, tx: Executor, input: InAppInput): Promise<string> {
  return enqueue(ctx, tx, 'in_app', InAppInput.parse(input));
}

/** A person's in-app notifications in one school, newest first. */
export async function listInApp(
  ctx: AppContext,
  opts: { schoolId: string; accountId: string; unreadOnly?: boolean; limit?: number },
) {
  let q = ctx.db
    .selectFrom('outbox')
    .select(['id', 'subject', 'body', 'link', 'created_at', 'read_at'])
    .where('channel', '=', 'in_app')
    .where('school_id', '=', opts.schoolId)
    .where('recipient_account_id', '=', opts.accountId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  return q
    .orderBy('created_at', 'desc')
    .limit(opts.limit ?? 50)
    .execute();
}

export async function markInAppRead(
  ctx: AppContext,
  opts: { schoolId: string; accountId: string; id: string },
): Promise<boolean> {
  const r = await ctx.db
    .updateTable('outbox')
    .set({ read_at: iso(ctx.clock.now()) })
    .where('id', '=', opts.id)
    .where('channel', '=', 'in_app')
    .where('school_id', '=', opts.schoolId)
    .where('recipient_account_id', '=', opts.accountId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
