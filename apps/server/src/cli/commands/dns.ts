import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseHostPort, startNode } from '@harbour/dns';

const Flags = z.object({
  server: z.url({ protocol: /^https?$/ }),
  token: z.string().min(16, 'a node token (at least 16 characters)'),
  listen: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(5300),
  upstream: z.string().min(1, 'at least one upstream resolver (host or host:port)'),
  'state-dir': z.string().default(path.resolve('data', 'dns-node')),
  name: z.string().min(1).max(100).default(os.hostname()),
  'poll-seconds': z.coerce.number().int().min(5).max(3600).default(30),
  'cache-mb': z.coerce.number().min(0).max(4096).default(16),
});

const USAGE = `usage: harbour dns --server URL --token TOKEN --upstream HOST[:PORT][,...]
                   [--listen ADDR[,ADDR...]] [--port 5300] [--state-dir DIR] [--name NAME] [--poll-seconds 30]
                   [--cache-mb 16]
The token may also come from HARBOUR_DNS_TOKEN (keeps it out of the process list), the answer cache's
memory bound in MiB from HARBOUR_DNS_CACHE_MB.`;

/**
 * `harbour dns`: a standalone filtering resolver node (docs/filtering-policy.md). It needs no database:
 * it pulls the compiled policy from the server, keeps the last good one in --state-dir, and pushes its
 * query log back.
 */
export async function run(args: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: Object.fromEntries(Object.keys(Flags.shape).map((k) => [k, { type: 'string' }])),
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const parsed = Flags.safeParse({
    ...values,
    token: values.token ?? process.env.HARBOUR_DNS_TOKEN,
    'cache-mb': values['cache-mb'] ?? process.env.HARBOUR_DNS_CACHE_MB,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`);
    console.error(`harbour dns: bad options\n${lines.join('\n')}\n${USAGE}`);
    return 2;
  }
  const f = parsed.data;
  const log = {
    info: (o: object, m?: string) => console.log(m ?? '', JSON.stringify(o)),
    warn: (o: object, m?: string) => console.warn(m ?? '', JSON.stringify(o, errors)),
    error: (o: object, m?: string) => console.error(m ?? '', JSON.stringify(o, errors)),
  };
  const node = await startNode({
    server: f.server,
    token: f.token,
    stateDir: path.resolve(f['state-dir']),
    name: f.name,
    listen: f.listen.split(',').map((host) => ({ host: host.trim(), port: f.port })),
    upstreams: f.upstream.split(',').map((u) => parseHostPort(u, 53)),
    pollMs: f['poll-seconds'] * 1000,
    cache: { maxBytes: Math.round(f['cache-mb'] * 2 ** 20) },
    log,
  });
  const where = node.resolver.addresses.map((a) => `${a.host}:${a.port}`).join(', ');
  console.log(
    node.resolver.state.prepared
      ? `harbour dns: answering on ${where} with stored policy version ${node.resolver.state.version}`
      : `harbour dns: answering on ${where}; refusing queries until the first policy arrives from ${f.server}`,
  );
  const stop = async () => {
    await node.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return 0;
}

/** JSON.stringify replacer that keeps an Error's message. */
function errors(_key: string, v: unknown): unknown {
  return v instanceof Error ? { message: v.message } : v;
}
