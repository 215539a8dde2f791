import { getServers } from 'node:dns';
import { parseHostPort, startResolver, type Resolver } from '@harbour/dns';
import type { AppContext } from '../context.js';
import type { DnsProviders } from './dns-providers.js';

/**
 * The `dns` service: the filtering resolver inside the harbour process, fed in-process by the filtering
 * module (dns-providers.ts). Upstreams default to the system's resolvers, minus our own address.
 */
export async function startDnsService(
  ctx: Pick<AppContext, 'config' | 'clock' | 'log'>,
  providers: DnsProviders,
  overrides: { port?: number; upstreams?: { host: string; port: number }[]; now?: () => number } = {},
): Promise<Resolver> {
  const c = ctx.config;
  const port = overrides.port ?? c.HARBOUR_DNS_PORT;
  const configured = c.HARBOUR_DNS_UPSTREAMS.map((u) => parseHostPort(u, 53));
  const system = getServers()
    .map((u) => parseHostPort(u, 53))
    .filter((u) => !(c.HARBOUR_DNS_LISTEN.includes(u.host) && u.port === port));
  const upstreams = overrides.upstreams ?? (configured.length > 0 ? configured : system);
  if (upstreams.length === 0)
    throw new Error('HARBOUR_DNS_UPSTREAMS: no upstream resolver configured or found');
  const resolver = await startResolver({
    listen: c.HARBOUR_DNS_LISTEN.map((host) => ({ host, port })),
    upstreams,
    policySource: providers.source,
    sink: providers.sink,
    nodeId: 'harbour',
    log: ctx.log,
    udpIo: c.HARBOUR_DNS_UDP_IO,
    cache: { maxBytes: Math.round(c.HARBOUR_DNS_CACHE_MB * 2 ** 20) },
    ...(overrides.now ? { now: overrides.now } : {}),
  });
  ctx.log.info(
    { listen: resolver.addresses, upstreams, policyVersion: resolver.state.version, udpIo: resolver.udpIo },
    'dns filtering resolver listening',
  );
  return resolver;
}
