import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushAuditHead } from '../../bootstrap.js';
import { verifyDatabase } from '../../cli/commands/audit-verify.js';
import { PG_URL, createSchool, onPostgres, startTestEnv, type TestEnv } from '../../test/harness.js';
import { appendAudit, verifyAudit } from './service.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../../../..');

/** Issue 2, section 6 and clarification 8: verify names the first altered or removed entry. */
describe('audit verify', () => {
  let env: TestEnv;
  let schoolId: string;
  const ids: string[] = [];

  beforeEach(async () => {
    env = await startTestEnv();
    schoolId = await createSchool(env.ctx, 'Verify Primary');
    ids.length = 0;
    for (let i = 1; i <= 6; i++) {
      await appendAudit(env.ctx, {
        schoolId,
        actorAccountId: null,
        action: 'person.update',
        entityType: 'person',
        entityId: `p-${i}`,
      });
    }
    await appendAudit(env.ctx, { schoolId: null, actorAccountId: null, action: 'auth.sign_in.failed' });
    await flushAuditHead(env.ctx);
    const rows = await env.ctx.db
      .selectFrom('audit_entries')
      .select('id')
      .where('chain', '=', schoolId)
      .orderBy('seq')
      .execute();
    ids.push(...rows.map((r) => r.id));
  });
  afterEach(() => env.close());

  const verify = () => verifyAudit(env.ctx, env.ctx.auditHeadFile);

  it('passes an untouched trail, with counts per chain', async () => {
    const r = await verify();
    expect(r.ok).toBe(true);
    expect(r.headCopyFound).toBe(true);
    expect(r.counts).toEqual({ global: 1, [schoolId]: 6 });
    const report = await verifyDatabase(env.ctx.database, env.ctx.auditHeadFile);
    expect(report.code).toBe(0);
    expect(report.lines[0]).toBe('audit trail OK: 7 entries in 2 chain(s)');
    expect(report.lines).toContain(`  Verify Primary (${schoolId}): 6 entries`);
  });

  it('names an entry whose action was changed in the database', async () => {
    await env.ctx.db
      .updateTable('audit_entries')
      .set({ action: 'person.read' })
      .where('id', '=', ids[2]!)
      .execute();
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.problem).toEqual({
      chain: schoolId,
      seq: 3,
      entryId: ids[2],
      reason: 'entry 3 was altered after it was written',
    });
    const report = await verifyDatabase(env.ctx.database, env.ctx.auditHeadFile);
    expect(report.code).toBe(1);
    expect(report.lines[0]).toContain(`entry seq 3 (id ${ids[2]})`);
  });

  it('names a removed entry in the middle of a chain', async () => {
    await env.ctx.db.deleteFrom('audit_entries').where('id', '=', ids[3]!).execute();
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.problem).toMatchObject({
      chain: schoolId,
      seq: 4,
      reason: 'entry 4 is missing (next present is 5)',
    });
  });

  it('detects the newest entries removed with the database head rewritten, through the head copy', async () => {
    await env.ctx.db.deleteFrom('audit_entries').where('id', 'in', [ids[4]!, ids[5]!]).execute();
    const kept = await env.ctx.db
      .selectFrom('audit_entries')
      .select('hash')
      .where('id', '=', ids[3]!)
      .executeTakeFirstOrThrow();
    await env.ctx.db
      .updateTable('audit_chain_heads')
      .set({ seq: 4, hash: kept.hash })
      .where('chain', '=', schoolId)
      .execute();
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.problem).toMatchObject({ chain: schoolId, seq: 5 });
    expect(r.problem?.reason).toBe('entries 5..6 were removed (head copy outside the database is at 6)');
    // Without the head copy, the same truncation would pass: that is why the copy lives outside the database.
    const blind = await verifyAudit(env.ctx, path.join(env.dataDir, 'absent.json'));
    expect(blind.ok).toBe(true);
    expect(blind.headCopyFound).toBe(false);
  });

  it('runs as `harbour audit verify` in a child process, exiting non-zero on tampering', async () => {
    const database = env.ctx.database;
    const url = onPostgres()
      ? `${PG_URL}?options=${encodeURIComponent(`-c search_path=${database.pgSchema}`)}`
      : `sqlite:${database.file}`;
    const cli = (args: string[]) =>
      run(
        path.join(repoRoot, 'node_modules/.bin/tsx'),
        ['apps/server/src/cli/index.ts', 'audit', 'verify', ...args],
        {
          cwd: repoRoot,
          env: { PATH: process.env.PATH, HARBOUR_DATA_DIR: env.dataDir, HARBOUR_DATABASE_URL: url },
        },
      ).then(
        (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({
          code: e.code,
          out: e.stdout,
          err: e.stderr,
        }),
      );
    const args = ['--head-file', env.ctx.auditHeadFile];
    const ok = await cli(args);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('audit trail OK: 7 entries');
    await env.ctx.db
      .updateTable('audit_entries')
      .set({ entity_id: 'p-99' })
      .where('id', '=', ids[0]!)
      .execute();
    const bad = await cli(args);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`entry seq 1 (id ${ids[0]})`);
  }, 60_000);
});
