import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';

/**
 * Written beside every backup (clarification 12): enough to refuse a restore under the wrong master key and to
 * check that a restore brought back every row. It never holds the key itself, only a sealed check value.
 */
export const Manifest = z.strictObject({
  format: z.literal(1),
  harbour: z.literal('backup'),
  createdAt: z.iso.datetime(),
  dialect: z.enum(['sqlite', 'postgres']),
  /** The backup file's name (it sits in the same folder as this manifest). */
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** lib/crypto keyFingerprint of the master key the backup's school keys are wrapped with. */
  keyFingerprint: z.string().startsWith('v1.'),
  /** PostgreSQL only: the schema that was dumped, when Harbour runs in one. */
  pgSchema: z.string().optional(),
  /** Rows per table, counted in the same snapshot as the copy. */
  tables: z.record(z.string(), z.number().int().min(0)),
});
export type Manifest = z.infer<typeof Manifest>;

export const manifestPathFor = (backupFile: string): string => `${backupFile}.manifest.json`;

export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let n: number;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export function writeManifest(backupFile: string, m: Manifest): string {
  const file = manifestPathFor(backupFile);
  fs.writeFileSync(file, JSON.stringify(m, null, 2) + '\n', { mode: 0o600 });
  return file;
}

export function readManifest(backupFile: string): Manifest {
  const file = manifestPathFor(backupFile);
  if (!fs.existsSync(file)) throw new BackupError(`no manifest beside the backup (expected ${file})`);
  const parsed = Manifest.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new BackupError(`the manifest ${file} is not valid: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** A refusal or failure to report to the operator as it is (no stack trace), with a non-zero exit. */
export class BackupError extends Error {}
