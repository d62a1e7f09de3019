/**
 * Turns a pasted batch of comments into messages. The rules, in order:
 * - Windows line ends, a byte-order mark and trailing spaces are ignored;
 * - if the paste has blank lines, blank lines separate messages and a message may span lines; a line
 *   in the "昵称：内容" form also starts a new message inside a block; without blank lines, every line
 *   is one message;
 * - a leading list mark ("1、" "2." "-" "•") is dropped;
 * - "昵称：内容" (full- or half-width colon) gives the sender's nickname, unless the part before the
 *   colon is a time ("12:30"), a link scheme ("https://"), a common lead-in ("请问："), holds sentence
 *   punctuation, or is too long to be a nickname; "昵称：" alone on a block's first line takes the block's next lines as the text;
 * - an exact repeat of an earlier message (same nickname and text) is dropped with a warning.
 */
import type { ParsedBatch, ParsedBatchItem } from '../../typings/referral';
import type { DomainError } from '../errors';
import { fail } from '../referral/errors';

export const MAX_BATCH_ITEMS = 200;
/** A paste: the most a batch of 200 messages may reasonably fill, checked at the edge (issue 11). */
export const MAX_PASTE_CHARS = 200_000;
const MAX_NICKNAME = 30;

const LIST_MARK = /^(?:\d{1,3}(?:[、)）]|[.．](?!\d))|[-•·*])\s*/;
const NICKNAME_FORM = /^([^：:]+)[：:](?!\/\/)\s*(.*)$/;
/** Words that open a sentence with a colon but are no nickname. */
const LEAD_INS = new Set([
  '请问',
  '问',
  '你好',
  '您好',
  '咨询',
  '举报',
  '投诉',
  '建议',
  '反映',
  '求助',
  '求问',
  '报警',
  '注意',
  '提醒',
]);

interface Line {
  no: number;
  text: string;
}

interface Split {
  nickname: string | null;
  rest: string;
}

function splitNickname(line: string): Split | null {
  const m = NICKNAME_FORM.exec(line);
  if (!m) return null;
  const nickname = (m[1] ?? '').trim();
  const rest = (m[2] ?? '').trim();
  if (!nickname || nickname.length > MAX_NICKNAME || LEAD_INS.has(nickname)) return null;
  // A clock time ("12:30", "下午3:30") or a sentence that happens to hold a colon.
  if (/\d$/.test(nickname) && /^\d/.test(rest)) return null;
  if (/[，。！？,.!?；;]/.test(nickname)) return null;
  return { nickname, rest };
}

function withoutMark(s: string): string {
  return s.replace(LIST_MARK, '').trim();
}

function toItem(block: Line[]): ParsedBatchItem | null {
  const [head, ...tail] = block;
  if (!head) return null;
  const split = splitNickname(head.text);
  const parts = split ? [split.rest, ...tail.map((l) => l.text)] : [head.text, ...tail.map((l) => l.text)];
  const text = parts
    .filter((p) => p !== '')
    .join('\n')
    .trim();
  if (!text) return null;
  return { line: head.no, senderNickname: split?.nickname ?? null, text };
}

export function parseMessageBatch(pasted: string): ParsedBatch | DomainError {
  const lines: Line[] = pasted
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ no: i + 1, text: withoutMark(raw.trim()) }));
  const first = lines.findIndex((l) => l.text !== '');
  const last = lines.length - 1 - [...lines].reverse().findIndex((l) => l.text !== '');
  const blockMode = first >= 0 && lines.slice(first, last + 1).some((l) => l.text === '');

  const blocks: Line[][] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length) blocks.push(current);
    current = [];
  };
  for (const line of lines) {
    if (line.text === '') {
      flush();
      continue;
    }
    // Without blank lines every line stands alone; inside a block a new nickname starts a new message.
    if (!blockMode || (current.length > 0 && splitNickname(line.text)?.rest)) flush();
    current.push(line);
  }
  flush();

  const items: ParsedBatchItem[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (const block of blocks) {
    const item = toItem(block);
    if (!item) continue;
    const key = `${item.senderNickname ?? ''}\u0000${item.text}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      warnings.push(`第${item.line}行与第${earlier}行内容重复，已忽略`);
      continue;
    }
    seen.set(key, item.line);
    items.push(item);
  }
  if (items.length === 0) return fail('BATCH_EMPTY');
  if (items.length > MAX_BATCH_ITEMS)
    return fail('BATCH_TOO_LARGE', `一次最多粘贴${MAX_BATCH_ITEMS}条留言，本次识别出${items.length}条`);
  return { items, warnings };
}
