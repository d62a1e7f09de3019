/**
 * Text normalisation for matching, with a map from every normalised unit back to the original.
 *
 * Per character (one original code point → at most one normalised code point, never more, so the
 * map stays a plain index array):
 *  - NFKC compatibility folding: full-width → half-width, circled/Kangxi/compat forms → base;
 *  - lower case;
 *  - traditional → simplified with OpenCC's character-level t→cn table only (its phrase tables
 *    can change lengths, and a per-character fold is what lets terms and text fold alike);
 *  - anything that is not a letter or a digit (spaces, punctuation, symbols, emoji, zero-width
 *    and combining marks) is dropped, so 测*试, 测 试 and 测😀试 all read 测试.
 * Then runs of the same character collapse to one (测测试试 → 测试). Terms go through the same fold
 * and remember their own runs: a term's k-fold character needs a run of at least k in the text, so
 * 谢谢 still needs two 谢 and 110 does not fire on 10 — only extra repetition is forgiven.
 *
 * Sentence and clause punctuation (。，、；：！？, their ASCII forms , ; ! ? and line breaks) is
 * dropped too but is a boundary: it ends a run, and the matcher rejects a hit that spans one, so
 * 被拉黑。警方 does not read 黑警. (Keeping a separator in the text instead would cost the
 * automaton a step per punctuation mark; a term never contains one after folding.) The marks that
 * end a sentence (。！？； and their ASCII forms, line breaks) are also recorded by offset as the
 * text is read, so combination rules know their sentences without another pass.
 */
import { Locale } from 'opencc-js/t2cn';

const DROP = 0;
/** Marks a surrogate in the fold table; no kept character folds to U+0001. */
const SURROGATE = 1;
/** Marks clause punctuation: dropped, but it ends a run and no hit may span it. */
const BOUNDARY = 2;
/** Marks the end of a sentence: a boundary whose offset is recorded. */
const SENTENCE = 3;
const SENTENCE_CHARS = new Set([...'。；！？;!?\n\r\u2028\u2029'].map((c) => c.charCodeAt(0)));
const BOUNDARY_CHARS = new Set([...'，、：,'].map((c) => c.charCodeAt(0)));
/**
 * Not computed yet. The special values are all ≤ 4 (control characters fold to DROP), so the hot
 * loop tests one bound.
 */
const UNKNOWN = 4;
/**
 * In a table merged with an alphabet (below): a kept character that no term contains, so a
 * boundary for that matcher.
 */
const OUTSIDE = 5;
/** An astral code point kept as its two units. */
const KEEP_PAIR = -1;
/**
 * Every code unit allowed, each written as itself: the alphabet terms themselves are normalised
 * with. (U+0000 maps to 0, “not allowed”, but control characters are dropped before it is read.)
 */
const ANY = Uint16Array.from({ length: 65536 }, (_, c) => c);

const WORD = /^[\p{L}\p{N}]$/u;

let fold: Uint16Array | null = null;
let traditional: Map<number, number> | null = null;
const astral = new Map<number, number>();

/** OpenCC's t→cn single-character entries (BMP to BMP), in OpenCC's own precedence. */
function traditionalTable(): Map<number, number> {
  if (traditional) return traditional;
  const table = new Map<number, number>();
  for (const group of Locale.to.cn) {
    // OpenCC loads a group's dictionaries in reverse, so earlier ones win; do the same.
    for (const dict of [...group].reverse()) {
      const pairs: (readonly [string, string])[] =
        typeof dict === 'string'
          ? dict.split('|').map((entry) => {
              const [source, target] = entry.split(' ');
              return [source, target ?? ''] as const;
            })
          : [...dict];
      for (const [source, target] of pairs) {
        if (source.length === 1 && target.length >= 1) {
          const first = target.charCodeAt(0);
          if (first < 0xd800 || first > 0xdfff) table.set(source.charCodeAt(0), first);
        }
      }
    }
  }
  traditional = table;
  return table;
}

function foldString(s: string): string {
  let f = s.normalize('NFKC');
  if (f.length !== 1) f = s;
  const lower = f.toLowerCase();
  if (lower.length === 1) f = lower;
  const simplified = f.length === 1 ? traditionalTable().get(f.charCodeAt(0)) : undefined;
  return simplified === undefined ? f : String.fromCharCode(simplified);
}

function computeFold(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return SURROGATE;
  if (SENTENCE_CHARS.has(code)) return SENTENCE;
  if (BOUNDARY_CHARS.has(code)) return BOUNDARY;
  const f = foldString(String.fromCharCode(code));
  return f.length === 1 && WORD.test(f) ? f.charCodeAt(0) : DROP;
}

function foldTable(): Uint16Array {
  if (!fold) fold = new Uint16Array(65536).fill(UNKNOWN);
  return fold;
}

