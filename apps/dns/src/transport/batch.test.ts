import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchSocket, addon, chooseUdpIo, loadError } from './batch.js';

// The batch socket over real loopback datagrams, against node:dgram peers.
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function peer(type: 'udp4' | 'udp6', host: string): Promise<dgram.Socket> {
  const s = dgram.createSocket({ type, recvBufferSize: 8 << 20 });
  open.push({ close: () => new Promise<void>((r) => s.close(() => r())) });
  return new Promise((r) => s.bind(0, host, () => r(s)));
}

function collect(s: dgram.Socket, n: number): Promise<Buffer[]> {
  const got: Buffer[] = [];
  return new Promise((resolve) =>
    s.on('message', (m) => {
      got.push(m);
      if (got.length === n) resolve(got);
    }),
  );
}

describe.runIf(process.platform === 'linux')('the batch socket on Linux', () => {
  it('is built and chosen', () => {
    // If this fails, packages/udp-batch is not built here: `npm ci` (or `npm run install -w @harbour/udp-batch`).
    expect(loadError?.message ?? null).toBeNull();
    expect(chooseUdpIo()).toBe('batch');
  });
});

describe.runIf(addon)('the batch socket (recvmmsg/sendmmsg)', () => {
  it('answers every datagram of a burst to its sender, with the address spelt as dgram spells it', async () => {
    const sources = new Set<string>();
    const server = new BatchSocket(4, '127.0.0.1', 0, (msg, source, port, m, o) => {
      sources.add(source);
      server.sendTo(Buffer.concat([Buffer.from('re:'), msg]), port, m[o + 2]!, m[o + 3]!, 0, 0, 0, 0);
    });
    open.push(server);
    const client = await peer('udp4', '127.0.0.2');
    const answers = collect(client, 500);
    for (let i = 0; i < 500; i++) client.send(`q${i}`, server.port, '127.0.0.1');
    const got = (await answers).map((b) => b.toString()).sort();
    expect(got).toEqual(Array.from({ length: 500 }, (_, i) => `re:q${i}`).sort());
    expect([...sources]).toEqual(['127.0.0.2']);
  });

  it('serves IPv6 and IPv4-mapped senders on a dual-stack socket', async () => {
    const seen: string[] = [];
    const server = new BatchSocket(6, '::', 0, (msg, source, port, m, o) => {
      seen.push(source);
      server.sendTo(msg, port, m[o + 2]!, m[o + 3]!, m[o + 4]!, m[o + 5]!, m[o + 6]!, m[o + 7]!);
    });
    open.push(server);
    const v6 = await peer('udp6', '::1');
    const v4 = await peer('udp4', '127.0.0.1');
    const a6 = collect(v6, 1);
    v6.send('six', server.port, '::1');
    expect((await a6)[0]!.toString()).toBe('six');
    const a4 = collect(v4, 1);
    v4.send('four', server.port, '127.0.0.1');
    expect((await a4)[0]!.toString()).toBe('four');
    expect(seen).toEqual(['::1', '::ffff:127.0.0.1']);
  });

  // Loopback frees a datagram's send-buffer space as soon as it is handed over, so here sendmmsg does not meet
  // EAGAIN (a NIC's full queue does): this checks that a burst far beyond the buffer all arrives, in order.
  it('sends a burst far larger than its send buffer without losing a datagram', async () => {
    const receiver = await peer('udp4', '127.0.0.1');
    const port = receiver.address().port;
    const N = 3000;
    const got = collect(receiver, N);
    // A 4 KB send buffer (the kernel's least) and 3,000 datagrams of 1,000 bytes, 64 per sendmmsg.
    const h = addon!.open(4, '127.0.0.1', 0, 0, 4096, () => {});
    open.push({ close: () => addon!.close(h) });
    const buf = Buffer.alloc(1000 * 64);
    const meta = new Int32Array(9 * 64);
    for (let sent = 0; sent < N; sent += 64) {
      for (let i = 0; i < 64; i++) {
        buf.writeUInt32BE(sent + i, i * 1000);
        meta.set([i * 1000, 1000, port, 4, 0x7f000001, 0, 0, 0, 0], i * 9);
      }
      addon!.send(h, buf, meta, Math.min(64, N - sent));
    }
    const ids = (await got).map((b) => b.readUInt32BE(0));
    expect(ids).toEqual(Array.from({ length: N }, (_, i) => i));
    expect(addon!.stats(h)).toEqual([0, 0]);
  });

  it('keeps reading a connected socket after an ICMP port unreachable (the upstream was down a moment)', async () => {
    const gone = dgram.createSocket('udp4');
    await new Promise<void>((r) => gone.bind(0, '127.0.0.1', () => r()));
    const port = gone.address().port;
    await new Promise<void>((r) => gone.close(() => r()));
    const got: string[] = [];
    const client = new BatchSocket(4, '0.0.0.0', 0, (msg) => got.push(msg.toString()));
    open.push(client);
    client.connect('127.0.0.1', port);
    client.send(Buffer.from('anyone?')); // nobody on `port`: the kernel answers ICMP, the socket gets ECONNREFUSED
    await new Promise((r) => setTimeout(r, 50));
    const server = dgram.createSocket('udp4');
    open.push({ close: () => new Promise<void>((r) => server.close(() => r())) });
    await new Promise<void>((r) => server.bind(port, '127.0.0.1', () => r())); // the upstream is back
    server.send('back', client.port, '127.0.0.1');
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual(['back']);
  });

  it('says why it cannot bind, with the code Node would give', () => {
    const first = new BatchSocket(4, '127.0.0.1', 0, () => {});
    open.push(first);
    expect(() => new BatchSocket(4, '127.0.0.1', first.port, () => {})).toThrow(
      expect.objectContaining({ code: 'EADDRINUSE' }),
    );
  });

  it('refuses sends after close without throwing, and frees its port', async () => {
    const server = new BatchSocket(4, '127.0.0.1', 0, () => {});
    const port = server.port;
    await server.close();
    server.send(Buffer.from('late'));
    const again = new BatchSocket(4, '127.0.0.1', port, () => {});
    expect(again.port).toBe(port);
    await again.close();
  });
});
