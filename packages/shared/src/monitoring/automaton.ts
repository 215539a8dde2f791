import { REPEAT } from './normalise.js';

/** States with more edges than this also get a dense row (the word-start state " " has one per letter). */
const DENSE_FROM = 6;
/** Per-state record: first edge, edge count (or -1 - dense row), fail link, "has output". */
const STRIDE = 4;

/**
 * Aho–Corasick over normalised text (normalise.ts), compiled into flat typed arrays: one pass over the
 * text finds every pattern, whatever the library's size. Patterns are normal forms, so " kill " matches
 * whole words and " suicid" a word's beginning. REPEAT in the text ("kiiiill") is read as one or two of the
 * letter before it: the matcher takes the letter once more when the pattern continues with it.
 *
 * States are numbered breadth first and each state's fields sit side by side, so the shallow states that
 * most characters visit share a few cache lines.
 */
export class Automaton {
  /** Code unit -> symbol (0: in no pattern). */
  private readonly symbols: Uint16Array = new Uint16Array(0x10000);
  private readonly rootNext: Int32Array;
  private readonly node: Int32Array;
  /** Edges as (symbol, target) pairs, sorted by symbol within a state. */
  private readonly edges: Int32Array;
  private readonly dense: Int32Array;
  private readonly alphabet: number;
  /** Pattern ending exactly at a state (-1: none); `dict` is the next state down the fail chain with one. */
  private readonly own: Int32Array;
  private readonly dict: Int32Array;
  readonly patternLength: Int32Array;
  readonly states: number;

  /** Hits of the last scan: pattern index and end position (in symbols read, doubled letters included). */
  hitPattern: Int32Array = new Int32Array(64);
  hitEnd: Int32Array = new Int32Array(64);
  hits = 0;

