import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { openDatabase, type Database } from '../../db/index.js';
import { headFilePath, verifyAudit, type VerifyResult } from '../../modules/audit/service.js';

/** The report `harbour audit verify` prints, and its exit code: 0 intact, 1 altered or removed entries. */
export function formatVerify(
  r: VerifyResult,
  headFile: string,
  schoolNames: Map<string, string> = new Map(),
): { code: number; lines: string[] } {
  const name = (chain: string) => (schoolNames.has(chain) ? `${schoolNames.get(chain)} (${chain})` : chain);
  if (!r.ok && r.problem) {
    const p = r.problem;
    return {
      code: 1,
      lines: [
        `audit trail FAILED verification: chain ${name(p.chain)}, entry seq ${p.seq}` +
          (p.entryId ? ` (id ${p.entryId})` : '') +
          `: ${p.reason}`,
      ],
    };
  }
  const per = r.chains.map((c) => `  ${name(c)}: ${r.counts[c] ?? 0} entries`);
  return {
    code: 0,
    lines: [
      `audit trail OK: ${r.entries} entries in ${r.chains.length} chain(s)`,
      ...per,
      r.headCopyFound
        ? `checked against the head copy ${headFile}`
        : `warning: no head copy at ${headFile}; removal of a chain's newest entries cannot be detected`,
    ],
  };
}

export async function verifyDatabase(
  database: Database,
  headFile: string,
): Promise<{ code: number; lines: string[] }> {
  const result = await verifyAudit({ db: database.db }, headFile);
  const schools = await database.db.selectFrom('schools').select(['id', 'name']).execute();
  return formatVerify(result, headFile, new Map(schools.map((s) => [s.id, s.name])));
}

/** `harbour audit verify [--head-file FILE]`: walks every chain and names the first altered or removed entry. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'head-file': { type: 'string' } }, strict: true });
  const config = loadConfig();
  if (config.databaseUrl.startsWith('sqlite:')) {
    const file = config.databaseUrl.slice('sqlite:'.length);
    if (!fs.existsSync(file)) {
      console.error(`harbour: no database at ${file}`);
      return 2;
    }
  }
  const database = await openDatabase(config.databaseUrl, { poolSize: 2 });
  try {
    const headFile = values['head-file'] ?? headFilePath(config.dataDir, database);
    const { code, lines } = await verifyDatabase(database, headFile);
    for (const l of lines) (code === 0 ? console.log : console.error)(l);
    return code;
  } finally {
    await database.close();
  }
}
