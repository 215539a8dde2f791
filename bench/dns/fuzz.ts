/**
 * The million-packet fuzz run (issue 4): a Harbour resolver in its own process (the standalone node, as
 * deployed), 1,000,000 random and mutated packets from bench/dns's fuzzer, a valid query after every 500
 * that must be answered, and the process must still be alive at the end.
 *   npx tsx bench/dns/fuzz.ts [count]     (also run by `npm run bench:dns -- --fuzz`)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_GROUPS, compilePolicy, demoPolicySpec } from '../../packages/shared/src/index.js';
import { fuzzResolver } from '../../apps/dns/src/test/fuzz.js';
import { ask, defaultAnswer, startUpstream } from '../../apps/dns/src/test/loopback.js';

const FUZZ_PORT = 5354;

export async function runFuzz(root: string, stateDir: string, count: number): Promise<void> {
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  const spec = demoPolicySpec({ subnets: [{ cidr: '127.0.0.2/32', groupId: DEMO_GROUPS.ks2 }] });
  spec.clients.ecsForwarders = ['127.0.0.1/32']; // the fuzzer's ECS options get parsed too
  writeFileSync(path.join(stateDir, 'policy.json'), JSON.stringify(compilePolicy(spec).policy));
  const upstream = await startUpstream({ answer: defaultAnswer() });
  const child = spawn(
    'node',
    [
      path.join(root, 'apps/server/dist/cli/index.js'),
      'dns',
      '--server',
      'http://127.0.0.1:9',
      '--token',
      'fuzz-token-not-a-secret',
      '--upstream',
      `127.0.0.1:${upstream.port}`,
      '--port',
      String(FUZZ_PORT),
      '--state-dir',
      stateDir,
      '--poll-seconds',
      '3600',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    for (let i = 0; i < 200; i++) {
      const ok = await ask(FUZZ_PORT, 'allowed.example', 'A', { timeoutMs: 100 }).then(
        () => true,
        () => false,
      );
      if (ok) break;
    }
    const t0 = performance.now();
    let next = 100_000;
    const result = await fuzzResolver(FUZZ_PORT, count, {
      onRound: (sent) => {
        if (sent >= next) {
          console.log(
            `fuzz: ${sent.toLocaleString('en-GB')} packets sent, resolver alive: ${child.exitCode === null}`,
          );
          next += 100_000;
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const final = await ask(FUZZ_PORT, 'casino-spins.example', 'A', { from: '127.0.0.2', timeoutMs: 2000 });
    const rss =
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    const alive = child.exitCode === null;
    console.log(
      `fuzz: ${result.sent.toLocaleString('en-GB')} malformed/mutated packets in ${seconds.toFixed(0)} s; ` +
        `${result.answeredProbes}/${result.probes} valid probes answered; process alive: ${alive}; ` +
        `final query rcode ${final.packet.rcode}; RSS ${rss.toFixed(0)} MB`,
    );
    if (!alive || result.answeredProbes !== result.probes) {
      console.error(stderr.slice(-2000));
      process.exitCode = 1;
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
    await upstream.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, '../..');
  await runFuzz(root, path.join(root, 'bench/out/dns/fuzz-state'), Number(process.argv[2] ?? 1_000_000));
}
