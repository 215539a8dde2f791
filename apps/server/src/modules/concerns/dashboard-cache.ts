import type { Executor } from '../../db/index.js';
import { prepared } from '../../db/prepared.js';
import { DEFAULT_ZONE, type Caller } from '../../http/caller.js';
import { iso, localDate } from '../../lib/time.js';

/**
 * The DSL dashboard's figures, kept per viewer (bench/concerns: at 100,000 concerns counting them takes several
 * milliseconds). Kept figures are never out of date:
 * - any change to a concern table bumps the school's concern revision (triggers, migration 0018, whichever
 *   process writes), and the figures are recounted when it has moved;
 * - overdue actions and referrals are dated: the figures are recounted when the school's day changes;
 * - a playbook step becomes overdue at its own time: the figures are recounted once the earliest pending step
 *   that was not yet due at the count falls due.
 * They hold categories, dates and ids, never a narrative. Each view is still audited by the caller.
 */
type Count<T> = (c: Caller, today: string, now: string) => Promise<T>;
interface Kept {
  rev: number;
  /** When they were counted: a clock set back recounts. */
  at: string;
  today: string;
  /** The figures are good until this instant (the next pending step to fall due), or for ever (null). */
  until: string | null;
  answer: Promise<unknown>;
}
const MAX_VIEWERS = 256;
const kept = new WeakMap<Executor, Map<string, Kept>>();

/** The concern revision and the school's time zone (for its today) in one round trip. */
const revisionAndZone = prepared((db, schoolId) =>
  db
    .selectFrom('schools')
    .leftJoin('concern_revisions', 'concern_revisions.school_id', 'schools.id')
    .select(['concern_revisions.rev', 'schools.time_zone'])
    .where('schools.id', '=', schoolId),
);
const nextStepDue = prepared((db, schoolId, now) =>
  db
    .selectFrom('concern_steps')
    .select((eb) => eb.fn.min('due_at').as('due'))
    .where('school_id', '=', schoolId)
    .where('status', '=', 'pending')
    .where('due_at', '>=', now),
);

/** Everything the figures depend on about the viewer: what they may see follows from these. */
export const viewerKey = (c: Caller) =>
  [c.actor.schoolId, c.actor.accountId, c.actor.personId ?? '', [...c.actor.roles].sort().join(',')].join(
    '|',
  );

export async function keptDashboard<T>(c: Caller, count: Count<T>): Promise<T> {
  const db = c.ctx.db;
  let byViewer = kept.get(db);
  if (!byViewer) kept.set(db, (byViewer = new Map<string, Kept>()));
  // Read the revision first: a change committed while counting moves it again and the next view recounts. The
  // session's query read it at the start of the request, when it came through one (a read changes nothing).
  const { concernRev, timeZone } = c.actor;
  const [row] =
    concernRev !== undefined && timeZone !== undefined
      ? [{ rev: concernRev, time_zone: timeZone }]
      : await revisionAndZone(db, c.actor.schoolId);
  const rev = Number(row?.rev ?? 0);
  const at = c.ctx.clock.now();
  const today = localDate(at, row?.time_zone ?? DEFAULT_ZONE);
  const now = iso(at);
  const key = viewerKey(c);
  const have = byViewer.get(key);
  if (
    have &&
    have.rev === rev &&
    have.today === today &&
    now >= have.at &&
    (have.until === null || now < have.until)
  )
    return have.answer as Promise<T>;
  const [next] = await nextStepDue(db, c.actor.schoolId, now);
  const answer = count(c, today, now);
  const entry: Kept = { rev, at: now, today, until: next?.due ?? null, answer };
  byViewer.delete(key);
  if (byViewer.size >= MAX_VIEWERS) byViewer.delete(byViewer.keys().next().value!);
  byViewer.set(key, entry);
  // A failed count is not kept.
  answer.catch(() => {
    if (byViewer.get(key) === entry) byViewer.delete(key);
  });
  return answer;
}
