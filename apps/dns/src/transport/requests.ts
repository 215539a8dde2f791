import type dgram from 'node:dgram';
import type net from 'node:net';
import type { Decision, Identified, SuffixKeys } from '@harbour/shared';
import { EDNS_UDP_SIZE, type Query } from '../wire/query.js';
import { RCODE, truncatedAnswer } from '../wire/answer.js';
import type { Prepared } from '../wire/response.js';
import { serveAnswer } from '../wire/serve.js';
import type { Request } from '../chain/types.js';

/**
 * A UDP query, which is also its own parsed Query (`q` is the request itself): one object per query at most.
 * The listener keeps one of these and parses each datagram into it, so a query answered within the
 * synchronous links (a block, a cache hit, an error) allocates no request at all; a link that keeps a
 * request past that (the cache's flights, a safe-search rewrite) takes `detach()`, a copy of its own.
 */
export class UdpRequest implements Request, Query {
  readonly transport = 'udp' as const;
  readonly q: Query = this;
  client: Identified | null = null;
  decision: Decision | null = null;
  msg: Buffer = EMPTY;
  source = '';
  receivedAt = 0;
  port = 0;
  id = 0;
  flags = 0;
  questionEnd = 0;
  nameEnd = 0;
  qtype = 0;
  qclass = 0;
  edns = false;
  udpSize = 512;
  dnssecOk = false;
  badVersion = false;
  ecs: Query['ecs'] = null;
  /** The sender as the batch socket gives it (family 4|6 and four address words), to answer it by. */
  family = 0;
  a0 = 0;
  a1 = 0;
  a2 = 0;
  a3 = 0;
  scope = 0;

  constructor(
    readonly local: string | null,
    readonly keys: SuffixKeys,
    private readonly socket: UdpOut,
    private readonly now: () => number,
    /** Whether this is the listener's reused request (valid only until the synchronous links return). */
    private readonly reused: boolean,
  ) {}

  /** Starts the reused request on a new datagram (the caller then parses `msg` into it). */
  begin(msg: Buffer, source: string, port: number, receivedAt: number): void {
    this.msg = msg;
    this.source = source;
    this.port = port;
    this.receivedAt = receivedAt;
    this.client = null;
    this.decision = null;
  }

  /** The sender's address words (batch I/O only; dgram answers by `source`). */
  from(family: number, a0: number, a1: number, a2: number, a3: number, scope: number): void {
    this.family = family;
    this.a0 = a0;
    this.a1 = a1;
    this.a2 = a2;
    this.a3 = a3;
    this.scope = scope;
  }

  /** Drops the references to the last datagram once it is answered or detached. */
  end(): void {
    this.msg = EMPTY;
    this.client = null;
    this.decision = null;
    this.ecs = null;
  }

  detach(): Request {
    if (!this.reused) return this;
    const r = new UdpRequest(this.local, this.keys, this.socket, this.now, false);
    r.begin(this.msg, this.source, this.port, this.receivedAt);
    r.from(this.family, this.a0, this.a1, this.a2, this.a3, this.scope);
    r.client = this.client;
    r.decision = this.decision;
    r.id = this.id;
    r.flags = this.flags;
    r.questionEnd = this.questionEnd;
    r.nameEnd = this.nameEnd;
    r.qtype = this.qtype;
    r.qclass = this.qclass;
    r.edns = this.edns;
    r.udpSize = this.udpSize;
    r.dnssecOk = this.dnssecOk;
    r.badVersion = this.badVersion;
    r.ecs = this.ecs;
    return r;
  }

  reply(out: Buffer): void {
    // RFC 1035 4.2.1 / RFC 6891 6.2.5: no more than 512 bytes without EDNS, else the smaller of the
    // client's size and ours; otherwise TC and the client asks again over TCP.
    const limit = this.edns ? Math.min(this.udpSize, EDNS_UDP_SIZE) : 512;
    if (out.length > limit)
      out = truncatedAnswer(this.msg, this, out.length >= 4 ? out[3]! & 0xf : RCODE.NOERROR);
    this.socket.send(out, this);
  }

  answer(p: Prepared, insertedAt: number): void {
    this.reply(serveAnswer(this.msg, this, p, insertedAt, this.now()));
  }
}

const EMPTY = Buffer.alloc(0);

export class TcpRequest implements Request {
  readonly transport = 'tcp' as const;
  client: Identified | null = null;
  decision: Decision | null = null;

  constructor(
    readonly msg: Buffer,
    readonly q: Query,
    readonly source: string,
    readonly local: string | null,
    readonly receivedAt: number,
    readonly keys: SuffixKeys,
    private readonly socket: net.Socket,
    private readonly now: () => number,
  ) {}

  detach(): Request {
    return this;
  }

  reply(out: Buffer): void {
    writeFramed(this.socket, out);
  }

  answer(p: Prepared, insertedAt: number): void {
    this.reply(serveAnswer(this.msg, this.q, p, insertedAt, this.now()));
  }
}

/** One message on a TCP stream, after its 2-byte length (RFC 1035 4.2.2). */
export function writeFramed(socket: net.Socket, out: Buffer): void {
  if (socket.destroyed) return;
  const framed = Buffer.allocUnsafe(2 + out.length);
  framed.writeUInt16BE(out.length, 0);
  out.copy(framed, 2);
  socket.write(framed);
}

/** Where UDP answers go: node:dgram or the batch socket. */
export interface UdpOut {
  send(out: Buffer, to: UdpRequest): void;
}

export const dgramOut = (socket: dgram.Socket): UdpOut => ({
  send: (out, to) => sendUdp(socket, out, to.port, to.source),
});

/** A send on a socket closed meanwhile (an upstream answer after shutdown) must not throw out of a callback. */
export function sendUdp(socket: dgram.Socket, out: Buffer, port: number, address: string): void {
  try {
    socket.send(out, port, address);
  } catch {
    // ERR_SOCKET_DGRAM_NOT_RUNNING: the listener has closed; the client will retry elsewhere.
  }
}
