import { describe, expect, it } from 'vitest';
import { REPEAT, normalise } from './normalise.js';

const r = String.fromCharCode(REPEAT);

describe('normalise', () => {
  it('folds case and accents, with a space at each end', () => {
    expect(normalise('Kill MYSELF')).toEqual([' kill myself ']);
    expect(normalise('jak się zabić')).toEqual([' jak sie zabic ']);
    expect(normalise('cum să mă sinucid')).toEqual([' cum sa ma sinucid ']);
    expect(normalise('ŁÓDŹ ŵ ŷ')).toEqual([' lodz w y ']);
  });
  it('folds look-alike letters from other scripts and compatibility forms', () => {
    expect(normalise('ѕех')).toEqual([' sex ']); // Cyrillic
    expect(normalise('ρоrn')).toEqual([' porn ']); // Greek rho, Cyrillic o
    expect(normalise('𝐤𝐢𝐥𝐥 ｋｉｌｌ ⓚⓘⓛⓛ')).toEqual([' kill kill kill ']);
    expect(normalise('ᴋɪʟʟ')).toEqual([' kill ']);
  });
  it('reads leetspeak inside words but keeps numbers', () => {
    expect(normalise('p0rn s3x a$$ k!ll')).toEqual([' porn sex ass kill ', ` porn sex ass kl${r} `]);
    expect(normalise('14/88 over 18')).toEqual([' 14 88 over 18 ']);
    expect(normalise('help! @user')).toEqual([' help user ']);
  });
  it('gives ambiguous 1 both readings (i and l)', () => {
    const [a, b] = normalise('ki11');
    expect(a).toBe(` ki${r} `);
    expect(b).toBe(' kill ');
  });
  it('joins spaced and dotted letters, and drops zero-width characters and apostrophes', () => {
    expect(normalise('s u i c i d e')).toEqual([' suicide ']);
    expect(normalise('k.i.l.l my-self')).toEqual([' kill my self ']);
    expect(normalise('sui\u200bcide')).toEqual([' suicide ']);
    expect(normalise("don't")).toEqual([' dont ']);
    // Two one-letter words stay words ("i a").
    expect(normalise('i a m')).toEqual([' iam ']);
    expect(normalise('a b')).toEqual([' a b ']);
  });
  it('marks letters stretched three or more times', () => {
    expect(normalise('kiiiiill')).toEqual([` ki${r}ll `]);
    expect(normalise('weed')).toEqual([' weed ']);
  });
  it('unifies Arabic and Urdu letter forms and drops diacritics and tatweel', () => {
    expect(normalise('خودکشی')).toEqual(normalise('خودكشي'));
    expect(normalise('أريد أن أموت')).toEqual(normalise('اريد ان اموت'));
    expect(normalise('مـــوت')).toEqual(normalise('موت'));
    expect(normalise('مَوْت')).toEqual(normalise('موت'));
    expect(normalise('١٢٣')).toEqual([' 123 ']);
  });
  it('copes with empty and very long texts', () => {
    expect(normalise('')).toEqual([' ']);
    expect(normalise('!!!')).toEqual([' ']);
    expect(normalise('a'.repeat(10_000))[0]?.length).toBeLessThan(10);
  });
});
