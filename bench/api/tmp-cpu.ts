import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { harbourEnv, startServers, stop } from '../lib/http.js';
import { seedBenchSchool } from './seed.js';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpu-'));
const env = harbourEnv(dataDir, `sqlite:${path.join(dataDir, 'harbour.sqlite')}`);
const s = await seedBenchSchool(env, { auditEntries: 10000 });
const sv = await startServers(env);
const ticks = (pid: number) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return Number(f[11]) + Number(f[12]); };
const queries = s.searches.map((q) => ({ path: `/api/people?q=${encodeURIComponent(q)}&limit=25` }));
async function measure(name: string, pid: number, url: string, opts: object) {
  await autocannon({ url, connections: 10, amount: 3000, ...opts });
  const t0 = ticks(pid);
  const N = 20000;
  await autocannon({ url, connections: 10, amount: N, ...opts });
  const us = ((ticks(pid) - t0) * 10_000) / N; // 100 ticks/s
  console.log(`${name.padEnd(12)} ${us.toFixed(0)} µs CPU per request`);
  return us;
}
try {
  const h = process.env.ONLY ? 38 : await measure('hello', sv.hello.pid!, sv.helloUrl, {});
  await measure('health', sv.harbour.pid!, `${sv.base}/api/health`, {});
  await measure('session', sv.harbour.pid!, `${sv.base}/api/session`, { headers: { cookie: s.officeCookie } });
  const o = await measure('office', sv.harbour.pid!, `${sv.base}/api/people`, { headers: { cookie: s.officeCookie }, requests: queries });
  const d = process.env.ONLY ? 0 : await measure('dsl', sv.harbour.pid!, `${sv.base}/api/people`, { headers: { cookie: s.dslCookie }, requests: queries });
  console.log(`office/hello CPU ratio: hello is ${((h / o) * 100).toFixed(1)}% of office; dsl ${d.toFixed(0)}`);
  const r = await fetch(`${sv.base}/api/people?q=smit&limit=25`, { headers: { cookie: s.officeCookie } });
  console.log('response bytes', (await r.text()).length);
} finally { await stop(sv.harbour); await stop(sv.hello); fs.rmSync(dataDir, { recursive: true, force: true }); }
