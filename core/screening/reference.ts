/**
 * A brute-force statement of what the matcher must find, for the property test and the bench:
 * no automaton, no typed arrays — fold each code point, group equal neighbours into runs, and try
 * every term at every run; for combination rules, try every choice of one occurrence per group in
 * every sentence. Shares only the per-character fold (and the rule validation) with the real path.
 */
import type { CombinationRule, LexiconData, ScreeningCategoryId } from '../../typings/screening';
import type { LexiconMatch, Span, TermHit, WordingHit } from './matcher';

/** What the brute force states: the matcher's terms, allow spans, rules and wording. */
export type ReferenceMatch = Pick<LexiconMatch, 'hits' | 'allowSpans' | 'rules' | 'wording'>;
import { codePointEnd, foldCodePoint, isBoundary, isSentenceEnd } from './normalize';
import { ruleProblems, type RuleMatch, type RuleMatchPart } from './rules';
import { wordingProblems } from './wording';

interface Run {
  code: number;
  /** Original offsets of the units in the run. */
  at: number[];
  /** Sentence punctuation stands between this run and the previous one. */
  afterBoundary: boolean;
}

interface Need {
  code: number;
  count: number;
}

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let boundary = false;
  const push = (code: number, at: number): void => {
    const last = runs[runs.length - 1];
    if (last && last.code === code && !boundary) last.at.push(at);
    else runs.push({ code, at: [at], afterBoundary: boundary });
    boundary = false;
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const f = foldCodePoint(cp);
    if (isBoundary(cp)) boundary = true;
    if (f !== null) {
      if (f > 0xffff) {
        push(text.charCodeAt(i), i);
        push(text.charCodeAt(i + 1), i + 1);
      } else {
        push(f, i);
      }
    }
    i += width;
  }
  return runs;
}

type Kind = 'term' | 'allow' | 'rule' | 'wording';

interface RefPattern {
  need: Need[];
  term: string;
  kind: Kind;
  category: ScreeningCategoryId | null;
  /** Rule or wording index; slot as in RuleOccurrence. */
  index: number;
  slot: number;
}

function compile(
  term: string,
  kind: Kind,
  category: ScreeningCategoryId | null,
  index = -1,
  slot = 0,
): RefPattern | null {
  const need = runsOf(term).map((r) => ({ code: r.code, count: r.at.length }));
  return need.length === 0 ? null : { need, term, kind, category, index, slot };
}

const LETTER = /^\p{Script=Latin}$/u;
const DIGIT = /^[0-9]$/;
const classOf = (code: number | null): number => {
  if (code === null) return 0;
  const c = String.fromCodePoint(code);
  return LETTER.test(c) ? 1 : DIGIT.test(c) ? 2 : 0;
};

/** The folded code point just before `offset` or at it, or null when there is none or it is dropped. */
function foldedNear(text: string, offset: number, before: boolean): number | null {
  if (before) {
    if (offset <= 0) return null;
    const low = text.charCodeAt(offset - 1);
    if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
      const cp = text.codePointAt(offset - 2) ?? 0;
      if (cp > 0xffff) return foldCodePoint(cp);
    }
    return foldCodePoint(low);
  }
  if (offset >= text.length) return null;
  return foldCodePoint(text.codePointAt(offset) ?? 0);
}

/** A Latin letter or digit edge sits on a word boundary: no neighbour of the same class. */
function boundaryOk(text: string, p: RefPattern, start: number, end: number): boolean {
  const first = classOf(p.need[0]?.code ?? null);
  const last = classOf(p.need[p.need.length - 1]?.code ?? null);
  if (first !== 0 && classOf(foldedNear(text, start, true)) === first) return false;
  if (last !== 0 && classOf(foldedNear(text, end, false)) === last) return false;
  return true;
}

interface RefOccurrence {
  rule: number;
  slot: number;
  term: string;
  start: number;
  end: number;
  sentence: number;
}

