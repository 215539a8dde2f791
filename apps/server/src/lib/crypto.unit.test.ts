import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintMatches, keyFingerprint, loadMasterKey, open, seal } from './crypto.js';

describe('envelope encryption', () => {
  it('seals and opens, and refuses a wrong key, wrong record or tampered text', () => {
    const key = randomBytes(32);
    const sealed = seal(key, 'what the child said', 'concern-1');
    expect(sealed).not.toContain('child');
    expect(open(key, sealed, 'concern-1').toString()).toBe('what the child said');
    expect(() => open(randomBytes(32), sealed, 'concern-1')).toThrow();
    expect(() => open(key, sealed, 'concern-2')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => open(key, 'v1.' + raw.toString('base64url'), 'concern-1')).toThrow();
  });

  it('never uses an IV twice, across refills of the IV pool', () => {
    const key = randomBytes(32);
    const ivs = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const sealed = seal(key, `event ${i}`, `e${i}`);
      ivs.add(Buffer.from(sealed.slice(3), 'base64url').subarray(0, 12).toString('hex'));
      expect(open(key, sealed, `e${i}`).toString()).toBe(`event ${i}`);
    }
    expect(ivs.size).toBe(2000);
  });

  it('creates the master key file once, readable only by its owner', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-key-'));
    const file = path.join(dir, 'sub', 'master.key');
    const a = loadMasterKey({ file, create: true });
    const b = loadMasterKey({ file, create: true });
    expect(a.equals(b)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(() => loadMasterKey({ file: path.join(dir, 'missing.key'), create: false })).toThrow(/missing/);
    fs.rmSync(dir, { recursive: true });
  });

  it('fingerprints a key so a restore can refuse the wrong one', () => {
    const key = randomBytes(32);
    const fp = keyFingerprint(key);
    expect(fingerprintMatches(key, fp)).toBe(true);
    expect(fingerprintMatches(randomBytes(32), fp)).toBe(false);
  });
});
