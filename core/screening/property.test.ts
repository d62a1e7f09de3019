/**
 * The matcher against the brute-force reference on random lexicons and texts (seeded, so a failure
 * replays). Small alphabets make overlaps, nesting, runs and allow-list collisions common; the
 * alphabet mixes the cases normalisation must handle.
 */
import type { CombinationRule, LexiconData, RuleWithin, ScreeningCategoryId } from '../../typings/screening';
import { buildMatcher, type TermHit } from './matcher';
import { referenceMatch } from './reference';
import { ruleProblems, sentenceAt, type RuleMatch } from './rules';
import { mulberry32 } from '../random';

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

/** Small groups over a small alphabet, so rules fire, are excluded, and miss their window often. */
function randomRule(rnd: () => number, i: number): CombinationRule {
  const within: RuleWithin = rnd() < 0.5 ? { kind: 'sentence' } : { kind: 'window', chars: 4 + Math.floor(rnd() * 20) };
  const used = new Set<string>();
  const terms = (n: number, min: number): string[] => {
    const out: string[] = [];
    for (let k = 0; k < n * 3 && out.length < n; k++) {
      const t = word(rnd, min, 3, 0);
      const key = buildMatcher({ version: 'k', terms: [{ term: t, category: 'secret' }], allow: [] }).match(t).hits[0];
      if (!key || used.has(t)) continue;
      used.add(t);
      out.push(t);
    }
    return out;
  };
  return {
    id: `r${i}`,
    name: `规则${i}`,
    category: 'reputation',
    effect: 'block',
    levelFloor: null,
    groups: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => terms(1 + Math.floor(rnd() * 3), 2)),
    exclude: rnd() < 0.4 ? [terms(1 + Math.floor(rnd() * 2), 1)] : [],
    within,
    ordered: rnd() < 0.4,
    note: '',
  };
}

const fired = (m: RuleMatch): string => `${m.rule}@${m.sentence}`;

describe('combination rules equal the brute-force reference', () => {
  it('on 300 random rule sets and texts: the same rules fire in the same sentences, with valid parts', () => {
    const rnd = mulberry32(41);
    let compared = 0;
    let firedTotal = 0;
    for (let round = 0; round < 300; round++) {
      const rules = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => randomRule(rnd, i)).filter(
        (r) => ruleProblems(r).length === 0,
      );
      const lexicon: LexiconData = {
        version: `rules-${round}`,
        terms: [],
        allow: rnd() < 0.3 ? [word(rnd, 2, 4, 0)] : [],
        rules,
      };
      const matcher = buildMatcher(lexicon);
      expect(matcher.rules).toHaveLength(rules.length);
      for (let t = 0; t < 4; t++) {
        const text = word(rnd, 10, 140, 0.25).replace(/·/g, '；');
        const got = matcher.matchDetailed(text);
        const want = referenceMatch(lexicon, text);
        expect({ text, fired: got.rules.map(fired).sort() }).toEqual({ text, fired: want.rules.map(fired).sort() });
        // The plain match decides most rules from masks in its first pass: it must agree.
        const quick = matcher.match(text);
        expect({ text, fired: quick.rules.map(fired).sort() }).toEqual({ text, fired: want.rules.map(fired).sort() });
        for (const m of quick.rules) {
          const rule = rules[m.rule];
          for (const p of m.parts) expect(rule?.groups[p.group]).toContain(p.term);
        }
        for (const m of got.rules) {
          const rule = rules[m.rule];
          if (!rule) throw new Error('unknown rule');
          // One part per group, each an occurrence of that group's term, anchored in its sentence.
          expect(m.parts.map((p) => p.group)).toEqual(rule.groups.map((_, g) => g));
          const anchor = Math.min(...m.parts.map((p) => p.start));
          expect(sentenceAt(got.sentenceEnds, got.sentenceEnds.length, anchor)).toBe(m.sentence);
          for (const p of m.parts) {
            expect(rule.groups[p.group]).toContain(p.term);
            const again = buildMatcher({
              version: 'x',
              terms: [{ term: p.term, category: 'secret' }],
              allow: [],
            }).match(text.slice(p.start, p.end)).hits;
            expect(again.some((h) => h.start === 0 && h.end === p.end - p.start)).toBe(true);
          }
          if (rule.within.kind === 'window')
            expect(Math.max(...m.parts.map((p) => p.end)) - anchor).toBeLessThanOrEqual(rule.within.chars);
          if (rule.ordered)
            for (let g = 1; g < m.parts.length; g++)
              expect(m.parts[g]?.start ?? 0).toBeGreaterThanOrEqual(m.parts[g - 1]?.end ?? 0);
        }
        compared += 1;
        firedTotal += want.rules.length;
      }
    }
    expect(compared).toBe(1200);
    // Enough fire (and enough do not) for the comparison to mean something.
    expect(firedTotal).toBeGreaterThan(300);
  });
});
