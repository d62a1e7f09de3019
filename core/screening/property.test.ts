/**
 * The matcher against the brute-force reference on random lexicons and texts (seeded, so a failure
 * replays). Small alphabets make overlaps, nesting, runs and allow-list collisions common; the
 * alphabet mixes the cases normalisation must handle.
 */
import type { LexiconData, ScreeningCategoryId } from '../../typings/screening';
import { buildMatcher, type TermHit } from './matcher';
import { referenceMatch } from './reference';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Simplified and traditional pairs, full-width and case variants, an astral CJK character and
// one that folds from astral to ASCII, and noise that normalisation drops or turns into a boundary.
const LETTERS = ['测', '試', '试', '发', '發', '髮', '安', '局', '公', 'a', 'A', 'ａ', 'b', '1', '１', '𠀀', '𝐚'];
const NOISE = [' ', '*', '😀', '\u200b', '·', '。', '，', '\ud800'];
const CATEGORIES: ScreeningCategoryId[] = ['reputation', 'secret', 'privacy', 'abusive'];

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

function word(rnd: () => number, min: number, max: number, noise: number): string {
  const len = min + Math.floor(rnd() * (max - min + 1));
  let s = '';
  for (let i = 0; i < len; i++) {
    const c = pick(rnd, LETTERS);
    s += rnd() < 0.15 ? c + c : c;
    if (rnd() < noise) s += pick(rnd, NOISE);
  }
  return s;
}

const key = (h: TermHit): string => `${h.start}:${h.end}:${h.category}:${h.term}`;

describe('matcher equals the brute-force reference', () => {
  it('on 400 random lexicons and texts', () => {
    const rnd = mulberry32(20171103);
    let compared = 0;
    for (let round = 0; round < 400; round++) {
      const lexicon: LexiconData = {
        version: `prop-${round}`,
        terms: Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => ({
          term: word(rnd, 1, 4, 0.05),
          category: pick(rnd, CATEGORIES),
        })),
        allow: Array.from({ length: Math.floor(rnd() * 3) }, () => word(rnd, 2, 5, 0)),
      };
      const matcher = buildMatcher(lexicon);
      for (let t = 0; t < 5; t++) {
        const text = word(rnd, 0, 60, 0.2);
        const got = matcher.match(text);
        const want = referenceMatch(lexicon, text);
        expect({ text, hits: got.hits.map(key).sort() }).toEqual({ text, hits: want.hits.map(key).sort() });
        expect(got.allowSpans.map((s) => `${s.start}:${s.end}`).sort()).toEqual(
          want.allowSpans.map((s) => `${s.start}:${s.end}`).sort(),
        );
        compared += want.hits.length;
      }
    }
    // The generator must actually produce hits for the comparison to mean anything.
    expect(compared).toBeGreaterThan(2000);
  });

  it('every hit spells its term under normalisation', () => {
    const rnd = mulberry32(7);
    for (let round = 0; round < 100; round++) {
      const lexicon: LexiconData = {
        version: `spell-${round}`,
        terms: Array.from({ length: 6 }, () => ({ term: word(rnd, 1, 3, 0), category: 'secret' as const })),
        allow: [],
      };
      const matcher = buildMatcher(lexicon);
      const text = word(rnd, 10, 80, 0.3);
      for (const h of matcher.match(text).hits) {
        // Re-matching the hit's own span alone must find the same term over the whole span.
        const again = matcher.match(text.slice(h.start, h.end)).hits.filter((x) => x.term === h.term);
        expect(again.some((x) => x.start === 0 && x.end === h.end - h.start)).toBe(true);
      }
    }
  });
});
