/**
 * The lexicon matcher: every occurrence of every term, overlapping ones included, on normalised
 * text, with each hit mapped back to its span in the original text. Terms, allow phrases, the terms
 * of every combination rule's groups and exclusions, and the wrong forms of standard wording share
 * one Aho–Corasick automaton (@monyone/aho-corasick's double-array build, which reports all outputs
 * along the failure chain, unlike mint-filter), so one pass finds them all; rules are then decided
 * per sentence from the positions found (rules.ts), with no further pass over the text. A hit never
 * spans sentence punctuation, nor a character that no term contains (both read as boundaries, which
 * the automaton then never has to step through). A term that starts or ends with a Latin letter or
 * digit matches only on a word boundary there (CNN does not fire inside CNNIC); CJK stays exact
 * substrings.
 */
import type {
  CombinationRule,
  LexiconData,
  LexiconProblem,
  ScreeningCategoryId,
  WordingRule,
} from '../../typings/screening';
import { Automaton, type AutomatonMatches } from './automaton';
import { isCategoryId } from './categories';
import {
  foldCodePoint,
  isBoundary,
  normaliseShared,
  normaliseTerm,
  spansBoundary,
  unitEnd,
  wordClassNear,
  wordClassOfUnit,
  type NormalisedText,
} from './normalize';
import { DETECTOR_CUES, type Cue, type CueKind } from './detectors/cues';
import {
  evaluateOne,
  ruleProblems,
  sentenceAt,
  type Occ,
  type RuleMatch,
  type RuleMatchPart,
  type RuleOccurrence,
} from './rules';
import { wordingProblems } from './wording';

export interface Span {
  start: number;
  end: number;
}

export interface TermHit extends Span {
  term: string;
  category: ScreeningCategoryId;
}

export interface WordingHit extends Span {
  /** Index into the matcher's `wording`. */
  wording: number;
}

export interface LexiconMatch {
  hits: TermHit[];
  /** Spans of allow-list occurrences (whole runs at both ends), already applied to `hits`. */
  allowSpans: Span[];
  /** Combination rules that fired, one per rule and sentence (rule indexes into `Matcher.rules`). */
  rules: RuleMatch[];
  wording: WordingHit[];
  /** Where the detectors look (detectors/scan.ts): their cue words and the ASCII runs. */
  cues: Cue[];
  ascii: Span[];
  /** Original offsets of the sentence-ending marks. */
  sentenceEnds: readonly number[];
}

/** What the editor's test bench needs besides the matches: every rule term found. */
export interface DetailedMatch extends LexiconMatch {
  occurrences: RuleOccurrence[];
}

export interface Matcher {
  readonly version: string;
  /** Distinct (term, category) rules compiled. */
  readonly ruleCount: number;
  readonly problems: readonly LexiconProblem[];
  /** The valid combination rules, in the order `RuleMatch.rule` indexes. */
  readonly rules: readonly CombinationRule[];
  readonly wording: readonly WordingRule[];
  match(text: string): LexiconMatch;
  /**
   * The same, deciding only the rules `only` keeps (screen() keeps those that apply in its context:
   * no personal-account rule for an institutional post): the others are never looked at in the
   * pass. `only` is called once per rule the first time a given function is passed, so pass the
   * same function for the same choice.
   */
  matchRules(text: string, only: RuleFilter): LexiconMatch;
  matchDetailed(text: string): DetailedMatch;
}

/** Which rules a match decides (see Matcher.matchRules). */
export type RuleFilter = (rule: CombinationRule) => boolean;

export interface MatcherOptions {
  /** Also find the detectors' cue words (default true; a matcher of outlet names needs none). */
  cues?: boolean;
}

const TERM = 0;
const ALLOW = 1;
const RULE = 2;
const WORDING = 3;
const CUE = 4;

const CUE_KINDS = Object.keys(DETECTOR_CUES) as CueKind[];

/** A rule reference packs the rule index and the slot (group ≥ 0, exclusion < 0) in one integer. */
const SLOT_BIAS = 32;
const packRef = (rule: number, slot: number): number => rule * 64 + slot + SLOT_BIAS;

/** One shape for every kind of pattern keeps the hot loop monomorphic. */
interface Pattern {
  kind: number;
  runs: Int32Array | null;
  /** The term as written; '' for an allow phrase. */
  term: string;
  /** Set for a term. */
  category: ScreeningCategoryId | null;
  /** Wording index, or cue kind index. */
  index: number;
  /** Rule terms: every (rule, slot) the key stands for, and the term as each rule wrote it. */
  refs: number[];
  refTerms: string[];
  /** The same, unpacked once built: rule, slot, and the group's bit (0 for an exclusion). */
  ruleOf: Int32Array;
  slotOf: Int32Array;
  bitOf: Int32Array;
  /** Index among the rule patterns, for the flat occurrence buffers. */
  id: number;
  /**
   * Word classes at the ends (bits 0–1: first unit, bits 2–3: last unit; 1 Latin letter, 2 digit):
   * a neighbour of the same class means the match sits inside a longer word or number.
   */
  edges: number;
  /** The next pattern with the same key. */
  next: Pattern | null;
}

/**
 * What a key stands for. Most keys are one term written exactly as its key, without doubled
 * characters or Latin edges: for those the category alone is stored, so a hit costs one lookup in
 * a structure the automaton has just pushed out of the cache, not three.
 */
type Entry = ScreeningCategoryId | Pattern;

function runsHold(norm: NormalisedText, begin: number, runs: Int32Array): boolean {
  const { runFirst } = norm;
  for (let j = 0; j < runs.length; j++) if (runFirst[begin + j + 1] - runFirst[begin + j] < runs[j]) return false;
  return true;
}

/**
 * The span of a match on collapsed units [begin, end): the fewest original characters that spell
 * the pattern — the last needed ones of the first run, the first needed ones of the last.
 */
function spanOf(source: string, norm: NormalisedText, begin: number, end: number, runs: Int32Array | null): Span {
  const { runFirst, origin } = norm;
  const len = end - begin;
  const firstNeed = runs === null ? 1 : runs[0];
  const lastNeed = runs === null ? 1 : runs[len - 1];
  const startUnit = len === 1 ? runFirst[begin] : runFirst[begin + 1] - firstNeed;
  const endUnit = runFirst[end - 1] + lastNeed - 1;
  return { start: origin[startUnit], end: unitEnd(source, norm, endUnit) };
}

