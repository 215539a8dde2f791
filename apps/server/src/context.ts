import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database, Db } from './db/index.js';
import type { Clock } from './lib/time.js';

/** What every service needs, built once at start-up and passed in (no module-level singletons). */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  masterKey: Buffer;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Called after audit entries commit, so the head copy outside the database can follow. */
  onAuditAppended(): void;
}
