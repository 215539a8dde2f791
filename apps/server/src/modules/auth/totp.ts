import { createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import type { AppContext } from '../../context.js';
import { openText, seal } from '../../lib/crypto.js';

/**
 * TOTP (RFC 6238, 30 s steps, 6 digits, SHA-1: what every authenticator app reads) for every role whose
 * permissions are sensitive (clarification 9). Secrets are sealed at rest under a key derived from the master
 * key; recovery codes are stored as keyed hashes, so a copy of the database alone reveals neither.
 */
const STEP_SECONDS = 30;
const RECOVERY_CODES = 10;
// No 0/O, 1/l/I: codes are read off paper.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function subkey(ctx: AppContext, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ctx.masterKey, Buffer.alloc(0), `harbour:${purpose}`, 32));
}

export function sealTotpSecret(ctx: AppContext, accountId: string, secret: string): string {
  return seal(subkey(ctx, 'totp-secret'), secret, `totp:${accountId}`);
}

export function openTotpSecret(ctx: AppContext, accountId: string, sealed: string): string {
  return openText(subkey(ctx, 'totp-secret'), sealed, `totp:${accountId}`);
}

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export interface Enrolment {
  secret: string;
  otpauthUrl: string;
  /** The QR code of otpauthUrl as a data: URL (SVG), for an <img>. */
  qrCode: string;
}

export async function enrolmentFor(
  secret: string,
  username: string,
  schoolName: string | null,
): Promise<Enrolment> {
  const issuer = schoolName ? `Harbour (${schoolName})` : 'Harbour';
  const otpauthUrl = authenticator.keyuri(username, issuer, secret);
  const svg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUrl, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * The time step a code belongs to (one step of clock drift either way), or null if it is wrong or not later
 * than the last step accepted (a code is good once).
 */
export function acceptedStep(
  ctx: AppContext,
  secret: string,
  code: string,
  lastStep: number | null,
): number | null {
  const now = ctx.clock.now().getTime();
  const checker = authenticator.clone({ epoch: now, window: 1, step: STEP_SECONDS });
  const delta = checker.checkDelta(code.replace(/\s+/g, ''), secret);
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / STEP_SECONDS) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

const normaliseRecovery = (code: string): string => code.toLowerCase().replace(/[^a-z0-9]/g, '');

function recoveryHash(ctx: AppContext, code: string): string {
  return createHmac('sha256', subkey(ctx, 'recovery-code')).update(normaliseRecovery(code)).digest('hex');
}

/** Ten fresh codes to show once, and the JSON of their hashes to store. */
export function newRecoveryCodes(ctx: AppContext): { codes: string[]; stored: string } {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
  return { codes, stored: JSON.stringify(codes.map((c) => recoveryHash(ctx, c))) };
}

/** Uses up one recovery code: the stored JSON without it, or null if it matches none. */
export function useRecoveryCode(
  ctx: AppContext,
  stored: string | null,
  code: string,
): { stored: string; remaining: number } | null {
  const hashes = stored ? (JSON.parse(stored) as string[]) : [];
  const h = Buffer.from(recoveryHash(ctx, code), 'hex');
  const index = hashes.findIndex((x) => {
    const b = Buffer.from(x, 'hex');
    return b.length === h.length && timingSafeEqual(b, h);
  });
  if (index < 0) return null;
  const rest = hashes.filter((_, i) => i !== index);
  return { stored: JSON.stringify(rest), remaining: rest.length };
}
