import { toSimplified } from '../normalize';
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

/**
 * The text detectors read: full-width ASCII folded to half-width and traditional characters to
 * simplified, length for length, so plain patterns report offsets into the original text. The
 * full-width marks that end a clause (！，：；？) stay as they are: a link or a number never runs
 * through one.
 */
export function detectorText(text: string): string {
  return toSimplified(text).replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : '！，：；？'.includes(c) ? c : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

const globals = new WeakMap<RegExp, RegExp>();

/** Every match of a pattern, with offsets (its global form is compiled once per pattern). */
export function* scan(
  pattern: RegExp,
  text: string,
): Generator<{ start: number; end: number; value: string; groups: (string | undefined)[] }> {
  let re = globals.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    globals.set(pattern, re);
  }
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    yield { start: m.index, end: m.index + m[0].length, value: m[0], groups: m.slice(1) };
  }
}

export function overlaps(a: { start: number; end: number }, spans: readonly { start: number; end: number }[]): boolean {
  return spans.some((s) => a.start < s.end && s.start < a.end);
}
