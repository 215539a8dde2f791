import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../../bootstrap.js';
import { loadConfig } from '../../config.js';
import { createSession } from '../auth/sessions.js';
import { onPostgres, PG_URL, createUser } from '../../test/harness.js';
import { blankPerson, searchName } from '../people/rows.js';
import { createSchool } from '../schools/service.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

/**
 * Starts the real server (`harbour start`, web only), as built (the build is incremental: a no-op when CI has
 * just built it), and waits until it answers.
 */
async function startServer(env: Record<string, string>, base: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['apps/server/dist/cli/index.js', 'start'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  let exited: number | null | undefined;
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  child.on('exit', (code) => (exited = code));
  for (let i = 0; i < 600; i++) {
    if (exited !== undefined) throw new Error(`harbour start exited ${exited}:\n${err}`);
    try {
      await fetch(`${base}/api/health`);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`harbour start did not answer within a minute:\n${err}`);
}

/**
 * Issue 3: "a crash (kill -9) during a burst of concern submissions loses no concern whose submission was
 * answered". The real server takes a burst from several connections; it is killed with SIGKILL mid-burst;
 * after a restart every concern whose 201 reached the client is there.
 */
describe('kill -9 during a burst of submissions', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-crash-'));
  const pgDb = onPostgres() ? `crash_${randomBytes(4).toString('hex')}` : undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    if (pgDb) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every answered submission', async () => {
    let url = `sqlite:${path.join(dataDir, 'harbour.sqlite')}`;
    if (pgDb) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${pgDb}`);
      await admin.end();
      url = PG_URL.replace(/\/[^/]*$/, `/${pgDb}`);
    }
    execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-b', 'apps/server/tsconfig.build.json'], {
      cwd: root,
    });
    const port = 20000 + Math.floor(Math.random() * 20000);
    const env = {
      HARBOUR_DATA_DIR: dataDir,
      HARBOUR_MASTER_KEY: randomBytes(32).toString('base64'),
      HARBOUR_DATABASE_URL: url,
      HARBOUR_LOG_LEVEL: 'warn',
      HARBOUR_SERVICES: 'web',
      HARBOUR_HOST: '127.0.0.1',
      HARBOUR_PORT: String(port),
    };
    // The school, a reporting teacher and a pupil, made before the server starts.
    const ctx = await createContext({ config: loadConfig(env) });
    const schoolId = await createSchool(ctx, { name: 'Crashcove Primary', slug: 'crashcove' });
    const teacher = await createUser(ctx, schoolId, ['teacher'], { username: 'crash-teacher' });
    const now = new Date().toISOString();
    const pupil = {
      ...blankPerson(schoolId, 'pupil', now),
      given_name: 'Ivo',
      family_name: 'Quill',
      search_name: searchName('Ivo', 'Quill', null),
      year_group: '4',
    };
    await ctx.db.insertInto('people').values(pupil).execute();
    const { token } = await createSession(ctx, {
      accountId: teacher.accountId,
      schoolId,
      state: 'active',
      ip: '127.0.0.1',
      userAgent: 'crash',
    });
    await ctx.database.close();

    const base = `http://127.0.0.1:${port}`;
    children.push(await startServer(env, base));
    const cookie = `harbour_session=${token}`;
    const session = (await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()) as {
      csrfToken: string;
    };
    const headers = { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
    const answered: string[] = [];
    let refused = 0;
    let killed = false;
    let n = 0;
    const submitter = async () => {
      while (!killed) {
        const i = n++;
        try {
          const res = await fetch(`${base}/api/concerns`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              category: 'cyberbullying',
              pupils: [{ personId: pupil.id, subject: true }],
              occurredAt: '2026-11-20T10:00:00Z',
              account: `Burst message number ${i}`,
            }),
          });
          if (res.status === 201)
            answered.push(((await res.json()) as { concern: { id: string } }).concern.id);
          else refused++;
        } catch {
          // The connection died with the server: this submission was never answered.
        }
      }
    };
    const burst = Array.from({ length: 8 }, submitter);
    while (answered.length < 60) await new Promise((r) => setTimeout(r, 5));
    children[0]!.kill('SIGKILL');
    killed = true;
    await Promise.all(burst);
    expect(refused).toBe(0);
    expect(answered.length).toBeGreaterThanOrEqual(60);

    // Restarted, the server has every answered concern.
    children.push(await startServer(env, base));
    const missing: string[] = [];
    for (const id of answered) {
      const r = await fetch(`${base}/api/concerns/${id}`, { headers: { cookie } });
      if (r.status !== 200) missing.push(`${id}: ${r.status}`);
    }
    expect(missing).toEqual([]);
    console.log(
      `kill -9 after ${answered.length} answered submissions of ${n} sent: all ${answered.length} present after restart`,
    );
    const list = (await (
      await fetch(`${base}/api/concerns?limit=200&mine=1`, { headers: { cookie } })
    ).json()) as {
      concerns: unknown[];
    };
    expect(list.concerns.length).toBeGreaterThanOrEqual(Math.min(answered.length, 200));
    children[1]!.kill('SIGTERM');
  }, 120_000);
});
