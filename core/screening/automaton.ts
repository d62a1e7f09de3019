/**
 * An Aho–Corasick automaton over UTF-16 code units, built for the one pass screening makes.
 *
 * Why not a library: @monyone/aho-corasick (the fastest exact matcher the bench measured) looks
 * every character up in a Map and allocates an object per match. Once combination rules and the
 * detectors' cue words joined the lexicon, frequent short words (民警, 孩子) multiplied the matches
 * and the library's cost with them (the bench showed screening at 0.13× its raw speed). This one
 * reads char codes, keeps its states in one typed array and reports matches as integers into a
 * reused buffer. The property test compares every match with brute force; `npm run bench --
 * screening` compares it with the libraries.
 *
 * The states are laid out as a double-array trie: state s's children by code c sit at base(s) + c,
 * and a slot belongs to s's child when its check is s. Each state's four integers (base, check,
 * failure link, first key to report) lie side by side, so a step reads the current state's record,
 * which the step before already brought in, and the child's, which the next step reads again: one
 * place in memory per character. The hash table this replaced read two (the node, then its
 * transition slot), and between one text and the next the rest of screen() pushes both out of the
 * cache; a text's first scan took three times as long as a second scan of the same text.
 */

export interface AutomatonMatches {
  /** Number of matches in the buffers below (valid until the next scan). */
  count: number;
  /** Exclusive end of each match in the scanned units. */
  ends: Int32Array;
  /** Index of the matched key, as passed to the constructor. */
  keys: Int32Array;
}

const EMPTY = -1;
/** The record of state s is STATES[s * 4 + field]. */
const BASE = 0;
/** The parent state; EMPTY for a free slot and for the root. */
const CHECK = 1;
const FAIL = 2;
/** The first state on s's failure chain (s itself included) that ends a key, 0 when none. */
const HEAD = 3;
/**
 * A free slot found too low for a node's first child code this many times leaves the list of free
 * slots: the few slots low in the array fit almost no child (the code would need a base below 1),
 * and every search would otherwise start by passing them.
 */
const GIVE_UP = 32;
/** Free slots a search for several children may pass before later ones start where it ended. */
const LONG_SEARCH = 1024;

export class Automaton {
  /** Length of each key. */
  readonly lengths: Int32Array;
  /** Per state, base, check, failure link and head, side by side. The root is state 0. */
  private readonly states: Int32Array;
  /** Per state: the key ending exactly there, or EMPTY. */
  private readonly out: Int32Array;
  /** Per state: the nearest state along the failure chain that ends a key (0 when none). */
  private readonly dict: Int32Array;
  private matchEnds = new Int32Array(1024);
  private matchKeys = new Int32Array(1024);

  /**
   * `alphabetSize`: every code unit of the keys and of the scanned text is below it (a matcher that
   * writes its alphabet densely keeps the array small: every state's children lie within
   * `alphabetSize` slots of its base).
   */
  constructor(keys: readonly string[], alphabetSize = 65536) {
    // The trie, children kept per node while building.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const outOfNode: number[] = [EMPTY];
    keys.forEach((key, index) => {
      let node = 0;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        let next = children[node]?.get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map<number, number>());
          outOfNode.push(EMPTY);
          children[node]?.set(c, next);
        }
        node = next;
      }
      if (key.length > 0 && outOfNode[node] === EMPTY) outOfNode[node] = index;
    });
    this.lengths = Int32Array.from(keys, (k) => k.length);

    // Slots, breadth first: each node's children at the first base where all of them fit.
    const layout = new Layout(alphabetSize, children.length + alphabetSize);
    const slotOf = new Int32Array(children.length);
    // The slots in the same order, and each one's child codes (ascending), for the links below.
    const slots: number[] = [0];
    const codesOf: (readonly number[])[] = [];
    for (let head = 0, nodes = [0]; head < nodes.length; head++) {
      const node = nodes[head] ?? 0;
      const map = children[node];
      const codes = map && map.size > 0 ? [...map.keys()].sort((a, b) => a - b) : [];
      codesOf.push(codes);
      if (codes.length === 0) continue;
      const parent = slotOf[node] ?? 0;
      const base = layout.place(codes, parent);
      layout.base[parent] = base;
      for (const c of codes) {
        const child = map?.get(c) ?? 0;
        slotOf[child] = base + c;
        nodes.push(child);
        slots.push(base + c);
      }
    }
    const size = layout.size();
    const states = new Int32Array(size * 4);
    const out = new Int32Array(size).fill(EMPTY);
    for (let s = 0; s < size; s++) {
      states[s * 4 + BASE] = layout.base[s];
      states[s * 4 + CHECK] = layout.check[s];
    }
    outOfNode.forEach((key, node) => (out[slotOf[node] ?? 0] = key));

    // Failure and dictionary links, breadth first (`slots` is), each from its parent's.
    const dict = new Int32Array(size);
    const child = (s: number, c: number): number => {
      const t = (states[s * 4 + BASE] ?? 0) + c;
      return states[t * 4 + CHECK] === s ? t : EMPTY;
    };
    slots.forEach((s, i) => {
      for (const c of codesOf[i] ?? []) {
        const t = (states[s * 4 + BASE] ?? 0) + c;
        let fail = 0;
        if (s !== 0) {
          let f = states[s * 4 + FAIL] ?? 0;
          while (f !== 0 && child(f, c) === EMPTY) f = states[f * 4 + FAIL] ?? 0;
          const target = child(f, c);
          fail = target === EMPTY ? 0 : target;
        }
        states[t * 4 + FAIL] = fail;
        dict[t] = out[fail] !== EMPTY ? fail : (dict[fail] ?? 0);
        states[t * 4 + HEAD] = out[t] !== EMPTY ? t : (dict[t] ?? 0);
      }
    });
    this.states = states;
    this.out = out;
    this.dict = dict;
  }

  /** Every occurrence of every key in units[0, length), overlapping ones included. */
  scan(units: Uint16Array, length: number): AutomatonMatches {
    const { states, out, dict } = this;
    let ends = this.matchEnds;
    let found = this.matchKeys;
    let count = 0;
    let s = 0;
    for (let i = 0; i < length; i++) {
      const c = units[i];
      // Follow failure links until a child exists; the root without one stays where it is.
      for (;;) {
        const t = states[s << 2] + c;
        if (states[(t << 2) + CHECK] === s) {
          s = t;
          break;
        }
        if (s === 0) break;
        s = states[(s << 2) + FAIL];
      }
      for (let m = states[(s << 2) + HEAD]; m > 0; m = dict[m]) {
        if (count === ends.length) {
          const grownEnds = new Int32Array(count * 2);
          grownEnds.set(ends);
          const grownKeys = new Int32Array(count * 2);
          grownKeys.set(found);
          this.matchEnds = ends = grownEnds;
          this.matchKeys = found = grownKeys;
        }
        ends[count] = i + 1;
        found[count++] = out[m];
      }
    }
    return { count, ends, keys: found };
  }
}

