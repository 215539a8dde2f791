import 'reflect-metadata';
import { webcrypto, createPrivateKey, randomBytes } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { AppContext } from '../../context.js';
import { open, seal } from '../../lib/crypto.js';
import { iso } from '../../lib/time.js';

/**
 * The block page's certificate authority (clarification 15): generated and stored on first start (the key
 * sealed under the master key), downloadable for the IT provider to deploy to school devices. For each name
 * a blocked HTTPS request asks for, a short-lived certificate is minted from it, so a device that trusts the
 * CA sees the block page; other devices see a certificate warning, which is all DNS filtering can do.
 *
 * @peculiar/x509 over node-forge: it signs with Node's native WebCrypto (ECDSA P-256: fast key generation
 * and signing, small certificates) and ships its own types; node-forge signs in JavaScript, RSA only.
 */
type Key = webcrypto.CryptoKey;
type KeyPair = webcrypto.CryptoKeyPair;
// One overload takes the Crypto object alone; its type is the DOM's Crypto, which this project's types may or
// may not declare, so the call goes through a signature of our own rather than guessing which overload TS picks.
const setCryptoProvider = x509.cryptoProvider.set.bind(x509.cryptoProvider) as unknown as (
  value: webcrypto.Crypto,
) => unknown;
setCryptoProvider(webcrypto);
const subtle = webcrypto.subtle;
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const CA_ID = 'block-page';
const AAD = 'filter-block-ca';
const LEAF_DAYS = 30;

export interface BlockCa {
  certPem: string;
  cert: x509.X509Certificate;
  key: Key;
}

let loading: WeakMap<AppContext, Promise<BlockCa>> = new WeakMap();

/** The installation's CA, created the first time it is needed. */
export function blockCa(ctx: AppContext): Promise<BlockCa> {
  let p = loading.get(ctx);
  if (!p) {
    p = loadOrCreate(ctx).catch((err: unknown) => {
      loading.delete(ctx);
      throw err;
    });
    loading.set(ctx, p);
  }
  return p;
}

/** For tests: forget cached CAs. */
export function resetBlockCaCache(): void {
  loading = new WeakMap();
}

async function importKey(pkcs8Pem: string): Promise<Key> {
  const der = createPrivateKey(pkcs8Pem).export({ type: 'pkcs8', format: 'der' });
  return subtle.importKey('pkcs8', der, EC, false, ['sign']);
}

async function loadOrCreate(ctx: AppContext): Promise<BlockCa> {
  const row = await ctx.db
    .selectFrom('filter_block_ca')
    .selectAll()
    .where('id', '=', CA_ID)
    .executeTakeFirst();
  if (row) {
    const keyPem = open(ctx.masterKey, row.key_enc, AAD).toString('utf8');
    return {
      certPem: row.cert_pem,
      cert: new x509.X509Certificate(row.cert_pem),
      key: await importKey(keyPem),
    };
  }
  const keys = await subtle.generateKey(EC, true, ['sign', 'verify']);
  const now = ctx.clock.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name: `CN=Harbour block page CA ${randomBytes(3).toString('hex')}, O=Harbour`,
    notBefore: new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + 10 * 365 * 86_400_000),
    signingAlgorithm: SIGN,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END PRIVATE KEY-----\n`;
  const certPem = cert.toString('pem');
  // Two processes starting at once: the first insert wins and both use the stored one.
  await ctx.db
    .insertInto('filter_block_ca')
    .values({ id: CA_ID, cert_pem: certPem, key_enc: seal(ctx.masterKey, keyPem, AAD), created_at: iso(now) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const stored = await ctx.db
    .selectFrom('filter_block_ca')
    .selectAll()
    .where('id', '=', CA_ID)
    .executeTakeFirstOrThrow();
  if (stored.cert_pem !== certPem) return loadOrCreate(ctx);
  return { certPem, cert, key: keys.privateKey };
}

export interface LeafCert {
  certPem: string;
  keyPem: string;
}

/** One key pair for every leaf (it never leaves the process); certificates are per name. */
let leafKeys: Promise<{ keys: KeyPair; pem: string }> | null = null;
async function leafKeyPair() {
  leafKeys ??= (async () => {
    const keys = await subtle.generateKey(EC, true, ['sign', 'verify']);
    const der = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
    return {
      keys,
      pem: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
        .export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    };
  })();
  return leafKeys;
}

/** A certificate for `name` signed by the CA (30 days; browsers refuse longer than 398). */
export async function mintLeaf(ctx: AppContext, name: string): Promise<LeafCert> {
  const ca = await blockCa(ctx);
  const { keys, pem } = await leafKeyPair();
  const now = ctx.clock.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex'),
    subject: `CN=${name}`,
    issuer: ca.cert.subject,
    notBefore: new Date(now.getTime() - 3_600_000),
    notAfter: new Date(now.getTime() + LEAF_DAYS * 86_400_000),
    signingAlgorithm: SIGN,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: name }]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  return { certPem: `${cert.toString('pem')}\n${ca.certPem}`, keyPem: pem };
}
