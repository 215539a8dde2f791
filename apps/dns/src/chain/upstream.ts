import net from 'node:net';
import { randomFillSync } from 'node:crypto';
import { RCODE, emptyAnswer, writeOpt } from '../wire/answer.js';
import { prepareResponse, type Prepared } from '../wire/response.js';
import { connectUdp, type ConnectedUdp } from '../transport/udp-client.js';
import type { Link, Request } from './types.js';

export interface UpstreamServer {
  host: string;
  port: number;
}

export interface UpstreamOptions {
  servers: UpstreamServer[];
  /** Wait per try before the next server is asked. */
  timeoutMs?: number;
  /** Tries in all, across servers in failover order. */
  attempts?: number;
  /** After this many failures in a row a server goes to the back of the order until it answers again. */
  failuresBeforeDemote?: number;
  /** UDP I/O (transport/batch.ts); by default batch where the addon loaded. */
  io?: 'batch' | 'dgram';
}

/**
 * Query ids from the CSPRNG (RFC 5452: unpredictable ids resist spoofing), drawn from a pool filled 4 KB at a
 * time rather than one call per query.
 */
const idPool = new Uint16Array(2048);
let idNext = idPool.length;
function randomId(): number {
  if (idNext === idPool.length) {
    randomFillSync(idPool);
    idNext = 0;
  }
  return idPool[idNext++]!;
}

interface Pending {
  id: number;
  server: number;
  /** Header, question (bytes [12, length - 11): what an answer must repeat), our OPT. */
  packet: Buffer;
  attempt: number;
  deadline: number;
  /** Who gets the answer: a request of the chain (no closure per query), or a callback. */
  req: Request | null;
  now: () => number;
  done: ((p: Prepared | null) => void) | null;
}

interface Server extends UpstreamServer {
  index: number;
  socket: ConnectedUdp;
  pending: Map<number, Pending>;
  failures: number;
}

/**
 * Forwards questions to the configured upstream resolvers over UDP (connected sockets: answers from any
 * other address are dropped), matches answers by id and question (RFC 5452), retries on timeout or
 * SERVFAIL/REFUSED with the next server, and repeats a truncated answer's question over TCP (RFC 7766).
 * Timeouts are swept by one timer, not a timer per query.
 */
export class UpstreamPool {
  private servers: Server[] = [];
  private sweeper: NodeJS.Timeout | null = null;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly demoteAfter: number;
  sent = 0;
  timeouts = 0;

  constructor(private readonly o: UpstreamOptions) {
    if (o.servers.length === 0) throw new Error('at least one upstream resolver is needed');
    this.timeoutMs = o.timeoutMs ?? 1500;
    this.attempts = o.attempts ?? Math.max(2, Math.min(o.servers.length * 2, 4));
    this.demoteAfter = o.failuresBeforeDemote ?? 2;
  }

