/**
 * npm run bench:monitoring [-- --smoke] [-- --misses]
 * The classifier's throughput and accuracy (issue 6), and the ingestion API beside a same-run baseline.
 */
import { runClassifierBench } from './classifier-bench.js';
import { runIngestBench } from './ingest-bench.js';

const smoke = process.argv.includes('--smoke');
console.log(`Monitoring bench${smoke ? ' (smoke)' : ''}: node ${process.version}`);
runClassifierBench(smoke);
await runIngestBench(smoke);
