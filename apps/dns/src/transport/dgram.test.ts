import { afterAll, describe, expect, it, vi } from 'vitest';
import { chooseUdpIo } from './batch.js';

// The resolver's loopback, reuse and fuzz tests once more on node:dgram, the path taken where the addon is
// not built (not Linux, no compiler) or HARBOUR_DNS_UDP_IO=dgram; in their own files they run on batch I/O.
vi.stubEnv('HARBOUR_DNS_UDP_IO', 'dgram');
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('HARBOUR_DNS_UDP_IO=dgram', () => {
  it('chooses node:dgram', () => {
    expect(chooseUdpIo()).toBe('dgram');
  });
});

await import('../resolver.test.js');
await import('./reuse.test.js');
await import('../fuzz.test.js');
