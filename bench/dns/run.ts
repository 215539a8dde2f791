/**
 * bench/dns: Harbour's resolver beside dnsmasq (the engine inside Pi-hole) and unbound, in one run, on the
 * same synthetic 1,000,000-domain blocklist and query mix (gen.py: ~20% blocked, the rest allowed names
 * answered by a local upstream on loopback), beside a bare Node responder on dgram (node-bare) and on
 * packages/udp-batch (node-batch), measured with dnsperf exactly as the anchors.sh does
 * (-c 1 -T 1 -q 100, 3 s warm-up, 10 s run). Prints queries/s, mean and p99 latency, lost queries, resident
 * memory and list load time for each.
 *
 *   npm run bench:dns                 full run (installs dnsperf, dnsmasq, unbound with apt-get if missing)
 *   npm run bench:dns -- --smoke      10,000 domains, short runs; skips engines that are not installed
 *   npm run bench:dns -- --fuzz       also send 1,000,000 fuzz packets at the Harbour process (bench/dns/fuzz.ts)
 *   npm run bench:dns -- --only=harbour,dnsmasq --scenario=ttl0    fewer engines or one scenario (quicker)
 *   npm run bench:dns -- --no-pin     no CPU pinning (see below and README.md)
 *
 * Harbour is measured as a school deploys a standalone node: `harbour dns` (apps/server/dist/cli, plain node,
 * no tsx) with the policy in its state directory, pulling from a stand-in server that answers 304 and takes
 * the query-log batches. RSS is read after the list is loaded (before any query) and at its highest while
 * serving (sampled every 250 ms through the runs).
 *
 * Two upstream scenarios: "ttl0" is anchors.sh's upstream (dnsmasq `address=/#/`, whose answers carry TTL 0,
 * so every allowed query is forwarded and the upstream bounds everyone), and "ttl300" the same upstream with
 * `local-ttl=300`, as real answers have TTLs: there the filter's own speed shows.
 *
 * Every engine is measured alike (README.md): the engine under test alone on the last CPU, dnsperf, the
 * loopback upstream and this process (which takes Harbour's log batches) on CPU 0 (`taskset`), so three
 * processes on two cores do not land wherever the scheduler puts them turn by turn.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import http from 'node:http';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compilePolicy, demoPolicySpec } from '../../packages/shared/src/index.js';
import { runFuzz } from './fuzz.js';

const args = new Set(process.argv.slice(2));
const option = (name: string) =>
  process.argv
    .slice(2)
    .find((a) => a.startsWith(`--${name}=`))
    ?.slice(name.length + 3);
const only = option('only')?.split(',');
const onlyScenario = option('scenario');
const smoke = args.has('--smoke');
const N = smoke ? 10_000 : 1_000_000;
const RUN_S = smoke ? 2 : 10;
const WARM_S = smoke ? 1 : 3;
const P99_S = smoke ? 1 : 4;
const ROOT = path.resolve(import.meta.dirname, '../..');
const W = path.join(ROOT, 'bench/out/dns');
const PORTS = { unbound: 5361, dnsmasq: 5362, harbour: 5363, 'node-bare': 5364, 'node-batch': 5365 } as const;
type Engine = keyof typeof PORTS;
const ROUNDS = smoke ? 1 : 5;

const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const PIN = !args.has('--no-pin') && os.availableParallelism() >= 2 && have('taskset');
const CPU_LOAD = '0';
const CPU_ENGINE = String(os.availableParallelism() - 1);
/** `cmd args` on the given CPU (taskset execs it: the child's pid is the command's own). */
const onCpu = (cpu: string, cmd: string, a: string[]): [string, string[]] =>
  PIN ? ['taskset', ['-c', cpu, cmd, ...a]] : [cmd, a];
/** Spawns an engine on the engine CPU. */
const engine = (cmd: string, a: string[], o: Parameters<typeof spawn>[2] = {}) =>
  spawn(...onCpu(CPU_ENGINE, cmd, a), o);

