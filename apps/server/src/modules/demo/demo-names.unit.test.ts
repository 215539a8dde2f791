import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from './seed.js';
import { FAMILY, GIVEN } from './names.js';

// Surnames of real people named in the two seed policies: demo data must never use them.
const REAL = ['Cutts', 'French', 'Day', 'Morrison', 'Hart', 'Ransley', 'Teresa', 'Alan'];

describe('demo names', () => {
  it('uses none of the real names in the seed policies', () => {
    const all = [...GIVEN, ...FAMILY, ...DEMO_STAFF.flatMap((s) => [s.given, s.family])];
    for (const name of REAL) expect(all).not.toContain(name);
  });
});
