// Loads the compiled addon (built by `node-gyp rebuild` at npm install). `addon` is null where it is not
// there (not Linux, no compiler at install, a failed build): the caller then uses node:dgram.
import { createRequire } from 'node:module';
import process from 'node:process';

const require = createRequire(import.meta.url);
/** @type {import('./types.js').UdpBatch | null} */
let addon = null;
/** @type {Error | null} */
let loadError = null;
if (process.platform === 'linux') {
  try {
    /** @type {import('./types.js').UdpBatch} */
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a .node file's exports: types.d.ts
    const loaded = require('./build/Release/udp_batch.node');
    addon = loaded;
  } catch (err) {
    loadError = err instanceof Error ? err : new Error(String(err));
  }
} else loadError = new Error(`udp-batch needs Linux (recvmmsg/sendmmsg), not ${process.platform}`);

export { addon, loadError };