function ensureTools(): boolean {
  const missing = [
    ['dnsperf', 'dnsperf'],
    ['dnsmasq', 'dnsmasq-base'],
    ['unbound', 'unbound'],
  ].filter(([c]) => !have(c!));
  if (missing.length === 0) return true;
  if (smoke) return false;
  console.log(`installing ${missing.map((m) => m[1]).join(' ')} with apt-get…`);
  execFileSync('apt-get', ['install', '-y', '-q', ...missing.map((m) => m[1]!)], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return true;
}

/** A probe over UDP: resolves once the server answers (any rcode). */
function probe(port: number, timeoutMs = 200): Promise<boolean> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const msg = Buffer.concat([
      Buffer.from([0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]),
      Buffer.from('\x05probe\x07example\x00\x00\x01\x00\x01', 'latin1'),
    ]);
    const t = setTimeout(() => {
      s.close();
      resolve(false);
    }, timeoutMs);
    s.on('message', () => {
      clearTimeout(t);
      s.close();
      resolve(true);
    });
    s.send(msg, port, '127.0.0.1');
  });
}

async function waitReady(port: number, limitMs = 120_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < limitMs) if (await probe(port, 100)) return performance.now() - t0;
  throw new Error(`nothing answered on ${port} within ${limitMs} ms`);
}

const rssMb = (pid: number): number => {
  if (!existsSync(`/proc/${pid}/status`)) return NaN; // it exited: shown as NaN, and the exit is reported
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

interface Figures {
  qps: number;
  meanMs: number;
  p99Ms: number;
  lost: number;
  sent: number;
}

/**
 * One dnsperf run, asynchronously: the bench process also plays the server that takes the node's log
 * batches, so its event loop must stay free while dnsperf runs.
 */
function dnsperf(port: number, seconds: number, verbose = false): Promise<string> {
  const a = ['-s', '127.0.0.1', '-p', String(port), '-d', path.join(W, 'queries.txt'), '-l', String(seconds)];
  a.push('-c', '1', '-T', '1', '-q', '100');
  if (verbose) a.push('-v');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const p = spawn(...onCpu(CPU_LOAD, 'dnsperf', a), { stdio: ['ignore', 'pipe', 'ignore'] });
    p.stdout.on('data', (d: Buffer) => chunks.push(d));
    p.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

async function measure(port: number, withP99: boolean): Promise<Figures> {
  await dnsperf(port, WARM_S);
  const out = await dnsperf(port, RUN_S);
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
  // p99 from a separate verbose pass (dnsperf 2.10 prints each query's latency with -v).
  const lat = (withP99 ? await dnsperf(port, P99_S, true) : '')
    .split('\n')
    .filter((l) => l.startsWith('> '))
    .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)))
    .sort((x, y) => x - y);
  return {
    qps: num(/Queries per second:\s+([\d.]+)/),
    meanMs: num(/Average Latency \(s\):\s+([\d.]+)/) * 1000,
    p99Ms: (lat[Math.floor(lat.length * 0.99)] ?? NaN) * 1000,
    lost: num(/Queries lost:\s+(\d+)/),
    sent: num(/Queries sent:\s+(\d+)/),
  };
}

