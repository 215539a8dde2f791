import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import type { Resolver } from '@harbour/dns';
import type { AppContext } from '../../context.js';
import { dnsProviders } from '../../services/dns-providers.js';
import { startDnsService } from '../../services/dns.js';

/**
 * Test support: an upstream DNS server on loopback that we control (never a public resolver). Every A
 * question is answered with 192.0.2.x (x from the name, so answers differ per name), AAAA with 2001:db8::1,
 * and safe-search targets with their own address, so tests can tell upstream answers from block answers.
 */
export interface Upstream {
  host: string;
  port: number;
  close(): Promise<void>;
}

export const upstreamAddress = (name: string): string => {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 250;
  return `192.0.2.${h + 1}`;
};

export async function startUpstream(): Promise<Upstream> {
  const s = dgram.createSocket('udp4');
  s.on('message', (msg, r) => {
    let req: ReturnType<typeof dnsPacket.decode>;
    try {
      req = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const q = req.questions?.[0];
    if (!q) return;
    const answers =
      q.type === 'A'
        ? [{ name: q.name, type: 'A' as const, class: 'IN' as const, ttl: 60, data: upstreamAddress(q.name) }]
        : q.type === 'AAAA'
          ? [{ name: q.name, type: 'AAAA' as const, class: 'IN' as const, ttl: 60, data: '2001:db8::1' }]
          : [];
    const out = dnsPacket.encode({
      id: req.id,
      type: 'response',
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
      questions: req.questions,
      answers,
    });
    s.send(out, r.port, r.address);
  });
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  return { host: '127.0.0.1', port: s.address().port, close: () => new Promise((r) => s.close(() => r())) };
}

/**
 * Starts the in-process resolver on a free port. The resolver binds UDP on port 0, then TCP on the same
 * port, which another process may hold already: try again on another port then.
 */
export async function startTestResolver(
  ctx: AppContext,
  upstream: Upstream,
  now?: () => number,
): Promise<Resolver> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startDnsService(ctx, dnsProviders(ctx), {
        port: 0,
        upstreams: [upstream],
        ...(now ? { now } : {}),
      });
    } catch (err) {
      if (attempt >= 4 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
}
