import type net from 'node:net';
import type { DecisionSink, PolicySource } from '@harbour/shared';
import { AnswerCache, type CacheOptions } from './chain/cache.js';
import { decide } from './chain/decide.js';
import { enforce } from './chain/enforce.js';
import { identifyClient } from './chain/identify.js';
import { DecisionLog, logDecisions } from './chain/log.js';
import { PolicyState } from './chain/state.js';
import { chain } from './chain/types.js';
import { UpstreamPool, forwardUpstream, type UpstreamServer } from './chain/upstream.js';
import { chooseUdpIo, loadError, type UdpIo } from './transport/batch.js';
import {
  listenTcp,
  listenUdp,
  type ListenAddress,
  type Stats,
  type UdpListener,
} from './transport/listeners.js';

export interface ResolverLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ResolverOptions {
  /** Where to answer, UDP and TCP on the same port (port 0: any free port, the same for both). */
  listen: ListenAddress[];
  upstreams: UpstreamServer[];
  policySource: PolicySource;
  sink: DecisionSink;
  /** Names this resolver in the query log ("harbour" in-process, the node's name standalone). */
  nodeId: string;
  upstreamTimeoutMs?: number;
  upstreamAttempts?: number;
  cache?: CacheOptions;
  logFlushMs?: number;
  maxBufferedLogRecords?: number;
  /** First pause after a failed log write (doubles up to 30 s). */
  logRetryMs?: number;
  log?: ResolverLog;
  /**
   * UDP I/O for the listeners and the upstream sockets: batch (recvmmsg/sendmmsg through @harbour/udp-batch,
   * Linux), dgram (node:dgram), or auto (batch where the addon loaded); default HARBOUR_DNS_UDP_IO, else auto.
   */
  udpIo?: UdpIo;
  /** Milliseconds since the epoch; tests pass their own clock (schedules, cache lifetimes). */
  now?: () => number;
}

export interface Resolver {
  /** The bound addresses, in the order of `listen` (the real port when 0 was asked). */
  addresses: ListenAddress[];
  /** The UDP I/O in use. */
  udpIo: 'batch' | 'dgram';
  state: PolicyState;
  stats: Stats;
  cache: AnswerCache;
  upstream: UpstreamPool;
  decisions: DecisionLog;
  close(): Promise<void>;
}

const quiet: ResolverLog = { info() {}, warn() {}, error() {} };

/**
 * Starts the filtering resolver: identify client -> decide -> log -> enforce -> cache -> upstream, on UDP
 * and TCP. It refuses every query until the policy source has given it a policy, and keeps the last good
 * one when a new one fails to load.
 */
export async function startResolver(o: ResolverOptions): Promise<Resolver> {
  const log = o.log ?? quiet;
  const now = o.now ?? Date.now;
  const state = new PolicyState();
  const load = (p: Parameters<PolicyState['load']>[0]) => {
    try {
      state.load(p);
      log.info(
        { version: state.version, entries: state.prepared!.entryCount, loadMs: Math.round(state.loadMs) },
        'dns policy loaded',
      );
    } catch (err) {
      log.error({ err, version: p.version }, 'dns policy rejected; keeping the previous one');
    }
  };
  const initial = o.policySource.current();
  if (initial) load(initial);
  const unsubscribe = o.policySource.subscribe(load);
  const io = chooseUdpIo(o.udpIo);
  log.info(
    io === 'batch' || !loadError ? { udpIo: io } : { udpIo: io, why: loadError.message },
    'dns udp i/o',
  );
  const cache = new AnswerCache(o.cache);
  // Expired answers are dropped throughout now and then, not only when asked for or evicted.
  const pruner = setInterval(() => cache.prune(now()), 60_000);
  pruner.unref();
  const upstream = new UpstreamPool({
    servers: o.upstreams,
    timeoutMs: o.upstreamTimeoutMs,
    attempts: o.upstreamAttempts,
    io,
  });
  await upstream.start();
  const decisions = new DecisionLog(state, {
    sink: o.sink,
    nodeId: o.nodeId,
    flushMs: o.logFlushMs,
    maxBufferedRecords: o.maxBufferedLogRecords,
    retryMs: o.logRetryMs,
    onError: (err) => log.warn({ err }, 'query log batch not stored; will retry'),
  });
  decisions.start();
  const handler = chain(
    identifyClient(state),
    decide(state),
    logDecisions(decisions),
    enforce(state),
    cache.link(),
  )(forwardUpstream(upstream, now)(() => {}));
  const stats: Stats = { queries: 0, malformed: 0, errors: 0 };
  const udp: UdpListener[] = [];
  const tcp: net.Server[] = [];
  const addresses: ListenAddress[] = [];
  try {
    for (const at of o.listen) {
      const u = await listenUdp(at, state, handler, stats, now, io);
      udp.push(u);
      const port = u.port;
      tcp.push(await listenTcp({ host: at.host, port }, state, handler, stats, now));
      addresses.push({ host: at.host, port });
    }
  } catch (err) {
    for (const u of udp) await u.close();
    for (const t of tcp) t.close();
    await upstream.close();
    await decisions.stop();
    clearInterval(pruner);
    throw err;
  }
  return {
    addresses,
    udpIo: io,
    state,
    stats,
    cache,
    upstream,
    decisions,
    async close() {
      unsubscribe();
      clearInterval(pruner);
      for (const u of udp) await u.close();
      for (const t of tcp) {
        await new Promise<void>((r) => t.close(() => r()));
      }
      await upstream.close();
      await decisions.stop();
    },
  };
}
