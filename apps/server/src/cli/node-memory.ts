import v8 from 'node:v8';

/**
 * `harbour dns` (a standalone node) allocates a little per query and keeps little, so V8's defaults, made for
 * programs that keep what they allocate, cost it memory for no speed (measured in bench/dns with a million
 * listed domains: about 155 MB serving with them, about 115 MB without, the same queries/s):
 * - the young generation would grow to 32 MB; kept at its starting size (1 MB semi-spaces, a scavenge per
 *   megabyte allocated) it is 4 MB;
 * - the old generation may grow to several times what survives its last full collection; at 1.25 times, the
 *   query log's folded records and batches (which live a second or two) are collected before they pile up.
 * Both flags are read at each collection, so setting them now works; imported first by the CLI, before any
 * other module allocates.
 */
if (process.argv[2] === 'dns') {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  v8.setFlagsFromString('--heap-growing-percent=25');
}