  async start(): Promise<void> {
    this.servers = await Promise.all(
      this.o.servers.map(async (s, index) => {
        const server = { ...s, index, pending: new Map(), failures: 0 } as Omit<Server, 'socket'> as Server;
        server.socket = await connectUdp(s.host, s.port, (msg) => this.onMessage(server, msg), this.o.io);
        return server;
      }),
    );
    this.sweeper = setInterval(() => this.sweep(), Math.max(10, Math.min(100, this.timeoutMs / 4)));
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const s of this.servers) {
      for (const p of s.pending.values()) finish(p, null);
      s.pending.clear();
      await s.socket.close();
    }
    this.servers = [];
  }

  /** Asks for `question` (name + type + class in wire form); `done` gets the prepared answer or null. */
  resolve(question: Buffer, flags: number, dnssecOk: boolean, done: (p: Prepared | null) => void): void {
    this.ask(question, 0, question.length, flags, dnssecOk, null, Date.now, done);
  }

  /** Asks for a request's question; it gets `answer` (with `now()` as the time) or a SERVFAIL `reply`. */
  forward(req: Request, now: () => number): void {
    const { msg, q } = req;
    this.ask(msg, 12, q.questionEnd, q.flags, q.dnssecOk, req, now, null);
  }

  /** Sends the question at `src[start, end)`: copied by hand into our packet (no view of it per query). */
  private ask(
    src: Buffer,
    start: number,
    end: number,
    flags: number,
    dnssecOk: boolean,
    req: Request | null,
    now: () => number,
    done: ((p: Prepared | null) => void) | null,
  ): void {
    const qEnd = 12 + end - start;
    const packet = Buffer.allocUnsafe(qEnd + 11);
    // RD always; CD echoed from the client (RFC 4035 3.2.2). QDCOUNT 1, ARCOUNT 1 (the OPT). By hand:
    // Buffer#writeUInt16BE is a call per field.
    packet[2] = 0x01;
    packet[3] = flags & 0x0010;
    for (let i = 4; i < 12; i++) packet[i] = 0;
    packet[5] = 1;
    packet[11] = 1;
    for (let i = start, o = 12; i < end; i++, o++) packet[o] = src[i]!;
    writeOpt(packet, qEnd, dnssecOk);
    const p: Pending = {
      id: 0,
      server: this.first(),
      packet,
      attempt: 0,
      deadline: 0,
      req,
      now,
      done,
    };
    this.send(p);
  }

  /** The server to try first: the first in configured order that has not failed repeatedly. */
  private first(): number {
    for (const s of this.servers) if (s.failures < this.demoteAfter) return s.index;
    let best = this.servers[0]!;
    for (const s of this.servers) if (s.failures < best.failures) best = s;
    return best.index;
  }

  private send(p: Pending): void {
    const s = this.servers[p.server];
    if (!s) return finish(p, null);
    let id = randomId();
    while (s.pending.has(id)) id = (id + 1) & 0xffff;
    p.id = id;
    p.packet[0] = id >> 8;
    p.packet[1] = id & 0xff;
    p.deadline = Date.now() + this.timeoutMs;
    s.pending.set(id, p);
    this.sent++;
    s.socket.send(p.packet);
  }

  private retry(p: Pending, answer: Prepared | null): void {
    if (++p.attempt >= this.attempts) return finish(p, answer);
    p.server = (p.server + 1) % this.servers.length;
    this.send(p);
  }

  private onMessage(s: Server, msg: Buffer): void {
    if (msg.length < 12) return;
    const p = s.pending.get((msg[0]! << 8) | msg[1]!);
    if (!p) return;
    // A datagram of its own: the answer is kept in it, its OPT cut off in place.
    const prepared = prepareResponse(msg, p.packet, 12, p.packet.length - 11, true);
    if (!prepared) return; // not an answer to this question: keep waiting (spoofing defence)
    s.pending.delete(p.id);
    s.failures = 0;
    if (prepared.truncated) {
      void this.overTcp(s, p.packet).then((full) => (full ? finish(p, full) : this.retry(p, null)));
      return;
    }
    if (prepared.rcode === RCODE.SERVFAIL || prepared.rcode === RCODE.REFUSED) {
      s.failures++;
      return this.retry(p, prepared);
    }
    finish(p, prepared);
  }

  private sweep(): void {
    const now = Date.now();
    for (const s of this.servers) {
      for (const p of s.pending.values()) {
        if (p.deadline > now) continue;
        s.pending.delete(p.id);
        s.failures++;
        this.timeouts++;
        this.retry(p, null);
      }
    }
  }

  /** One question over TCP (2-byte length prefix, RFC 1035 4.2.2). */
  private overTcp(s: Server, packet: Buffer): Promise<Prepared | null> {
    return new Promise((resolve) => {
      const sock = net.connect({ host: s.host, port: s.port });
      const chunks: Buffer[] = [];
      let got = 0;
      const finish = (p: Prepared | null) => {
        sock.destroy();
        resolve(p);
      };
      sock.setTimeout(this.timeoutMs * 2, () => finish(null));
      sock.on('error', () => finish(null));
      sock.on('connect', () => {
        const len = Buffer.allocUnsafe(2);
        len.writeUInt16BE(packet.length);
        sock.write(Buffer.concat([len, packet]));
      });
      sock.on('data', (d) => {
        chunks.push(d);
        got += d.length;
        if (got < 2) return;
        const all = Buffer.concat(chunks);
        const need = all.readUInt16BE(0);
        if (all.length < 2 + need) return;
        const msg = all.subarray(2, 2 + need);
        finish(
          msg.readUInt16BE(0) === packet.readUInt16BE(0)
            ? prepareResponse(msg, packet, 12, packet.length - 11)
            : null,
        );
      });
    });
  }
}

/** Hands a question's outcome on: the request's answer, or SERVFAIL if every try failed. */
function finish(p: Pending, answer: Prepared | null): void {
  if (p.done) return p.done(answer);
  const req = p.req!;
  if (answer && answer.rcode !== RCODE.SERVFAIL) req.answer(answer, p.now());
  else req.reply(emptyAnswer(req.msg, req.q.questionEnd, RCODE.SERVFAIL, req.q));
}

/** Link 6, the end of the chain: ask upstream; SERVFAIL if every try failed. */
export const forwardUpstream =
  (pool: UpstreamPool, now: () => number = Date.now): Link =>
  () =>
  (req) =>
    pool.forward(req, now);
