/**
 * Input schemas of the linkage actions. These limits only stop oversized requests at the edge; the
 * rules a desk or operator can break (64-character titles, the window's range …) are core/linkage's,
 * with their own codes and messages.
 */
import * as v from 'valibot';
import { LIMITS, linkageError } from '../../core/linkage';
import { pageParams, ruleText } from '../schemas';

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

/** The one list bound (server/schemas.ts): offset 0–10,000, limit 0–100 (0: the header only). */
export const page = pageParams;

export const issueParams = v.strictObject({
  clientKey: id,
  kind: v.picklist(['publicity', 'opinion']),
  // The measures' own limits, refused at the edge with the rule's code (core/linkage LIMITS).
  title: ruleText(LIMITS.title, () => linkageError('TITLE_TOO_LONG')),
  content: ruleText(LIMITS.content, () => linkageError('CONTENT_TOO_LONG')),
  link: v.nullable(ruleText(LIMITS.link, () => linkageError('INVALID_LINK'))),
  wording: ruleText(LIMITS.wording, () => linkageError('WORDING_TOO_LONG')),
  responseKinds: v.pipe(v.array(responseKind), v.minLength(0), v.maxLength(3)),
  targets,
  windowMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
  correctionOf: v.optional(id),
});

export const withdrawParams = v.strictObject({
  directiveId: id,
  expectedRev: rev,
  reason: ruleText(LIMITS.reason, () => linkageError('REASON_TOO_LONG')),
});

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
  link: v.optional(ruleText(LIMITS.link, () => linkageError('INVALID_LINK'))),
  screenshot: v.optional(v.nullable(text(512))),
  note: v.optional(ruleText(LIMITS.note, () => linkageError('NOTE_TOO_LONG'))),
  postId: v.optional(id),
});

export const recordsParams = v.strictObject({
  month: v.pipe(v.string(), v.maxLength(7)),
  accountId: v.optional(id),
  ...pageParams,
});

export const settingsParams = v.strictObject({
  expectedRev: rev,
  cityDesks: v.picklist(['none', 'all', 'listed']),
  cityIds: v.pipe(v.array(id), v.maxLength(100)),
  defaultWindowMinutes: v.pipe(v.number(), v.integer()),
  graceMinutes: v.pipe(v.number(), v.integer()),
});
