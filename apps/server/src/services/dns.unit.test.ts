import { Resolver as DnsClient } from 'node:dns/promises';
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { systemClock } from '../lib/time.js';
import { startDnsService } from './dns.js';
import { demoDnsProviders } from './dns-providers.js';

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

describe('the dns service inside harbour', () => {
  let upstream: dgram.Socket;
  let stop: () => Promise<void>;
  const client = new DnsClient({ timeout: 2000, tries: 1 });

  beforeAll(async () => {
    // An upstream on loopback that answers every A question with 192.0.2.5 (never a public resolver).
    upstream = dgram.createSocket('udp4');
    upstream.on('message', (msg, r) => {
      const qEnd = msg.indexOf(0, 12) + 5;
      const out = Buffer.concat([
        msg.subarray(0, qEnd),
        Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 5]),
      ]);
      out.writeUInt16BE(0x8180, 2);
      out.writeUInt32BE(0x00010001, 4);
      out.writeUInt32BE(0, 8);
      upstream.send(out, r.port, r.address);
    });
    await new Promise<void>((r) => upstream.bind(0, '127.0.0.1', () => r()));
    const config = loadConfig({
      HARBOUR_DNS_PORT: '0',
      HARBOUR_DNS_UPSTREAMS: `127.0.0.1:${upstream.address().port}`,
    });
    const ctx = { config, clock: systemClock, log: quiet };
    const resolver = await startDnsService(ctx, demoDnsProviders(ctx));
    stop = () => resolver.close();
    client.setServers([`127.0.0.1:${resolver.addresses[0]!.port}`]);
  });
  afterAll(async () => {
    await stop();
    upstream.close();
  });

  it('serves a policy from its providers (the demo policy here)', async () => {
    // 127.0.0.1 is no demo subnet: the default group (guests) blocks gambling; the block page is 127.0.0.1.
    expect(await client.resolve4('casino-spins.example')).toEqual(['127.0.0.1']);
    expect(await client.resolve4('www.allowed.example')).toEqual(['192.0.2.5']);
    await expect(client.resolve4('use-application-dns.net')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
