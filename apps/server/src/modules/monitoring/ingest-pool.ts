import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { IngestWork, type CheckResult, type FinishInput, type FinishResult } from './ingest-work.js';

/**
 * Where ingestion's CPU work runs (issue 6): a small pool of worker_threads workers (ingest-thread.ts), so the
 * main thread keeps to HTTP and the database, or the main thread itself when the pool has no workers. A batch's
 * two steps go to one worker. A worker that dies fails the batches it held with a 503 (nothing of them was
 * stored: the source sends them again) and is replaced by the next batch. So does a worker that hangs: one
 * that holds steps yet answers none of them for `timeoutMs` (a working one answers a step every few tens of
 * milliseconds, however long its queue; one still starting gets `startMs`) is ended, its batches failed with
 * a 503, and replaced.
 */
export type ToWorker =
  | { t: 'check'; job: number; body: unknown }
  | { t: 'finish'; job: number; input: FinishInput }
  | { t: 'drop'; job: number };
type FromWorker =
  { ready: true } | { job: number; r: CheckResult | FinishResult } | { job: number; error: string };

export interface IngestJob {
  check(body: unknown): Promise<CheckResult>;
  finish(input: FinishInput): Promise<FinishResult>;
  /** Forgets the job (after finish, or when the batch stops early). */
  drop(): void;
}

export interface IngestRunner {
  job(): IngestJob;
  close(): Promise<void>;
}

let jobs = 0;

/** The steps on the calling thread: no worker, no messages (one core, or HARBOUR_INGEST_WORKERS=0). */
export function inThreadRunner(): IngestRunner {
  const work = new IngestWork();
  return {
    job() {
      const job = ++jobs;
      return {
        check: async (body) => work.check(job, body),
        finish: async (input) => work.finish(job, input),
        drop: () => work.drop(job),
      };
    },
    close: async () => undefined,
  };
}

/** One worker per core beyond the first, at most four: a 2-core machine gets one; one core gets none. */
export const defaultIngestWorkers = (): number => Math.max(0, Math.min(4, os.availableParallelism() - 1));

const stopped = (): AppError =>
  new AppError(
    'unavailable',
    'The ingestion worker stopped; nothing of this batch was stored: send it again',
  );
const timedOut = (): AppError =>
  new AppError(
    'unavailable',
    'The ingestion worker did not answer in time; nothing of this batch was stored: send it again',
  );

/** How long a worker holding steps may go without answering one before it is taken for hung (ms). */
export const INGEST_HANG_MS = 10_000;
/** The same for a worker still starting (loading its code and compiling the classifier). */
export const INGEST_START_MS = 60_000;

interface Slot {
  worker: Worker;
  live: number;
  dead: boolean;
  waiting: Map<number, { resolve(v: unknown): void; reject(e: Error): void }>;
  /** Armed while the worker holds steps: fires when it has answered none of them for the pool's timeoutMs. */
  watchdog: NodeJS.Timeout | null;
  /** Whether the worker has said it is ready (compiling the classifier takes it about half a second). */
  ready: boolean;
}