/** Folded BMP code of an astral code point, KEEP_PAIR to keep its two units, or DROP. */
function foldAstral(codePoint: number): number {
  const cached = astral.get(codePoint);
  if (cached !== undefined) return cached;
  const s = String.fromCodePoint(codePoint);
  const f = foldString(s);
  const result = f.length === 1 ? (WORD.test(f) ? f.charCodeAt(0) : DROP) : WORD.test(s) ? KEEP_PAIR : DROP;
  astral.set(codePoint, result);
  return result;
}

/**
 * The fold of one code point: the normalised code point, or null when it is dropped. Exposed for
 * tests and the brute-force reference; the hot path uses the table directly.
 */
export function foldCodePoint(codePoint: number): number | null {
  if (codePoint > 0xffff) {
    const f = foldAstral(codePoint);
    return f === DROP ? null : f === KEEP_PAIR ? codePoint : f;
  }
  const table = foldTable();
  let f = table[codePoint];
  if (f === UNKNOWN) f = table[codePoint] = computeFold(codePoint);
  return f <= UNKNOWN ? null : f;
}

/** Whether a BMP code unit is sentence or clause punctuation (a boundary no hit may span). */
export function isBoundary(code: number): boolean {
  return BOUNDARY_CHARS.has(code) || SENTENCE_CHARS.has(code);
}

/** Whether a BMP code unit ends a sentence (the scope of a combination rule). */
export function isSentenceEnd(code: number): boolean {
  return SENTENCE_CHARS.has(code);
}

/**
 * Whether [from, to) of an already normalised text holds a boundary: sentence punctuation, or a
 * kept character outside `alphabet`.
 */
export function spansBoundary(source: string, from: number, to: number, alphabet: Uint16Array = ANY): boolean {
  const table = foldTable();
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    let f = table[c];
    if (f === SURROGATE) {
      const low = i + 1 < to ? source.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || low < 0xdc00 || low > 0xdfff) continue; // a lone surrogate is dropped
      i++;
      const a = foldAstral(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
      if (a === DROP) continue;
      if (a === KEEP_PAIR) {
        if (alphabet[c] === 0 || alphabet[low] === 0) return true;
        continue;
      }
      f = a;
    }
    if (f === BOUNDARY || f === SENTENCE || (f > UNKNOWN && alphabet[f] === 0)) return true;
  }
  return false;
}

export interface NormalisedText {
  /** Folded text with runs collapsed ('' when asked for units only). */
  readonly text: string;
  /** The same as code units, `length` of them valid: this is what the automaton reads. */
  readonly units: Uint16Array;
  readonly length: number;
  /**
   * Per unit of `text`: index into `origin` of the first unit of its run; one extra entry at
   * `text.length` closes the last run, so a run's length is runFirst[i + 1] - runFirst[i].
   */
  readonly runFirst: Int32Array;
  /** Original offset (UTF-16) of every kept unit, before collapsing. */
  readonly origin: Int32Array;
  /**
   * Whether some kept unit stands for a whole surrogate pair (𝐀 → a). Only then may a unit span
   * two original units; otherwise every unit ends at origin + 1.
   */
  readonly wide: boolean;
  /** Original offsets of the sentence-ending marks, ascending; `sentenceCount` of them are valid. */
  readonly sentenceEnds: Int32Array;
  /** For each of those marks, how many units of `units` come before it. */
  readonly sentenceUnits: Int32Array;
  readonly sentenceCount: number;
  /**
   * The units below 128 (ASCII letters and digits), by index, ascending; `asciiCount` of them are
   * valid. The detectors' ASCII runs are read from these, not from every unit.
   */
  readonly asciiUnits: Int32Array;
  readonly asciiCount: number;
}

const decoder = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * Per alphabet, the fold table and the alphabet in one: per code unit, DROP, SURROGATE, BOUNDARY,
 * SENTENCE, UNKNOWN (not looked at yet), OUTSIDE, or the code to write (every code is a letter or
 * a digit, so above these). One lookup per character instead of two dependent ones.
 */
const mergedTables = new WeakMap<Uint16Array, Uint16Array>();

function mergedTable(alphabet: Uint16Array): Uint16Array {
  let merged = mergedTables.get(alphabet);
  if (!merged) {
    merged = new Uint16Array(65536).fill(UNKNOWN);
    mergedTables.set(alphabet, merged);
  }
  return merged;
}

// Scratch reused by every call: screening runs one text at a time, and allocating three arrays
// per text costs as much as the fold itself.
let capacity = 0;
let outBuf = new Uint16Array(0);
let runBuf = new Int32Array(0);
let originBuf = new Int32Array(0);
let sentenceBuf = new Int32Array(0);
let sentenceUnitBuf = new Int32Array(0);
let asciiBuf = new Int32Array(0);