/** The start of `spanOf` alone, without building the span. */
function startOf(norm: NormalisedText, begin: number, end: number, runs: Int32Array | null): number {
  const { runFirst, origin } = norm;
  return origin[end - begin === 1 ? runFirst[begin] : runFirst[begin + 1] - (runs === null ? 1 : runs[0])];
}

/** An allow occurrence covers its runs whole, so whatever a term hit inside it spans, it fits. */
function wholeSpan(source: string, norm: NormalisedText, begin: number, end: number): Span {
  const { runFirst, origin } = norm;
  return { start: origin[runFirst[begin]], end: unitEnd(source, norm, runFirst[end] - 1) };
}

/** A Latin or digit edge needs a word boundary: no neighbour of the same class in the original. */
function onWordBoundary(source: string, span: Span, edges: number): boolean {
  const first = edges & 3;
  const last = edges >> 2;
  return !(
    (first !== 0 && wordClassNear(source, span.start, true) === first) ||
    (last !== 0 && wordClassNear(source, span.end, false) === last)
  );
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

/** Word classes at the ends of a normalised key. */
function edgesOf(key: string): number {
  if (key === '') return 0;
  return wordClassOfUnit(key.charCodeAt(0)) | (wordClassOfUnit(key.charCodeAt(key.length - 1)) << 2);
}

const sameRuns = (a: Int32Array | null, b: Int32Array | null): boolean =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((v, i) => v === b[i]));

/**
 * Original spans of the runs of ASCII letters and digits in the normalised text. A run is cut where
 * the original holds CJK punctuation, or a character the alphabet left out of the normalised text:
 * spaces, symbols and ASCII punctuation (1 2 3, 4-4-4, a.b/c?d=1) stay inside one.
 */
function asciiRuns(source: string, norm: NormalisedText): Span[] {
  const runs: Span[] = [];
  const { asciiUnits, asciiCount, runFirst, origin } = norm;
  let first = -1;
  let lastEnd = -1;
  let prev = -2;
  // Only the ASCII units are read (the normaliser lists them): a unit not next to the previous
  // one had a non-ASCII unit between them, which ends the run.
  for (let a = 0; a < asciiCount; a++) {
    const k = asciiUnits[a];
    if (first >= 0 && (k !== prev + 1 || !quietGap(source, lastEnd, origin[runFirst[k]]))) {
      runs.push({ start: origin[runFirst[first]], end: lastEnd });
      first = -1;
    }
    if (first < 0) first = k;
    lastEnd = unitEnd(source, norm, runFirst[k + 1] - 1);
    prev = k;
  }
  if (first >= 0) runs.push({ start: origin[runFirst[first]], end: lastEnd });
  return runs;
}

/** Whether source[from, to) holds only ASCII punctuation or characters normalisation drops. */
function quietGap(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c >= 128 && (isBoundary(c) || foldCodePoint(c) !== null)) return false;
  }
  return true;
}

/** Rule-pattern occurrences kept for the second pass (pattern, original span), in the order found. */
interface Kept {
  id: Int32Array;
  start: Int32Array;
  end: Int32Array;
  count: number;
}

function keep(kept: Kept, id: number, start: number, end: number): void {
  if (kept.count === kept.id.length) {
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    kept.id = grow(kept.id);
    kept.start = grow(kept.start);
    kept.end = grow(kept.end);
  }
  kept.id[kept.count] = id;
  kept.start[kept.count] = start;
  kept.end[kept.count++] = end;
}

const CODE_LENGTH = 0xff;
const CODE_ALLOW = 0x100;
const CODE_TERM = 0x200;
const CODE_PLAIN = 10;

/**
 * Group slots per rule in the flat per-(rule, group) scratch arrays (RULE_GROUPS_MAX fits); the
 * pass reads a reference's rule and group back from its index as `at >> 3` and `at & 7`.
 */
const G = 8;
/**
 * Set on a group reference (`RuleScope.grpAt`) when the group is its rule's anchor: the group whose
 * words stand in the fewest rules' groups on average (a family word such as 民警 stands in dozens, so
 * a rule anchored on it would be looked at in most sentences). The rest is the (rule, group) slot.
 */
const ANCHOR = 1 << 30;
const AT_SLOT = ANCHOR - 1;
/** Sentence serials run on across texts up to here, then start again with every mask cleared. */
const SERIAL_MAX = 1 << 30;

/**
 * The rules one pass decides, as the pass reads them: per rule pattern, the group references of
 * those rules alone (exclusions left out), flat — pattern p's are [grpFrom[p], grpFrom[p + 1]) —,
 * each as one integer, rule * G + group: the reference's index in the per-(rule, group) scratch
 * arrays as it is (one load per reference, not three). A rule outside the scope has no reference,
 * so the pass never touches it.
 */
interface RuleScope {
  grpFrom: Int32Array;
  grpAt: Int32Array;
  /** The term as the reference's rule wrote it (the part a fired rule shows). */
  grpTerm: readonly string[];
  /** Per group reference: the characters its pattern's last run needs (1 but for a doubled character). */
  grpLastNeed: Int32Array;
  /** Per rule: 1 when in the scope (read for the positional rules, decided after the pass). */
  ruleIn: Uint8Array;
}

/**
 * What one pass over a text reads: built once per matcher. The pass (runMatch) copies every field
 * into a local first: a matcher is one of several alive (the cache, the editor's drafts), so no
 * compiled code can treat these as constants, and locals keep the hot loop off memory.
 */
