import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';

/**
 * Malformed and mutated DNS packets for the fuzz test (issue 4): random bytes, valid queries with flipped
 * bytes or cut short, huge section counts, compression-pointer loops and pointers past the end, over-long
 * labels and names, broken OPT and ECS options, responses and odd opcodes. Deterministic from a seed.
 */
export class Rng {
  constructor(private s: number) {}
  next(): number {
    // xorshift32
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  bytes(n: number): Buffer {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}

const NAMES = [
  'casino-spins.example',
  'allowed.example',
  'www.google.co.uk',
  'use-application-dns.net',
  'a.b.c.d.e',
];
const TYPES = ['A', 'AAAA', 'TXT', 'MX', 'ANY', 'CNAME', 'SRV'] as dnsPacket.RecordType[];

/** Valid queries are drawn from a pool built once (encoding each anew would make the fuzzer the bottleneck). */
const pools = new Map<boolean, Buffer[]>();
function validQuery(r: Rng, withOpt: boolean): Buffer {
  let pool = pools.get(withOpt);
  if (!pool) {
    const seed = new Rng(withOpt ? 11 : 13);
    pool = Array.from({ length: 512 }, () => encodeQuery(seed, withOpt));
    pools.set(withOpt, pool);
  }
  const q = Buffer.from(pool[r.int(pool.length)]!);
  q.writeUInt16BE(r.int(65536), 0);
  return q;
}

function encodeQuery(r: Rng, withOpt: boolean): Buffer {
  return dnsPacket.encode({
    id: r.int(65536),
    type: 'query',
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name: NAMES[r.int(NAMES.length)]!, type: TYPES[r.int(TYPES.length)]! }],
    additionals: withOpt
      ? [
          {
            type: 'OPT',
            name: '.',
            udpPayloadSize: 512 + r.int(4000),
            flags: r.int(2) ? dnsPacket.DNSSEC_OK : 0,
            options: r.int(2)
              ? [{ code: 8, family: 1, sourcePrefixLength: 24, scopePrefixLength: 0, ip: '10.0.2.0' }]
              : [],
          } as never,
        ]
      : [],
  });
}

const header = (r: Rng, counts: [number, number, number, number], flags = 0x0100): Buffer => {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(r.int(65536), 0);
  h.writeUInt16BE(flags, 2);
  counts.forEach((c, i) => h.writeUInt16BE(c, 4 + i * 2));
  return h;
};

/** One malformed or mutated packet. */
export function fuzzPacket(r: Rng): Buffer {
  const kind = r.int(12);
  switch (kind) {
    case 0:
      return r.bytes(r.int(600));
    case 1: {
      // Flip a few bytes of a valid query.
      const q = validQuery(r, r.int(2) === 1);
      for (let i = r.int(4) + 1; i > 0; i--) q[r.int(q.length)] = r.int(256);
      return q;
    }
    case 2: {
      // Cut short anywhere, including inside the header.
      const q = validQuery(r, r.int(2) === 1);
      return q.subarray(0, r.int(q.length));
    }
    case 3: {
      // Huge counts with a valid question and nothing behind it.
      const q = validQuery(r, false);
      q.writeUInt16BE(r.int(2) ? 1 : 0xffff, 4);
      q.writeUInt16BE(0xffff, 6);
      q.writeUInt16BE(0xffff, 8);
      q.writeUInt16BE(0xffff, 10);
      return q;
    }
    case 4:
      // A question name that is a pointer to itself (a label loop).
      return Buffer.concat([header(r, [1, 0, 0, 0]), Buffer.from([0xc0, 12, 0, 1, 0, 1])]);
    case 5: {
      // Pointer loops and pointers past the end in the additional section.
      const q = validQuery(r, false);
      q.writeUInt16BE(r.int(50) + 1, 10);
      const self = q.length;
      const tail = Buffer.from([0xc0 | (self >> 8), self & 255, 0, 41, 4, 0, 0, 0, 0, 0, 0, 0, 0xc3, 0xff]);
      return Buffer.concat([q, tail]);
    }
    case 6: {
      // Labels longer than 63 and names longer than 255.
      const long = Buffer.alloc(r.int(2) ? 70 : 300, 0x61);
      long[0] = r.int(2) ? 64 + r.int(64) : 63;
      return Buffer.concat([header(r, [1, 0, 0, 0]), long, Buffer.from([0, 0, 1, 0, 1])]);
    }
    case 7: {
      // OPT with a length past the end, or an ECS option with impossible sizes.
      const q = validQuery(r, true);
      q.writeUInt16BE(r.int(65536), q.length - 2);
      const ecs = Buffer.from([0, 8, 0, r.int(40), 0, r.int(4), r.int(255), r.int(255), 10, 0, 2]);
      return Buffer.concat([q, ecs]);
    }
    case 8: {
      // A response (QR set) or another opcode: never answered as a query / NOTIMP.
      const q = validQuery(r, false);
      q.writeUInt16BE(r.int(2) ? 0x8180 : (r.int(15) + 1) << 11, 2);
      return q;
    }
    case 9:
      // Two OPT records, or an OPT with a non-root owner.
      return Buffer.concat([
        validQuery(r, true),
        Buffer.from([r.int(2) ? 0 : 1, 0x61, 0, 0, 41, 16, 0, 0, 0, 0, 0, 0, 0]),
      ]);
    case 10: {
      // Random bytes after a valid header with a question count of 1.
      return Buffer.concat([header(r, [1, r.int(3), r.int(3), r.int(3)]), r.bytes(r.int(300))]);
    }
    default: {
      // Reserved label types (0x40, 0x80) in the question.
      const q = validQuery(r, false);
      q[12] = r.int(2) ? 0x40 | r.int(63) : 0x80 | r.int(63);
      return q;
    }
  }
}

