// The bare responder of bare-responder.ts (NXDOMAIN to everything) on packages/udp-batch, the addon under
// Harbour's UDP I/O: datagrams in and answers out in batches (recvmmsg/sendmmsg), no Buffer, rinfo or
// callback per datagram. The ceiling of a Node resolver on batch I/O (bench/dns `node-batch`).
import { addon as loaded } from '../../packages/udp-batch/index.js';
if (!loaded) throw new Error('packages/udp-batch is not built (npm install builds it)');
const addon = loaded;
const SLOT = 4096;
const MAX = 64; // metadata: 9 Int32 slots per datagram (packages/udp-batch/types.d.ts)
const inBuf = Buffer.allocUnsafe(SLOT * MAX);
const inMeta = new Int32Array(9 * MAX);
const outBuf = Buffer.allocUnsafe(SLOT * MAX);
const outMeta = new Int32Array(9 * MAX);
const h = addon.open(4, '127.0.0.1', Number(process.argv[2] ?? 5365), 4 << 20, 4 << 20, () => {
  for (;;) {
    const n: number = addon.recv(h, inBuf, inMeta, SLOT, MAX);
    let out = 0;
    let off = 0;
    for (let i = 0; i < n; i++) {
      const m = i * 9;
      const len = inMeta[m]!;
      if (len < 12) continue;
      inBuf.copy(outBuf, off, i * SLOT, i * SLOT + len);
      outBuf[off + 2] = outBuf[off + 2]! | 0x80;
      outBuf[off + 3] = 0x80 | 3;
      const o = out * 9;
      outMeta[o] = off;
      outMeta[o + 1] = len;
      outMeta[o + 2] = inMeta[m + 1]!;
      outMeta[o + 3] = inMeta[m + 2]!;
      outMeta[o + 4] = inMeta[m + 3]!;
      out++;
      off += len;
    }
    if (out) addon.send(h, outBuf, outMeta, out);
    if (n < MAX) break;
  }
});