interface Tables {
  automaton: Automaton;
  alphabet: Uint16Array;
  entries: readonly Entry[];
  keys: readonly string[];
  lengths: Int32Array;
  rules: readonly CombinationRule[];
  rulePatterns: readonly Pattern[];
  /**
   * Per key, all the pass reads of it in one integer (one load per output, not three): the key's
   * length (bits 0–7; 0 if longer, then read `lengths`), whether an allow phrase has it (CODE_ALLOW),
   * whether it is a plain term with its category alone in `entries` (CODE_TERM), and from bit 10 on
   * 1 + the one plain rule pattern it stands for (every run 1, no Latin edge), else 0.
   */
  code: Int32Array;
  /** Per key: whether some rule pattern has it. */
  ruleKey: Uint8Array;
  /** The references of every rule pattern, flat: pattern p's are [refFrom[p], refFrom[p + 1]). */
  refFrom: Int32Array;
  refRule: Int32Array;
  refSlot: Int32Array;
  refBit: Int32Array;
  /** Every rule decided (match, matchDetailed). */
  all: RuleScope;
  /** The scopes built for matchRules, per filter. */
  scopes: Map<RuleFilter, RuleScope>;
  /** Per rule: `needed`, or -1 for a positional rule (never decided from the masks). */
  sentenceNeeded: Int32Array;
  groupCount: Int32Array;
  /**
   * Per rule, the patterns that exclude it: rule r's are `exclPattern[exclFrom[r], exclFrom[r + 1])`.
   * An exclusion is looked up only when its rule has every group in a sentence (rare), from the
   * patterns' sentence stamps, so an exclusion word touches no rule in the pass: most (提醒, 谣言)
   * stand in dozens of rules.
   */
  exclFrom: Int32Array;
  exclPattern: Int32Array;
  /** The same for the positional rules (ordered or windowed) alone: they take the second pass. */
  posFrom: Int32Array;
  posRule: Int32Array;
  posBit: Int32Array;
  posSlot: Int32Array;
  posTerm: readonly string[];
  /** Groups a rule needs, as a bit mask; a rule is looked at only once every group has occurred. */
  needed: Int32Array;
  // ---- per-text scratch for the rules, reused: most rules are decided sentence by sentence in
  // the first pass, from bit masks; only rules that need positions (ordered or windowed) and texts
  // with an allow-listed phrase take the second pass.
  present: Int32Array;
  positional: Uint8Array;
  sentenceMask: Int32Array;
  /** Per rule: the serial of the sentence its mask is for (serials run on across texts). */
  sentenceOfRule: Int32Array;
  /** The first sentence serial of the next text. */
  serial: number;
  /** Per (rule, group): the first part found in the sentence being read. */
  /**
   * Per (rule, group), side by side in one cache line: the first part's start, the automaton output
   * it came from, and its group reference (`first[at * 4 + 0, 1, 2]`).
   */
  first: Int32Array;
  complete: Uint8Array;
  /** Rule patterns seen in the current text: group presence is marked once per pattern, not per occurrence. */
  seenPattern: Uint8Array;
  /** Rules whose anchor group occurred in the sentence being read (each once): looked at when it ends. */
  inSentence: Int32Array;
  /** 1 + the sentence a rule pattern was last counted in, in the current text (0: not yet). */
  patternSentence: Int32Array;
  /** Whether a rule pattern belongs to some rule that takes the second pass in the current text. */
  wantedPattern: Uint8Array;
  /** Rule patterns some positional rule refers to: their occurrences are kept for the second pass. */
  keptPattern: Uint8Array;
  kept: Kept;
}

/**
 * Whether [start, stop) lies inside one of `allowed` (sorted by start): `stop` is the original end
 * of the match's last unit.
 */
function insideAny(allowed: readonly Span[], start: number, stop: number): boolean {
  for (const a of allowed) {
    if (a.start > start) return false;
    if (a.end >= stop) return true;
  }
  return false;
}

/** The part a fired sentence rule shows for group g: its first occurrence in the sentence. */
function partOf(
  t: Tables,
  scope: RuleScope,
  rule: number,
  g: number,
  found: AutomatonMatches,
  text: string,
  norm: NormalisedText,
): RuleMatchPart {
  const slot = rule * G + g;
  // The start was kept when the part was found; the end is spanOf's, without the intermediate object.
  const { first } = t;
  const end = found.ends[first[slot * 4 + 1]];
  const ref = first[slot * 4 + 2];
  return {
    group: g,
    term: scope.grpTerm[ref] ?? '',
    start: first[slot * 4],
    end: unitEnd(text, norm, norm.runFirst[end - 1] + scope.grpLastNeed[ref] - 1),
  };
}

/**
 * Decides the sentence rules whose anchor group occurred in the sentence just read
 * (`inSentence[0, touchedCount)`); `base` is the text's first sentence serial.
 */
function closeSentence(
  t: Tables,
  scope: RuleScope,
  touchedCount: number,
  base: number,
  fired: RuleMatch[],
  found: AutomatonMatches,
  text: string,
  norm: NormalisedText,
): void {
  const {
    inSentence,
    sentenceMask,
    sentenceOfRule,
    sentenceNeeded,
    groupCount,
    exclFrom,
    exclPattern,
    patternSentence,
  } = t;
  for (let i = 0; i < touchedCount; i++) {
    const rule = inSentence[i];
    if (sentenceMask[rule] !== sentenceNeeded[rule]) continue;
    const sentence = sentenceOfRule[rule] - base;
    let excluded = false;
    for (let e = exclFrom[rule], last = exclFrom[rule + 1]; e < last && !excluded; e++)
      excluded = patternSentence[exclPattern[e]] === sentence + 1;
    if (excluded) continue;
    const parts: RuleMatchPart[] = [];
    for (let g = 0, n = groupCount[rule]; g < n; g++) parts.push(partOf(t, scope, rule, g, found, text, norm));
    fired.push({ rule, sentence, parts });
  }
}

/**
 * Marks the groups rule pattern `id` stands in, for the sentence being read (`serial`, unique
 * across texts, so a rule's mask is stale once its serial is not the sentence's and nothing is
 * cleared): a group's first part (start, automaton output `k`, reference) is kept, and a rule joins
 * `inSentence` when its anchor group first occurs in the sentence — only then can it fire there, so
 * the sentence end looks at those alone. Returns the new count of rules to look at. Small and
 * top-level, so the compiler inlines it into runMatch's hot call site.
 */
