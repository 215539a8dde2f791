import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { addon, loadError } from '@harbour/seal';
import { describe, expect, it } from 'vitest';
import { open, openText, seal, sealPath, sealWithNode } from './crypto.js';

/** A value sealed by the code before the addon (node:crypto, 2026-12-04), with its key and associated data. */
const OLD = {
  key: Buffer.from('AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o=', 'base64'),
  aad: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  text: '{"text":null,"url":"https://www.google.com/search?q=caf%C3%A9+%C5%BC%C3%B3%C5%82w","search":"café żółw"}',
  sealed:
    'v1.uTLILfOgQG9N4aHBLkW1p7_EIHbgn6V39aaQN9I7I2pnpjh3rwA4gntzcl8SQU4wOXnf-JU4xuFzUhKMW1yf_Cck4Xom3gRuvF78UpBh6AeXhoClc3Sld3fSp79ezio7b_rPeTDKO1rS4quPo-7a2YDIyUQd4vE71F4NgbUYH2g2zf5L1921kg',
};

const parts = (sealed: string) => {
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  return { raw, iv: raw.subarray(0, 12), tag: raw.subarray(12, 28), ct: raw.subarray(28) };
};
const flip = (sealed: string, at: number) => {
  const { raw } = parts(sealed);
  raw[at] = raw[at]! ^ 1;
  return 'v1.' + raw.toString('base64url');
};

describe('sealing through the addon', () => {
  it('is the path taken on Linux (a missing build would silently cost ten times the CPU)', () => {
    if (process.platform !== 'linux') return;
    expect(loadError).toBeNull();
    expect(sealPath).toBe('addon');
    expect(addon?.openssl).toMatch(/^OpenSSL 3\./);
  });

  it('opens what node:crypto sealed before it (v1), and writes the same format', () => {
    expect(openText(OLD.key, OLD.sealed, OLD.aad)).toBe(OLD.text);
    const mine = seal(OLD.key, OLD.text, OLD.aad);
    expect(mine.startsWith('v1.')).toBe(true);
    expect(parts(mine).raw.length).toBe(parts(OLD.sealed).raw.length);
    expect(openText(OLD.key, mine, OLD.aad)).toBe(OLD.text);
  });

  it('round-trips strings of every length around its buffers, multi-byte text, bytes and empty values', () => {
    const key = randomBytes(32);
    const texts = ['', 'a', 'what the child said', '\u{1F600}', 'x\uD800y' /* a lone surrogate */];
    // Byte lengths either side of each size its scratch buffer grows through, smallest first, ending in
    // characters of one to four bytes (its first read stops short of a character that does not fit).
    for (const edge of [1024, 2048, 4096])
      for (let bytes = edge - 8; bytes <= edge + 4; bytes++)
        for (const unit of ['a', 'é', '€', '\u{1F600}'])
          texts.push('b'.repeat(bytes - Buffer.byteLength(unit)) + unit);
    texts.push('z'.repeat(70_000) + '€'.repeat(5_000));
    for (const [i, t] of texts.entries()) {
      const s = seal(key, t, `id-${i}`);
      // Exactly the bytes node:crypto would have encrypted (Buffer.from's UTF-8, U+FFFD for a lone surrogate).
      expect(open(key, s, `id-${i}`).equals(Buffer.from(t))).toBe(true);
      expect(parts(s).ct.length).toBe(Buffer.byteLength(t));
    }
    const bytes = randomBytes(3000);
    expect(open(key, seal(key, bytes, 'b'), 'b').equals(bytes)).toBe(true);
    expect(openText(key, seal(key, 'no associated data'), '')).toBe('no associated data');
    expect(openText(key, seal(key, 'aad é', 'é-id'), 'é-id')).toBe('aad é');
  });

  it('refuses a wrong key, another record, and any change to the IV, tag or text', () => {
    const key = randomBytes(32);
    for (const s of [
      seal(key, 'what the child said', 'event-1'),
      sealWithNode(key, 'what the child said', 'event-1'),
    ]) {
      expect(openText(key, s, 'event-1')).toBe('what the child said');
      expect(() => open(randomBytes(32), s, 'event-1')).toThrow();
      expect(() => open(key, s, 'event-2')).toThrow();
      expect(() => open(key, s, '')).toThrow();
      for (const at of [0, 11, 12, 27, 28, parts(s).raw.length - 1])
        expect(() => open(key, flip(s, at), 'event-1')).toThrow();
      const { iv, tag, ct } = parts(s);
      // A cut tag (GCM would take 4-15 bytes) and a value too short to hold one are refused.
      const short = 'v1.' + Buffer.concat([iv, tag.subarray(0, 8)]).toString('base64url');
      expect(() => open(key, short, 'event-1')).toThrow();
      expect(() =>
        open(key, 'v1.' + Buffer.concat([iv, tag.subarray(0, 12), ct]).toString('base64url'), 'event-1'),
      ).toThrow();
      expect(() => open(key, 'v2.' + s.slice(3), 'event-1')).toThrow(/unknown sealed format/);
    }
  });

  it('never uses an IV twice, across refills of its IV pool and changes of key', () => {
    const keys = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const ivs = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const key = keys[i % 3]!;
      const s = seal(key, `event ${i}`, `e${i}`);
      ivs.add(parts(s).iv.toString('hex'));
      expect(openText(key, s, `e${i}`)).toBe(`event ${i}`);
    }
    expect(ivs.size).toBe(3000);
  });

  it('refuses a key that is not 32 bytes, as node:crypto does', () => {
    expect(() => seal(randomBytes(16), 'x', 'a')).toThrow();
    expect(() => sealWithNode(randomBytes(16), 'x', 'a')).toThrow();
  });

  it('seals in a worker thread with its own cipher context, opened on this one', async () => {
    if (!addon) return;
    const key = randomBytes(32);
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      import(workerData.url).then(({ addon }) => {
        const out = [];
        for (let i = 0; i < 700; i++) out.push(addon.seal(workerData.key, 'from the worker ' + i, 'w' + i));
        parentPort.postMessage(out);
      });`;
    const url = new URL('../../../../packages/seal/index.js', import.meta.url).href;
    const worker = new Worker(code, { eval: true, workerData: { key, url } });
    const sealed = await new Promise<string[]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(sealed).toHaveLength(700);
    sealed.forEach((s, i) => expect(openText(key, s, `w${i}`)).toBe(`from the worker ${i}`));
    // Both threads draw IVs from the same CSPRNG, never from one shared pool: no IV appears twice.
    const here = Array.from({ length: 700 }, (_, i) => parts(seal(key, 'here', `h${i}`)).iv.toString('hex'));
    expect(new Set([...here, ...sealed.map((s) => parts(s).iv.toString('hex'))]).size).toBe(1400);
  });
});
