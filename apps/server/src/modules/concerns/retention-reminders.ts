import type { AppContext } from '../../context.js';
import { schoolToday } from '../../http/caller.js';
import { iso } from '../../lib/time.js';
import { registerRecurring } from '../../worker.js';
import { enqueueEmail, enqueueInApp } from '../outbox/service.js';
import * as repo from './repo.js';
import { dueBy } from './retention.js';

export const RETENTION_REMINDER = 'concerns.retention_reminder';
const LINK = '/concerns/retention';
const WEEK_MS = 7 * 24 * 60 * 60_000;

/**
 * Tells the DSL team (in the app and by email, no detail) when closed concerns have fallen due for retention
 * review, at most once a week each while any wait. Only concerns that are not restricted count: a DSL must not
 * learn from a reminder that an allegation about a member of staff exists (clarification 6); the head finds
 * those in the review queue itself. Returns how many people were told.
 */
export async function remindRetention(ctx: AppContext): Promise<number> {
  const schools = await ctx.db.selectFrom('schools').select('id').execute();
  const since = iso(new Date(ctx.clock.now().getTime() - WEEK_MS));
  let told = 0;
  for (const { id: schoolId } of schools) {
    const today = await schoolToday(ctx, schoolId);
    const due = await ctx.db
      .selectFrom('concerns')
      .select('concerns.id')
      .where('concerns.school_id', '=', schoolId)
      .where('concerns.tombstoned_at', 'is', null)
      .where('concerns.restricted', '=', 0)
      .where(dueBy(today))
      .executeTakeFirst();
    if (!due) continue;
    const team = [
      ...new Set(
        (await repo.accountsWithRoles(ctx.db, schoolId, ['dsl', 'deputy_dsl', 'headteacher'])).map(
          (r) => r.account_id,
        ),
      ),
    ];
    if (team.length === 0) continue;
    const recent = new Set(
      (
        await ctx.db
          .selectFrom('outbox')
          .select('recipient_account_id')
          .where('school_id', '=', schoolId)
          .where('channel', '=', 'in_app')
          .where('link', '=', LINK)
          .where('created_at', '>=', since)
          .where('recipient_account_id', 'in', team)
          .execute()
      ).map((r) => r.recipient_account_id),
    );
    const to = team.filter((a) => !recent.has(a));
    if (to.length === 0) continue;
    await ctx.db.transaction().execute(async (tx) => {
      for (const recipientAccountId of to) {
        const note = {
          schoolId,
          recipientAccountId,
          subject: 'Concerns are due for retention review',
          body:
            'Closed concerns have passed their retention date and wait for a DSL’s decision in Harbour. ' +
            'Sign in to review them: this message carries no details.',
          link: LINK,
        };
        await enqueueInApp(ctx, tx, note);
        await enqueueEmail(ctx, tx, note);
      }
    });
    told += to.length;
  }
  return told;
}

registerRecurring(RETENTION_REMINDER, 24 * 60 * 60_000, async (ctx) => {
  await remindRetention(ctx);
});
