// Loads the compiled addon (built by `node-gyp rebuild` at npm install). `addon` is null where it is not
// there (not Linux, no compiler at install, a failed build, a Node whose OpenSSL is another major version):
// the caller then seals with node:crypto, in the same format.
import { createRequire } from 'node:module';
import process from 'node:process';

const require = createRequire(import.meta.url);
/** @type {import('./types.js').Seal | null} */
let addon = null;
/** @type {Error | null} */
let loadError = null;
if (process.platform === 'linux') {
  try {
    /** @type {import('./types.js').Seal} */
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a .node file's exports: types.d.ts
    const loaded = require('./build/Release/seal.node');
    addon = loaded;
  } catch (err) {
    loadError = err instanceof Error ? err : new Error(String(err));
  }
} else loadError = new Error(`@harbour/seal is built and tested on Linux only, not ${process.platform}`);

export { addon, loadError };