  constructor(patterns: readonly string[]) {
    let alphabet = 0;
    const children: Map<number, number>[] = [new Map<number, number>()];
    const ownList: number[] = [-1];
    this.patternLength = new Int32Array(patterns.length);
    patterns.forEach((p, index) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        if (this.symbols[c] === 0) this.symbols[c] = ++alphabet;
        const sym = this.symbols[c] ?? 0;
        const node = children[s] as Map<number, number>;
        let next = node.get(sym);
        if (next === undefined) {
          next = children.length;
          children.push(new Map<number, number>());
          ownList.push(-1);
          node.set(sym, next);
        }
        s = next;
      }
      if (ownList[s] !== -1) throw new Error(`duplicate pattern ${JSON.stringify(p)}`);
      ownList[s] = index;
      this.patternLength[index] = p.length;
    });
    const n = children.length;
    this.states = n;
    this.alphabet = alphabet + 1;
    // Breadth-first numbering.
    const order: number[] = [0];
    for (let q = 0; q < order.length; q++)
      for (const t of [...(children[order[q] ?? 0] as Map<number, number>).entries()].sort(
        (a, b) => a[0] - b[0],
      ))
        order.push(t[1]);
    const id = new Int32Array(n);
    order.forEach((old, i) => (id[old] = i));
    const kids: [number, number][][] = order.map((old) =>
      [...(children[old] as Map<number, number>).entries()]
        .map(([sym, t]): [number, number] => [sym, id[t] ?? 0])
        .sort((a, b) => a[0] - b[0]),
    );
    this.own = Int32Array.from(order.map((old) => ownList[old] ?? -1));
    this.rootNext = new Int32Array(this.alphabet);
    for (const [sym, t] of kids[0] ?? []) this.rootNext[sym] = t;
    this.node = new Int32Array(n * STRIDE);
    let edgeTotal = 0;
    let rows = 0;
    for (const k of kids) {
      edgeTotal += k.length;
      if (k.length > DENSE_FROM) rows++;
    }
    this.edges = new Int32Array(edgeTotal * 2);
    this.dense = new Int32Array(rows * this.alphabet);
    let e = 0;
    let row = 0;
    kids.forEach((k, s) => {
      this.node[s * STRIDE] = e;
      if (s !== 0 && k.length > DENSE_FROM) {
        this.node[s * STRIDE + 1] = -1 - row;
        for (const [sym, t] of k) this.dense[row * this.alphabet + sym] = t;
        row++;
      } else this.node[s * STRIDE + 1] = k.length;
      for (const [sym, t] of k) {
        this.edges[e * 2] = sym;
        this.edges[e * 2 + 1] = t;
        e++;
      }
    });
    // Fail links, breadth first: the longest proper suffix that is also a trie path.
    this.dict = new Int32Array(n).fill(-1);
    for (let s = 1; s < n; s++) {
      for (const [sym, t] of kids[s] ?? []) {
        let f = this.node[s * STRIDE + 2] ?? 0;
        let g = this.goto(f, sym);
        while (g < 0 && f !== 0) {
          f = this.node[f * STRIDE + 2] ?? 0;
          g = this.goto(f, sym);
        }
        const ft = g >= 0 && g !== t ? g : 0;
        this.node[t * STRIDE + 2] = ft;
        this.dict[t] = (this.own[ft] ?? -1) >= 0 ? ft : (this.dict[ft] ?? -1);
      }
    }
    for (const [, t] of kids[0] ?? []) this.node[t * STRIDE + 2] = 0;
    for (let s = 0; s < n; s++)
      this.node[s * STRIDE + 3] = (this.own[s] ?? -1) >= 0 || (this.dict[s] ?? -1) >= 0 ? 1 : 0;
  }

  /** The trie child of state s on sym, or -1. */
  private goto(s: number, sym: number): number {
    if (s === 0) {
      const t = this.rootNext[sym] ?? 0;
      return t === 0 ? -1 : t;
    }
    const count = this.node[s * STRIDE + 1] ?? 0;
    if (count < 0) {
      const t = this.dense[(-1 - count) * this.alphabet + sym] ?? 0;
      return t === 0 ? -1 : t;
    }
    const start = this.node[s * STRIDE] ?? 0;
    for (let e = start; e < start + count; e++) {
      const es = this.edges[e * 2] ?? 0;
      if (es === sym) return this.edges[e * 2 + 1] ?? -1;
      if (es > sym) return -1;
    }
    return -1;
  }

  private record(s: number, pos: number): void {
    let t = (this.own[s] ?? -1) >= 0 ? s : (this.dict[s] ?? -1);
    while (t >= 0) {
      if (this.hits === this.hitPattern.length) {
        const p = new Int32Array(this.hits * 2);
        p.set(this.hitPattern);
        this.hitPattern = p;
        const e = new Int32Array(this.hits * 2);
        e.set(this.hitEnd);
        this.hitEnd = e;
      }
      this.hitPattern[this.hits] = this.own[t] ?? 0;
      this.hitEnd[this.hits++] = pos;
      t = this.dict[t] ?? -1;
    }
  }

  /** Finds every pattern in text[0, length); hits are appended (call `reset` between texts). */
  scan(text: Uint16Array, length: number, posOffset = 0): number {
    const symbols = this.symbols;
    const rootNext = this.rootNext;
    const node = this.node;
    const edges = this.edges;
    const dense = this.dense;
    const alphabet = this.alphabet;
    let s = 0;
    let pos = posOffset;
    let prevSym = 0;
    for (let i = 0; i < length; i++) {
      const c = text[i] ?? 0;
      if (c === REPEAT) {
        // A literal REPEAT in a pattern ("xxx") first; else the stretched letter once more, if it leads on.
        const literal = this.goto(s, symbols[c] ?? 0);
        const again = literal >= 0 ? literal : prevSym === 0 ? -1 : this.goto(s, prevSym);
        if (again >= 0) {
          s = again;
          pos++;
          if (node[s * STRIDE + 3] === 1) this.record(s, pos);
        }
        continue;
      }
      const sym = symbols[c] ?? 0;
      prevSym = sym;
      pos++;
      if (sym === 0) {
        s = 0;
        continue;
      }
      // Follow fail links until a state has an edge on sym (the root always answers).
      for (;;) {
        if (s === 0) {
          s = rootNext[sym] ?? 0;
          break;
        }
        const base = s * STRIDE;
        const count = node[base + 1] ?? 0;
        let t = 0;
        if (count < 0) t = dense[(-1 - count) * alphabet + sym] ?? 0;
        else {
          const e1 = (node[base] ?? 0) * 2 + count * 2;
          for (let e = (node[base] ?? 0) * 2; e < e1; e += 2) {
            const es = edges[e] ?? 0;
            if (es >= sym) {
              if (es === sym) t = edges[e + 1] ?? 0;
              break;
            }
          }
        }
        if (t !== 0) {
          s = t;
          break;
        }
        s = node[base + 2] ?? 0;
      }
      if (s !== 0 && node[s * STRIDE + 3] === 1) this.record(s, pos);
    }
    return pos;
  }

  reset(): void {
    this.hits = 0;
  }
}
