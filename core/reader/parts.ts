/**
 * A post longer than the model's input limit is read in parts cut on sentence boundaries, so no
 * sentence — and no piece of evidence inside one — is split between two calls. Each part keeps its
 * offset, so the model's quotes map back into the whole text exactly.
 */

export interface Part {
  /** UTF-16 offset of the part in the whole text. */
  start: number;
  text: string;
}

/** A sentence ends after these, together with any closing quotes or brackets that follow. */
const SENTENCE_END = /[。！？!?；;…\n]+[”’」』）)】》"']*/g;
/** Where an over-long sentence may be cut when nothing better is found. */
const SOFT_BREAK = /[，,、：:\s]/;

/** The text as consecutive sentence spans that together cover it. */
export function sentenceSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end > start) spans.push({ start, end });
    start = end;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/** Never cut between the two halves of a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Cuts one sentence longer than `max` at soft breaks (a comma, a pause), else at `max`. */
function cutLong(text: string, start: number, end: number, max: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let from = start;
  while (end - from > max) {
    let cut = from + max;
    for (let i = from + max; i > from + Math.floor(max / 2); i--) {
      if (SOFT_BREAK.test(text.charAt(i - 1))) {
        cut = i;
        break;
      }
    }
    cut = safeCut(text, cut);
    out.push({ start: from, end: cut });
    from = cut;
  }
  if (end > from) out.push({ start: from, end });
  return out;
}

/**
 * Parts of at most `maxChars` UTF-16 units, each a run of whole sentences (a sentence longer than
 * the limit alone is cut at a pause). A text within the limit is one part.
 */
export function partsOf(text: string, maxChars: number): Part[] {
  if (!Number.isInteger(maxChars) || maxChars < 2) throw new Error(`partsOf: invalid limit ${maxChars}`);
  if (text.length <= maxChars) return [{ start: 0, text }];
  const pieces = sentenceSpans(text).flatMap((s) =>
    s.end - s.start > maxChars ? cutLong(text, s.start, s.end, maxChars) : [s],
  );
  const parts: Part[] = [];
  let current: { start: number; end: number } | null = null;
  for (const piece of pieces) {
    if (current && piece.end - current.start <= maxChars) {
      current.end = piece.end;
      continue;
    }
    if (current) parts.push({ start: current.start, text: text.slice(current.start, current.end) });
    current = { ...piece };
  }
  if (current) parts.push({ start: current.start, text: text.slice(current.start, current.end) });
  return parts;
}