function markGroups(
  t: Tables,
  scope: RuleScope,
  id: number,
  start: number,
  k: number,
  serial: number,
  touchedCount: number,
): number {
  const { grpFrom, grpAt } = scope;
  const { sentenceOfRule, sentenceMask, inSentence, first } = t;
  let touched = touchedCount;
  for (let r = grpFrom[id], last = grpFrom[id + 1]; r < last; r++) {
    const ref = grpAt[r];
    const at = ref & AT_SLOT;
    const rule = at >> 3;
    const bit = 1 << (at & 7);
    if (sentenceOfRule[rule] !== serial) {
      sentenceOfRule[rule] = serial;
      sentenceMask[rule] = 0;
    }
    const mask = sentenceMask[rule];
    if ((mask & bit) === 0) {
      sentenceMask[rule] = mask | bit;
      if (ref !== at) inSentence[touched++] = rule;
    } else if (start >= first[at * 4]) continue;
    first[at * 4] = start;
    first[at * 4 + 1] = k;
    first[at * 4 + 2] = r;
  }
  return touched;
}

/**
 * Firings by rule, then sentence, in place. A text's few dozen are sorted by insertion with the
 * comparison inline: Array.prototype.sort calls a comparator from the engine's built-in, once per
 * comparison, which cost more than the comparisons (fired.sort was 9% of the pass). Long lists take
 * the built-in; both are stable, so the order is the same.
 */
function sortFired(fired: RuleMatch[]): void {
  if (fired.length > 48) {
    fired.sort((a, b) => a.rule - b.rule || a.sentence - b.sentence);
    return;
  }
  for (let i = 1; i < fired.length; i++) {
    const f = fired[i];
    let j = i - 1;
    for (; j >= 0; j--) {
      const g = fired[j];
      if (g.rule < f.rule || (g.rule === f.rule && g.sentence <= f.sentence)) break;
      fired[j + 1] = g;
    }
    fired[j + 1] = f;
  }
}

/** Ascending, in place: a text's few rules, by insertion (no comparator call per comparison). */
function sortNumbers(list: number[]): void {
  for (let i = 1; i < list.length; i++) {
    const v = list[i];
    let j = i - 1;
    for (; j >= 0 && list[j] > v; j--) list[j + 1] = list[j];
    list[j + 1] = v;
  }
}

/**
 * A positional rule's occurrences by start, then end, in place and stably. They come in the order
 * of their end, so nearly sorted already: by insertion that is about one comparison each, inlined.
 */
function sortOccurrences(occ: Occ[]): void {
  if (occ.length > 48) {
    occ.sort((a, b) => a.start - b.start || a.end - b.end);
    return;
  }
  for (let i = 1; i < occ.length; i++) {
    const o = occ[i];
    let j = i - 1;
    for (; j >= 0; j--) {
      const p = occ[j];
      if (p.start < o.start || (p.start === o.start && p.end <= o.end)) break;
      occ[j + 1] = p;
    }
    occ[j + 1] = o;
  }
}

