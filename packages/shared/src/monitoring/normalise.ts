import {
  Fold,
  LEET_ALTERNATES,
  LEET_DIGITS,
  LEET_SYMBOLS,
  foldAstral,
  foldKind,
  foldMulti,
  foldSingle,
} from './fold.js';

/**
 * The classifier's normal form of a text: folded letters (fold.ts), words separated by one space with a space
 * at each end (so a phrase " kill " can only match whole words: "class" never holds "ass"), and these tricks
 * undone:
 *  - leetspeak inside words ("k1ll", "p0rn", "s3x", "a$$"); numbers on their own stay numbers ("14 88");
 *    '1', '!' and '|' read as i or l, so such texts get a second reading (`alternate`);
 *  - spaced or dotted letters ("s u i c i d e", "k.i.l.l"): three or more one-letter words are joined;
 *  - stretched letters ("kiiiill"): a letter seen three or more times in a row is written once followed by
 *    REPEAT, which the matcher reads as "one or two of that letter";
 *  - zero-width characters, soft hyphens, apostrophes and '*' inside words are dropped.
 */
export const REPEAT = 1;
const SPACE = 32;
/** Longer texts are cut: a search, a title or a typed phrase is far shorter. */
export const MAX_TEXT_UNITS = 4000;

const LEET_DIGIT_CODES = codeMap(LEET_DIGITS);
const LEET_SYMBOL_CODES = codeMap(LEET_SYMBOLS);
const ALTERNATE_CODES = codeMap(LEET_ALTERNATES);
const DOLLAR = 0x24;

function codeMap(m: Record<string, string>): Map<number, number> {
  return new Map(Object.entries(m).map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]));
}

const K_LETTER = 1;
const K_DIGIT = 2;
const K_SYMBOL = 3;
const K_SEP = 4;

function grow(buf: Uint16Array, need: number): Uint16Array {
  if (need <= buf.length) return buf;
  const next = new Uint16Array(Math.max(need, buf.length * 2));
  next.set(buf);
  return next;
}

/** Reusable scratch buffers: normalising allocates nothing once they are big enough. */
export class Normaliser {
  private folded: Uint16Array = new Uint16Array(256);
  private kinds: Uint8Array = new Uint8Array(256);
  private word: Uint16Array = new Uint16Array(256);
  private wordStart: Int32Array = new Int32Array(64);
  private wordLen: Int32Array = new Int32Array(64);
  private altPos: Int32Array = new Int32Array(16);
  private altCode: Uint16Array = new Uint16Array(16);
  private words = 0;
  private alts = 0;
  /** The normal form (valid up to `length`). */
  out: Uint16Array = new Uint16Array(512);
  length = 0;
  /** The second reading when the text has ambiguous leet characters, else `alternateLength` is 0. */
  alternate: Uint16Array = new Uint16Array(512);
  alternateLength = 0;

  run(text: string): void {
    const n = this.fold(text);
    this.splitWords(n);
    this.length = this.assemble(false);
    this.alternateLength = this.alts > 0 ? this.assemble(true) : 0;
  }