/**
 * Normalises into the shared scratch. The arrays in the result are only valid until the next call;
 * `normalise` returns copies.
 *
 * `alphabet` (per normalised code unit: 0 when no term contains it, else the code to write for it)
 * lets a matcher treat every other character as a boundary: a character no term contains can never
 * be inside a hit, and as a boundary it costs the automaton nothing. Hits are exactly those found
 * without it. A matcher writes its alphabet densely (the automaton's root table then holds a few
 * thousand entries, not 65,536); ASCII stays ASCII.
 */
export function normaliseShared(source: string, alphabet: Uint16Array = ANY, withText = true): NormalisedText {
  const n = source.length;
  if (n + 1 > capacity) {
    capacity = Math.max(n + 1, capacity * 2, 1024);
    outBuf = new Uint16Array(capacity);
    runBuf = new Int32Array(capacity);
    originBuf = new Int32Array(capacity);
    sentenceBuf = new Int32Array(capacity);
    sentenceUnitBuf = new Int32Array(capacity);
    asciiBuf = new Int32Array(capacity);
  }
  const table = foldTable();
  const merged = mergedTable(alphabet);
  const out = outBuf;
  const runFirst = runBuf;
  const origin = originBuf;
  const sentenceEnds = sentenceBuf;
  const sentenceUnits = sentenceUnitBuf;
  const asciiUnits = asciiBuf;
  let asciiCount = 0;
  let sentences = 0;
  let len = 0;
  let kept = 0;
  /** The code last written, while its run may go on; -1 after a boundary. */
  let prev = -1;
  let wide = false;
  let i = 0;
  while (i < n) {
    // The hot loop knows only kept, dropped and boundary characters; anything else (a surrogate,
    // a character not looked at yet) leaves it and is handled below.
    for (; i < n; i++) {
      const v = merged[source.charCodeAt(i)];
      if (v <= OUTSIDE) {
        if (v === DROP) continue;
        if (v === BOUNDARY || v === OUTSIDE) {
          prev = -1;
          continue;
        }
        if (v !== SENTENCE) break;
        sentenceUnits[sentences] = len;
        sentenceEnds[sentences++] = i;
        prev = -1;
        continue;
      }
      origin[kept] = i;
      if (v !== prev) {
        if (v < 128) asciiUnits[asciiCount++] = len;
        out[len] = v;
        runFirst[len++] = kept;
        prev = v;
      }
      kept++;
    }
    if (i >= n) break;
    const c = source.charCodeAt(i);
    if (merged[c] === UNKNOWN) {
      let f = table[c];
      if (f === UNKNOWN) f = table[c] = computeFold(c);
      merged[c] = f < UNKNOWN ? f : alphabet[f] === 0 ? OUTSIDE : alphabet[f];
      continue;
    }
    // A surrogate: fold the pair it starts, drop it if it pairs with nothing.
    const low = i + 1 < n ? source.charCodeAt(i + 1) : 0;
    if (c > 0xdbff || low < 0xdc00 || low > 0xdfff) {
      i++;
      continue;
    }
    const f = foldAstral(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
    if (
      (f === KEEP_PAIR && (alphabet[c] === 0 || alphabet[low] === 0)) ||
      (f > KEEP_PAIR && f !== DROP && alphabet[f] === 0)
    ) {
      prev = -1;
    } else if (f === KEEP_PAIR) {
      // Kept as two units, each its own run: repeated astral characters are not collapsed.
      out[len] = alphabet[c];
      runFirst[len++] = kept;
      origin[kept++] = i;
      out[len] = alphabet[low];
      runFirst[len++] = kept;
      origin[kept++] = i + 1;
      prev = -1;
    } else if (f !== DROP) {
      wide = true;
      origin[kept] = i;
      const code = alphabet[f];
      if (code !== prev) {
        if (code < 128) asciiUnits[asciiCount++] = len;
        out[len] = code;
        runFirst[len++] = kept;
        prev = code;
      }
      kept++;
    }
    i += 2;
  }
  runFirst[len] = kept;
  return {
    text: withText ? decoder.decode(out.subarray(0, len)) : '',
    units: out,
    length: len,
    runFirst,
    origin,
    wide,
    sentenceEnds,
    sentenceUnits,
    sentenceCount: sentences,
    asciiUnits,
    asciiCount,
  };
}

export function normalise(source: string): NormalisedText {
  const shared = normaliseShared(source);
  const len = shared.text.length;
  const kept = shared.runFirst[len];
  return {
    text: shared.text,
    units: shared.units.slice(0, len),
    length: len,
    runFirst: shared.runFirst.slice(0, len + 1),
    origin: shared.origin.slice(0, kept),
    wide: shared.wide,
    sentenceEnds: shared.sentenceEnds.slice(0, shared.sentenceCount),
    sentenceUnits: shared.sentenceUnits.slice(0, shared.sentenceCount),
    sentenceCount: shared.sentenceCount,
    asciiUnits: shared.asciiUnits.slice(0, shared.asciiCount),
    asciiCount: shared.asciiCount,
  };
}

export interface NormalisedTerm {
  /** The collapsed fold the automaton looks for ('' when nothing is left). */
  key: string;
  /** Minimum run per unit of `key`; null when every run is 1. */
  runs: Int32Array | null;
}

export function normaliseTerm(term: string): NormalisedTerm {
  const { text, runFirst } = normaliseShared(term);
  // Every run 1 unless fewer runs than kept units.
  if (runFirst[text.length] === text.length) return { key: text, runs: null };
  const runs = new Int32Array(text.length);
  for (let i = 0; i < runs.length; i++) runs[i] = runFirst[i + 1] - runFirst[i];
  return { key: text, runs };
}

/** End (exclusive) in the original of the kept unit `unit`. */
export function unitEnd(source: string, norm: NormalisedText, unit: number): number {
  return norm.wide ? codePointEnd(source, norm.origin[unit]) : norm.origin[unit] + 1;
}

/** End (exclusive) of the original code point starting at `offset`. */
export function codePointEnd(source: string, offset: number): number {
  const c = source.charCodeAt(offset);
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = source.charCodeAt(offset + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return offset + 2;
  }
  return offset + 1;
}

let simplified: Uint16Array | null = null;

/** Per BMP code unit: its simplified form (OpenCC t→cn, one character), or 0 when it has none. */
export function simplifiedTable(): Uint16Array {
  if (simplified) return simplified;
  const table = new Uint16Array(65536);
  for (const [from, to] of traditionalTable()) table[from] = to;
  simplified = table;
  return table;
}

const viewDecoder = new TextDecoder('utf-16le', { ignoreBOM: true });
let viewScratch = new Uint16Array(1024);

/**
 * `text` with every code unit replaced through `table` (0: kept as it is), same length, same
 * offsets. A text with nothing to replace is returned as it is, without a copy.
 */
export function mapUnits(text: string, table: Uint16Array): string {
  const n = text.length;
  let i = 0;
  while (i < n && table[text.charCodeAt(i)] === 0) i++;
  if (i === n) return text;
  if (viewScratch.length < n) viewScratch = new Uint16Array(Math.max(n, viewScratch.length * 2));
  const out = viewScratch;
  for (let k = 0; k < i; k++) out[k] = text.charCodeAt(k);
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const m = table[c];
    out[i] = m === 0 ? c : m;
  }
  return viewDecoder.decode(out.subarray(0, n));
}

