/**
 * npm run bench:monitoring [-- --smoke] [-- --misses] [-- --only ingest] [-- --workers N[,M...]] [-- --dist] [-- --ids random]
 * The classifier's throughput and accuracy (issue 6), and the ingestion API beside a same-run baseline;
 * --workers runs the ingestion part once per HARBOUR_INGEST_WORKERS value given (0: no worker thread);
 * --dist starts the built server (build it first) instead of the sources under tsx; --ids random sends random
 * UUIDs as event ids instead of ids in order.
 */
import { runClassifierBench } from './classifier-bench.js';
import { runIngestBench } from './ingest-bench.js';

const smoke = process.argv.includes('--smoke');
console.log(`Monitoring bench${smoke ? ' (smoke)' : ''}: node ${process.version}`);
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
if (arg('--only') !== 'ingest') runClassifierBench(smoke);
const workers = arg('--workers')?.split(',').map(Number);
for (const w of workers ?? [undefined])
  await runIngestBench(smoke, w, process.argv.includes('--dist'), arg('--ids') === 'random');
