/**
 * An Aho–Corasick automaton over UTF-16 code units, built for the one pass screening makes.
 *
 * Why not a library: @monyone/aho-corasick (the fastest exact matcher the bench measured) looks
 * every character up in a Map and allocates an object per match. Once combination rules and the
 * detectors' cue words joined the lexicon, frequent short words (民警, 孩子) multiplied the matches
 * and the library's cost with them (the bench showed screening at 0.13× its raw speed). This one
 * reads char codes, keeps transitions in typed arrays (root transitions dense, the others in one
 * open-addressing table) and reports matches as integers into a reused buffer. The property test
 * compares every match with brute force; `npm run bench -- screening` compares it with the libraries.
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
/** Set on a transition's target when the target node (or a node on its failure chain) ends a key. */
const EMITS = 1 << 30;
const NODE = EMITS - 1;

export class Automaton {
  /** Length of each key. */
  readonly lengths: Int32Array;
  /**
   * Transitions of the root by code unit; a target with keys to report carries EMITS. Other
   * transitions live in `table` as (node, code, target) triples, one cache line per probe.
   */
  private readonly rootNext: Int32Array;
  private readonly table: Int32Array;
  private readonly mask: number;
  /**
   * Per node, one bit for each child's code modulo 32: most characters continue no key, and this
   * answers “no child” without touching the transition table.
   */
  private readonly childBits: Int32Array;
  private readonly fail: Int32Array;
  /** Key ending exactly at the node, or EMPTY. */
  private readonly out: Int32Array;
  /** Nearest node along the failure chain that ends a key (0 when none). */
  private readonly dict: Int32Array;
  /**
   * What scanning reads per node, side by side (one cache line): child bits, failure link, key
   * ending there, dictionary link — the arrays above, interleaved.
   */
  private readonly nodeInfo: Int32Array;
  private matchEnds = new Int32Array(1024);
  private matchKeys = new Int32Array(1024);

