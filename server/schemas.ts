/**
 * Schemas every function's edge shares (issue 11). Use these, not local copies:
 *
 * - `listOffset`, `listLimit`, `listCursor`, `seqCursor` — THE bound of every list action's paging
 *   parameters (`LIST_BOUNDS`). A list action spreads `pageParams` (offset + limit) or takes
 *   `cursorParams` (cursor + limit) and answers a page plus `nextOffset` / `nextCursor`.
 * - `ruleText` / `ruleList` — a length or size limit that a rule of the measures sets (a post's
 *   20,000 characters, a paste's messages …), refused at the edge with the rule's own code and
 *   message, before any screening or database work.
 */
import * as v from 'valibot';
import type { DomainError } from '../core/errors';

export const LIST_BOUNDS = {
  /** How far into a list an offset may reach: beyond it, narrow the query (a unit, a state, a cursor). */
  maxOffset: 10_000,
  /** Items in one page. 0 answers the page's header (totals, the unit) without items. */
  maxLimit: 100,
  /** An opaque cursor as a list answered it. */
  maxCursorChars: 200,
} as const;

const boundError = (what: string, max: number): string => `请求参数不合法：${what}须为 0 至 ${max} 的整数`;

export const listOffset = v.optional(
  v.pipe(
    v.number(),
    v.integer(boundError('offset', LIST_BOUNDS.maxOffset)),
    v.minValue(0, boundError('offset', LIST_BOUNDS.maxOffset)),
    v.maxValue(LIST_BOUNDS.maxOffset, boundError('offset', LIST_BOUNDS.maxOffset)),
  ),
);

export const listLimit = v.optional(
  v.pipe(
    v.number(),
    v.integer(boundError('limit', LIST_BOUNDS.maxLimit)),
    v.minValue(0, boundError('limit', LIST_BOUNDS.maxLimit)),
    v.maxValue(LIST_BOUNDS.maxLimit, boundError('limit', LIST_BOUNDS.maxLimit)),
  ),
);

export const listCursor = v.optional(
  v.pipe(
    v.string(),
    v.minLength(1, '请求参数不合法：cursor 不能为空'),
    v.maxLength(LIST_BOUNDS.maxCursorChars, `请求参数不合法：cursor 最多 ${LIST_BOUNDS.maxCursorChars} 个字符`),
  ),
);

/** A numeric cursor (a sequence number to read before), bounded like any other. */
export const seqCursor = v.optional(
  v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
);

/** Spread into a list action's strictObject: `{ ...pageParams, … }`. */
export const pageParams = { offset: listOffset, limit: listLimit };
export const cursorParams = { cursor: listCursor, limit: listLimit };

/** Characters as a reader counts them (code points): what the measures' limits count. */
export const charCount = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
};

/**
 * A string a rule limits to `max` characters: longer is refused at the edge with the rule's own
 * error (`refuse(count)`), thrown straight out of validation so nothing after it runs.
 */
export function ruleText(max: number, refuse: (count: number) => DomainError) {
  return v.pipe(
    v.string(),
    v.check((s) => {
      // UTF-16 length bounds the character count from above: most strings need no counting.
      if (s.length <= max) return true;
      const count = charCount(s);
      if (count > max) throw refuse(count);
      return true;
    }),
  );
}

/** An array a rule limits to `max` items, refused with the rule's own error. */
export function ruleList<S extends v.GenericSchema>(item: S, max: number, refuse: (count: number) => DomainError) {
  return v.pipe(
    v.array(item),
    v.check((items) => {
      if (items.length > max) throw refuse(items.length);
      return true;
    }),
  );
}
