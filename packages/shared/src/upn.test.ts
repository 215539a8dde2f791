import { describe, expect, it } from 'vitest';
import { isValidUpn, makeUpn, upnCheckLetter } from './upn.js';

describe('UPN check letter', () => {
  it('accepts numbers it builds and rejects a changed digit or check letter', () => {
    const upn = makeUpn('801234500001');
    expect(isValidUpn(upn)).toBe(true);
    expect(isValidUpn(upn.slice(0, 12) + '2')).toBe(false);
    const other = upn[0] === 'A' ? 'B' : 'A';
    expect(isValidUpn(other + upn.slice(1))).toBe(false);
  });
  it('computes the weighted sum modulo 23', () => {
    // 8*2 + 0*3 + 1*4 + 2*5 + 3*6 + 4*7 + 5*8 + 0*9 + 0*10 + 0*11 + 0*12 + 1*13 = 129; 129 mod 23 = 14 -> 'Q' (A–Z without I, O, S)
    expect(upnCheckLetter('801234500001')).toBe('Q');
    expect(upnCheckLetter('80123450000')).toBeUndefined();
  });
});
