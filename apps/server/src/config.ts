import { z } from 'zod';
import path from 'node:path';

/** Every setting Harbour reads, from the environment (see .env.example, which documents each line). */
const minutes = (d: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(d);

const count = (d: number) => z.coerce.number().int().min(1).max(10_000).default(d);

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const UPSTREAM = /^(\[[0-9a-fA-F:.]+\]|[0-9.]+|[0-9a-fA-F:]+)(:\d{1,5})?$/;

export const ConfigSchema = z
  .object({
    HARBOUR_DATA_DIR: z.string().min(1).default('./data'),
    HARBOUR_DATABASE_URL: z
      .string()
      .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: or postgres://')
      .optional(),
    HARBOUR_HOST: z.string().min(1).default('127.0.0.1'),
    HARBOUR_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HARBOUR_PUBLIC_URL: z.url().optional(),
    HARBOUR_SERVICES: z
      .string()
      .default('web,worker,dns,block-page')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(['web', 'worker', 'dns', 'block-page'])).min(1)),
    HARBOUR_MASTER_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
      .optional(),
    HARBOUR_MASTER_KEY_FILE: z.string().optional(),
    HARBOUR_TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    HARBOUR_IDLE_LOCK_SENSITIVE_MINUTES: minutes(15),
    HARBOUR_IDLE_LOCK_MINUTES: minutes(60),
    HARBOUR_SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 14)
      .default(12),
    // Sign-in throttling (policy 7.2, clarification 9): per account (or username) + address, then account-wide.
    HARBOUR_SIGNIN_WINDOW_MINUTES: minutes(15),
    HARBOUR_SIGNIN_DELAY_AFTER: count(3),
    HARBOUR_SIGNIN_LOCK_AFTER: count(10),
    HARBOUR_SIGNIN_LOCK_MINUTES: minutes(15),
    HARBOUR_SIGNIN_ACCOUNT_LOCK_AFTER: count(50),
    HARBOUR_SIGNIN_ACCOUNT_LOCK_MINUTES: minutes(60),
    HARBOUR_SIGNIN_ADDRESS_LOCK_AFTER: count(200),
    HARBOUR_INVITATION_DAYS: z.coerce.number().int().min(1).max(30).default(7),
    HARBOUR_RESET_LINK_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 7)
      .default(24),
    HARBOUR_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    HARBOUR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HARBOUR_SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    HARBOUR_MAIL_FROM: z.string().default('Harbour <harbour@localhost>'),
    HARBOUR_WEB_DIST: z.string().optional(),
    /** The filtering resolver (service dns): addresses to answer on, one port for UDP and TCP. */
    HARBOUR_DNS_LISTEN: z
      .string()
      .default('127.0.0.1')
      .transform(list)
      .pipe(z.array(z.union([z.ipv4(), z.ipv6()])).min(1)),
    HARBOUR_DNS_PORT: z.coerce.number().int().min(0).max(65535).default(5300),
    /** UDP I/O: batch (recvmmsg/sendmmsg, packages/udp-batch), dgram, or auto (batch where it was built). */
    HARBOUR_DNS_UDP_IO: z.enum(['auto', 'batch', 'dgram']).default('auto'),
    /** The answer cache's memory bound in MiB (answers plus ~640 bytes an entry; 0: no cache). */
    HARBOUR_DNS_CACHE_MB: z.coerce.number().min(0).max(4096).default(16),
    /** Upstream resolvers, host:port or host (port 53), comma-separated. Default: the system's resolvers. */
    HARBOUR_DNS_UPSTREAMS: z
      .string()
      .default('')
      .transform(list)
      .pipe(z.array(z.string().regex(UPSTREAM, 'host or host:port ([v6]:port)'))),
    // Filtering (issue 4): the block page's own listener (clarification 3: 8080 without root; 80/443 in
    // production via CAP_NET_BIND_SERVICE) and the address blocked names answer with by default.
    HARBOUR_BLOCK_PAGE_HOST: z.string().min(1).default('127.0.0.1'),
    HARBOUR_BLOCK_PAGE_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HARBOUR_BLOCK_PAGE_TLS_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
    HARBOUR_BLOCK_PAGE_ADDRESS: z.ipv4().default('127.0.0.1'),
    /** Where licensed illegal-content files (IWF, CTIRU) from the school's provider may be read from. */
    HARBOUR_LICENSED_LIST_DIR: z.string().optional(),
    /** Monitoring (issue 6): worker threads for ingestion's per-event work; 0 runs it on the main thread. */
    HARBOUR_INGEST_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.HARBOUR_SIGNIN_LOCK_AFTER <= c.HARBOUR_SIGNIN_DELAY_AFTER)
      ctx.addIssue({
        code: 'custom',
        path: ['HARBOUR_SIGNIN_LOCK_AFTER'],
        message: 'must be more than HARBOUR_SIGNIN_DELAY_AFTER',
      });
    // Clarification 9: the account-wide lock only at a higher count than one address's lock.
    if (c.HARBOUR_SIGNIN_ACCOUNT_LOCK_AFTER <= c.HARBOUR_SIGNIN_LOCK_AFTER)
      ctx.addIssue({
        code: 'custom',
        path: ['HARBOUR_SIGNIN_ACCOUNT_LOCK_AFTER'],
        message: 'must be more than HARBOUR_SIGNIN_LOCK_AFTER',
      });
  });

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config extends RawConfig {
  dataDir: string;
  databaseUrl: string;
  publicUrl: string;
  cookieSecure: boolean;
  masterKeyFile: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('HARBOUR_') && v !== undefined && v !== ''),
  );
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`Harbour cannot start: bad configuration\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.HARBOUR_DATA_DIR);
  const publicUrl = c.HARBOUR_PUBLIC_URL ?? `http://localhost:${c.HARBOUR_PORT}`;
  return {
    ...c,
    dataDir,
    databaseUrl: c.HARBOUR_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'harbour.sqlite')}`,
    publicUrl,
    cookieSecure:
      c.HARBOUR_COOKIE_SECURE === 'auto'
        ? publicUrl.startsWith('https:')
        : c.HARBOUR_COOKIE_SECURE === 'true',
    masterKeyFile: path.resolve(c.HARBOUR_MASTER_KEY_FILE ?? path.join(dataDir, 'master.key')),
  };
}