/** One text through the matcher: normalise, one automaton pass, terms mapped back, rules decided. */
function runMatch(t: Tables, text: string, detailed: boolean, scope: RuleScope): DetailedMatch {
  const {
    automaton,
    alphabet,
    entries,
    keys,
    lengths,
    rules,
    code,
    ruleKey,
    refFrom,
    refRule,
    refBit,
    posFrom,
    posRule,
    posBit,
    posSlot,
    posTerm,
    needed,
    present,
    positional,
    complete,
    seenPattern,
    patternSentence,
    wantedPattern,
    keptPattern,
    kept,
  } = t;
  const norm = normaliseShared(text, alphabet, false);
  kept.count = 0;
  const { runFirst, origin, sentenceUnits, sentenceCount } = norm;
  const hits: TermHit[] = [];
  const allowSpans: Span[] = [];
  const cues: Cue[] = [];
  const wordingHits: WordingHit[] = [];
  const seen: number[] = [];
  const fired: RuleMatch[] = [];
  // Rules to look at when the sentence being read ends: `inSentence[0, touchedCount)` (shared scratch).
  let touchedCount = 0;
  if (t.serial + sentenceCount + 1 > SERIAL_MAX) {
    t.sentenceOfRule.fill(-1);
    t.serial = 0;
  }
  const base = t.serial;
  t.serial += sentenceCount + 1;
  let sentence = 0;
  const found = automaton.scan(norm.units, norm.length);
  // Allow-listed phrases first (rare: a flag per key says where to look), so that the first pass
  // already leaves out the rule terms inside them.
  const allowed: Span[] = [];
  for (let k = 0; k < found.count; k++) {
    const index = found.keys[k];
    if ((code[index] & CODE_ALLOW) === 0) continue;
    const end = found.ends[k];
    const begin = end - lengths[index];
    if (
      end - begin > 1 &&
      spansBoundary(text, origin[runFirst[begin + 1] - 1] + 1, origin[runFirst[end - 1]], alphabet)
    )
      continue;
    for (let p = entries[index] as Pattern | null; p !== null; p = p.next) {
      if (p.kind !== ALLOW || (p.runs !== null && !runsHold(norm, begin, p.runs))) continue;
      if (p.edges !== 0 && !onWordBoundary(text, spanOf(text, norm, begin, end, p.runs), p.edges)) continue;
      allowed.push(wholeSpan(text, norm, begin, end));
    }
  }
  allowed.sort((a, b) => a.start - b.start);
  // First pass: terms, allow phrases, wording and cues in full; rule terms by sentence, as masks.
  for (let k = 0; k < found.count; k++) {
    const end = found.ends[k];
    const index = found.keys[k];
    const c = code[index];
    const begin = end - (c & CODE_LENGTH || lengths[index]);
    // Runs end at boundaries, so only the gaps between runs can hold one — and only if some
    // original character there was dropped (kept units side by side leave no room for one).
    if (end - begin > 1) {
      const from = runFirst[begin + 1] - 1;
      const to = runFirst[end - 1];
      if (origin[to] - origin[from] !== to - from && spansBoundary(text, origin[from] + 1, origin[to], alphabet))
        continue;
    }
    const plain = (c >>> CODE_PLAIN) - 1;
    if (plain >= 0) {
      // The same as the rule branch below, for a pattern with every run 1 and no Latin edge.
      const start = origin[end - begin === 1 ? runFirst[begin] : runFirst[begin + 1] - 1];
      if (allowed.length > 0 && insideAny(allowed, start, unitEnd(text, norm, runFirst[end - 1]))) continue;
      if (keptPattern[plain] === 1) keep(kept, plain, start, unitEnd(text, norm, runFirst[end - 1]));
      if (seenPattern[plain] === 0) {
        seenPattern[plain] = 1;
        seen.push(plain);
      }
      if (sentence < sentenceCount && sentenceUnits[sentence] < end) {
        closeSentence(t, scope, touchedCount, base, fired, found, text, norm);
        touchedCount = 0;
        while (sentence < sentenceCount && sentenceUnits[sentence] < end) sentence++;
      }
      // A pattern's later occurrences in a sentence start later: they change no mask nor part.
      if (patternSentence[plain] === sentence + 1) continue;
      patternSentence[plain] = sentence + 1;
      touchedCount = markGroups(t, scope, plain, start, k, base + sentence, touchedCount);
      continue;
    }
    if ((c & CODE_TERM) !== 0) {
      // Every run 1: from the last unit of the first run to the first unit of the last.
      const startUnit = end - begin === 1 ? runFirst[begin] : runFirst[begin + 1] - 1;
      hits.push({
        start: origin[startUnit],
        end: unitEnd(text, norm, runFirst[end - 1]),
        term: keys[index] ?? '',
        category: entries[index] as ScreeningCategoryId,
      });
      continue;
    }
    const entry = entries[index];
    if (entry === undefined || typeof entry === 'string') continue;
    for (let p: Pattern | null = entry; p !== null; p = p.next) {
      if (p.runs !== null && !runsHold(norm, begin, p.runs)) continue;
      if (p.kind === RULE) {
        if (p.edges !== 0 && !onWordBoundary(text, spanOf(text, norm, begin, end, p.runs), p.edges)) continue;
        const start = startOf(norm, begin, end, p.runs);
        if (allowed.length > 0 && insideAny(allowed, start, unitEnd(text, norm, runFirst[end - 1]))) continue;
        if (keptPattern[p.id] === 1)
          keep(
            kept,
            p.id,
            start,
            unitEnd(text, norm, runFirst[end - 1] + (p.runs === null ? 1 : p.runs[end - begin - 1]) - 1),
          );
        if (seenPattern[p.id] === 0) {
          seenPattern[p.id] = 1;
          seen.push(p.id);
        }
        // Outputs come in order of their end, so the sentence only moves forward.
        if (sentence < sentenceCount && sentenceUnits[sentence] < end) {
          closeSentence(t, scope, touchedCount, base, fired, found, text, norm);
          touchedCount = 0;
          while (sentence < sentenceCount && sentenceUnits[sentence] < end) sentence++;
        }
        patternSentence[p.id] = sentence + 1;
        touchedCount = markGroups(t, scope, p.id, start, k, base + sentence, touchedCount);
        continue;
      }
      const span = p.kind === ALLOW ? wholeSpan(text, norm, begin, end) : spanOf(text, norm, begin, end, p.runs);
      if (
        p.edges !== 0 &&
        !onWordBoundary(text, p.kind === ALLOW ? spanOf(text, norm, begin, end, p.runs) : span, p.edges)
      )
        continue;
      switch (p.kind) {
        case TERM:
          if (p.category !== null) hits.push({ start: span.start, end: span.end, term: p.term, category: p.category });
          break;
        case ALLOW:
          allowSpans.push(span);
          break;
        case WORDING:
          wordingHits.push({ start: span.start, end: span.end, wording: p.index });
          break;
        default:
          cues.push({ kind: CUE_KINDS[p.index] ?? 'minor', start: span.start, end: span.end });
      }
    }
  }
  closeSentence(t, scope, touchedCount, base, fired, found, text, norm);
  // The rules the masks cannot decide: every group occurred somewhere in the text, and the rule
  // needs positions — or an allow-listed phrase may cover some of the occurrences.
  const slow = detailed;
  const { ruleIn } = scope;
  if (slow) fired.length = 0;
  const touched: number[] = [];
  // Only the positional rules can take the second pass unless every rule does (detailed): their
  // references alone are read.
  const from = slow ? refFrom : posFrom;
  const rulesOf = slow ? refRule : posRule;
  const bitsOf = slow ? refBit : posBit;
  // The one loop over the text's rule patterns after the first pass: their stamps are cleared here
  // (the second pass reads neither), and the detailed match marks them wanted.
  for (const id of seen) {
    seenPattern[id] = 0;
    patternSentence[id] = 0;
    if (detailed) wantedPattern[id] = 1;
    for (let r = from[id], last = from[id + 1]; r < last; r++) {
      const rule = rulesOf[r];
      if (present[rule] === 0) touched.push(rule);
      present[rule] |= bitsOf[r] | 0x40000000;
    }
  }
  let second = false;
  for (const rule of touched) {
    if ((present[rule] & ~0x40000000) === needed[rule] && (slow || (positional[rule] === 1 && ruleIn[rule] === 1))) {
      complete[rule] = 1;
      second = true;
    }
    present[rule] = 0;
  }
  const sentenceEnds: number[] = [];
  for (let s = 0; s < sentenceCount; s++) sentenceEnds.push(norm.sentenceEnds[s]);
  const occurrences: RuleOccurrence[] = [];
  const byRule = new Map<number, { occ: Occ[]; excluded: Set<number> }>();
  if (second && !detailed) {
    // The kept occurrences already passed every check of the first pass.
    // Only the positional rules' references are read: a kept pattern's others were decided already.
    for (let q = 0; q < kept.count; q++) {
      const id = kept.id[q];
      const start = kept.start[q];
      const end = kept.end[q];
      let at = -1;
      for (let r = posFrom[id], last = posFrom[id + 1]; r < last; r++) {
        const rule = posRule[r];
        if (complete[rule] !== 1) continue;
        if (at < 0) at = sentenceAt(sentenceEnds, sentenceEnds.length, start);
        const slot = posSlot[r];
        let of = byRule.get(rule);
        if (!of) byRule.set(rule, (of = { occ: [], excluded: new Set() }));
        if (slot < 0) of.excluded.add(at);
        else of.occ.push({ group: slot, term: posTerm[r] ?? '', start, end, sentence: at });
      }
    }
  } else if (detailed) {
    for (let k = 0; k < found.count; k++) {
      const index = found.keys[k];
      if (ruleKey[index] === 0) continue;
      const entry = entries[index];
      if (entry === undefined || typeof entry === 'string') continue;
      const end = found.ends[k];
      const begin = end - lengths[index];
      let crossed = -1;
      for (let p: Pattern | null = entry; p !== null; p = p.next) {
        if (p.kind !== RULE || wantedPattern[p.id] === 0) continue;
        if (crossed < 0)
          crossed =
            end - begin > 1 &&
            spansBoundary(text, origin[runFirst[begin + 1] - 1] + 1, origin[runFirst[end - 1]], alphabet)
              ? 1
              : 0;
        if (crossed === 1) break;
        if (p.runs !== null && !runsHold(norm, begin, p.runs)) continue;
        const span = spanOf(text, norm, begin, end, p.runs);
        if (p.edges !== 0 && !onWordBoundary(text, span, p.edges)) continue;
        if (allowed.length > 0 && insideAny(allowed, span.start, unitEnd(text, norm, runFirst[end - 1]))) continue;
        const at = sentenceAt(sentenceEnds, sentenceEnds.length, span.start);
        for (let r = 0; r < p.ruleOf.length; r++) {
          const rule = p.ruleOf[r];
          const slot = p.slotOf[r];
          const term = p.refTerms[r] ?? '';
          if (detailed) occurrences.push({ rule, slot, term, start: span.start, end: span.end });
          if (complete[rule] !== 1) continue;
          let of = byRule.get(rule);
          if (!of) byRule.set(rule, (of = { occ: [], excluded: new Set() }));
          if (slot < 0) of.excluded.add(at);
          else of.occ.push({ group: slot, term, start: span.start, end: span.end, sentence: at });
        }
      }
    }
  }
  if (detailed) for (const id of seen) wantedPattern[id] = 0;
  if (byRule.size > 0) {
    const ruleOrder = [...byRule.keys()];
    sortNumbers(ruleOrder);
    for (const rule of ruleOrder) {
      const of = byRule.get(rule);
      const r = rules[rule];
      if (!of || !r) continue;
      sortOccurrences(of.occ);
      for (const f of evaluateOne(r, rule, of.occ, of.excluded)) fired.push(f);
    }
  }
  for (const rule of touched) complete[rule] = 0;
  sortFired(fired);
  return {
    hits: dropAllowed(hits, allowSpans),
    allowSpans,
    rules: fired,
    wording: dropAllowed(wordingHits, allowSpans).sort((a, b) => a.start - b.start || a.end - b.end),
    cues,
    ascii: asciiRuns(text, norm),
    sentenceEnds,
    occurrences,
  };
}

