import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Envelope encryption (clarification 12): a master key (env or a 0600 file made at first start)
 * wraps one data key per school; narratives are sealed with AES-256-GCM under the school key.
 * Sealed format: "v1." + base64url(iv(12) | tag(16) | ciphertext).
 */

/**
 * The sealing addon (`packages/seal`: the same AES-256-GCM and format through the OpenSSL Node carries, one
 * cipher context per thread re-initialised with each fresh IV, about a tenth of node:crypto's cost, which makes
 * a new cipher for every IV). Loaded by a dynamic import so that a missing package, like a missing build, only
 * means sealing with node:crypto.
 */
const addon = await import('@harbour/seal').then(
  (m) => m.addon,
  () => null,
);
/** Which path `seal` takes here: 'addon' or 'node:crypto' (the addon could not be loaded). */
export const sealPath: 'addon' | 'node:crypto' = addon ? 'addon' : 'node:crypto';

// IVs drawn from the system's CSPRNG 4 KiB at a time (one call per 341 seals instead of one each: ingestion
// seals every event); each 12 bytes are used once and the pool is never reused.
let ivPool = Buffer.alloc(0);
let ivAt = 0;
function freshIv(): Buffer {
  if (ivAt + 12 > ivPool.length) {
    ivPool = randomBytes(4096);
    ivAt = 0;
  }
  return ivPool.subarray(ivAt, (ivAt += 12));
}

/** Seals with node:crypto: a new cipher per IV. `seal` uses it where the addon is missing. */
export function sealWithNode(key: Buffer, plaintext: Buffer | string, aad = ''): string {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return 'v1.' + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
}

/** AES-256-GCM under `key` with a fresh random IV and `aad` (the record's id) as associated data: "v1.…". */
export const seal: (key: Buffer, plaintext: Buffer | string, aad?: string) => string = addon
  ? (key, plaintext, aad = '') => addon.seal(key, plaintext, aad)
  : sealWithNode;

export function open(key: Buffer, sealed: string, aad = ''): Buffer {
  if (!sealed.startsWith('v1.')) throw new Error('unknown sealed format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  // Every v1 value has a full 16-byte tag: a shorter one (which GCM would accept) is refused.
  if (raw.length < 28) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

export const openText = (key: Buffer, sealed: string, aad = ''): string =>
  open(key, sealed, aad).toString('utf8');

/** Loads the master key from config, or from its file, creating the file (mode 0600) on first start. */
export function loadMasterKey(opts: {
  keyBase64?: string | undefined;
  file: string;
  create: boolean;
}): Buffer {
  if (opts.keyBase64) return Buffer.from(opts.keyBase64, 'base64');
  if (fs.existsSync(opts.file)) {
    const key = Buffer.from(fs.readFileSync(opts.file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`master key file ${opts.file} does not hold 32 bytes of base64`);
    return key;
  }
  if (!opts.create) throw new Error(`master key file ${opts.file} is missing`);
  fs.mkdirSync(path.dirname(opts.file), { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(opts.file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/** A short fingerprint of the master key, stored with backups so restore can refuse a mismatched key. */
export function keyFingerprint(key: Buffer): string {
  return seal(key, 'harbour-key-check', 'fingerprint');
}

export function fingerprintMatches(key: Buffer, fingerprint: string): boolean {
  try {
    return openText(key, fingerprint, 'fingerprint') === 'harbour-key-check';
  } catch {
    return false;
  }
}