  /**
   * `alphabetSize`: every code unit of the keys and of the scanned text is below it (a matcher that
   * writes its alphabet densely keeps the root table small enough to stay in cache).
   */
  constructor(keys: readonly string[], alphabetSize = 65536) {
    this.rootNext = new Int32Array(alphabetSize);
    // The trie, children kept per node while building.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const outList: number[] = [EMPTY];
    keys.forEach((key, index) => {
      let node = 0;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        let next = children[node]?.get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map<number, number>());
          outList.push(EMPTY);
          children[node]?.set(c, next);
        }
        node = next;
      }
      if (key.length > 0 && outList[node] === EMPTY) outList[node] = index;
    });
    this.lengths = Int32Array.from(keys, (k) => k.length);
    const nodes = children.length;
    let edges = 0;
    for (const map of children) edges += map.size;
    let capacity = 16;
    while (capacity < edges * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.table = new Int32Array(capacity * 3).fill(EMPTY);
    this.fail = new Int32Array(nodes);
    this.childBits = new Int32Array(nodes);
    this.out = Int32Array.from(outList);
    this.dict = new Int32Array(nodes);
    for (const [c, next] of children[0] ?? []) this.rootNext[c] = next;
    for (let node = 1; node < nodes; node++) {
      for (const [c, next] of children[node] ?? []) {
        let slot = this.hash(node, c);
        while (this.table[slot * 3] !== EMPTY) slot = (slot + 1) & this.mask;
        this.table[slot * 3] = node;
        this.table[slot * 3 + 1] = c;
        this.table[slot * 3 + 2] = next;
        this.childBits[node] = (this.childBits[node] ?? 0) | (1 << (c & 31));
      }
    }
    // Failure and dictionary links, breadth first.
    const queue: number[] = [];
    for (const next of children[0]?.values() ?? []) queue.push(next);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head] ?? 0;
      for (const [c, next] of children[node] ?? []) {
        let f = this.fail[node] ?? 0;
        let target = this.step(f, c);
        while (target < 0 && f !== 0) {
          f = this.fail[f] ?? 0;
          target = this.step(f, c);
        }
        this.fail[next] = target < 0 || target === next ? 0 : target;
        const failTo = this.fail[next] ?? 0;
        this.dict[next] = (this.out[failTo] ?? EMPTY) !== EMPTY ? failTo : (this.dict[failTo] ?? 0);
        queue.push(next);
      }
    }
    // Mark every transition whose target has something to report, so scanning needs no lookup
    // for the many characters that end no key.
    const emits = (node: number): boolean => this.out[node] !== EMPTY || (this.dict[node] ?? 0) > 0;
    for (let c = 0; c < alphabetSize; c++) {
      const next = this.rootNext[c] ?? 0;
      if (next > 0 && emits(next)) this.rootNext[c] = next | EMITS;
    }
    for (let slot = 0; slot <= this.mask; slot++) {
      const next = this.table[slot * 3 + 2] ?? EMPTY;
      if (this.table[slot * 3] !== EMPTY && emits(next)) this.table[slot * 3 + 2] = next | EMITS;
    }
    this.nodeInfo = new Int32Array(nodes * 4);
    for (let node = 0; node < nodes; node++) {
      this.nodeInfo[node * 4] = this.childBits[node];
      this.nodeInfo[node * 4 + 1] = this.fail[node];
      this.nodeInfo[node * 4 + 2] = this.out[node];
      this.nodeInfo[node * 4 + 3] = this.dict[node];
    }
  }

  private hash(node: number, code: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b)) & this.mask;
  }

  /** The child of `node` by `code` (while building, before EMITS is set), or -1; the root answers 0. */
  private step(node: number, code: number): number {
    if (node === 0) return this.rootNext[code] ?? 0;
    let slot = this.hash(node, code);
    for (;;) {
      const n = this.table[slot * 3] ?? EMPTY;
      if (n === EMPTY) return -1;
      if (n === node && this.table[slot * 3 + 1] === code) return this.table[slot * 3 + 2] ?? -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Every occurrence of every key in units[0, length), overlapping ones included. */
  scan(units: Uint16Array, length: number): AutomatonMatches {
    const { rootNext, table, mask, nodeInfo } = this;
    let ends = this.matchEnds;
    let found = this.matchKeys;
    let count = 0;
    let node = 0;
    for (let i = 0; i < length; i++) {
      const c = units[i];
      let next: number;
      // Follow failure links until a transition exists (the root always has one, maybe to itself).
      for (;;) {
        if (node === 0) {
          next = rootNext[c];
          break;
        }
        next = -1;
        const info = node << 2;
        if ((nodeInfo[info] & (1 << (c & 31))) === 0) {
          node = nodeInfo[info + 1];
          continue;
        }
        let slot = ((Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask) * 3;
        for (;;) {
          const n = table[slot];
          if (n === EMPTY) break;
          if (n === node && table[slot + 1] === c) {
            next = table[slot + 2];
            break;
          }
          slot = slot + 3 > mask * 3 ? 0 : slot + 3;
        }
        if (next >= 0) break;
        node = nodeInfo[info + 1];
      }
      node = next & NODE;
      if (next < EMITS) continue;
      for (
        let m = nodeInfo[(node << 2) + 2] !== EMPTY ? node : nodeInfo[(node << 2) + 3];
        m > 0;
        m = nodeInfo[(m << 2) + 3]
      ) {
        if (count === ends.length) {
          const grownEnds = new Int32Array(count * 2);
          grownEnds.set(ends);
          const grownKeys = new Int32Array(count * 2);
          grownKeys.set(found);
          this.matchEnds = ends = grownEnds;
          this.matchKeys = found = grownKeys;
        }
        ends[count] = i + 1;
        found[count++] = nodeInfo[(m << 2) + 2];
      }
    }
    return { count, ends, keys: found };
  }
}
