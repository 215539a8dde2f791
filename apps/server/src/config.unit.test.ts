import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.HARBOUR_PORT).toBe(3000);
    expect(c.databaseUrl).toMatch(/^sqlite:.*harbour\.sqlite$/);
    expect(c.HARBOUR_SERVICES).toEqual(['web', 'worker', 'dns', 'block-page']);
    expect([c.HARBOUR_BLOCK_PAGE_PORT, c.HARBOUR_BLOCK_PAGE_TLS_PORT, c.HARBOUR_BLOCK_PAGE_ADDRESS]).toEqual([
      8080,
      8443,
      '127.0.0.1',
    ]);
    expect([c.HARBOUR_DNS_LISTEN, c.HARBOUR_DNS_PORT]).toEqual([['127.0.0.1'], 5300]);
    expect(c.HARBOUR_DNS_UDP_IO).toBe('auto');
    expect(() => loadConfig({ HARBOUR_DNS_UDP_IO: 'fast' })).toThrow(/HARBOUR_DNS_UDP_IO/);
    expect([c.HARBOUR_DNS_CACHE_MB, loadConfig({ HARBOUR_DNS_CACHE_MB: '4' }).HARBOUR_DNS_CACHE_MB]).toEqual([
      16, 4,
    ]);
    expect(() => loadConfig({ HARBOUR_DNS_CACHE_MB: '-1' })).toThrow(/HARBOUR_DNS_CACHE_MB/);
    expect(loadConfig({ HARBOUR_DNS_UPSTREAMS: '10.0.0.53, [::1]:5353' }).HARBOUR_DNS_UPSTREAMS).toEqual([
      '10.0.0.53',
      '[::1]:5353',
    ]);
    expect(() => loadConfig({ HARBOUR_DNS_UPSTREAMS: 'dns.example:53' })).toThrow(/HARBOUR_DNS_UPSTREAMS/);
    expect(c.cookieSecure).toBe(false);
    expect(loadConfig({ HARBOUR_PUBLIC_URL: 'https://harbour.school.example' }).cookieSecure).toBe(true);
  });

  it('names each bad variable and what is wrong with it', () => {
    expect(() => loadConfig({ HARBOUR_PORT: 'eighty', HARBOUR_DATABASE_URL: 'mysql://x' })).toThrow(
      ConfigError,
    );
    let msg = '';
    try {
      loadConfig({ HARBOUR_PORT: '70000', HARBOUR_SERVICES: 'web,mail', HARBOUR_MASTER_KEY: 'short' });
    } catch (err) {
      msg = (err as Error).message;
    }
    expect(msg).toMatch(/HARBOUR_PORT/);
    expect(msg).toMatch(/HARBOUR_SERVICES/);
    expect(msg).toMatch(/HARBOUR_MASTER_KEY: must be 32 bytes/);
  });

  it('stops start-up with a message and a non-zero exit on a bad value', () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    const res = spawnSync(tsx, ['apps/server/src/cli/index.ts', 'start'], {
      env: { PATH: process.env.PATH, HARBOUR_PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/HARBOUR_PORT/);
  });
});