export interface FuzzResult {
  sent: number;
  probes: number;
  answeredProbes: number;
}

/**
 * Sends `count` fuzz packets at a resolver in rounds of `round`, and after each round one valid query that
 * must be answered: so the resolver is shown to keep answering throughout, not just at the end.
 */
export async function fuzzResolver(
  port: number,
  count: number,
  o: {
    seed?: number;
    round?: number;
    host?: string;
    probeName?: string;
    onRound?: (sent: number) => void;
  } = {},
): Promise<FuzzResult> {
  const r = new Rng(o.seed ?? 0x9e3779b9);
  const host = o.host ?? '127.0.0.1';
  const round = o.round ?? 500;
  // The resolver answers most fuzz packets too: with the default receive buffer (about 200 KB) a round's
  // answers can fill it while this process waits for the CPU, and the probe's answer, which comes last, is
  // the one the kernel drops.
  const sock = dgram.createSocket({ type: 'udp4', recvBufferSize: 4 << 20 });
  await new Promise<void>((res) => sock.bind(0, '127.0.0.1', () => res()));
  const waiting = new Map<number, { question: Buffer; done: () => void }>();
  sock.on('message', (m) => {
    if (m.length < 12) return;
    const w = waiting.get(m.readUInt16BE(0));
    // A probe's answer: a response to the same question (a fuzz answer may share the id by chance).
    if (w && m[2]! & 0x80 && m.subarray(12, 12 + w.question.length).equals(w.question)) w.done();
  });
  const result: FuzzResult = { sent: 0, probes: 0, answeredProbes: 0 };
  let probeId = 0;
  try {
    while (result.sent < count) {
      const n = Math.min(round, count - result.sent);
      for (let i = 0; i < n; i++) sock.send(fuzzPacket(r), port, host);
      result.sent += n;
      // Probe ids live in their own range so a fuzz answer cannot be taken for one.
      const id = 0xf000 | (probeId++ & 0x0fff);
      const probe = dnsPacket.encode({
        id,
        type: 'query',
        flags: dnsPacket.RECURSION_DESIRED,
        questions: [{ name: o.probeName ?? 'casino-spins.example', type: 'A' }],
      });
      result.probes++;
      const answered = await new Promise<boolean>((res) => {
        const timer = setTimeout(() => res(false), 5000);
        waiting.set(id, {
          question: probe.subarray(12),
          done: () => {
            clearTimeout(timer);
            res(true);
          },
        });
        sock.send(probe, port, host);
      });
      waiting.delete(id);
      if (answered) result.answeredProbes++;
      o.onRound?.(result.sent);
    }
  } finally {
    sock.close();
  }
  return result;
}
