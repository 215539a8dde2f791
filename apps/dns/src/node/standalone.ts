import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import {
  CompiledPolicySchema,
  DNS_LOGS_PATH,
  DNS_NODE_HEADER,
  DNS_POLICY_PATH,
  policyEtagHeader,
  type CompiledPolicy,
  type DecisionSink,
  type PolicySource,
  type QueryLogBatch,
} from '@harbour/shared';
import { startResolver, type Resolver, type ResolverLog } from '../resolver.js';
import type { CacheOptions } from '../chain/cache.js';
import type { UpstreamServer } from '../chain/upstream.js';
import type { ListenAddress } from '../transport/listeners.js';
import { BatchJson } from './log-json.js';

/**
 * A standalone resolver node (`harbour dns --server URL --token T`): stateless apart from the last good
 * policy, which it keeps on disk. It pulls the compiled policy with conditional requests, serves the last
 * good one while the server is away, refuses every query until it has one (never starts open), and pushes
 * its query log back in batches (docs/filtering-policy.md).
 */
export const NODE_VERSION = '0.1.0';
const POLICY_FILE = 'policy.json';

export interface NodeOptions {
  /** The Harbour server's base URL, e.g. https://harbour.school.example */
  server: string;
  token: string;
  /** Where the last good policy is kept (created if missing). */
  stateDir: string;
  name: string;
  listen: ListenAddress[];
  upstreams: UpstreamServer[];
  pollMs?: number;
  logFlushMs?: number;
  maxBufferedLogRecords?: number;
  logRetryMs?: number;
  upstreamTimeoutMs?: number;
  /** The answer cache's bounds (default 16 MiB). */
  cache?: CacheOptions;
  log?: ResolverLog;
}

const quiet: ResolverLog = { info() {}, warn() {}, error() {} };

/**
 * Reads a text file 64 KB at a time. One 10 MB read buffer (a million-domain policy) would be given back
 * with munmap, and glibc would then raise its mmap threshold to 10 MB for good: every later large buffer
 * would come from the main heap and stay resident after use (measured in bench/dns: 25 MB more RSS).
 */
function readText(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    const decoder = new StringDecoder('utf8');
    const parts: string[] = [];
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;)
      parts.push(decoder.write(buf.subarray(0, n)));
    parts.push(decoder.end());
    return parts.join('');
  } finally {
    closeSync(fd);
  }
}

export class HttpPolicySource implements PolicySource {
  private policy: CompiledPolicy | null = null;
  /** If-None-Match for the next pull: the policy itself need not stay in memory for it. */
  private etag: string | null = null;
  private released = false;
  private listeners = new Set<(p: CompiledPolicy) => void>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  /** Outcome of the last pull, for status and tests. */
  lastPull: 'none' | 'updated' | 'unchanged' | 'failed' = 'none';

  constructor(
    private readonly o: Pick<NodeOptions, 'server' | 'token' | 'stateDir' | 'name' | 'pollMs'>,
    private readonly log: ResolverLog = quiet,
  ) {}

