import dgram from 'node:dgram';
import net from 'node:net';
import { SuffixKeys } from '@harbour/shared';
import { emptyAnswer } from '../wire/answer.js';
import { parseQuery, type Query } from '../wire/query.js';
import type { Handler, Request } from '../chain/types.js';
import type { PolicyState } from '../chain/state.js';
import { BatchSocket, chooseUdpIo } from './batch.js';
import { TcpRequest, UdpRequest, dgramOut, writeFramed, type UdpOut } from './requests.js';

export interface ListenAddress {
  host: string;
  port: number;
}

export interface Stats {
  queries: number;
  malformed: number;
  errors: number;
}

/** The links run synchronously up to the upstream, so one scratch key set serves every query. */
const keys = new SuffixKeys();
const WILDCARDS = new Set(['0.0.0.0', '::']);

type Parsed = Exclude<ReturnType<typeof parseQuery>, -1>;

/** Parses one message; null for a message that gets no answer at all (counted as malformed). */
function parse(state: PolicyState, stats: Stats, msg: Buffer, source: string, into?: Query): Parsed | null {
  stats.queries++;
  let parsed: ReturnType<typeof parseQuery>;
  try {
    parsed = parseQuery(msg, keys, state.prepared !== null && state.trustsEcs(source), into);
  } catch {
    parsed = -1;
  }
  if (parsed === -1) {
    stats.malformed++;
    return null;
  }
  if ('rcode' in parsed) stats.malformed++;
  return parsed;
}

/** Runs the chain for one request. No closure per query (and over UDP no request object: see UdpRequest). */
function run(handler: Handler, stats: Stats, req: Request): void {
  try {
    handler(req);
  } catch {
    // A bug must cost one answer, never the process (issue 4: malformed packets never crash it).
    stats.errors++;
  }
}

export interface UdpListener {
  port: number;
  close(): Promise<void>;
}

/** UDP on `io` (see batch.ts): both give every datagram to the same steps, one reused request. */
export async function listenUdp(
  at: ListenAddress,
  state: PolicyState,
  handler: Handler,
  stats: Stats,
  now: () => number,
  io: 'batch' | 'dgram' = chooseUdpIo(),
): Promise<UdpListener> {
  const family = at.host.includes(':') ? 6 : 4;
  const local = WILDCARDS.has(at.host) ? null : at.host;
  const serve = (req: UdpRequest, out: UdpOut, msg: Buffer) => {
    const q = parse(state, stats, msg, req.source, req);
    if (q === null) req.end();
    else if ('rcode' in q) {
      out.send(emptyAnswer(msg, q.questionEnd, q.rcode, null), req);
      req.end();
    } else {
      run(handler, stats, req);
      req.end();
    }
  };
  if (io === 'batch') {
    // Answers are only sent once the socket exists (from its own callback on).
    const out: UdpOut = {
      send: (o, to) => socket.sendTo(o, to.port, to.family, to.a0, to.a1, to.a2, to.a3, to.scope),
    };
    const req = new UdpRequest(local, keys, out, now, true);
    const socket = new BatchSocket(family, at.host, at.port, (msg, source, port, m, o) => {
      req.begin(msg, source, port, now());
      req.from(m[o + 2]!, m[o + 3]!, m[o + 4]!, m[o + 5]!, m[o + 6]!, m[o + 7]!);
      serve(req, out, msg);
    });
    return { port: socket.port, close: () => socket.close() };
  }
  const socket = dgram.createSocket({
    type: family === 6 ? 'udp6' : 'udp4',
    recvBufferSize: 4 << 20,
    sendBufferSize: 4 << 20,
    // Replies go to rinfo.address, always an IP literal: skip dns.lookup and its nextTick on every send.
    lookup: (address, _opts, cb) => (cb as (e: null, a: string, f: number) => void)(null, address, family),
  });
  socket.on('error', () => {
    stats.errors++;
  });
  const out = dgramOut(socket);
  const req = new UdpRequest(local, keys, out, now, true);
  socket.on('message', (msg, rinfo) => {
    req.begin(msg, rinfo.address, rinfo.port, now());
    serve(req, out, msg);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(at.port, at.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return { port: socket.address().port, close: () => new Promise<void>((r) => socket.close(() => r())) };
}

/** DNS over TCP (RFC 7766): length-prefixed messages, several per connection, answered as they finish. */
export async function listenTcp(
  at: ListenAddress,
  state: PolicyState,
  handler: Handler,
  stats: Stats,
  now: () => number,
  idleMs = 10_000,
): Promise<net.Server> {
  const local = WILDCARDS.has(at.host) ? null : at.host;
  const open = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    open.add(sock);
    sock.on('close', () => open.delete(sock));
    let buf = Buffer.alloc(0);
    sock.setTimeout(idleMs, () => sock.destroy());
    sock.on('error', () => sock.destroy());
    sock.on('data', (chunk) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      while (buf.length >= 2) {
        const need = buf.readUInt16BE(0);
        if (buf.length < 2 + need) break;
        const msg = Buffer.from(buf.subarray(2, 2 + need));
        buf = buf.subarray(2 + need);
        const source = sock.remoteAddress ?? '';
        const q = parse(state, stats, msg, source);
        if (q === null) continue;
        if ('rcode' in q) writeFramed(sock, emptyAnswer(msg, q.questionEnd, q.rcode, null));
        else run(handler, stats, new TcpRequest(msg, q, source, local, now(), keys, sock, now));
      }
    });
  });
  server.maxConnections = 1000;
  // close() waits for open connections: end them too.
  const close = server.close.bind(server);
  server.close = (cb?: (err?: Error) => void) => {
    for (const s of open) s.destroy();
    return close(cb);
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
