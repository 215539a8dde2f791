/**
 * The DfE Unique Pupil Number: a check letter then 12 characters (LA code, establishment, year, serial; the last
 * may be a letter in a temporary UPN). The check letter is the weighted sum (weights 2..13) of the 12 characters
 * modulo 23, as a letter of A–Z without I, O and S; letters in position 13 count as their index in that alphabet.
 */
const CHECK = 'ABCDEFGHJKLMNPQRTUVWXYZ';

export function upnCheckLetter(rest12: string): string | undefined {
  if (!/^[0-9]{11}[0-9A-Z]$/.test(rest12)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = rest12[i]!;
    const value = /[0-9]/.test(ch) ? Number(ch) : CHECK.indexOf(ch);
    if (value < 0) return undefined;
    sum += value * (i + 2);
  }
  return CHECK[sum % 23];
}

export function isValidUpn(upn: string): boolean {
  return upn.length === 13 && upnCheckLetter(upn.slice(1)) === upn[0];
}

/** Builds a valid UPN from 12 characters (demo and test data). */
export const makeUpn = (rest12: string): string => `${upnCheckLetter(rest12) ?? 'A'}${rest12}`;
