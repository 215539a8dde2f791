import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';

/**
 * Test helpers over real loopback sockets: an upstream DNS server we control (never a public resolver), and
 * a client that can send from any 127.0.0.x address (so tests form groups from source addresses).
 */
export interface UpstreamBehaviour {
  /** Answer for a question; null: do not answer at all (a dead upstream). */
  answer(q: dnsPacket.Question): Partial<dnsPacket.Packet> | null;
  /** Set TC on UDP answers larger than this (then the resolver must come back over TCP). */
  udpLimit?: number;
  /** Hold each UDP answer this long (so that later queries arrive while earlier ones are upstream). */
  delayMs?: number;
}

export interface TestUpstream {
  port: number;
  host: string;
  queries: { name: string; type: string; transport: 'udp' | 'tcp' }[];
  close(): Promise<void>;
}

export const defaultAnswer =
  (address = '192.0.2.1', ttl = 300) =>
  (q: dnsPacket.Question): Partial<dnsPacket.Packet> =>
    q.type === 'A'
      ? { answers: [{ name: q.name, type: 'A', class: 'IN', ttl, data: address }] }
      : q.type === 'AAAA'
        ? { answers: [{ name: q.name, type: 'AAAA', class: 'IN', ttl, data: '2001:db8::1' }] }
        : { answers: [] };

export async function startUpstream(b: UpstreamBehaviour, host = '127.0.0.1'): Promise<TestUpstream> {
  const queries: TestUpstream['queries'] = [];
  const respond = (msg: Buffer, transport: 'udp' | 'tcp'): Buffer | null => {
    const req = dnsPacket.decode(msg);
    const q = req.questions![0]!;
    queries.push({ name: q.name, type: q.type, transport });
    const a = b.answer(q);
    if (!a) return null;
    let out = dnsPacket.encode({
      id: req.id,
      type: 'response',
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (a.flags ?? 0),
      questions: req.questions,
      answers: a.answers ?? [],
      authorities: a.authorities ?? [],
      additionals: [
        ...(a.additionals ?? []),
        { type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 0, options: [] } as never,
      ],
    });
    if (transport === 'udp' && b.udpLimit !== undefined && out.length > b.udpLimit) {
      out = dnsPacket.encode({
        id: req.id,
        type: 'response',
        flags: dnsPacket.TRUNCATED_RESPONSE,
        questions: req.questions,
      });
    }
    return out;
  };
  const udp = dgram.createSocket('udp4');
  udp.on('message', (msg, r) => {
    const out = respond(msg, 'udp');
    if (!out) return;
    if (b.delayMs) setTimeout(() => udp.send(out, r.port, r.address), b.delayMs);
    else udp.send(out, r.port, r.address);
  });
  await new Promise<void>((r) => udp.bind(0, host, () => r()));
  const port = udp.address().port;
  const tcp = net.createServer((sock) => {
    let buf = Buffer.alloc(0);
    sock.on('error', () => {});
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
        buf = buf.subarray(2 + msg.length);
        const out = respond(msg, 'tcp');
        if (out) sock.write(Buffer.concat([Buffer.from([out.length >> 8, out.length & 255]), out]));
      }
    });
  });
  await new Promise<void>((r) => tcp.listen(port, host, () => r()));
  return {
    port,
    host,
    queries,
    close: () =>
      new Promise<void>((r) => {
        udp.close();
        tcp.close(() => r());
      }),
  };
}

export interface QueryOptions {
  /** Send from this loopback address (127.0.0.0/8 is all local on Linux). */
  from?: string;
  tcp?: boolean;
  /** Add an OPT record with this UDP size (EDNS0). */
  edns?: number;
  timeoutMs?: number;
  id?: number;
}

/** What tests read of a decoded answer (dns-packet's own types leave out rcode and per-type fields). */
export interface Decoded {
  id?: number;
  flags?: number;
  rcode?: string;
  questions?: { name: string; type: string }[];
  answers?: { name: string; type: string; ttl?: number; data?: unknown }[];
  additionals?: { name: string; type: string }[];
}

/** One query to the resolver; resolves with the decoded answer and the raw bytes. */
export async function ask(
  port: number,
  name: string,
  qtype: string = 'A',
  o: QueryOptions = {},
  host = '127.0.0.1',
): Promise<{ packet: Decoded; raw: Buffer }> {
  const type = qtype as dnsPacket.RecordType;
  const id = o.id ?? Math.floor(Math.random() * 65536);
  const msg = dnsPacket.encode({
    id,
    type: 'query',
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type, class: 'IN' }],
    additionals: o.edns
      ? [{ type: 'OPT', name: '.', udpPayloadSize: o.edns, flags: 0, options: [] } as never]
      : [],
  });
  const raw = o.tcp ? await overTcp(port, host, msg, o) : await overUdp(port, host, msg, o);
  return { packet: dnsPacket.decode(raw), raw };
}

function overUdp(port: number, host: string, msg: Buffer, o: QueryOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      s.close();
      reject(new Error('no answer'));
    }, o.timeoutMs ?? 3000);
    s.on('message', (m) => {
      clearTimeout(timer);
      s.close();
      resolve(m);
    });
    s.bind(0, o.from ?? '127.0.0.1', () => s.send(msg, port, host));
  });
}

function overTcp(port: number, host: string, msg: Buffer, o: QueryOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host, localAddress: o.from ?? '127.0.0.1' });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error('no answer'));
    }, o.timeoutMs ?? 3000);
    s.on('error', reject);
    s.on('connect', () => s.write(Buffer.concat([Buffer.from([msg.length >> 8, msg.length & 255]), msg])));
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        clearTimeout(timer);
        s.destroy();
        resolve(buf.subarray(2, 2 + buf.readUInt16BE(0)));
      }
    });
  });
}
