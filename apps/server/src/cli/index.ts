#!/usr/bin/env node
import './node-memory.js';
import { ConfigError } from '../config.js';

/**
 * `harbour <command>`: one entry point for the server and its maintenance verbs.
 * Each command lives in cli/commands/<verb>.ts and exports `run(args)`.
 */
const COMMANDS: Record<
  string,
  { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> }
> = {
  start: {
    summary: 'start the services named in HARBOUR_SERVICES',
    load: () => import('./commands/start.js'),
  },
  demo: {
    summary: 'start with a fictional demo school (created on first run)',
    load: () => import('./commands/demo.js'),
  },
  dns: {
    summary: 'a standalone filtering resolver node: --server URL --token T --upstream HOST[:PORT]',
    load: () => import('./commands/dns.js'),
  },
  'filter test': {
    summary: 'the filtering self-test through the running resolver, as each group (--school SLUG)',
    load: () => import('./commands/filter-test.js'),
  },
  migrate: {
    summary: 'bring the database schema up to date (or --down to remove it)',
    load: () => import('./commands/migrate.js'),
  },
  'audit verify': {
    summary: 'check the audit hash chains and the head copy; name the first altered or removed entry',
    load: () => import('./commands/audit-verify.js'),
  },
  backup: {
    summary: 'copy the database while Harbour runs (--out FILE); writes a manifest beside it',
    load: () => import('./commands/backup.js'),
  },
  restore: {
    summary: 'restore a backup FILE (refuses a mismatched master key; --force to overwrite)',
    load: () => import('./commands/restore.js'),
  },
};

export function registerCommand(
  name: string,
  summary: string,
  load: () => Promise<{ run(args: string[]): Promise<number> }>,
): void {
  COMMANDS[name] = { summary, load };
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'usage: harbour <command> [options]',
    '',
    ...Object.entries(COMMANDS).map(([k, v]) => `  ${k.padEnd(width)}  ${v.summary}`),
  ].join('\n');
}

async function cli(argv: string[]): Promise<number> {
  const [name = 'start', ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  // Two-word commands: "audit verify".
  const two = rest[0] ? `${name} ${rest[0]}` : '';
  const cmd = COMMANDS[two] ?? COMMANDS[name];
  if (!cmd) {
    console.error(`harbour: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = await cmd.load();
  return mod.run(COMMANDS[two] ? rest.slice(1) : rest);
}

cli(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || !process.env.HARBOUR_CLI_KEEP_ALIVE) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
