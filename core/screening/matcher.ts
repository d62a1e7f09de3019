/**
 * The lexicon matcher: every occurrence of every term, overlapping ones included, on normalised
 * text, with each hit mapped back to its span in the original text. Terms and allow phrases share
 * one Aho–Corasick automaton (@monyone/aho-corasick's double-array build, which reports all
 * outputs along the failure chain, unlike mint-filter), so one pass finds both. A hit never spans
 * sentence punctuation, nor a character that no term contains (both read as boundaries, which the
 * automaton then never has to step through).
 */
import { AhoCorasick } from '@monyone/aho-corasick/fast';
import type { LexiconData, LexiconProblem, ScreeningCategoryId } from '../../typings/screening';
import { isCategoryId } from './categories';
import { normaliseShared, normaliseTerm, spansBoundary, unitEnd, type NormalisedText } from './normalize';

export interface Span {
  start: number;
  end: number;
}

export interface TermHit extends Span {
  term: string;
  category: ScreeningCategoryId;
}

export interface LexiconMatch {
  hits: TermHit[];
  /** Spans of allow-list occurrences (whole runs at both ends), already applied to `hits`. */
  allowSpans: Span[];
}

export interface Matcher {
  readonly version: string;
  /** Distinct (term, category) rules compiled. */
  readonly ruleCount: number;
  readonly problems: readonly LexiconProblem[];
  match(text: string): LexiconMatch;
}

/** One shape for terms and allow phrases keeps the hot loop monomorphic. */
interface Pattern {
  runs: Int32Array | null;
  /** The term as written; '' for an allow phrase. */
  term: string;
  /** null for an allow phrase. */
  category: ScreeningCategoryId | null;
  /** The next pattern with the same key. */
  next: Pattern | null;
}

/**
 * What a key stands for. Most keys are one term written exactly as its key, without doubled
 * characters: for those the category alone is stored, so a hit costs one lookup in a structure
 * the automaton has just pushed out of the cache, not three.
 */
type Entry = ScreeningCategoryId | Pattern;

function runsHold(norm: NormalisedText, begin: number, runs: Int32Array): boolean {
  const { runFirst } = norm;
  for (let j = 0; j < runs.length; j++) if (runFirst[begin + j + 1] - runFirst[begin + j] < runs[j]) return false;
  return true;
}

/**
 * A term hit on collapsed units [begin, end), spanning the fewest original characters that spell
 * the term — the last needed ones of the first run, the first needed ones of the last.
 */
function termHit(
  source: string,
  norm: NormalisedText,
  begin: number,
  end: number,
  runs: Int32Array | null,
  term: string,
  category: ScreeningCategoryId,
): TermHit {
  const { runFirst, origin } = norm;
  const len = end - begin;
  const firstNeed = runs === null ? 1 : runs[0];
  const lastNeed = runs === null ? 1 : runs[len - 1];
  const startUnit = len === 1 ? runFirst[begin] : runFirst[begin + 1] - firstNeed;
  const endUnit = runFirst[end - 1] + lastNeed - 1;
  return { start: origin[startUnit], end: unitEnd(source, norm, endUnit), term, category };
}

/** An allow occurrence covers its runs whole, so whatever a term hit inside it spans, it fits. */
function wholeSpan(source: string, norm: NormalisedText, begin: number, end: number): Span {
  const { runFirst, origin } = norm;
  return { start: origin[runFirst[begin]], end: unitEnd(source, norm, runFirst[end] - 1) };
}

/** Drops every span lying fully inside an allow span. */
export function dropAllowed<T extends Span>(hits: T[], allow: readonly Span[]): T[] {
  if (allow.length === 0 || hits.length === 0) return hits;
  const spans = [...allow].sort((a, b) => a.start - b.start);
  const order = hits.map((_, i) => i).sort((a, b) => hits[a].start - hits[b].start);
  const dropped = new Uint8Array(hits.length);
  let k = 0;
  let reach = -1;
  // Sweep by start: a hit is covered iff some allow span starting at or before it reaches its end.
  for (const i of order) {
    while (k < spans.length && spans[k].start <= hits[i].start) reach = Math.max(reach, spans[k++].end);
    if (reach >= hits[i].end) dropped[i] = 1;
  }
  return hits.filter((_, i) => dropped[i] === 0);
}

