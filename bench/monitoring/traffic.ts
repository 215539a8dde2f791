import { randomUUID } from 'node:crypto';
import { loadEvalSet } from './eval.js';

/** Events per batch in the ingestion benches (issue 6's target is for batches of 500). */
export const BATCH = 500;

/**
 * Realistic monitoring traffic for a school's people: one text in 20 from the evaluation set's harmful ones,
 * the rest innocent; a third of the events are search URLs from a device and client address, the rest
 * searches by a pupil. Each call answers a new batch body (JSON) of events never sent before. Event ids are
 * `<prefix>-<n>` in order, or with `randomIds` random UUIDs (v4), as a source that makes its own ids sends:
 * each insert then lands on a random page of the unique (school, source, event key) index.
 */
export function trafficFor(pupils: string[], prefix = 'b', randomIds = false): () => string {
  const items = loadEvalSet();
  const innocent = items.filter((i) => i.category === null).map((i) => i.text);
  const harmful = items.filter((i) => i.category !== null).map((i) => i.text);
  const base = Date.now() - 3_600_000;
  let seq = 0;
  return () => {
    const events = [];
    for (let i = 0; i < BATCH; i++) {
      const n = seq++;
      const id = randomIds ? randomUUID() : `${prefix}-${n}`;
      const text = n % 20 === 0 ? harmful[n % harmful.length]! : innocent[n % innocent.length]!;
      const time = new Date(base + (n % 3_000_000)).toISOString();
      events.push(
        n % 3 === 0
          ? {
              id,
              time,
              kind: 'url',
              url: `https://www.google.co.uk/search?q=${encodeURIComponent(text)}`,
              device: `PC-${n % 40}`,
              client: `10.1.${n % 250}.${n % 200}`,
            }
          : { id, time, kind: 'search', text, personId: pupils[n % pupils.length] },
      );
    }
    return JSON.stringify({ events });
  };
}