  /** The policy in force; once released, read back from the stored copy (only a resolver's start asks). */
  current(): CompiledPolicy | null {
    if (this.policy || !this.released || this.etag === null) return this.policy;
    try {
      const parsed = CompiledPolicySchema.safeParse(
        JSON.parse(readText(path.join(this.o.stateDir, POLICY_FILE))),
      );
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /**
   * The resolver has loaded the policy into its tables: keep only its etag in memory (a million-domain
   * list is a 10 MB string), and hand later versions to the subscribers without holding them.
   */
  release(): void {
    this.released = true;
    this.policy = null;
  }

  subscribe(listener: (p: CompiledPolicy) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the last good policy from disk, if any (a damaged file is ignored and logged). */
  async loadPersisted(): Promise<boolean> {
    const file = path.join(this.o.stateDir, POLICY_FILE);
    try {
      const parsed = CompiledPolicySchema.safeParse(JSON.parse(readText(file)));
      if (!parsed.success) {
        this.log.warn({ file }, 'stored dns policy is not valid; ignoring it');
        return false;
      }
      this.set(parsed.data);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log.warn({ err, file }, 'cannot read stored dns policy');
      return false;
    }
  }

  start(): void {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.o.pollMs ?? 30_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One conditional pull: 304 keeps what we have; 200 is validated, stored, then served. */
  poll(): Promise<void> {
    this.polling ??= this.pull().finally(() => (this.polling = null));
    return this.polling;
  }

  private async pull(): Promise<void> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.o.token}`,
      [DNS_NODE_HEADER]: `${this.o.name}/${NODE_VERSION}`,
      accept: 'application/json',
    };
    if (this.etag) headers['if-none-match'] = this.etag;
    try {
      const res = await fetch(new URL(DNS_POLICY_PATH, this.o.server), {
        headers,
        signal: AbortSignal.timeout(30_000),
      });
      if (res.status === 304) {
        this.lastPull = 'unchanged';
        return;
      }
      if (res.status !== 200) throw new Error(`policy pull answered ${res.status}`);
      const parsed = CompiledPolicySchema.safeParse(await res.json());
      if (!parsed.success)
        throw new Error(`policy from the server is not valid: ${parsed.error.issues[0]?.message}`);
      await this.persist(parsed.data);
      this.set(parsed.data);
      this.lastPull = 'updated';
    } catch (err) {
      this.lastPull = 'failed';
      this.log.warn({ err, server: this.o.server }, 'dns policy pull failed; serving the last good policy');
    }
  }

  private async persist(p: CompiledPolicy): Promise<void> {
    await mkdir(this.o.stateDir, { recursive: true });
    const file = path.join(this.o.stateDir, POLICY_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(p), { mode: 0o600 });
    await rename(tmp, file); // atomic: a crash never leaves half a policy
  }

  private set(p: CompiledPolicy): void {
    this.etag = policyEtagHeader(p);
    if (!this.released) this.policy = p;
    for (const l of this.listeners) l(p);
  }
}

/**
 * POST /api/dns/logs. A 400/413 batch can never succeed and is dropped (logged); anything else is retried.
 * Over node:http(s) with a kept-alive connection rather than fetch, which copies a buffer body and builds
 * streams per request: the body is the writer's own buffer, written to the socket as it is.
 */
export class HttpDecisionSink implements DecisionSink {
  /** The JSON writer whose buffer no request is using (null while one is in flight, or after a failure). */
  private json: BatchJson | null = new BatchJson();
  private readonly url: URL;
  private readonly agent: http.Agent;

  constructor(
    private readonly o: Pick<NodeOptions, 'server' | 'token' | 'name'>,
    private readonly log: ResolverLog = quiet,
  ) {
    this.url = new URL(DNS_LOGS_PATH, o.server);
    this.agent = new (this.url.protocol === 'https:' ? https : http).Agent({
      keepAlive: true,
      maxSockets: 1,
    });
  }

  async write(batch: QueryLogBatch): Promise<void> {
    // One batch at a time reuses the writer's buffer; a concurrent write, or one after a failed request
    // (whose body the aborted request may still hold), gets a writer of its own.
    const json = this.json ?? new BatchJson();
    this.json = null;
    const status = await this.post(json.encode(batch));
    this.json = json;
    if (status === 400 || status === 413) {
      this.log.error({ status, batchId: batch.batchId }, 'server refused a query log batch; dropped');
      return;
    }
    if (status < 200 || status >= 300) throw new Error(`query log push answered ${status}`);
  }

  /** Closes the kept-alive connection. */
  close(): void {
    this.agent.destroy();
  }

  private post(body: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = (this.url.protocol === 'https:' ? https : http).request(this.url, {
        method: 'POST',
        agent: this.agent,
        headers: {
          authorization: `Bearer ${this.o.token}`,
          'content-type': 'application/json',
          'content-length': body.length,
          [DNS_NODE_HEADER]: `${this.o.name}/${NODE_VERSION}`,
        },
        timeout: 30_000,
      });
      req.on('timeout', () => req.destroy(new Error('query log push timed out')));
      req.on('error', reject);
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.end(body);
    });
  }
}

export interface RunningNode {
  resolver: Resolver;
  source: HttpPolicySource;
  close(): Promise<void>;
}

export async function startNode(o: NodeOptions): Promise<RunningNode> {
  const log = o.log ?? quiet;
  const source = new HttpPolicySource(o, log);
  if (await source.loadPersisted())
    log.info({ version: source.current()!.version }, 'serving the stored dns policy');
  const sink = new HttpDecisionSink(o, log);
  const resolver = await startResolver({
    listen: o.listen,
    upstreams: o.upstreams,
    policySource: source,
    sink,
    nodeId: o.name,
    logFlushMs: o.logFlushMs,
    maxBufferedLogRecords: o.maxBufferedLogRecords,
    logRetryMs: o.logRetryMs,
    upstreamTimeoutMs: o.upstreamTimeoutMs,
    cache: o.cache,
    log,
  });
  source.release();
  source.start();
  return {
    resolver,
    source,
    async close() {
      source.stop();
      await resolver.close();
      sink.close();
    },
  };
}