/** Stops a child and waits for it (it may have exited already, e.g. a port that was taken). */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface Row extends Figures {
  engine: Engine;
  scenario: string;
  /** RSS once the list is loaded, before any query; the highest seen while serving. */
  rssLoaded: number;
  rss: number;
  loadMs: number;
  /** Each turn's qps, in round order (turn r of every engine ran in the same round). */
  turns: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const range = (xs: number[], digits: number) =>
  `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`;

/**
 * Starts every engine (one at a time, so each load time is its own), then measures them in turns, ROUNDS
 * times with the order rotated, and keeps each engine's median: on a shared machine the load moves, and
 * turns keep the comparison fair.
 */
async function compare(scenario: string, engines: [Engine, () => ChildProcess][]): Promise<Row[]> {
  type Running = { engine: Engine; child: ChildProcess; loadMs: number; runs: Figures[] };
  const running: (Running & { rssLoaded: number; rssPeak: number })[] = [];
  const sampler = setInterval(() => {
    for (const r of running) r.rssPeak = Math.max(r.rssPeak, rssMb(r.child.pid!) || 0);
  }, 250);
  try {
    for (const [engine, start] of engines) {
      const child = start();
      const loadMs = await waitReady(PORTS[engine]);
      await new Promise((r) => setTimeout(r, 500)); // let it settle after its first answer
      const rssLoaded = rssMb(child.pid!);
      running.push({ engine, child, loadMs, runs: [], rssLoaded, rssPeak: rssLoaded });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < running.length; i++) {
        const r = running[(i + round) % running.length]!;
        r.runs.push(await measure(PORTS[r.engine], round === ROUNDS - 1));
      }
    }
    for (const r of running)
      if (r.child.exitCode !== null || r.child.signalCode !== null)
        console.log(
          `${scenario}: ${r.engine} exited during the run (${r.child.exitCode ?? r.child.signalCode})`,
        );
    return running.map((r) => ({
      engine: r.engine,
      scenario,
      qps: median(r.runs.map((x) => x.qps)),
      turns: r.runs.map((x) => x.qps),
      meanMs: median(r.runs.map((x) => x.meanMs)),
      p99Ms: r.runs.at(-1)!.p99Ms,
      lost: r.runs.reduce((n, x) => n + x.lost, 0),
      sent: r.runs.reduce((n, x) => n + x.sent, 0),
      rssLoaded: r.rssLoaded,
      rss: Math.max(r.rssPeak, rssMb(r.child.pid!) || 0),
      loadMs: r.loadMs,
    }));
  } finally {
    clearInterval(sampler);
    for (const r of running) await stopChild(r.child);
  }
}

function unboundConf(upPort: number): string {
  const lines = ['server:', '  interface: 127.0.0.1', `  port: ${PORTS.unbound}`, '  num-threads: 1'];
  lines.push('  username: ""', '  chroot: ""', `  directory: "${W}"`, '  access-control: 127.0.0.0/8 allow');
  lines.push('  do-not-query-localhost: no', '  use-syslog: no', `  logfile: "${W}/unbound.log"`);
  lines.push('  module-config: "iterator"', `  include: "${W}/unbound-block.conf"`);
  lines.push('forward-zone:', '  name: "."', `  forward-addr: 127.0.0.1@${upPort}`);
  return lines.join('\n') + '\n';
}

function dnsmasqConf(upPort: number): string {
  const lines = [
    `port=${PORTS.dnsmasq}`,
    'listen-address=127.0.0.1',
    'bind-interfaces',
    'no-resolv',
    'no-hosts',
  ];
  lines.push(`server=127.0.0.1#${upPort}`, 'cache-size=10000', `conf-file=${W}/dnsmasq-block.conf`);
  return lines.join('\n') + '\n';
}

function upstream(port: number, ttl: number): ChildProcess {
  const conf = path.join(W, `upstream-${port}.conf`);
  const lines = [`port=${port}`, 'listen-address=127.0.0.1', 'bind-interfaces', 'no-resolv', 'no-hosts'];
  lines.push('address=/#/192.0.2.1', 'cache-size=0', ...(ttl ? [`local-ttl=${ttl}`] : []));
  writeFileSync(conf, lines.join('\n') + '\n');
  return spawn(...onCpu(CPU_LOAD, 'dnsmasq', ['-k', '-C', conf]), { stdio: 'ignore' });
}

