/**
 * Input schemas of the linkage actions. These limits only stop oversized requests at the edge; the
 * rules a desk or operator can break (64-character titles, the window's range …) are core/linkage's,
 * with their own codes and messages.
 */
import * as v from 'valibot';
import { pageParams } from '../schemas';

export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const rev = v.pipe(v.number(), v.integer(), v.minValue(0));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const platform = v.picklist(['weibo', 'wechatSubscription', 'wechatService', 'douyin', 'kuaishou', 'toutiao', 'other']);
export const responseKind = v.picklist(['repost', 'original', 'comment']);

export const targets = v.variant('mode', [
  v.strictObject({
    mode: v.literal('filter'),
    unitIds: v.pipe(v.array(id), v.maxLength(200)),
    platforms: v.pipe(v.array(platform), v.maxLength(7)),
  }),
  // 500 hand-picked accounts at most (core/linkage LIMITS.pickedAccounts): larger calls use a filter.
  v.strictObject({ mode: v.literal('accounts'), accountIds: v.pipe(v.array(id), v.maxLength(500)) }),
]);

/** The shared list bound (server/schemas.ts, issue 11): every list pages the same way. */
export const page = pageParams;

export const issueParams = v.strictObject({
  clientKey: id,
  kind: v.picklist(['publicity', 'opinion']),
  title: text(500),
  content: text(8_000),
  link: v.nullable(text(2_000)),
  wording: text(4_000),
  responseKinds: v.pipe(v.array(responseKind), v.minLength(0), v.maxLength(3)),
  targets,
  windowMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
  correctionOf: v.optional(id),
});

export const withdrawParams = v.strictObject({ directiveId: id, expectedRev: rev, reason: text(1_000) });

export const boardParams = v.strictObject({
  directiveId: id,
  unitId: v.optional(id),
  status: v.optional(v.picklist(['silent', 'late', 'onTime'])),
  ...page,
});

export const mineParams = v.strictObject({ view: v.optional(v.picklist(['open', 'all'])), ...page });

export const respondParams = v.strictObject({
  directiveId: id,
  accountId: id,
  kind: responseKind,
  link: v.optional(text(2_000)),
  screenshot: v.optional(v.nullable(text(512))),
  note: v.optional(text(1_000)),
  postId: v.optional(id),
});

export const recordsParams = v.strictObject({
  month: v.pipe(v.string(), v.maxLength(7)),
  accountId: v.optional(id),
  offset: page.offset,
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
});

export const settingsParams = v.strictObject({
  expectedRev: rev,
  cityDesks: v.picklist(['none', 'all', 'listed']),
  cityIds: v.pipe(v.array(id), v.maxLength(100)),
  defaultWindowMinutes: v.pipe(v.number(), v.integer()),
  graceMinutes: v.pipe(v.number(), v.integer()),
});
