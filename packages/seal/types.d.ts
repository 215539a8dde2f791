/** The types of index.js (the package's entry). */
export interface Seal {
  /**
   * AES-256-GCM under `key` (32 bytes) with a fresh random 12-byte IV and `aad` as associated data (strings as
   * UTF-8): "v1." + base64url(iv | tag(16) | ciphertext), the format node:crypto's path writes.
   */
  seal(key: Uint8Array, plaintext: string | Uint8Array, aad: string | Uint8Array): string;
  /** The OpenSSL it runs on (Node's own), e.g. "OpenSSL 3.0.19 27 Jan 2026". */
  readonly openssl: string;
}

/** The addon, or null where it could not be loaded (then `loadError` says why). */
export declare const addon: Seal | null;
export declare const loadError: Error | null;
