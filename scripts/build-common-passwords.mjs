// Builds apps/server/assets/common-passwords.txt, the shipped list of common and breached passwords (policy 7.2).
// Source: the "passwords" dictionary of @zxcvbn-ts/language-common (MIT), a list ranked by how often each
// password appears in public breach corpora. We keep, in rank order, the first LIMIT entries of 8 or more
// characters (shorter ones fail the length rule anyway), lower-cased and de-duplicated. Nothing is downloaded:
// the package is already a server dependency. Run again after upgrading it: node scripts/build-common-passwords.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const LIMIT = 5000;
const require = createRequire(path.resolve('apps/server/package.json'));
const common = require('@zxcvbn-ts/language-common');
const { version } = require('@zxcvbn-ts/language-common/package.json');
const seen = new Set();
for (const p of common.dictionary.passwords) {
  const w = String(p).toLowerCase();
  if (w.length >= 8 && !seen.has(w)) seen.add(w);
  if (seen.size >= LIMIT) break;
}
const header = [
  `# The ${seen.size} most common breached passwords of 8+ characters, most common first, lower-cased.`,
  `# From the "passwords" dictionary of @zxcvbn-ts/language-common@${version} (MIT licence),`,
  '# itself ranked by frequency in public breach corpora. Built by scripts/build-common-passwords.mjs.',
];
const out = path.resolve('apps/server/assets/common-passwords.txt');
fs.writeFileSync(out, [...header, ...seen].join('\n') + '\n');
console.log(`wrote ${seen.size} passwords to ${out}`);
