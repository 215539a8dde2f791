import type { Handle, UdpBatch } from '@harbour/udp-batch';

// Loaded softly: a tree whose node_modules predates the package (no `npm install` since) runs on dgram.
const loaded = await import('@harbour/udp-batch').catch((err: unknown) => ({
  addon: null,
  loadError: err instanceof Error ? err : new Error(String(err)),
}));
/** The addon, or null where it is not built (then `loadError` says why). */
export const addon: UdpBatch | null = loaded.addon;
export const loadError: Error | null = loaded.loadError;

/**
 * UDP I/O: "batch" reads and writes datagrams many at a time through packages/udp-batch (recvmmsg/sendmmsg,
 * Linux), "dgram" is node:dgram (one callback, one Buffer and one sendmsg per datagram), "auto" is batch
 * where the addon loaded, else dgram. HARBOUR_DNS_UDP_IO sets it when the caller does not.
 */
export type UdpIo = 'auto' | 'batch' | 'dgram';

export function chooseUdpIo(asked?: UdpIo): 'batch' | 'dgram' {
  const io = asked ?? (process.env.HARBOUR_DNS_UDP_IO as UdpIo | undefined) ?? 'auto';
  if (io === 'dgram') return 'dgram';
  if (io !== 'auto' && io !== 'batch')
    throw new Error(`UDP I/O "${String(io)}": expected auto, batch or dgram`);
  if (addon) return 'batch';
  if (io === 'batch')
    throw new Error(`UDP I/O "batch" asked, but @harbour/udp-batch did not load: ${loadError?.message}`);
  return 'dgram';
}

/** Int32 slots per datagram in the metadata arrays (packages/udp-batch/types.d.ts). */
const META = 9;
const MAX = 64;
/** The largest UDP payload: no datagram is ever cut to fit (untouched slot pages are never made resident). */
const SLOT = 65536;
/** Datagrams read per readable event before the loop gets a turn (the poll is level-triggered: it comes back). */
const ROUNDS = 4;
const NAMES = 1024;

/**
 * Called for each datagram: its own Buffer (as dgram gives), the sender's address as text and port, and the
 * metadata `m` from `o` on (m[o + 2] family, m[o + 3 ..] four address words, m[o + 7] IPv6 scope) for `sendTo`.
 */
export type OnDatagram = (msg: Buffer, source: string, port: number, m: Int32Array, o: number) => void;

/**
 * One UDP socket on the addon. Datagrams come in up to 64 per call; answers are gathered and leave in one
 * sendmmsg when the current callback's work is done (a microtask), so a batch in is a batch out. The addon
 * queues what the socket cannot take yet and sends it when it can: nothing is dropped for backpressure.
 */
export class BatchSocket {
  private readonly h: Handle;
  private readonly a: UdpBatch;
  private readonly inMeta = new Int32Array(META * MAX);
  private readonly inBuf = Buffer.allocUnsafeSlow(SLOT * MAX);
  private readonly outBuf = Buffer.allocUnsafeSlow(2 * SLOT);
  private readonly outMeta = new Int32Array(META * MAX);
  private outCount = 0;
  private outBytes = 0;
  private flushQueued = false;
  private closed = false;
  /** Source address text by address (direct-mapped): no string is built per datagram. */
  private readonly names: string[] = new Array<string>(NAMES).fill('');
  private readonly nameKeys = new Int32Array(NAMES * 5);
  private readonly flushNow = () => {
    this.flushQueued = false;
    this.flush();
  };

  constructor(
    family: 4 | 6,
    host: string,
    port: number,
    private readonly onDatagram: OnDatagram,
    /** Own ArrayBuffer per datagram (as dgram's): lets an upstream answer be kept without a copy. */
    private readonly exact = false,
  ) {
    if (!addon) throw new Error(`@harbour/udp-batch did not load: ${loadError?.message}`);
    this.a = addon;
    this.h = addon.open(family, host, port, 4 << 20, 4 << 20, () => this.readable());
  }

  get port(): number {
    return this.a.port(this.h);
  }

  connect(host: string, port: number): void {
    this.a.connect(this.h, host, port);
  }

  /** Queues an answer to the datagram whose metadata starts at m[o] (see OnDatagram), or to given words. */
  sendTo(
    out: Buffer,
    port: number,
    family: number,
    a0: number,
    a1: number,
    a2: number,
    a3: number,
    scope: number,
  ): void {
    if (this.closed) return; // an answer after shutdown: the client will retry elsewhere
    if (this.outCount === MAX || this.outBytes + out.length > this.outBuf.length) this.flush();
    const o = this.outCount++ * META;
    const m = this.outMeta;
    m[o] = this.outBytes;
    m[o + 1] = out.length;
    m[o + 2] = port;
    m[o + 3] = family;
    m[o + 4] = a0;
    m[o + 5] = a1;
    m[o + 6] = a2;
    m[o + 7] = a3;
    m[o + 8] = scope;
    this.outBytes += out.copy(this.outBuf, this.outBytes);
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(this.flushNow);
    }
  }

  /** To the connected peer. */
  send(out: Buffer): void {
    this.sendTo(out, 0, 0, 0, 0, 0, 0, 0);
  }

  /** [datagrams waiting for the socket to take them, datagrams that failed for good]. */
  stats(): [number, number] {
    return this.closed ? [0, 0] : this.a.stats(this.h);
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.flush();
      this.closed = true;
      this.a.close(this.h);
    }
    return new Promise((r) => setImmediate(r)); // libuv closes the descriptor on its next turn
  }

  private flush(): void {
    if (this.outCount === 0 || this.closed) return;
    const n = this.outCount;
    this.outCount = 0;
    this.outBytes = 0;
    this.a.send(this.h, this.outBuf, this.outMeta, n);
  }

  private readable(): void {
    const { a, h, inBuf, inMeta: m } = this;
    for (let round = 0; round < ROUNDS && !this.closed; round++) {
      const n = a.recv(h, inBuf, m, SLOT, MAX);
      for (let i = 0; i < n && !this.closed; i++) {
        const o = i * META;
        const len = m[o]!;
        if (m[o + 8]) continue; // cut to fit the slot: cannot happen with 64 KiB slots
        const msg = this.exact ? Buffer.allocUnsafeSlow(len) : Buffer.allocUnsafe(len);
        inBuf.copy(msg, 0, i * SLOT, i * SLOT + len);
        this.onDatagram(msg, this.name(i, o), m[o + 1]!, m, o);
      }
      if (n < MAX) break;
    }
    this.flush();
  }

  private name(i: number, o: number): string {
    const m = this.inMeta;
    const f = m[o + 2]! | (m[o + 7]! << 4); // family and IPv6 scope id
    const w0 = m[o + 3]!;
    const w1 = m[o + 4]!;
    const w2 = m[o + 5]!;
    const w3 = m[o + 6]!;
    const slot =
      Math.imul(w0 ^ Math.imul(w1, 31) ^ Math.imul(w2, 961) ^ Math.imul(w3, 29791) ^ f, 0x9e3779b1) >>> 22;
    const k = this.nameKeys;
    const b = slot * 5;
    if (
      k[b] === f &&
      k[b + 1] === w0 &&
      k[b + 2] === w1 &&
      k[b + 3] === w2 &&
      k[b + 4] === w3 &&
      this.names[slot]
    )
      return this.names[slot];
    const text = this.a.address(m, i);
    k[b] = f;
    k[b + 1] = w0;
    k[b + 2] = w1;
    k[b + 3] = w2;
    k[b + 4] = w3;
    this.names[slot] = text;
    return text;
  }
}
