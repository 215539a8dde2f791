import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { GENESIS_HASH, entryHash } from './chain.js';
import * as repo from './repo.js';
import type { AuditInput } from './service.js';

type Head = { chain: string; seq: number; hash: string };

/** The entries' rows after `head` (none: the chain's start), each time taken now, in chain order. */
function rowsAfter(ctx: AppContext, chain: string, head: Head | undefined, inputs: readonly AuditInput[]) {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return inputs.map((input) => {
    const fields = {
      chain,
      seq: ++seq,
      at: iso(ctx.clock.now()),
      school_id: input.schoolId,
      actor_account_id: input.actorAccountId,
      action: input.action,
      entity_type: input.entityType ?? null,
      entity_id: input.entityId ?? null,
      ip: input.ip ?? null,
      details: JSON.stringify(input.details ?? {}),
    };
    const row = { id: newId(), ...fields, prev_hash: prevHash, hash: entryHash(prevHash, fields) };
    prevHash = row.hash;
    return row;
  });
}

/**
 * Writes entries after the chain's head, in order, in the transaction given: the head is locked first (on
 * PostgreSQL other appends wait for this transaction), so each entry's time is taken in chain order.
 */
export async function writeEntries(
  ctx: AppContext,
  db: Executor,
  chain: string,
  inputs: readonly AuditInput[],
): Promise<void> {
  const head = await repo.lockHead(db, ctx.database.dialect, chain);
  await repo.insertEntries(db, ctx.database.dialect, rowsAfter(ctx, chain, head, inputs));
}

/**
 * PostgreSQL, no caller's transaction: one statement writes the entries and moves the head only if the head is
 * still the one they follow (appendIfHead), so there is no transaction to open, lock in and commit. The head this
 * process last wrote is the first guess; when another transaction or process has moved it since, the statement
 * writes nothing and the head is read again. A chain that keeps moving is written the locking way after a few
 * tries, as is a batch too large for one statement.
 */
const lastHeads = new WeakMap<Executor, Map<string, Head>>();
const TRIES = 4;

async function appendWithoutLock(ctx: AppContext, chain: string, inputs: readonly AuditInput[]) {
  let known = lastHeads.get(ctx.db);
  if (!known) lastHeads.set(ctx.db, (known = new Map<string, Head>()));
  if (inputs.length <= repo.ROWS) {
    let head = known.get(chain) ?? (await repo.readHead(ctx.db, chain));
    for (let i = 0; i < TRIES; i++) {
      const rows = rowsAfter(ctx, chain, head, inputs);
      if (await repo.appendIfHead(ctx.db, head, rows)) {
        const last = rows[rows.length - 1]!;
        known.set(chain, { chain, seq: last.seq, hash: last.hash });
        return;
      }
      head = await repo.readHead(ctx.db, chain);
    }
  }
  known.delete(chain);
  await inOwnTransaction(ctx, chain, inputs);
}

/**
 * Appends that need no caller's transaction (the audit of a read) are written together: while one transaction
 * appends to a chain, the appends asked for meanwhile wait, and the next write takes all of them (on PostgreSQL
 * one statement, appendWithoutLock; on SQLite one transaction). Under load that is one chain transaction for many requests instead of one
 * each (they queued one behind another on the head's lock). Each caller's entries stay together, in the order
 * asked, and its promise settles only once they are committed; one caller's failure fails no other (a failed
 * batch is written again a caller at a time).
 */
interface Waiting {
  inputs: readonly AuditInput[];
  settle(err: unknown, ok: boolean): void;
}
interface Queue {
  waiting: Waiting[];
  busy: boolean;
}
/** Callers per transaction at most (their entries are written a few hundred rows a statement). */
const MAX_CALLERS = 200;
const queues = new WeakMap<Executor, Map<string, Queue>>();

export function appendTogether(ctx: AppContext, chain: string, inputs: readonly AuditInput[]): Promise<void> {
  let byChain = queues.get(ctx.db);
  if (!byChain) queues.set(ctx.db, (byChain = new Map<string, Queue>()));
  let q = byChain.get(chain);
  if (!q) byChain.set(chain, (q = { waiting: [], busy: false }));
  const queue = q;
  return new Promise<void>((resolve, reject) => {
    queue.waiting.push({
      inputs,
      settle: (err, ok) => (ok ? resolve() : reject(err instanceof Error ? err : new Error(String(err)))),
    });
    if (!queue.busy) void drain(ctx, chain, queue);
  });
}

async function drain(ctx: AppContext, chain: string, q: Queue): Promise<void> {
  q.busy = true;
  try {
    while (q.waiting.length) await writeBatch(ctx, chain, q.waiting.splice(0, MAX_CALLERS));
  } finally {
    q.busy = false;
  }
}

const inOwnTransaction = (ctx: AppContext, chain: string, inputs: readonly AuditInput[]) =>
  ctx.db.transaction().execute((tx) => writeEntries(ctx, tx, chain, inputs));

const appendAlone = (ctx: AppContext, chain: string, inputs: readonly AuditInput[]) =>
  ctx.database.dialect === 'postgres'
    ? appendWithoutLock(ctx, chain, inputs)
    : inOwnTransaction(ctx, chain, inputs);

async function writeBatch(ctx: AppContext, chain: string, batch: Waiting[]): Promise<void> {
  try {
    await appendAlone(
      ctx,
      chain,
      batch.flatMap((w) => w.inputs),
    );
  } catch (err) {
    if (batch.length === 1) return batch[0]!.settle(err, false);
    for (const w of batch)
      await appendAlone(ctx, chain, w.inputs).then(
        () => w.settle(undefined, true),
        (e: unknown) => w.settle(e, false),
      );
    return;
  }
  for (const w of batch) w.settle(undefined, true);
}
