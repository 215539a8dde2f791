import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { prepared } from '../../db/prepared.js';
import { dashboard } from './dashboard.js';
import { providersGeneration } from './evidence-sources.js';

/**
 * The dashboard route's answer, kept per school (issue 5, bench/compliance). Counting it takes a few dozen
 * queries over five years of records (about 20-50 ms for 2,000 pupils on a loaded machine); it changes only when
 * one of its tables does, which bumps the school's compliance revision (triggers, migration 0050, whichever
 * process writes), or with the clock (30-day windows, days to a review). So the answer is recounted when the
 * revision has moved or it is older than MAX_AGE_MS, and requests that arrive while it is being counted share
 * that count. The answer says when it was counted (`generatedAt`).
 */
export const MAX_AGE_MS = 30_000;
const MAX_SCHOOLS = 64;

type Dashboard = Awaited<ReturnType<typeof dashboard>>;
interface Entry {
  /** The school's compliance revision and the evidence providers' generation it was counted at. */
  rev: string;
  at: number;
  answer: Promise<Dashboard>;
}
const caches = new WeakMap<Executor, Map<string, Entry>>();

const revisionOf = prepared((db, schoolId) =>
  db.selectFrom('compliance_revisions').select('rev').where('school_id', '=', schoolId),
);

export async function cachedDashboard(ctx: AppContext, schoolId: string): Promise<Dashboard> {
  let bySchool = caches.get(ctx.db);
  if (!bySchool) caches.set(ctx.db, (bySchool = new Map<string, Entry>()));
  // Read the revision first: a change committed while counting moves it again and the next request recounts.
  const [row] = await revisionOf(ctx.db, schoolId);
  const rev = `${Number(row?.rev ?? 0)}:${providersGeneration()}`;
  const now = ctx.clock.now().getTime();
  const have = bySchool.get(schoolId);
  if (have && have.rev === rev && now - have.at < MAX_AGE_MS && now >= have.at) return have.answer;
  const answer = dashboard(ctx, schoolId);
  if (!have && bySchool.size >= MAX_SCHOOLS) bySchool.delete(bySchool.keys().next().value!);
  const entry: Entry = { rev, at: now, answer };
  bySchool.set(schoolId, entry);
  // A failed count is not kept.
  answer.catch(() => {
    if (bySchool.get(schoolId) === entry) bySchool.delete(schoolId);
  });
  return answer;
}
