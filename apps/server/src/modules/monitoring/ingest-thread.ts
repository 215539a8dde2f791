import { parentPort } from 'node:worker_threads';
import { IngestWork } from './ingest-work.js';
import type { ToWorker } from './ingest-pool.js';

/**
 * The ingestion worker's entry (a worker_threads thread started by ingest-pool.ts): runs each batch's parse,
 * checks, classification and sealing off the main thread. Replies carry the job number; an exception in a step
 * is answered as an error for that job, so one bad batch fails alone and the worker carries on.
 */
const port = parentPort;
if (!port) throw new Error('ingest-thread.ts runs only as a worker thread');
const work = new IngestWork();
work.warm();
port.on('message', (m: ToWorker) => {
  if (m.t === 'drop') return work.drop(m.job);
  try {
    const r = m.t === 'check' ? work.check(m.job, m.body) : work.finish(m.job, m.input);
    port.postMessage({ job: m.job, r });
  } catch (e) {
    port.postMessage({ job: m.job, error: e instanceof Error ? e.message : String(e) });
  }
});
port.postMessage({ ready: true });
