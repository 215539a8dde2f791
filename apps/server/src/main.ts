import { ConfigError, loadConfig, type Config } from './config.js';
import { createContext, flushAuditHead } from './bootstrap.js';
import { buildApp } from './http/app.js';
import { startWorker } from './worker.js';

/** Starts the services named in HARBOUR_SERVICES (web, worker, dns, block-page) and stops them cleanly on a signal. */
export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const ctx = await createContext({ config });
  const app = await buildApp(ctx, { logger: true });
  ctx.log = app.log;
  const stops: (() => Promise<void>)[] = [];
  if (config.HARBOUR_SERVICES.includes('worker')) stops.push(startWorker(ctx));
  if (config.HARBOUR_SERVICES.includes('dns')) {
    const { startDnsService } = await import('./services/dns.js');
    const { dnsProviders } = await import('./services/dns-providers.js');
    const resolver = await startDnsService(ctx, dnsProviders(ctx));
    const { registerResolverAddress } = await import('./modules/filtering/self-test.js');
    const at = resolver.addresses.find((a) => a.host.startsWith('127.')) ?? resolver.addresses[0]!;
    registerResolverAddress(ctx, { host: at.host === '0.0.0.0' ? '127.0.0.1' : at.host, port: at.port });
    stops.push(() => resolver.close());
  }
  if (config.HARBOUR_SERVICES.includes('block-page')) {
    const { startBlockPage } = await import('./modules/filtering/block-page.js');
    const { livePolicy } = await import('./modules/filtering/live.js');
    const stopWatch = livePolicy(ctx).watch();
    const page = await startBlockPage(ctx);
    ctx.log.info({ http: page.httpPort, https: page.httpsPort }, 'block page listening');
    stops.push(async () => {
      stopWatch();
      await page.close();
    });
  }
  if (config.HARBOUR_SERVICES.includes('web')) {
    await app.listen({ host: config.HARBOUR_HOST, port: config.HARBOUR_PORT });
    stops.push(() => app.close());
  }
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    for (const stop of stops) await stop();
    await flushAuditHead(ctx);
    await ctx.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
