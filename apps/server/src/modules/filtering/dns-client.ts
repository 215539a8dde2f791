import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';

/**
 * A one-question DNS client over UDP that sends from a chosen source address: the self-test queries the
 * running resolver as each group by sending from the group's loopback address (clarification 3).
 */
export interface Answer {
  rcode: string;
  /** A and AAAA addresses, and CNAME targets, in answer order. */
  answers: { type: string; data: string }[];
}

export function query(
  server: { host: string; port: number },
  name: string,
  o: { type?: 'A' | 'AAAA'; from?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const id = randomInt(65536);
  const msg = dnsPacket.encode({
    id,
    type: 'query',
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type: o.type ?? 'A', class: 'IN' }],
  });
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket(server.host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => {
      s.close();
      reject(new Error(`no answer from ${server.host}:${server.port} for ${name}`));
    }, o.timeoutMs ?? 3000);
    s.on('error', (err) => {
      clearTimeout(timer);
      s.close();
      reject(err);
    });
    s.on('message', (m) => {
      let p: ReturnType<typeof dnsPacket.decode>;
      try {
        p = dnsPacket.decode(m);
      } catch {
        return; // not an answer we can read: wait for the real one
      }
      if (p.id !== id) return;
      clearTimeout(timer);
      s.close();
      const rcode = (p as { rcode?: string }).rcode ?? 'NOERROR';
      resolve({
        rcode,
        answers: (p.answers ?? [])
          .filter((a) => a.type === 'A' || a.type === 'AAAA' || a.type === 'CNAME')
          .map((a) => ({ type: a.type, data: String((a as { data: unknown }).data) })),
      });
    });
    s.bind(0, o.from, () => s.send(msg, server.port, server.host));
  });
}
