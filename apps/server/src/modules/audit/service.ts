import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { iso } from '../../lib/time.js';
import { appendTogether, writeEntries } from './append.js';
import { GENESIS_HASH, chainFor, entryHash } from './chain.js';
import * as repo from './repo.js';

export interface AuditInput {
  schoolId: string | null;
  actorAccountId: string | null;
  /** dotted verb, e.g. "person.create", "auth.sign_in.failed", "person.read" */
  action: string;
  entityType?: string | undefined;
  entityId?: string | undefined;
  ip?: string | null | undefined;
  /** Ids and field names only, never narrative (clarification 8). */
  details?: Record<string, unknown> | undefined;
}

/**
 * Appends one entry to the school's hash chain. Pass the caller's transaction so the entry commits (or rolls
 * back) with the change it records; without one it is written with the other appends of the moment, in a
 * transaction of their own (append.ts), and committed when this resolves.
 */
export async function appendAudit(ctx: AppContext, input: AuditInput, tx?: Executor): Promise<void> {
  const chain = chainFor(input.schoolId);
  if (tx) await writeEntries(ctx, tx, chain, [input]);
  else await appendTogether(ctx, chain, [input]);
  ctx.onAuditAppended();
}

/** Appends several entries of one chain together, all or none, committed when this resolves. */
export async function appendAudits(ctx: AppContext, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const chain = chainFor(inputs[0]!.schoolId);
  if (inputs.some((i) => chainFor(i.schoolId) !== chain)) throw new Error('audit entries of several chains');
  await appendTogether(ctx, chain, inputs);
  ctx.onAuditAppended();
}

export const headFilePath = (dataDir: string, database: { pgSchema?: string | undefined; dialect: string }) =>
  path.join(dataDir, database.pgSchema ? `audit-heads.${database.pgSchema}.json` : 'audit-heads.json');

/** Copies the committed chain heads to a file outside the database, so truncating the tables shows. */
const headWrites = new Map<string, Promise<void>>();

/**
 * Copies the committed chain heads to a file outside the database, so truncating the tables shows. Writes to
 * one file run one after another (the coalesced write after appends, a flush at shutdown or after a command),
 * so a write never renames a half-written or older copy over a newer one.
 */
export function writeHeadFile(ctx: AppContext, file: string): Promise<void> {
  const write = async () => {
    const heads = await repo.allHeads(ctx.db);
    const tmp = `${file}.tmp`;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(tmp, JSON.stringify({ writtenAt: iso(ctx.clock.now()), heads }, null, 2), {
      mode: 0o600,
    });
    await fs.promises.rename(tmp, file);
  };
  const next = (headWrites.get(file) ?? Promise.resolve()).catch(() => undefined).then(write);
  headWrites.set(file, next);
  void next
    .finally(() => {
      if (headWrites.get(file) === next) headWrites.delete(file);
    })
    .catch(() => undefined);
  return next;
}

export interface VerifyProblem {
  chain: string;
  seq: number;
  entryId?: string;
  reason: string;
}
export interface VerifyResult {
  ok: boolean;
  entries: number;
  chains: string[];
  /** Entries checked in each chain (up to the problem, if any). */
  counts: Record<string, number>;
  /** False when there was no head copy to compare with: truncation of a chain's end would not show. */
  headCopyFound: boolean;
  problem?: VerifyProblem;
}

function readHeadFile(file: string): Map<string, { seq: number; hash: string }> {
  if (!fs.existsSync(file)) return new Map();
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    heads: { chain: string; seq: number; hash: string }[];
  };
  return new Map(parsed.heads.map((h) => [h.chain, h]));
}

/** Walks every chain; names the first entry that was altered, removed or added out of order. */
export async function verifyAudit(ctx: Pick<AppContext, 'db'>, headFile: string): Promise<VerifyResult> {
  const headCopyFound = fs.existsSync(headFile);
  const fileHeads = readHeadFile(headFile);
  const counts: Record<string, number> = {};
  const dbHeads = new Map((await repo.allHeads(ctx.db)).map((h) => [h.chain, h]));
  const chains = [
    ...new Set([...fileHeads.keys(), ...dbHeads.keys(), ...(await repo.chainsInEntries(ctx.db))]),
  ].sort();
  let entries = 0;
  for (const chain of chains) {
    let expectSeq = 1;
    let prevHash = GENESIS_HASH;
    const seen = new Map<number, string>();
    counts[chain] = 0;
    for await (const e of repo.walkChain(ctx.db, chain)) {
      entries++;
      counts[chain]++;
      if (e.seq !== expectSeq)
        return fail(chain, expectSeq, `entry ${expectSeq} is missing (next present is ${e.seq})`, entries);
      if (e.prev_hash !== prevHash)
        return fail(
          chain,
          e.seq,
          `entry ${e.seq} does not follow entry ${e.seq - 1} (removed or altered)`,
          entries,
          e.id,
        );
      if (entryHash(prevHash, e) !== e.hash)
        return fail(chain, e.seq, `entry ${e.seq} was altered after it was written`, entries, e.id);
      seen.set(e.seq, e.hash);
      prevHash = e.hash;
      expectSeq++;
    }
    const last = expectSeq - 1;
    for (const [source, head] of [
      ['database head', dbHeads.get(chain)],
      ['head copy outside the database', fileHeads.get(chain)],
    ] as const) {
      if (!head) continue;
      if (head.seq > last)
        return fail(
          chain,
          last + 1,
          `entries ${last + 1}..${head.seq} were removed (${source} is at ${head.seq})`,
          entries,
        );
      if (head.seq > 0 && seen.get(head.seq) !== head.hash)
        return fail(chain, head.seq, `entry ${head.seq} differs from the ${source}`, entries);
    }
  }
  return { ok: true, entries, chains, counts, headCopyFound };

  function fail(chain: string, seq: number, reason: string, n: number, entryId?: string): VerifyResult {
    return {
      ok: false,
      entries: n,
      chains,
      counts,
      headCopyFound,
      problem: { chain, seq, reason, ...(entryId ? { entryId } : {}) },
    };
  }
}

/** Every entry about one record, oldest first, with the actor's username: "who has looked at this?". */
export async function entityHistory(ctx: AppContext, schoolId: string, entityType: string, entityId: string) {
  const rows = await ctx.db
    .selectFrom('audit_entries')
    .leftJoin('accounts', 'accounts.id', 'audit_entries.actor_account_id')
    .select([
      'audit_entries.seq',
      'audit_entries.at',
      'audit_entries.action',
      'audit_entries.actor_account_id',
      'accounts.username',
    ])
    .where('audit_entries.school_id', '=', schoolId)
    .where('audit_entries.entity_type', '=', entityType)
    .where('audit_entries.entity_id', '=', entityId)
    .orderBy('audit_entries.seq')
    .limit(5000)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    action: r.action,
    actorAccountId: r.actor_account_id,
    username: r.username,
  }));
}

/**
 * Records some readers may not meet even as ids in the trail (clarification 6: the subject of an allegation
 * never meets it in any audit view). A module registers a function naming, for a reader, the entity ids to hide.
 */
export type AuditHider = (
  ctx: AppContext,
  reader: { schoolId: string; accountId: string },
) => Promise<{ entityType: string; ids: string[] }>;
const hiders: AuditHider[] = [];
export function registerAuditHider(h: AuditHider): void {
  if (!hiders.includes(h)) hiders.push(h);
}
export async function hiddenFor(ctx: AppContext, reader: { schoolId: string; accountId: string }) {
  return Promise.all(hiders.map((h) => h(ctx, reader)));
}