/**
 * The double array while it is laid out: base and check per slot, and the free slots in a list
 * (doubly linked, ascending), so finding a place skips the slots in use. Slot 0 is the root's and
 * never free. Arrays grow by doubling; `end` slots exist.
 */
class Layout {
  base: Int32Array;
  check: Int32Array;
  private nextFree: Int32Array;
  private prevFree: Int32Array;
  /** Per free slot, how often it was too low for a node's first child code; -1 once off the list. */
  private tries: Int32Array;
  private first = -1;
  private last = -1;
  /** A free slot where searches for several children start (-1: at `first`). */
  private severalFrom = -1;
  private end = 1;

  constructor(
    private readonly alphabetSize: number,
    expected: number,
  ) {
    const capacity = Math.max(16, expected);
    this.base = new Int32Array(capacity);
    this.check = new Int32Array(capacity).fill(EMPTY);
    this.nextFree = new Int32Array(capacity).fill(-1);
    this.prevFree = new Int32Array(capacity).fill(-1);
    this.tries = new Int32Array(capacity);
    this.tries[0] = -1;
  }

  /** The slots every state needs: past the last in use, and past base + c for every base and code. */
  size(): number {
    let top = Math.max(this.end, this.alphabetSize);
    for (let s = 0; s < this.end; s++) {
      const b = this.base[s];
      if (b > 0 && b + this.alphabetSize > top) top = b + this.alphabetSize;
    }
    this.grow(top);
    return top;
  }

  /**
   * The first base at which every code of `codes` (ascending, at least one) lands on a free slot:
   * those slots are taken for `parent`'s children.
   */
  place(codes: readonly number[], parent: number): number {
    const low = codes[0] ?? 0;
    const high = codes[codes.length - 1] ?? 0;
    const several = codes.length > 1;
    let slot = several && this.severalFrom >= 0 ? this.severalFrom : this.first;
    let walked = 0;
    for (;;) {
      if (slot < 0) {
        slot = this.end;
        this.grow(slot + this.alphabetSize);
        continue;
      }
      const base = slot - low;
      if (base >= 1) {
        if (base + high >= this.end) this.grow(base + high + 1);
        let fits = true;
        for (let i = 1; i < codes.length && fits; i++) fits = this.check[base + (codes[i] ?? 0)] === EMPTY;
        if (fits) {
          // A long search for several children: the slots it passed are packed too tightly for
          // such nodes, and the next search for several starts here (one child still takes them).
          if (several && walked > LONG_SEARCH) this.severalFrom = slot;
          for (const c of codes) {
            this.unlist(base + c);
            this.check[base + c] = parent;
          }
          return base;
        }
      } else if (++this.tries[slot] > GIVE_UP) {
        const next = this.nextFree[slot];
        this.unlist(slot);
        slot = next;
        continue;
      }
      walked++;
      slot = this.nextFree[slot];
    }
  }

  /** Slots up to `to` (exclusive) exist; the new ones are free and listed. */
  private grow(to: number): void {
    if (to > this.base.length) {
      let capacity = this.base.length * 2;
      while (capacity < to) capacity *= 2;
      const widen = (a: Int32Array, fill: number): Int32Array => {
        const b = new Int32Array(capacity).fill(fill);
        b.set(a);
        return b;
      };
      this.base = widen(this.base, 0);
      this.check = widen(this.check, EMPTY);
      this.nextFree = widen(this.nextFree, -1);
      this.prevFree = widen(this.prevFree, -1);
      this.tries = widen(this.tries, 0);
    }
    for (let at = this.end; at < to; at++) {
      this.prevFree[at] = this.last;
      if (this.last >= 0) this.nextFree[this.last] = at;
      else this.first = at;
      this.last = at;
    }
    if (to > this.end) this.end = to;
  }

  private unlist(at: number): void {
    if (this.tries[at] === -1) return;
    const before = this.prevFree[at];
    const after = this.nextFree[at];
    if (before >= 0) this.nextFree[before] = after;
    else this.first = after;
    if (at === this.severalFrom) this.severalFrom = after;
    if (after >= 0) this.prevFree[after] = before;
    else this.last = before;
    this.tries[at] = -1;
  }
}
