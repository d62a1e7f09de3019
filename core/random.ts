/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same numbers in [0, 1) on
 * every machine and every run, so a generated test case or bench text that fails can be made again.
 * Never for anything that must be hard to guess (ids, tokens).
 */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
