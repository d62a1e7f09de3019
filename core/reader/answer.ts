/**
 * The model's answer, parsed strictly. Nothing the model says is shown as fact unless it holds up:
 * the answer must be one JSON object of the prompt's format (a Markdown code fence around it is the
 * only wrapping allowed); each finding must name an item that was asked, quote text found verbatim in
 * the part that was read, give a reason and a confidence in range. Whatever fails is dropped, and
 * each drop is reported (the shell logs it and counts it on the call record).
 */
import type { ReaderItem } from '../../typings/reader';
import type { Part } from './parts';
import { QUOTE_MAX, REASON_MAX } from './prompt';

/** A finding that held up, with its evidence located in the whole text (before ids are given). */
export interface LocatedFinding {
  item: ReaderItem;
  start: number;
  end: number;
  quote: string;
  reason: string;
  confidence: number;
}

export interface Drop {
  /** 0-based index of the finding in the answer; null when the whole answer was dropped. */
  index: number | null;
  reason: string;
}

export interface ParsedAnswer {
  /** false: the answer as a whole was unusable (not JSON, not the format). */
  ok: boolean;
  findings: LocatedFinding[];
  drops: Drop[];
}

/** More than this in one answer is not a reading, it is noise. */
export const FINDINGS_MAX = 30;

const FENCE = /^```(?:json|JSON)?\s*\n([\s\S]*?)\n?```$/;
const HAN = /\p{Script=Han}/u;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer's JSON text: the whole answer, or the inside of one code fence around all of it. */
function jsonText(answer: string): string {
  const trimmed = answer.trim();
  const fenced = FENCE.exec(trimmed);
  return fenced ? (fenced[1] ?? '') : trimmed;
}

function checkFinding(
  raw: unknown,
  part: Part,
  items: ReadonlyMap<string, ReaderItem>,
): LocatedFinding | { drop: string } {
  if (!isRecord(raw)) return { drop: 'not an object' };
  const { item: code, quote: rawQuote, reason: rawReason, confidence } = raw;
  if (typeof code !== 'string') return { drop: 'item is not a string' };
  const item = items.get(code.trim());
  if (!item) return { drop: `unknown item ${JSON.stringify(code).slice(0, 40)}` };
  if (typeof rawQuote !== 'string') return { drop: 'quote is not a string' };
  if (typeof rawReason !== 'string') return { drop: 'reason is not a string' };
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1)
    return { drop: 'confidence is not a number from 0 to 1' };
  const quote = rawQuote.trim();
  const reason = rawReason.trim();
  if (quote === '') return { drop: 'empty quote' };
  if ([...quote].length > QUOTE_MAX) return { drop: `quote longer than ${QUOTE_MAX} characters` };
  if (reason === '') return { drop: 'empty reason' };
  // The prompt asks for the reason in Chinese: an answer in another language was not read as asked.
  if (!HAN.test(reason)) return { drop: 'reason is not in Chinese' };
  if ([...reason].length > REASON_MAX) return { drop: `reason longer than ${REASON_MAX} characters` };
  const at = part.text.indexOf(quote);
  if (at < 0) return { drop: 'quote not found in the post' };
  return { item, start: part.start + at, end: part.start + at + quote.length, quote, reason, confidence };
}

/**
 * Parses one answer to one part. `items` are the items that were asked (a personal account's items
 * named in an institutional account's answer are unknown here).
 */
export function parseAnswer(answer: string, part: Part, items: readonly ReaderItem[]): ParsedAnswer {
  let value: unknown;
  try {
    value = JSON.parse(jsonText(answer)) as unknown;
  } catch {
    return { ok: false, findings: [], drops: [{ index: null, reason: 'answer is not valid JSON' }] };
  }
  if (!isRecord(value) || !Array.isArray(value['findings']))
    return { ok: false, findings: [], drops: [{ index: null, reason: 'answer has no findings array' }] };

  const known = new Map(items.map((item) => [item.code, item]));
  const list: unknown[] = value['findings'];
  const findings: LocatedFinding[] = [];
  const drops: Drop[] = [];
  list.forEach((raw, index) => {
    if (index >= FINDINGS_MAX) {
      drops.push({ index, reason: `more than ${FINDINGS_MAX} findings` });
      return;
    }
    const checked = checkFinding(raw, part, known);
    if ('drop' in checked) drops.push({ index, reason: checked.drop });
    else findings.push(checked);
  });
  return { ok: true, findings, drops };
}

/**
 * The findings of every part as one list in text order: the same item on the same span once (with
 * the higher confidence), so a part read twice or a repeated finding is not counted twice.
 */
export function mergeFindings(lists: readonly LocatedFinding[][]): LocatedFinding[] {
  const byKey = new Map<string, LocatedFinding>();
  for (const finding of lists.flat()) {
    const key = `${finding.item.code}@${finding.start}:${finding.end}`;
    const seen = byKey.get(key);
    if (!seen || finding.confidence > seen.confidence) byKey.set(key, finding);
  }
  return [...byKey.values()].sort(
    (a, b) => a.start - b.start || a.end - b.end || a.item.code.localeCompare(b.item.code),
  );
}
