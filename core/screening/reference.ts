/**
 * A brute-force statement of what the matcher must find, for the property test and the bench:
 * no automaton, no typed arrays — fold each code point, group equal neighbours into runs, and try
 * every term at every run. Shares only the per-character fold with the real path.
 */
import type { LexiconData, ScreeningCategoryId } from '../../typings/screening';
import type { LexiconMatch, Span, TermHit } from './matcher';
import { codePointEnd, foldCodePoint, isBoundary } from './normalize';

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

interface RefPattern {
  need: Need[];
  term: string;
  category: ScreeningCategoryId | null;
}

function compile(term: string, category: ScreeningCategoryId | null): RefPattern | null {
  const need = runsOf(term).map((r) => ({ code: r.code, count: r.at.length }));
  return need.length === 0 ? null : { need, term, category };
}

/** Compiles the lexicon once; the returned function screens one text by brute force. */
export function buildReference(lexicon: LexiconData): (text: string) => LexiconMatch {
  const byFirst = new Map<number, RefPattern[]>();
  const seen = new Set<string>();
  const patterns: RefPattern[] = [];
  for (const { term, category } of lexicon.terms) {
    const id = `${category}\u0000${term}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const p = compile(term, category);
    if (p) patterns.push(p);
  }
  for (const phrase of new Set(lexicon.allow)) {
    const p = compile(phrase, null);
    if (p) patterns.push(p);
  }
  for (const p of patterns) {
    const list = byFirst.get(p.need[0].code) ?? [];
    list.push(p);
    byFirst.set(p.need[0].code, list);
  }

  return (text: string): LexiconMatch => {
    const runs = runsOf(text);
    const hits: TermHit[] = [];
    const allowSpans: Span[] = [];
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
        if (p.category === null) {
          allowSpans.push({ start: first.at[0], end: codePointEnd(text, last.at[last.at.length - 1]) });
        } else {
          const start = len === 1 ? first.at[0] : first.at[first.at.length - p.need[0].count];
          const end = codePointEnd(text, last.at[p.need[len - 1].count - 1]);
          hits.push({ start, end, term: p.term, category: p.category });
        }
      }
    }
    const kept = hits.filter((h) => !allowSpans.some((a) => a.start <= h.start && h.end <= a.end));
    return { hits: kept, allowSpans };
  };
}

export function referenceMatch(lexicon: LexiconData, text: string): LexiconMatch {
  return buildReference(lexicon)(text);
}
