/**
 * Merging WeChat's security.msgSecCheck (v2) verdict into a screening result: the platform's own
 * check stands beside ours — risky refuses the submission, review asks for care.
 */
import type { MsgSecCheckVerdict, PlatformHit, ScreeningResult } from '../../typings/screening';
import { categoryOf, formatRef, levelFloorOf } from './categories';
import { summarise } from './result';

/** msgSecCheck v2 label codes. */
export const MSG_SEC_LABELS: Readonly<Record<number, string>> = {
  100: '正常',
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
};

export function msgSecLabelName(label: number): string {
  return MSG_SEC_LABELS[label] ?? `未知标签（${label}）`;
}

export function mergeMsgSecCheck(result: ScreeningResult, verdict: MsgSecCheckVerdict): ScreeningResult {
  if (verdict.suggest === 'pass') return result;
  const category = categoryOf(verdict.suggest === 'risky' ? 'platformRisky' : 'platformReview');
  const labelName = msgSecLabelName(verdict.label);
  const hit: PlatformHit = {
    category: category.id,
    ref: formatRef(category.ref),
    title: category.title,
    effect: category.effect,
    levelFloor: levelFloorOf(category),
    source: 'msgSecCheck',
    rule: `微信内容安全：${labelName}`,
    where: 'platform',
    label: verdict.label,
    labelName,
  };
  return summarise(result.lexiconVersion, result.context, [...result.hits, hit], result.suggestions);
}

/** WeChat checks at most 2500 characters of content per msgSecCheck call. */
export const MSG_SEC_CHUNK = 2500;

/**
 * The longest phrase the platform must see whole (issue 11): consecutive chunks share this many
 * characters, so any phrase up to this length that crosses a chunk's edge lies whole in the next
 * chunk. The platform judges phrases and sentences, not pages; 200 characters holds a long sentence.
 */
export const MSG_SEC_OVERLAP = 200;

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * The content of the msgSecCheck calls for one text: chunks of at most MSG_SEC_CHUNK units, each
 * starting MSG_SEC_OVERLAP units (or one more) before the previous one ends, never splitting a
 * surrogate pair.
 */
export function msgSecChunks(text: string, size = MSG_SEC_CHUNK, overlap = MSG_SEC_OVERLAP): string[] {
  if (text.length <= size) return [text];
  const out: string[] = [];
  let start = 0;
  for (;;) {
    let end = Math.min(start + size, text.length);
    if (end < text.length && isHigh(text.charCodeAt(end - 1))) end--;
    out.push(text.slice(start, end));
    if (end >= text.length) return out;
    let next = end - overlap;
    if (isLow(text.charCodeAt(next))) next--;
    start = next;
  }
}
