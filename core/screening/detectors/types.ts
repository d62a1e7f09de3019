import { mapUnits, simplifiedTable } from '../normalize';
import type { ScreeningCategoryId, ScreeningDetectorId } from '../../../typings/screening';

/** A detector finding on the original text (offsets in UTF-16 units, end exclusive). */
export interface DetectorHit {
  start: number;
  end: number;
  category: ScreeningCategoryId;
  detector: ScreeningDetectorId;
  /** The detector's rule in Chinese. */
  rule: string;
  /** What to show: the original span, or its mask for personal data. */
  matched: string;
}

/** What the minors' detector found beside a word that marks a minor: a name identifies the child. */
export const MINOR_NAME = '未成年人姓名';
/** …a school or a class narrows it down (and is named in every 进校园 publicity post). */
export const MINOR_SCHOOL = '未成年人就读学校或班级';

/**
 * The detectors that read cues in words (a school near 学生, a secrecy phrase, a price, a call to buy, a
 * foreign outlet's name), which an innocent sentence can hold too: 语义复核 may doubt these. Never the
 * others: a citizen's number, plate or address, a child's name, a credential or a link in a post is
 * itself the breach (第十七条（一）8、11、12，（二）4), whatever the sentence around it is about.
 */
const CUES: ReadonlySet<ScreeningDetectorId> = new Set([
  'minorIdentity',
  'secretMark',
  'price',
  'purchaseCall',
  'foreignOutlet',
]);

/** How 语义复核's record names a detector's reading (DoubtfulReader.key), or null when it is never doubted. */
export function detectorDoubtKey(detector: ScreeningDetectorId, name: string): string | null {
  return CUES.has(detector) && name !== MINOR_NAME ? `${detector}/${name}` : null;
}

const KEPT_FULL_WIDTH = new Set([...'！，：；？'].map((c) => c.charCodeAt(0)));
let viewTable: Uint16Array | null = null;

/** Per code unit, what the detectors read instead (0: the unit itself): see detectorText. */
function detectorTable(): Uint16Array {
  if (viewTable) return viewTable;
  const simplified = simplifiedTable();
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    const s = simplified[c] === 0 ? c : simplified[c];
    let v = s;
    if (s === 0x3000) v = 0x20;
    else if (s >= 0xff01 && s <= 0xff5e && !KEPT_FULL_WIDTH.has(s)) v = s - 0xfee0;
    if (v !== c) table[c] = v;
  }
  viewTable = table;
  return table;
}

/**
 * The code unit the detectors read for `c` (see detectorText): one unit of the text maps to one of
 * the view, so a test on the view's characters can be made on the original text through this.
 */
export function detectorUnit(c: number): number {
  const v = detectorTable()[c];
  return v === 0 ? c : v;
}

/**
 * The text detectors read: full-width ASCII folded to half-width and traditional characters to
 * simplified, length for length, so plain patterns report offsets into the original text. The
 * full-width marks that end a clause (！，：；？) stay as they are: a link or a number never runs
 * through one. One table lookup per code unit; a text with nothing to fold is not copied.
 */
export function detectorText(text: string): string {
  const table = detectorTable();
  const n = text.length;
  if (n > SHORT) return mapUnits(text, table);
  // A short text (a window or a sentence, read by the thousand): built from its units directly,
  // without the decoder's fixed cost per call, which weighs more than the copy at this length.
  let i = 0;
  while (i < n && table[text.charCodeAt(i)] === 0) i++;
  if (i === n) return text;
  // One array per length, so that none is resized (a length change is a call into the runtime).
  const out = (shortUnits[n] ??= new Array<number>(n).fill(0));
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(k);
    // A surrogate goes through the decoder, which turns a lone one into U+FFFD: the same view
    // whatever the text's length.
    if ((c & 0xf800) === 0xd800) return mapUnits(text, table);
    const m = table[c];
    out[k] = m === 0 ? c : m;
  }
  return String.fromCharCode.apply(null, out);
}

/** Texts up to this length take detectorText's short path. */
const SHORT = 128;
const shortUnits: number[][] = [];

const globals = new WeakMap<RegExp, RegExp>();

export interface ScanMatch {
  start: number;
  end: number;
  value: string;
  /** The capture groups (shared and empty for a pattern without any). */
  groups: readonly (string | undefined)[];
}

/** The global form of `pattern`, compiled once (its lastIndex is the caller's to set). */
export function globalOf(pattern: RegExp): RegExp {
  let re = globals.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    globals.set(pattern, re);
  }
  return re;
}

const NO_GROUPS: readonly (string | undefined)[] = [];

/**
 * Every match of a pattern, with offsets (its global form is compiled once per pattern). An array,
 * not a generator: the detectors run a few patterns over many short windows, where a generator's
 * machinery cost more than the match itself; and a nested scan with the same pattern is safe.
 */
export function scan(pattern: RegExp, text: string): ScanMatch[] {
  const re = globalOf(pattern);
  const out: ScanMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      value: m[0],
      groups: m.length > 1 ? m.slice(1) : NO_GROUPS,
    });
  }
  return out;
}

export function overlaps(a: { start: number; end: number }, spans: readonly { start: number; end: number }[]): boolean {
  return spans.some((s) => a.start < s.end && s.start < a.end);
}