/** The worker's file beside this module: .js in the built server, .ts under tsx or vitest (through tsx's loader). */
export function spawnIngestWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = new URL(fromSource ? './ingest-thread.ts' : './ingest-thread.js', import.meta.url);
  if (!fromSource) return new Worker(file);
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const tsconfig = fileURLToPath(new URL('../../../tsconfig.worker-source.json', import.meta.url));
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register({ tsconfig: ${JSON.stringify(tsconfig)} }); return import(${JSON.stringify(file.href)}); })`;
  return new Worker(boot, { eval: true });
}

export class IngestPool implements IngestRunner {
  private readonly slots: Slot[] = [];
  private closed = false;

  private readonly timeoutMs: number;
  private readonly startMs: number;
  private readonly spawn: () => Worker;

  constructor(
    readonly size: number,
    private readonly log: AppContext['log'],
    /** See INGEST_HANG_MS and INGEST_START_MS; spawn: how a worker starts (the hang test starts one that hangs). */
    opts: { timeoutMs?: number; startMs?: number; spawn?: () => Worker } = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? INGEST_HANG_MS;
    this.startMs = opts.startMs ?? INGEST_START_MS;
    this.spawn = opts.spawn ?? spawnIngestWorker;
  }

  /** The live workers' thread ids (for operators and the crash test). */
  threads(): Worker[] {
    return this.slots.filter((s) => !s.dead).map((s) => s.worker);
  }

  /** Whether a worker is working on a step now. */
  busy(): boolean {
    return this.slots.some((s) => s.waiting.size > 0);
  }

  job(): IngestJob {
    if (this.closed) throw stopped();
    const slot = this.pick();
    const job = ++jobs;
    slot.live++;
    let open = true;
    let finished = false;
    const send = <R>(m: ToWorker, transfer: ArrayBuffer[] = []): Promise<R> => {
      if (slot.dead) return Promise.reject(stopped());
      return new Promise<R>((resolve, reject) => {
        slot.waiting.set(job, { resolve: resolve, reject });
        slot.worker.postMessage(m, transfer);
        this.watch(slot);
      });
    };
    return {
      check: (body) => {
        if (!(body instanceof Uint8Array)) return send({ t: 'check', job, body });
        // A posted view takes its whole ArrayBuffer along: for a slice of Node's shared buffer pool that is
        // 8 KiB of other data. A body that owns its memory moves without a copy; a slice is copied first.
        const own =
          body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
        return send({ t: 'check', job, body: own }, [own.buffer as ArrayBuffer]);
      },
      finish: (input) => {
        finished = true; // the worker forgets the job as it takes it
        // The key on its own 32 bytes (a cached key may be a slice of the shared pool, see above).
        return send({ t: 'finish', job, input: { ...input, key: new Uint8Array(input.key) } });
      },
      drop: () => {
        if (!open) return;
        open = false;
        slot.live--;
        slot.waiting.delete(job);
        if (slot.waiting.size === 0) this.unwatch(slot);
        if (!slot.dead && !finished) slot.worker.postMessage({ t: 'drop', job } satisfies ToWorker);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.splice(0).map((s) => (this.unwatch(s), (s.dead = true), s.worker.terminate())),
    );
  }

  /** Arms the slot's watchdog if it holds steps and none is armed; an answer re-arms it (see `start`). */
  private watch(slot: Slot): void {
    if (slot.watchdog || slot.dead || slot.waiting.size === 0) return;
    slot.watchdog = setTimeout(() => this.hung(slot), slot.ready ? this.timeoutMs : this.startMs);
    slot.watchdog.unref();
  }

  private unwatch(slot: Slot): void {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.watchdog = null;
  }

  /** A worker that answered nothing for timeoutMs: its batches fail with a 503 now, and it is ended and replaced. */
  private hung(slot: Slot): void {
    slot.watchdog = null;
    if (slot.dead || slot.waiting.size === 0) return;
    slot.dead = true;
    this.log.error(
      { steps: slot.waiting.size, ms: slot.ready ? this.timeoutMs : this.startMs },
      'ingestion worker answered nothing in time; ended, the next batch starts another',
    );
    for (const w of slot.waiting.values()) w.reject(timedOut());
    slot.waiting.clear();
    void slot.worker.terminate();
  }

  /** The least busy live worker, starting one where the pool is short (at first, or after one died). */
  private pick(): Slot {
    for (let i = this.slots.length - 1; i >= 0; i--) if (this.slots[i]!.dead) this.slots.splice(i, 1);
    if (this.slots.length < this.size) {
      const slot = this.start();
      this.slots.push(slot);
      return slot;
    }
    return this.slots.reduce((a, b) => (b.live < a.live ? b : a));
  }

  private start(): Slot {
    const slot: Slot = {
      worker: this.spawn(),
      live: 0,
      dead: false,
      waiting: new Map(),
      watchdog: null,
      ready: false,
    };
    // The pool never keeps the process alive on its own; the app's onClose ends it.
    slot.worker.unref();
    slot.worker.on('message', (m: FromWorker) => {
      // Any answer shows the worker is working: its watchdog starts again from now, or stops if it holds none.
      this.unwatch(slot);
      if ('ready' in m) slot.ready = true;
      else {
        const w = slot.waiting.get(m.job);
        slot.waiting.delete(m.job);
        if (w) {
          if ('error' in m) w.reject(new Error(`ingestion worker: ${m.error}`));
          else w.resolve(m.r);
        }
      }
      this.watch(slot);
    });
    slot.worker.on('error', (err) => this.log.error({ err }, 'ingestion worker failed'));
    slot.worker.on('exit', (code) => {
      const wasLive = !slot.dead;
      slot.dead = true;
      this.unwatch(slot);
      for (const w of slot.waiting.values()) w.reject(stopped());
      slot.waiting.clear();
      if (wasLive && !this.closed)
        this.log.error({ code }, 'ingestion worker exited; the next batch starts another');
    });
    return slot;
  }
}

/** The pool of an app's context, made by the monitoring routes and ended when the app closes. */
const pools = new WeakMap<AppContext, IngestPool>();
export function ingestPoolOf(ctx: AppContext): IngestPool | undefined {
  return pools.get(ctx);
}
export function startIngestPool(
  ctx: AppContext,
  size: number,
  opts?: ConstructorParameters<typeof IngestPool>[2],
): IngestPool {
  const pool = new IngestPool(size, ctx.log, opts);
  pools.set(ctx, pool);
  return pool;
}
