/** The types of index.js (the package's entry). */
/** An open socket (opaque). */
export type Handle = { readonly __udpBatch: unique symbol };

export interface UdpBatch {
  /** A non-blocking UDP socket bound to host:port (IP literals; port 0: any), polled on Node's loop. */
  open(
    family: 4 | 6,
    host: string,
    port: number,
    rcvbuf: number,
    sndbuf: number,
    onReadable: () => void,
  ): Handle;
  /** Connects it (the upstream side): sends need no address, datagrams from anyone else are dropped. */
  connect(h: Handle, host: string, port: number): void;
  port(h: Handle): number;
  /**
   * Reads up to `max` (at most 64) datagrams: datagram i at buf[i * slot], its metadata at meta[i * 9]:
   * length, port, family (4|6), four address words (host order), IPv6 scope id, 1 if cut to fit the slot.
   * Returns the count.
   */
  recv(h: Handle, buf: Buffer, meta: Int32Array, slot: number, max: number): number;
  /**
   * Sends `count` datagrams: i is buf[meta[i*9], + meta[i*9+1]) to port meta[i*9+2], family meta[i*9+3]
   * (0: the connected peer), address words meta[i*9+4..], IPv6 scope id meta[i*9+8]. What the socket cannot take now is queued and sent
   * when it can (never dropped); returns how many were queued.
   */
  send(h: Handle, buf: Buffer, meta: Int32Array, count: number): number;
  /** The source address of recv's datagram `index`, spelt as Node spells rinfo.address. */
  address(meta: Int32Array, index: number): string;
  /** [datagrams queued, datagrams that failed for good (e.g. ECONNREFUSED)]. */
  stats(h: Handle): [number, number];
  close(h: Handle): void;
}

export const addon: UdpBatch | null;
export const loadError: Error | null;