/**
 * Traditional → simplified, character for character (same length, same offsets), for detectors
 * that read the text with patterns rather than through the matcher.
 */
export function toSimplified(text: string): string {
  return mapUnits(text, simplifiedTable());
}

const LATIN_LETTER = /^\p{Script=Latin}$/u;
const DIGIT = /^[0-9]$/;
/** Per BMP code unit: 0 not known yet, else 1 + its word class. */
let classTable: Uint8Array | null = null;

/** 0: neither, 1: a Latin letter, 2: a digit — of an already folded code point. */
function classOfFolded(f: number): number {
  const c = String.fromCodePoint(f);
  return LATIN_LETTER.test(c) ? 1 : DIGIT.test(c) ? 2 : 0;
}

/** Word class of a normalised code unit: 1 a Latin letter, 2 a digit, 0 anything else (CJK). */
export function wordClassOfUnit(code: number): number {
  return classOfFolded(code);
}

/**
 * Word class (1 Latin letter, 2 digit, 0 other) of the code point starting at `offset` — or, with
 * `before`, ending just before it — after folding. A Latin or digit edge of a term next to the same
 * class sits inside a longer word or number (CNN inside CNNIC, 110 inside 13811012345).
 */
export function wordClassNear(source: string, offset: number, before: boolean): number {
  let at = before ? offset - 1 : offset;
  if (at < 0 || at >= source.length) return 0;
  let c = source.charCodeAt(at);
  if (before && c >= 0xdc00 && c <= 0xdfff && at > 0) {
    const high = source.charCodeAt(at - 1);
    if (high >= 0xd800 && high <= 0xdbff) {
      at -= 1;
      c = high;
    }
  }
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = source.codePointAt(at) ?? c;
    if (cp <= 0xffff) return 0;
    const f = foldCodePoint(cp);
    return f === null ? 0 : classOfFolded(f);
  }
  classTable ??= new Uint8Array(65536);
  let v = classTable[c];
  if (v === 0) {
    const f = foldCodePoint(c);
    v = classTable[c] = 1 + (f === null ? 0 : classOfFolded(f));
  }
  return v - 1;
}