async function main(): Promise<void> {
  const loadStart = os.loadavg();
  // This process takes the node's log batches: it runs beside dnsperf, not beside the engine under test.
  if (PIN) execFileSync('taskset', ['-a', '-p', '-c', CPU_LOAD, String(process.pid)], { stdio: 'ignore' });
  mkdirSync(W, { recursive: true });
  if (!existsSync(path.join(W, `blocklist-${N}.txt`))) {
    execFileSync('python3', [path.join(ROOT, 'bench/dns/gen.py'), String(N), W], { stdio: 'ignore' });
    execFileSync('cp', [path.join(W, 'blocklist.txt'), path.join(W, `blocklist-${N}.txt`)]);
  }
  execFileSync('cp', [path.join(W, `blocklist-${N}.txt`), path.join(W, 'blocklist.txt')]);
  const anchors = ensureTools();
  const domains = readFileSync(path.join(W, 'blocklist.txt'), 'utf8').split('\n').filter(Boolean);

  // Harbour: compile the list the way the server does, store it as a node's last good policy.
  const t0 = performance.now();
  const spec = demoPolicySpec({ blockPage: 'nxdomain' });
  spec.lists.push({ id: 'bench', name: 'bench list', kind: 'block', category: 'gambling', domains });
  spec.schools[0]!.lists.push('bench');
  const { policy } = compilePolicy(spec);
  const compileMs = performance.now() - t0;
  const state = path.join(W, 'harbour-state');
  rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  const json = JSON.stringify(policy);
  writeFileSync(path.join(state, 'policy.json'), json);
  execFileSync('npx', ['tsc', '-b', 'apps/server/tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });

  // unbound and dnsmasq get the same list in their own formats (anchors.sh).
  writeFileSync(
    path.join(W, 'unbound-block.conf'),
    domains.map((d) => `local-zone: "${d}." always_nxdomain`).join('\n') + '\n',
  );
  writeFileSync(path.join(W, 'dnsmasq-block.conf'), domains.map((d) => `address=/${d}/`).join('\n') + '\n');

  const rows: Row[] = [];
  const scenarios: [string, number, number][] = [
    ['ttl0', 5400, 0],
    ['ttl300', 5401, 300],
  ];
  // A stand-in for the server's node routes: the stored policy is current (304), log batches are accepted,
  // so the node runs as it would in a school rather than buffering logs for an absent server.
  const logServer = http.createServer((req, res) => {
    req.resume();
    if (req.method === 'POST')
      req.on('end', () => res.writeHead(202).end('{"accepted":0,"duplicate":false}'));
    else res.writeHead(304, { etag: `"${policy.etag}"` }).end();
  });
  await new Promise<void>((r) => logServer.listen(0, '127.0.0.1', () => r()));
  const serverUrl = `http://127.0.0.1:${(logServer.address() as { port: number }).port}`;
  const cli = path.join(ROOT, 'apps/server/dist/cli/index.js');
  const harbour = (upPort: number) => () =>
    engine(
      'node',
      [cli, 'dns', '--server', serverUrl, '--token', 'bench-token-not-a-secret']
        .concat(['--upstream', `127.0.0.1:${upPort}`, '--port', String(PORTS.harbour)])
        .concat(['--state-dir', state, '--poll-seconds', '3600']),
      { stdio: ['ignore', 'ignore', openSync(path.join(W, `harbour-${upPort}.err`), 'w')] },
    );
  if (!have('dnsmasq') || !have('dnsperf'))
    console.log(
      'dnsmasq or dnsperf is not installed: no loopback upstream or load generator; skipping the runs',
    );
  else
    for (const [scenario, upPort, ttl] of scenarios) {
      if (onlyScenario && scenario !== onlyScenario) continue;
      const up = upstream(upPort, ttl);
      try {
        await waitReady(upPort);
        const engines: [Engine, () => ChildProcess][] = [];
        if (anchors) {
          const ub = path.join(W, `unbound-${scenario}.conf`);
          writeFileSync(ub, unboundConf(upPort));
          engines.push(['unbound', () => engine('unbound', ['-d', '-c', ub], { stdio: 'ignore' })]);
          const dm = path.join(W, `filter-dnsmasq-${scenario}.conf`);
          writeFileSync(dm, dnsmasqConf(upPort));
          engines.push(['dnsmasq', () => engine('dnsmasq', ['-k', '-C', dm], { stdio: 'ignore' })]);
        }
        engines.push(['harbour', harbour(upPort)]);
        // The same bare responder on dgram and on packages/udp-batch (recvmmsg/sendmmsg), Harbour's UDP I/O.
        for (const [name, file] of [
          ['node-bare', 'bare-responder.ts'],
          ['node-batch', 'batch-responder.ts'],
        ] as const)
          engines.push([
            name,
            () =>
              engine('node', ['--import', 'tsx', path.join(ROOT, 'bench/dns', file), String(PORTS[name])], {
                cwd: ROOT,
                stdio: 'ignore',
              }),
          ]);
        rows.push(...(await compare(scenario, only ? engines.filter(([e]) => only.includes(e)) : engines)));
      } finally {
        await stopChild(up);
      }
    }

  logServer.close();
  const loadEnd = os.loadavg();
  console.log(
    `\nbench/dns: ${N.toLocaleString('en-GB')} blocked domains, ${smoke ? 'smoke' : 'full'} run, dnsperf -c 1 -T 1 -q 100, ${RUN_S} s x ${ROUNDS} turns (median)`,
  );
  console.log(
    `harbour: compile ${(compileMs / 1000).toFixed(2)} s (server side, text to keys), policy file ${(json.length / 1e6).toFixed(1)} MB`,
  );
  console.log(
    'harbour: the standalone node as deployed (`harbour dns`, apps/server/dist/cli/index.js, plain node)',
  );
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`load average (1, 5, 15 min): at the start ${la(loadStart)}, at the end ${la(loadEnd)}`);
  console.log(
    PIN
      ? `CPUs: the engine under test on ${CPU_ENGINE}; dnsperf, the upstream and this process on ${CPU_LOAD}`
      : 'CPUs: not pinned',
  );
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `${'scenario'.padEnd(8)} ${'engine'.padEnd(9)} ${pad('qps', 9)} ${pad('mean ms', 8)} ${pad('p99 ms', 7)} ${pad('lost', 6)} ${pad('RSS load', 8)} ${pad('RSS max', 7)} ${pad('load s', 7)}  turns qps`,
  );
  for (const r of rows)
    console.log(
      `${r.scenario.padEnd(8)} ${r.engine.padEnd(9)} ${pad(r.qps.toFixed(0), 9)} ${pad(r.meanMs.toFixed(2), 8)} ${pad(r.p99Ms.toFixed(2), 7)} ${pad(r.lost, 6)} ${pad(r.rssLoaded.toFixed(0), 8)} ${pad(r.rss.toFixed(0), 7)} ${pad((r.loadMs / 1000).toFixed(2), 7)}  ${range(r.turns, 0)}`,
    );
  for (const scenario of ['ttl0', 'ttl300']) {
    const h = rows.find((r) => r.engine === 'harbour' && r.scenario === scenario);
    const d = rows.find((r) => r.engine === 'dnsmasq' && r.scenario === scenario);
    // Each round's Harbour turn beside the same round's dnsmasq turn: the two ran within a minute of each other.
    const paired = h && d ? h.turns.map((q, i) => q / d.turns[i]!) : [];
    if (h && d)
      console.log(
        `${scenario}: harbour/dnsmasq = ${(h.qps / d.qps).toFixed(2)}x (target 1.3x; round by round median ${median(paired).toFixed(2)}x, ${range(paired, 2)}x); memory ${h.rssLoaded.toFixed(0)} MB loaded, ${h.rss.toFixed(0)} MB at most serving (target < 150); load ${(h.loadMs / 1000).toFixed(2)} s (target < 3); lost ${h.lost}`,
      );
  }
  if (args.has('--fuzz')) await runFuzz(ROOT, path.join(W, 'fuzz-state'), smoke ? 20_000 : 1_000_000);
}

await main();
