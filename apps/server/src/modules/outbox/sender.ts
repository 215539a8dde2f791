import nodemailer, { type Transporter } from 'nodemailer';
import type { AppContext } from '../../context.js';
import type { OutboxTable } from '../../db/schema.js';
import { addMinutes, iso } from '../../lib/time.js';

/** After this many failed attempts an email stays in the outbox unsent, with its last error, for an admin. */
export const MAX_ATTEMPTS = 8;
/** 1, 2, 4 ... minutes between attempts, at most six hours. */
export const backoffMinutes = (attempts: number): number => Math.min(2 ** Math.max(0, attempts - 1), 360);
/** How long a claimed email is held by the worker that claimed it before another may try. */
const LEASE_MINUTES = 10;

const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transports.set(url, t);
  }
  return t;
}

async function addressOf(ctx: AppContext, row: OutboxTable): Promise<string | null> {
  if (row.to_address) return row.to_address;
  if (!row.recipient_account_id) return null;
  let q = ctx.db
    .selectFrom('people')
    .select('email')
    .where('account_id', '=', row.recipient_account_id)
    .where('email', 'is not', null);
  if (row.school_id) q = q.where('school_id', '=', row.school_id);
  return (await q.executeTakeFirst())?.email ?? null;
}

export interface SendReport {
  sent: number;
  failed: number;
  /** Emails left waiting because no relay is configured. */
  waiting: number;
}

/**
 * Sends due email from the outbox through HARBOUR_SMTP_URL (clarification 3: only via a configured relay, never
 * direct to MX; unset, mail waits). Each attempt is counted; failures back off. Several workers may run: an
 * email is claimed by moving its next attempt forward before it is sent.
 */
export async function sendPendingEmail(ctx: AppContext, opts: { limit?: number } = {}): Promise<SendReport> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('channel', '=', 'email')
    .where('sent_at', 'is', null)
    .where('attempts', '<', MAX_ATTEMPTS)
    .where('next_attempt_at', '<=', iso(now))
    .orderBy('next_attempt_at')
    .limit(opts.limit ?? 50)
    .execute();
  const url = ctx.config.HARBOUR_SMTP_URL;
  if (!url) return { sent: 0, failed: 0, waiting: due.length };
  const report: SendReport = { sent: 0, failed: 0, waiting: 0 };
  for (const row of due) {
    const claimed = await ctx.db
      .updateTable('outbox')
      .set({ next_attempt_at: iso(addMinutes(now, LEASE_MINUTES)) })
      .where('id', '=', row.id)
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const attempts = row.attempts + 1;
    try {
      const to = await addressOf(ctx, row);
      if (!to) throw new PermanentError('the recipient has no email address');
      const link = row.link ? new URL(row.link, ctx.config.publicUrl).toString() : null;
      await transportFor(url).sendMail({
        from: ctx.config.HARBOUR_MAIL_FROM,
        to,
        subject: row.subject,
        text: link ? `${row.body}\n\n${link}\n` : row.body,
      });
      await ctx.db
        .updateTable('outbox')
        .set({ sent_at: iso(ctx.clock.now()), attempts, last_error: null })
        .where('id', '=', row.id)
        .execute();
      report.sent++;
    } catch (err) {
      const permanent = err instanceof PermanentError;
      await ctx.db
        .updateTable('outbox')
        .set({
          attempts: permanent ? MAX_ATTEMPTS : attempts,
          next_attempt_at: iso(addMinutes(now, backoffMinutes(attempts))),
          last_error: (err instanceof Error ? err.message : 'send failed').slice(0, 500),
        })
        .where('id', '=', row.id)
        .execute();
      report.failed++;
      ctx.log.warn({ outboxId: row.id, attempts }, 'email not sent; will retry');
    }
  }
  return report;
}

class PermanentError extends Error {}