  /** Pass 1: fold every character; runs of separators become one. Returns the folded length. */
  private fold(text: string): number {
    const end = Math.min(text.length, MAX_TEXT_UNITS);
    let n = 0;
    let lastSep = true;
    for (let i = 0; i < end; i++) {
      let c = text.charCodeAt(i);
      let kind: Fold;
      let multi = '';
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
        const lo = text.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          i++;
          const f = foldAstral(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000);
          kind = f.kind;
          if (f.kind === Fold.Letter || f.kind === Fold.Digit) c = f.out.charCodeAt(0);
          else if (f.kind === Fold.LetterMulti) multi = f.out;
        } else kind = Fold.Sep;
      } else {
        kind = foldKind(c);
        if (kind === Fold.LetterMulti) multi = foldMulti(c);
        else if (kind !== Fold.Sep && kind !== Fold.Ignore) c = foldSingle(c);
      }
      if (kind === Fold.Ignore) continue;
      if (n + 8 + multi.length > this.folded.length) this.growFolded(n + 8 + multi.length);
      if (kind === Fold.Sep) {
        if (!lastSep) {
          this.folded[n] = SPACE;
          this.kinds[n++] = K_SEP;
          lastSep = true;
        }
        continue;
      }
      lastSep = false;
      if (kind === Fold.LetterMulti) {
        for (let j = 0; j < multi.length; j++) {
          this.folded[n] = multi.charCodeAt(j);
          this.kinds[n++] = K_LETTER;
        }
      } else {
        this.folded[n] = c;
        this.kinds[n++] = kind === Fold.Letter ? K_LETTER : kind === Fold.Digit ? K_DIGIT : K_SYMBOL;
      }
    }
    return n;
  }

  private growFolded(need: number): void {
    this.folded = grow(this.folded, need);
    const k = new Uint8Array(this.folded.length);
    k.set(this.kinds);
    this.kinds = k;
  }

  /** Pass 2: words, with leetspeak read inside words that have a letter. */
  private splitWords(n: number): void {
    this.words = 0;
    this.alts = 0;
    this.word = grow(this.word, n + 1);
    let w = 0;
    let i = 0;
    while (i < n) {
      if (this.kinds[i] === K_SEP) {
        i++;
        continue;
      }
      let e = i;
      let hasLetter = false;
      let firstPlain = -1;
      let lastPlain = -1;
      while (e < n && this.kinds[e] !== K_SEP) {
        const k = this.kinds[e];
        if (k === K_LETTER) hasLetter = true;
        if (k !== K_SYMBOL) {
          if (firstPlain < 0) firstPlain = e;
          lastPlain = e;
        }
        e++;
      }
      let start = w;
      for (let j = i; j < e; j++) {
        const k = this.kinds[j];
        const c = this.folded[j] ?? 0;
        if (k === K_LETTER) this.word[w++] = c;
        else if (k === K_DIGIT) {
          const leet = hasLetter ? LEET_DIGIT_CODES.get(c) : undefined;
          if (leet !== undefined) this.noteAlternate(w, c);
          this.word[w++] = leet ?? c;
        } else if (!hasLetter) {
          // A symbol between digits ("14/88", "1+1") separates numbers.
          if (w > start) this.pushWord(start, w);
          start = w;
        } else if ((j > firstPlain && j < lastPlain) || (c === DOLLAR && j > firstPlain)) {
          this.noteAlternate(w, c);
          this.word[w++] = LEET_SYMBOL_CODES.get(c) ?? c;
        }
      }
      if (w > start) this.pushWord(start, w);
      i = e;
    }
  }

  private noteAlternate(pos: number, raw: number): void {
    const alt = ALTERNATE_CODES.get(raw);
    if (alt === undefined) return;
    if (this.alts >= this.altPos.length) {
      const p = new Int32Array(this.altPos.length * 2);
      p.set(this.altPos);
      this.altPos = p;
      const a = new Uint16Array(this.altCode.length * 2);
      a.set(this.altCode);
      this.altCode = a;
    }
    this.altPos[this.alts] = pos;
    this.altCode[this.alts++] = alt;
  }

  private pushWord(start: number, end: number): void {
    if (this.words >= this.wordStart.length) {
      const s = new Int32Array(this.wordStart.length * 2);
      s.set(this.wordStart);
      this.wordStart = s;
      const l = new Int32Array(this.wordLen.length * 2);
      l.set(this.wordLen);
      this.wordLen = l;
    }
    this.wordStart[this.words] = start;
    this.wordLen[this.words++] = end - start;
  }

  /** Pass 3: " word word ", joining runs of one-letter words and marking stretched letters. */
  private assemble(alternate: boolean): number {
    let buf = alternate ? this.alternate : this.out;
    buf = grow(buf, this.word.length * 2 + 2 * this.words + 4);
    if (alternate) {
      for (let a = 0; a < this.alts; a++) this.word[this.altPos[a] ?? 0] = this.altCode[a] ?? 0;
    }
    let n = 0;
    buf[n++] = SPACE;
    let w = 0;
    while (w < this.words) {
      // A run of three or more one-letter words ("s u i c i d e") is one word.
      let run = w;
      while (
        run < this.words &&
        this.wordLen[run] === 1 &&
        isLetter(this.word[this.wordStart[run] ?? 0] ?? 0)
      )
        run++;
      const joined = run - w >= 3 ? run : w + 1;
      let last = 0;
      let count = 0;
      for (let x = w; x < joined; x++) {
        const s = this.wordStart[x] ?? 0;
        const e = s + (this.wordLen[x] ?? 0);
        for (let j = s; j < e; j++) {
          const c = this.word[j] ?? 0;
          if (c === last && isLetter(c)) {
            count++;
            if (count === 3) buf[n - 1] = REPEAT;
            if (count >= 3) continue;
          } else {
            last = c;
            count = 1;
          }
          buf[n++] = c;
        }
      }
      buf[n++] = SPACE;
      w = joined;
    }
    if (alternate) this.alternate = buf;
    else this.out = buf;
    return n === 1 ? 1 : n;
  }
}

function isLetter(c: number): boolean {
  return c !== SPACE && c !== REPEAT && (c < 0x30 || c > 0x39);
}

const shared = new Normaliser();

/** The normal form as strings: the reading, then the second reading of ambiguous leet characters if any. */
export function normalise(text: string): string[] {
  shared.run(text);
  const first = String.fromCharCode(...shared.out.subarray(0, shared.length));
  if (shared.alternateLength === 0) return [first];
  return [first, String.fromCharCode(...shared.alternate.subarray(0, shared.alternateLength))];
}