export function buildMatcher(lexicon: LexiconData, options: MatcherOptions = {}): Matcher {
  const lists = new Map<string, Pattern[]>();
  const problems: LexiconProblem[] = [];
  const seen = new Set<string>();
  let ruleCount = 0;
  const blank = (kind: number, runs: Int32Array | null, key: string): Pattern => ({
    kind,
    runs,
    term: '',
    category: null,
    index: -1,
    refs: [],
    refTerms: [],
    ruleOf: new Int32Array(0),
    slotOf: new Int32Array(0),
    bitOf: new Int32Array(0),
    id: -1,
    edges: edgesOf(key),
    next: null,
  });
  const listOf = (key: string): Pattern[] => {
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    return list;
  };
  const add = (phrase: string, kind: number, fields: Partial<Pattern>): boolean => {
    const { key, runs } = normaliseTerm(phrase);
    if (key === '') return false;
    listOf(key).push({ ...blank(kind, runs, key), term: kind === ALLOW ? '' : phrase, ...fields });
    return true;
  };
  /** Rule terms of one key and runs share one pattern: its span is computed once per occurrence. */
  const addRef = (phrase: string, rule: number, slot: number): void => {
    const { key, runs } = normaliseTerm(phrase);
    if (key === '') return;
    const list = listOf(key);
    let p = list.find((x) => x.kind === RULE && sameRuns(x.runs, runs));
    if (!p) list.push((p = blank(RULE, runs, key)));
    p.refs.push(packRef(rule, slot));
    p.refTerms.push(phrase);
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
    const id = `${category}\u0000${term}`;
    if (seen.has(id)) {
      problems.push({ code: 'DUPLICATE_TERM', message: `词条“${term}”在同一类别中重复`, value: term });
      continue;
    }
    if (!add(term, TERM, { category })) {
      problems.push({
        code: 'TERM_EMPTY_AFTER_NORMALISATION',
        message: `词条“${term}”规范化后为空（只含符号或空白）`,
        value: term,
      });
      continue;
    }
    seen.add(id);
    ruleCount++;
  }
  for (const phrase of new Set(lexicon.allow)) {
    if (!add(phrase, ALLOW, {})) {
      problems.push({
        code: 'ALLOW_EMPTY_AFTER_NORMALISATION',
        message: `白名单短语“${phrase}”规范化后为空`,
        value: phrase,
      });
    }
  }
  // A stored rule that no longer validates (say, a category since retired) is reported, not run.
  const rules: CombinationRule[] = [];
  for (const rule of lexicon.rules ?? []) {
    const bad = ruleProblems(rule);
    if (bad.length > 0) {
      problems.push({
        code: 'RULE_INVALID',
        message: `规则“${rule.name}”：${bad[0]?.message ?? ''}`,
        value: rule.name,
      });
      continue;
    }
    const index = rules.length;
    rules.push(rule);
    rule.groups.forEach((group, g) => {
      for (const term of group) addRef(term.trim(), index, g);
    });
    rule.exclude.forEach((group, g) => {
      for (const term of group) addRef(term.trim(), index, -1 - g);
    });
  }
  const wording: WordingRule[] = [];
  for (const w of lexicon.wording ?? []) {
    const bad = wordingProblems(w);
    if (bad.length > 0) {
      problems.push({ code: 'WORDING_INVALID', message: `规范表述“${w.wrong}”：${bad[0] ?? ''}`, value: w.wrong });
      continue;
    }
    add(w.wrong.trim(), WORDING, { index: wording.length });
    wording.push(w);
  }
  if (options.cues !== false) {
    // A cue word that reads like another of its kind once normalised (（密, 【密, [密 … all read 密)
    // is one pattern: the detector is sent to the same place once, not once per spelling.
    CUE_KINDS.forEach((kind, index) => {
      for (const word of DETECTOR_CUES[kind]) {
        const { key, runs } = normaliseTerm(word);
        if (lists.get(key)?.some((p) => p.kind === CUE && p.index === index && sameRuns(p.runs, runs))) continue;
        add(word, CUE, { index });
      }
    });
  }

  const keys: string[] = [];
  const entries: Entry[] = [];
  const rulePatterns: Pattern[] = [];
  for (const list of lists.values()) {
    for (const p of list) {
      if (p.kind !== RULE) continue;
      p.id = rulePatterns.length;
      rulePatterns.push(p);
      p.ruleOf = Int32Array.from(p.refs, (ref) => Math.floor(ref / 64));
      p.slotOf = Int32Array.from(p.refs, (ref) => (ref % 64) - SLOT_BIAS);
      p.bitOf = Int32Array.from(p.slotOf, (slot) => (slot >= 0 ? 1 << slot : 0));
    }
  }
  for (const [key, list] of lists) {
    keys.push(key);
    const [only] = list;
    if (
      list.length === 1 &&
      only.kind === TERM &&
      only.category !== null &&
      only.runs === null &&
      only.edges === 0 &&
      only.term === key
    ) {
      entries.push(only.category);
    } else {
      list.forEach((p, i) => (p.next = list[i + 1] ?? null));
      entries.push(only);
    }
  }
  // The alphabet, written densely: ASCII as itself (the detectors read ASCII runs from the units),
  // every other character some key contains from 128 on. Keys are fed to the automaton in the same
  // code, so its root table has one entry per character in use.
  const alphabet = new Uint16Array(65536);
  // Digits and Latin letters always stay in the normalised text: the detectors find their runs there.
  for (let c = 0x30; c <= 0x39; c++) alphabet[c] = c;
  for (let c = 0x61; c <= 0x7a; c++) alphabet[c] = c;
  let alphabetSize = 128;
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (alphabet[c] === 0) alphabet[c] = c < 128 ? c : alphabetSize++;
    }
  }
  if (alphabetSize > 65535) {
    // More characters in use than dense codes (no real lexicon): every character as itself.
    for (let c = 0; c < 65536; c++) if (alphabet[c] !== 0) alphabet[c] = c;
    alphabetSize = 65536;
  }
  const dense = (key: string): string => {
    let out = '';
    for (let i = 0; i < key.length; i++) out += String.fromCharCode(alphabet[key.charCodeAt(i)]);
    return out;
  };
  const automaton = new Automaton(keys.map(dense), alphabetSize);
  // The references of every rule pattern in flat arrays (pattern p's are [refFrom[p], refFrom[p + 1])),
  // and for the common key that stands for one plain rule pattern only (no doubled character, no
  // Latin edge), that pattern: the first pass then reads typed arrays alone for it, no objects.
  const refFrom = new Int32Array(rulePatterns.length + 1);
  rulePatterns.forEach((p, i) => (refFrom[i + 1] = refFrom[i] + p.ruleOf.length));
  const patternOfRef = new Int32Array(refFrom[rulePatterns.length]);
  rulePatterns.forEach((_, i) => patternOfRef.fill(i, refFrom[i], refFrom[i + 1]));
  const refRule = new Int32Array(refFrom[rulePatterns.length]);
  const refSlot = new Int32Array(refRule.length);
  const refBit = new Int32Array(refRule.length);
  rulePatterns.forEach((p, i) => {
    refRule.set(p.ruleOf, refFrom[i]);
    refSlot.set(p.slotOf, refFrom[i]);
    refBit.set(p.bitOf, refFrom[i]);
  });
  // The exclusions per rule, by pattern; the group references per scope (scopeOf).
  const exclOf: Set<number>[] = rules.map(() => new Set());
  rulePatterns.forEach((p, i) => {
    for (let r = 0; r < p.ruleOf.length; r++) if (p.slotOf[r] < 0) exclOf[p.ruleOf[r]]?.add(i);
  });
  // Per rule, its anchor group (ANCHOR): the one whose words stand in the fewest rules' groups on
  // average. A word's reach over the rules is what the rules themselves say about how common it is.
  const shareSum = new Float64Array(rules.length * G);
  const shareCount = new Int32Array(rules.length * G);
  for (const p of rulePatterns) {
    let reach = 0;
    for (let r = 0; r < p.slotOf.length; r++) if (p.slotOf[r] >= 0) reach++;
    for (let r = 0; r < p.slotOf.length; r++) {
      if (p.slotOf[r] < 0) continue;
      shareSum[p.ruleOf[r] * G + p.slotOf[r]] += reach;
      shareCount[p.ruleOf[r] * G + p.slotOf[r]]++;
    }
  }
  const anchorOf = Int32Array.from(rules, (rule, index) => {
    let best = 0;
    let bestShare = Infinity;
    rule.groups.forEach((_, g) => {
      const at = index * G + g;
      const share = shareCount[at] === 0 ? 0 : shareSum[at] / shareCount[at];
      if (share < bestShare) {
        best = g;
        bestShare = share;
      }
    });
    return best;
  });
  const scopeOf = (keep: (rule: number) => boolean): RuleScope => {
    const grpFrom = new Int32Array(rulePatterns.length + 1);
    const grpRefs: number[] = [];
    const grpIndex: number[] = [];
    rulePatterns.forEach((p, i) => {
      for (let r = 0; r < p.ruleOf.length; r++) {
        if (p.slotOf[r] >= 0 && keep(p.ruleOf[r])) {
          grpRefs.push(refFrom[i] + r);
          grpIndex.push(r);
        }
      }
      grpFrom[i + 1] = grpRefs.length;
    });
    return {
      grpFrom,
      grpAt: Int32Array.from(
        grpRefs,
        (r) =>
          (refRule[r] * G + refSlot[r]) |
          (refSlot[r] === anchorOf[refRule[r]] && !isPositional(refRule[r]) ? ANCHOR : 0),
      ),
      grpTerm: grpRefs.map((r, i) => rulePatterns[patternOfRef[r]]?.refTerms[grpIndex[i]] ?? ''),
      grpLastNeed: Int32Array.from(grpRefs, (r) => {
        const runs = rulePatterns[patternOfRef[r]]?.runs ?? null;
        return runs === null ? 1 : runs[runs.length - 1];
      }),
      ruleIn: Uint8Array.from(rules, (_, rule) => (keep(rule) ? 1 : 0)),
    };
  };
  const exclFrom = new Int32Array(rules.length + 1);
  exclOf.forEach((set, rule) => (exclFrom[rule + 1] = exclFrom[rule] + set.size));
  const exclPattern = Int32Array.from(exclOf.flatMap((set) => [...set]));
  // The same for the positional rules (ordered or windowed) alone: they take the second pass.
  const isPositional = (rule: number): boolean =>
    rules[rule]?.ordered === true || rules[rule]?.within.kind === 'window';
  const posFrom = new Int32Array(rulePatterns.length + 1);
  const posRefs: number[] = [];
  rulePatterns.forEach((p, i) => {
    for (let r = 0; r < p.ruleOf.length; r++) if (isPositional(p.ruleOf[r])) posRefs.push(refFrom[i] + r);
    posFrom[i + 1] = posRefs.length;
  });
  const posRule = Int32Array.from(posRefs, (r) => refRule[r]);
  const posBit = Int32Array.from(posRefs, (r) => refBit[r]);
  const posSlot = Int32Array.from(posRefs, (r) => refSlot[r]);
  const posTerm = posRefs.map((r) => rulePatterns[patternOfRef[r]]?.refTerms[r - refFrom[patternOfRef[r]]] ?? '');
  const code = Int32Array.from(entries, (e, index) => {
    const length = automaton.lengths[index] <= CODE_LENGTH ? automaton.lengths[index] : 0;
    if (typeof e === 'string') return length | CODE_TERM;
    let allow = 0;
    for (let p: Pattern | null = e; p !== null; p = p.next) if (p.kind === ALLOW) allow = CODE_ALLOW;
    const plain = e.next === null && e.kind === RULE && e.runs === null && e.edges === 0 ? e.id + 1 : 0;
    return length | allow | (plain << CODE_PLAIN);
  });
  const ruleKey = Uint8Array.from(entries, (e) => {
    for (let p = typeof e === 'string' ? null : e; p !== null; p = p.next) if (p.kind === RULE) return 1;
    return 0;
  });
  /** Groups a rule needs, as a bit mask; a rule is looked at only once every group has occurred. */
  const needed = Int32Array.from(rules, (r) => (1 << r.groups.length) - 1);
  const R = rules.length;
  const tables: Tables = {
    automaton,
    alphabet,
    entries,
    keys,
    lengths: automaton.lengths,
    rules,
    rulePatterns,
    code,
    ruleKey,
    refFrom,
    refRule,
    refSlot,
    refBit,
    all: scopeOf(() => true),
    scopes: new Map(),
    sentenceNeeded: Int32Array.from(rules, (_, i) => (isPositional(i) ? -1 : needed[i])),
    groupCount: Int32Array.from(rules, (r) => r.groups.length),
    exclFrom,
    exclPattern,
    posFrom,
    posRule,
    posBit,
    posSlot,
    posTerm,
    needed,
    present: new Int32Array(R),
    positional: Uint8Array.from(rules, (r) => (r.ordered || r.within.kind === 'window' ? 1 : 0)),
    sentenceMask: new Int32Array(R),
    sentenceOfRule: new Int32Array(R).fill(-1),
    serial: 0,
    first: new Int32Array(R * G * 4),
    complete: new Uint8Array(R),
    seenPattern: new Uint8Array(rulePatterns.length),
    inSentence: new Int32Array(R),
    patternSentence: new Int32Array(rulePatterns.length),
    wantedPattern: new Uint8Array(rulePatterns.length),
    keptPattern: Uint8Array.from(rulePatterns, (_, i) => (posFrom[i + 1] > posFrom[i] ? 1 : 0)),
    kept: { id: new Int32Array(256), start: new Int32Array(256), end: new Int32Array(256), count: 0 },
  };
  return {
    version: lexicon.version,
    ruleCount,
    problems,
    rules,
    wording,
    match(text: string): LexiconMatch {
      return matchIn(text, tables.all);
    },
    matchRules(text: string, only: RuleFilter): LexiconMatch {
      let scope = tables.scopes.get(only);
      if (!scope) {
        scope = scopeOf((rule) => only(rules[rule]));
        tables.scopes.set(only, scope);
      }
      return matchIn(text, scope);
    },
    matchDetailed: (text: string): DetailedMatch => runMatch(tables, text, true, tables.all),
  };

  function matchIn(text: string, scope: RuleScope): LexiconMatch {
    const m = runMatch(tables, text, false, scope);
    return {
      hits: m.hits,
      allowSpans: m.allowSpans,
      rules: m.rules,
      wording: m.wording,
      cues: m.cues,
      ascii: m.ascii,
      sentenceEnds: m.sentenceEnds,
    };
  }
}

