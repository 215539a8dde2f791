import { gzipSync } from 'node:zlib';
import { PreparedPolicy, type CompiledPolicy, type PolicySource } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { iso } from '../../lib/time.js';
import { buildPolicy } from './policy-build.js';
import { loadSchoolState } from './state.js';

/**
 * The live compiled policy (issue 4): the in-process PolicySource for the resolver running inside
 * `harbour`, and the per-node policies served over GET /api/dns/policy. Applying a change calls refresh(),
 * so the resolver has the new version within a moment; another process (a separate worker) is noticed by
 * polling the version table.
 */
export interface ServedPolicy {
  policy: CompiledPolicy;
  json: string;
  gzip: Buffer;
}

export class LivePolicy implements PolicySource {
  private policy: CompiledPolicy | null = null;
  private prepared: PreparedPolicy | null = null;
  /** The policy `prepared` was built from (a PreparedPolicy keeps a copy without the list keys). */
  private preparedFor: CompiledPolicy | null = null;
  private version = -1;
  private listeners = new Set<(p: CompiledPolicy) => void>();
  private running: Promise<void> = Promise.resolve();
  private readonly nodeCache = new Map<string, ServedPolicy | null>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: AppContext) {}

  current(): CompiledPolicy | null {
    return this.policy;
  }

  subscribe(listener: (p: CompiledPolicy) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The decision tables of the current policy (block page, self-test expectations), built once per version. */
  preparedPolicy(): PreparedPolicy | null {
    if (!this.policy) return null;
    if (this.preparedFor !== this.policy) {
      this.prepared = new PreparedPolicy(this.policy);
      this.preparedFor = this.policy;
    }
    return this.prepared;
  }

  /** Recompiles when the stored version moved on; resolves once the new policy is live. Serialised. */
  refresh(): Promise<void> {
    this.running = this.running
      .then(() => this.load())
      .catch((err: unknown) => {
        this.ctx.log.error({ err }, 'filtering policy compile failed; keeping the previous one');
      });
    return this.running;
  }

  /** Polls the version table (a change applied by another process) until stop(). */
  watch(intervalMs = 3000): () => void {
    if (!this.timer) {
      this.timer = setInterval(() => void this.refresh(), intervalMs);
      this.timer.unref();
    }
    return () => {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    };
  }

  private async load(): Promise<void> {
    const latest = await latestVersion(this.ctx.db);
    if (!latest || latest.version === this.version) return;
    const policy = await compileFor(this.ctx, this.ctx.db, 'all', latest);
    this.version = latest.version;
    this.nodeCache.clear();
    this.policy = policy;
    this.prepared = null;
    if (policy) for (const l of this.listeners) l(policy);
  }

  /** The policy one node serves (its school only), compiled and gzipped once per version. */
  async forSchool(schoolId: string): Promise<ServedPolicy | null> {
    await this.refresh();
    const latest = await latestVersion(this.ctx.db);
    if (!latest) return null;
    const key = `${latest.version}|${schoolId}`;
    if (this.nodeCache.has(key)) return this.nodeCache.get(key)!;
    const policy = await compileFor(this.ctx, this.ctx.db, [schoolId], latest);
    const served = policy
      ? { policy, json: JSON.stringify(policy), gzip: gzipSync(JSON.stringify(policy)) }
      : null;
    this.nodeCache.set(key, served);
    return served;
  }
}

async function latestVersion(db: Executor) {
  return db
    .selectFrom('filter_policy_versions')
    .select(['version', 'created_at'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Compiles the given schools (or every school with groups) at one stored version. */
export async function compileFor(
  ctx: AppContext,
  db: Executor,
  schools: string[] | 'all',
  at: { version: number; created_at: string },
): Promise<CompiledPolicy | null> {
  const ids =
    schools === 'all'
      ? (
          await db
            .selectFrom('filter_groups')
            .innerJoin('schools', 'schools.id', 'filter_groups.school_id')
            .select(['schools.id', 'schools.created_at'])
            .distinct()
            .orderBy('schools.created_at')
            .execute()
        ).map((r) => r.id)
      : schools;
  const states = [];
  for (const id of ids) states.push(await loadSchoolState(ctx, db, id));
  return buildPolicy(db, states, {
    version: at.version,
    generatedAt: at.created_at,
    harbourHosts: harbourHosts(ctx),
  });
}

/** Harbour's own host names, from HARBOUR_PUBLIC_URL (AUP-only guests may reach it to read the visitor AUP). */
export function harbourHosts(ctx: AppContext): string[] {
  const host = new URL(ctx.config.publicUrl).hostname;
  return /^[\d.]+$|:/.test(host) ? [] : [host];
}

const lives = new WeakMap<AppContext, LivePolicy>();
export function livePolicy(ctx: AppContext): LivePolicy {
  let l = lives.get(ctx);
  if (!l) {
    l = new LivePolicy(ctx);
    lives.set(ctx, l);
  }
  return l;
}

/** Records a new policy version inside the caller's transaction (each apply, refresh and expiry). */
export async function bumpVersion(
  ctx: AppContext,
  tx: Executor,
  o: {
    schoolId: string | null;
    cause: 'change' | 'emergency' | 'unblock_end' | 'list_refresh' | 'binding';
    refId: string | null;
  },
): Promise<number> {
  const latest = await latestVersion(tx);
  const version = (latest?.version ?? 0) + 1;
  await tx
    .insertInto('filter_policy_versions')
    .values({
      version,
      created_at: iso(ctx.clock.now()),
      school_id: o.schoolId,
      cause: o.cause,
      ref_id: o.refId,
    })
    .execute();
  return version;
}
