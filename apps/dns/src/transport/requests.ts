import type dgram from 'node:dgram';
import type net from 'node:net';
import type { Decision, Identified, SuffixKeys } from '@harbour/shared';
import { EDNS_UDP_SIZE, type Query } from '../wire/query.js';
import { RCODE, truncatedAnswer } from '../wire/answer.js';
import type { Prepared } from '../wire/response.js';
import { serveAnswer } from '../wire/serve.js';
import type { Request } from '../chain/types.js';

/** Classes rather than closures: one allocation per query on the hot path. */
export class UdpRequest implements Request {
  readonly transport = 'udp' as const;
  client: Identified | null = null;
  decision: Decision | null = null;

  constructor(
    readonly msg: Buffer,
    readonly q: Query,
    readonly source: string,
    readonly local: string | null,
    readonly receivedAt: number,
    readonly keys: SuffixKeys,
    private readonly socket: dgram.Socket,
    private readonly port: number,
    private readonly now: () => number,
  ) {}

  reply(out: Buffer): void {
    // RFC 1035 4.2.1 / RFC 6891 6.2.5: no more than 512 bytes without EDNS, else the smaller of the
    // client's size and ours; otherwise TC and the client asks again over TCP.
    const limit = this.q.edns ? Math.min(this.q.udpSize, EDNS_UDP_SIZE) : 512;
    if (out.length > limit)
      out = truncatedAnswer(this.msg, this.q, out.length >= 4 ? out[3]! & 0xf : RCODE.NOERROR);
    sendUdp(this.socket, out, this.port, this.source);
  }

  answer(p: Prepared, insertedAt: number): void {
    this.reply(serveAnswer(this.msg, this.q, p, insertedAt, this.now()));
  }
}

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

/** A send on a socket closed meanwhile (an upstream answer after shutdown) must not throw out of a callback. */
export function sendUdp(socket: dgram.Socket, out: Buffer, port: number, address: string): void {
  try {
    socket.send(out, port, address);
  } catch {
    // ERR_SOCKET_DGRAM_NOT_RUNNING: the listener has closed; the client will retry elsewhere.
  }
}