export function buildMatcher(lexicon: LexiconData): Matcher {
  const lists = new Map<string, Pattern[]>();
  const problems: LexiconProblem[] = [];
  const seen = new Set<string>();
  let ruleCount = 0;
  const add = (key: string, pattern: Pattern): void => {
    const list = lists.get(key);
    if (list) list.push(pattern);
    else lists.set(key, [pattern]);
  };
  for (const { term, category } of lexicon.terms) {
    if (!isCategoryId(category)) {
      problems.push({
        code: 'UNKNOWN_CATEGORY',
        message: `词条“${term}”的类别“${String(category)}”不存在`,
        value: term,
      });
      continue;
    }
    const { key, runs } = normaliseTerm(term);
    if (key === '') {
      problems.push({
        code: 'TERM_EMPTY_AFTER_NORMALISATION',
        message: `词条“${term}”规范化后为空（只含符号或空白）`,
        value: term,
      });
      continue;
    }
    const id = `${category}\u0000${term}`;
    if (seen.has(id)) {
      problems.push({ code: 'DUPLICATE_TERM', message: `词条“${term}”在同一类别中重复`, value: term });
      continue;
    }
    seen.add(id);
    ruleCount++;
    add(key, { runs, term, category, next: null });
  }
  for (const phrase of new Set(lexicon.allow)) {
    const { key, runs } = normaliseTerm(phrase);
    if (key === '') {
      problems.push({
        code: 'ALLOW_EMPTY_AFTER_NORMALISATION',
        message: `白名单短语“${phrase}”规范化后为空`,
        value: phrase,
      });
      continue;
    }
    add(key, { runs, term: '', category: null, next: null });
  }
  const patterns = new Map<string, Entry>();
  for (const [key, list] of lists) {
    const [only] = list;
    if (list.length === 1 && only.category !== null && only.runs === null && only.term === key) {
      patterns.set(key, only.category);
    } else {
      list.forEach((p, i) => (p.next = list[i + 1] ?? null));
      patterns.set(key, only);
    }
  }
  const automaton = new AhoCorasick([...patterns.keys()]);
  const alphabet = new Uint8Array(65536);
  for (const key of patterns.keys()) for (let i = 0; i < key.length; i++) alphabet[key.charCodeAt(i)] = 1;

  return {
    version: lexicon.version,
    ruleCount,
    problems,
    match(text: string): LexiconMatch {
      const norm = normaliseShared(text, alphabet);
      const { runFirst, origin } = norm;
      const hits: TermHit[] = [];
      const allowSpans: Span[] = [];
      const found = automaton.matchInText(norm.text);
      for (let k = 0; k < found.length; k++) {
        const { begin, end, keyword } = found[k];
        const entry = patterns.get(keyword);
        if (entry === undefined) continue;
        // Runs end at boundaries, so only the gaps between runs can hold one.
        if (
          end - begin > 1 &&
          spansBoundary(text, origin[runFirst[begin + 1] - 1] + 1, origin[runFirst[end - 1]], alphabet)
        )
          continue;
        if (typeof entry === 'string') {
          // Every run 1: from the last unit of the first run to the first unit of the last.
          const startUnit = end - begin === 1 ? runFirst[begin] : runFirst[begin + 1] - 1;
          hits.push({
            start: origin[startUnit],
            end: unitEnd(text, norm, runFirst[end - 1]),
            term: keyword,
            category: entry,
          });
          continue;
        }
        for (let p: Pattern | null = entry; p !== null; p = p.next) {
          const { runs, term, category } = p;
          if (category === null) {
            if (runs === null || runsHold(norm, begin, runs)) allowSpans.push(wholeSpan(text, norm, begin, end));
          } else if (runs === null || runsHold(norm, begin, runs)) {
            hits.push(termHit(text, norm, begin, end, runs, term, category));
          }
        }
      }
      return { hits: dropAllowed(hits, allowSpans), allowSpans };
    },
  };
}

const CACHE_LIMIT = 4;
const cache = new Map<string, { matcher: Matcher; terms: number; allow: number }>();

/**
 * The matcher for a lexicon version, built on first use. A version names one content; the counts
 * are only a guard against a lexicon edited without bumping its version.
 */
export function getMatcher(lexicon: LexiconData): Matcher {
  const hit = cache.get(lexicon.version);
  if (hit && hit.terms === lexicon.terms.length && hit.allow === lexicon.allow.length) return hit.matcher;
  const matcher = buildMatcher(lexicon);
  cache.delete(lexicon.version);
  cache.set(lexicon.version, { matcher, terms: lexicon.terms.length, allow: lexicon.allow.length });
  // A warm instance keeps the few versions in use; the oldest built goes first.
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return matcher;
}