/** Every choice of one occurrence per group, tried in full: does one satisfy the rule, anchored in `s`? */
function refFires(rule: CombinationRule, occ: readonly RefOccurrence[], s: number): RuleMatchPart[] | null {
  const groups = rule.groups.map((_, g) => occ.filter((o) => o.slot === g));
  const chosen: RefOccurrence[] = [];
  const fits = (): boolean => {
    const anchor = chosen.reduce((a, b) => (b.start < a.start ? b : a));
    if (anchor.sentence !== s) return false;
    if (rule.within.kind === 'sentence' && chosen.some((o) => o.sentence !== s)) return false;
    if (rule.within.kind === 'window' && Math.max(...chosen.map((o) => o.end)) - anchor.start > rule.within.chars)
      return false;
    if (rule.ordered) for (let g = 1; g < chosen.length; g++) if (chosen[g].start < chosen[g - 1].end) return false;
    return true;
  };
  const pick = (g: number): boolean => {
    if (g === groups.length) return fits();
    for (const o of groups[g] ?? []) {
      chosen.push(o);
      if (pick(g + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  return pick(0) ? chosen.map((o, g) => ({ group: g, term: o.term, start: o.start, end: o.end })) : null;
}

/** Compiles the lexicon once; the returned function screens one text by brute force. */
export function buildReference(lexicon: LexiconData): (text: string) => ReferenceMatch {
  const byFirst = new Map<number, RefPattern[]>();
  const seen = new Set<string>();
  const patterns: RefPattern[] = [];
  const push = (p: RefPattern | null): void => {
    if (p) patterns.push(p);
  };
  for (const { term, category } of lexicon.terms) {
    const id = `${category}\u0000${term}`;
    if (seen.has(id)) continue;
    seen.add(id);
    push(compile(term, 'term', category));
  }
  for (const phrase of new Set(lexicon.allow)) push(compile(phrase, 'allow', null));
  const rules = (lexicon.rules ?? []).filter((r) => ruleProblems(r).length === 0);
  rules.forEach((rule, index) => {
    rule.groups.forEach((group, g) => group.forEach((t) => push(compile(t.trim(), 'rule', null, index, g))));
    rule.exclude.forEach((group, g) => group.forEach((t) => push(compile(t.trim(), 'rule', null, index, -1 - g))));
  });
  (lexicon.wording ?? [])
    .filter((w) => wordingProblems(w).length === 0)
    .forEach((w, index) => push(compile(w.wrong.trim(), 'wording', null, index)));
  for (const p of patterns) {
    const list = byFirst.get(p.need[0].code) ?? [];
    list.push(p);
    byFirst.set(p.need[0].code, list);
  }

  return (text: string): ReferenceMatch => {
    const runs = runsOf(text);
    const hits: TermHit[] = [];
    const allowSpans: Span[] = [];
    const occurrences: RefOccurrence[] = [];
    const wording: WordingHit[] = [];
    const ends: number[] = [];
    for (let i = 0; i < text.length; i++) if (isSentenceEnd(text.charCodeAt(i))) ends.push(i);
    const sentenceOf = (offset: number): number => ends.filter((e) => e < offset).length;
    for (let b = 0; b < runs.length; b++) {
      for (const p of byFirst.get(runs[b].code) ?? []) {
        const len = p.need.length;
        if (b + len > runs.length) continue;
        let ok = true;
        for (let j = 0; j < len && ok; j++) {
          ok =
            runs[b + j].code === p.need[j].code &&
            runs[b + j].at.length >= p.need[j].count &&
            (j === 0 || !runs[b + j].afterBoundary);
        }
        if (!ok) continue;
        const first = runs[b];
        const last = runs[b + len - 1];
        const start = len === 1 ? first.at[0] : first.at[first.at.length - p.need[0].count];
        const end = codePointEnd(text, last.at[p.need[len - 1].count - 1]);
        if (!boundaryOk(text, p, start, end)) continue;
        if (p.kind === 'allow') {
          allowSpans.push({ start: first.at[0], end: codePointEnd(text, last.at[last.at.length - 1]) });
        } else if (p.kind === 'term' && p.category !== null) {
          hits.push({ start, end, term: p.term, category: p.category });
        } else if (p.kind === 'rule') {
          occurrences.push({ rule: p.index, slot: p.slot, term: p.term, start, end, sentence: sentenceOf(start) });
        } else {
          wording.push({ start, end, wording: p.index });
        }
      }
    }
    const inside = (h: Span): boolean => allowSpans.some((a) => a.start <= h.start && h.end <= a.end);
    const fired: RuleMatch[] = [];
    const kept = occurrences.filter((o) => !inside(o));
    rules.forEach((rule, index) => {
      const occ = kept.filter((o) => o.rule === index);
      for (let s = 0; s <= ends.length; s++) {
        if (occ.some((o) => o.slot < 0 && o.sentence === s)) continue;
        // Only what could take part: from the sentence's start to its end (plus the window).
        const from = s === 0 ? 0 : (ends[s - 1] ?? 0) + 1;
        const to = (ends[s] ?? text.length) + (rule.within.kind === 'window' ? rule.within.chars : 0);
        const parts = refFires(
          rule,
          occ.filter((o) => o.slot >= 0 && o.start >= from && o.start <= to),
          s,
        );
        if (parts) fired.push({ rule: index, sentence: s, parts });
      }
    });
    return {
      hits: hits.filter((h) => !inside(h)),
      allowSpans,
      rules: fired,
      wording: wording.filter((w) => !inside(w)).sort((a, b) => a.start - b.start || a.end - b.end),
    };
  };
}

export function referenceMatch(lexicon: LexiconData, text: string): ReferenceMatch {
  return buildReference(lexicon)(text);
}