const CACHE_LIMIT = 4;

/** The counts of every part: a guard against content changed without a new version. */
interface Size {
  terms: number;
  allow: number;
  rules: number;
  wording: number;
}

const cache = new Map<string, { matcher: Matcher; size: Size }>();

/** Counted per screening, so compared as numbers, not built into a key. */
const sameSize = (lexicon: LexiconData, size: Size): boolean =>
  lexicon.terms.length === size.terms &&
  lexicon.allow.length === size.allow &&
  (lexicon.rules?.length ?? 0) === size.rules &&
  (lexicon.wording?.length ?? 0) === size.wording;

/**
 * The matcher for a lexicon version, built on first use. A version names one content; the counts
 * are only a guard against a lexicon edited without bumping its version.
 */
export function getMatcher(lexicon: LexiconData): Matcher {
  const hit = cache.get(lexicon.version);
  if (hit && sameSize(lexicon, hit.size)) return hit.matcher;
  const matcher = buildMatcher(lexicon);
  const size: Size = {
    terms: lexicon.terms.length,
    allow: lexicon.allow.length,
    rules: lexicon.rules?.length ?? 0,
    wording: lexicon.wording?.length ?? 0,
  };
  cache.delete(lexicon.version);
  cache.set(lexicon.version, { matcher, size });
  // A warm instance keeps the few versions in use; the oldest built goes first.
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return matcher;
}
