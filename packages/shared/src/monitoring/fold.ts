/**
 * Character folding for the monitoring classifier: one code point in, a class and a folded form out.
 * Folds case, accents and compatibility forms (NFKD), look-alike letters from other scripts (Cyrillic and
 * Greek homoglyphs, small capitals), letters NFKD keeps whole (ł, ß, ø, æ, đ), and the Arabic-script letters
 * that Arabic and Urdu keyboards spell differently (ي/ی/ى/ے, ك/ک, ه/ہ/ھ/ة). Computed once per code point and
 * cached in typed arrays, so folding a text is a table look-up per character.
 */

/** Character classes (numbers, not an enum, so the hot loop compares small integers). */
export const Fold = {
  Unknown: 0,
  /** Separates words: spaces, punctuation, symbols. */
  Sep: 1,
  /** Dropped without separating: combining marks, zero-width characters, tatweel, apostrophes, '*'. */
  Ignore: 2,
  /** A letter folding to one UTF-16 unit (foldSingle). */
  Letter: 3,
  /** A letter folding to several (foldMulti). */
  LetterMulti: 4,
  /** A digit 0-9 (ASCII in foldSingle): kept in numbers, read as a letter inside words (leetspeak). */
  Digit: 5,
  /** A symbol read as a letter inside a word (leetspeak: @ $ ! | + €); foldSingle holds the symbol. */
  LeetSymbol: 6,
} as const;
export type Fold = (typeof Fold)[keyof typeof Fold];

/** Leetspeak digits inside words. '1' is ambiguous (i or l): the normaliser tries both. */
export const LEET_DIGITS: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '9': 'g',
};
export const LEET_SYMBOLS: Record<string, string> = {
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '+': 't',
  '€': 'e',
  '¡': 'i',
};
/** The second reading of an ambiguous leet character. */
export const LEET_ALTERNATES: Record<string, string> = { '1': 'l', '!': 'l', '|': 'i' };

/** Folded (lower-case, accent-free) forms that still need mapping. */
const SPECIAL: Record<string, string> = {
  // Latin letters NFKD does not decompose.
  ł: 'l',
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
  ı: 'i',
  ŀ: 'l',
  ɑ: 'a',
  ɩ: 'i',
  ɡ: 'g',
  ſ: 's',
  // Small capitals and phonetic look-alikes.
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ғ: 'f',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ǫ: 'q',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
  // Cyrillic homoglyphs (lower-cased; В/Н/М look like B/H/M in capitals).
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ɾ: 'r',
  // Greek homoglyphs.
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  ω: 'w',
  μ: 'u',
  ς: 's',
  // Arabic script: one spelling for letters Arabic and Urdu keyboards type differently.
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ې: 'ي',
  ے: 'ي',
  ک: 'ك',
  ة: 'ه',
  ہ: 'ه',
  ھ: 'ه',
  ۃ: 'ه',
  ۀ: 'ه',
  ں: 'ن',
};

const IGNORED = new Set([
  0x00ad, 0x034f, 0x061c, 0x0640, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e,
  0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff,
  // Apostrophes and the masking star join what they sit in ("don't" is "dont", "f*ck" is "fck").
  0x27, 0x2019, 0x2018, 0x60, 0xb4, 0x2bc, 0x2a,
]);

const ARABIC_DIGITS_START = [0x0660, 0x06f0];

const kinds = new Uint8Array(0x10000);
const singles = new Uint16Array(0x10000);
const multis = new Map<number, string>();
const astral = new Map<number, { kind: Fold; out: string }>();

const LETTERS = /^\p{L}+$/u;
const DIGITS = /^[0-9]+$/;
const MARKS = /\p{M}/gu;

function compute(cp: number): { kind: Fold; out: string } {
  if (IGNORED.has(cp)) return { kind: Fold.Ignore, out: '' };
  const ch = String.fromCodePoint(cp);
  if (LEET_SYMBOLS[ch] !== undefined) return { kind: Fold.LeetSymbol, out: ch };
  if (cp >= 0x30 && cp <= 0x39) return { kind: Fold.Digit, out: ch };
  for (const start of ARABIC_DIGITS_START)
    if (cp >= start && cp <= start + 9) return { kind: Fold.Digit, out: String(cp - start) };
  if (/\p{M}/u.test(ch)) return { kind: Fold.Ignore, out: '' };
  let folded = '';
  for (const c of ch.normalize('NFKD').replace(MARKS, '').toLowerCase()) folded += SPECIAL[c] ?? c;
  if (folded === '') return { kind: Fold.Ignore, out: '' };
  if (LETTERS.test(folded))
    return { kind: folded.length === 1 ? Fold.Letter : Fold.LetterMulti, out: folded };
  if (DIGITS.test(folded)) return { kind: folded.length === 1 ? Fold.Digit : Fold.Sep, out: folded };
  return { kind: Fold.Sep, out: ' ' };
}

/** Class of a BMP code unit; fills the caches on first use. */
export function foldKind(code: number): Fold {
  const k = (kinds[code] ?? 0) as Fold;
  if (k !== Fold.Unknown) return k;
  const { kind, out } = compute(code);
  kinds[code] = kind;
  if (kind === Fold.LetterMulti) multis.set(code, out);
  else if (out.length === 1) singles[code] = out.charCodeAt(0);
  return kind;
}

/** The folded single unit of a BMP code (after foldKind said Letter, Digit or LeetSymbol). */
export const foldSingle = (code: number): number => singles[code] ?? 0;
export const foldMulti = (code: number): string => multis.get(code) ?? '';

/** Astral code points (mathematical alphanumerics, enclosed letters): computed and cached by code point. */
export function foldAstral(cp: number): { kind: Fold; out: string } {
  let f = astral.get(cp);
  if (!f) {
    f = compute(cp);
    if (astral.size < 4096) astral.set(cp, f);
  }
  return f;
}
