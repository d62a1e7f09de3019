/**
 * Input schemas of the post actions. The size rules a user can break (20,000 characters, 64 for a
 * title, 20 images: core/post's config) are refused here, at the edge, with core/post's own codes and
 * messages — before the content is screened or anything is read (issue 11). core/post checks them
 * again on every transition.
 */
import * as v from 'valibot';
import type { PostErrorCode } from '../../typings/post';
import { DomainError } from '../../core/errors';
import { defaultPostConfig, postError } from '../../core/post';
import { pageParams, ruleList, ruleText } from '../schemas';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const rev = v.pipe(v.number(), v.integer(), v.minValue(0));
const version = v.pipe(v.number(), v.integer(), v.minValue(1));
const isoTime = v.pipe(v.string(), v.maxLength(40));
export const level = v.picklist(['ordinary', 'major', 'especiallyMajor']);

const { maxTitleChars, maxTextChars, maxImages } = defaultPostConfig;
const refuse = (code: PostErrorCode, detail: string): DomainError => {
  const error = postError(code, detail);
  return new DomainError(error.code, error.message);
};

export const content = v.strictObject({
  title: ruleText(maxTitleChars, () => refuse('TITLE_TOO_LONG', `最多 ${maxTitleChars} 字`)),
  text: ruleText(maxTextChars, (n) => refuse('TEXT_TOO_LONG', `最多 ${maxTextChars} 字，当前 ${n} 字`)),
  images: ruleList(v.pipe(v.string(), v.maxLength(512)), maxImages, () =>
    refuse('TOO_MANY_IMAGES', `最多 ${maxImages} 张`),
  ),
  kind: v.picklist(['original', 'repost']),
  source: v.nullable(
    v.strictObject({
      outlet: v.pipe(v.string(), v.maxLength(200)),
      link: v.pipe(v.string(), v.maxLength(2000)),
    }),
  ),
});

export const draftFields = {
  content,
  nature: v.picklist(['official', 'personal']),
  declaredLevel: level,
  sourceVerified: v.boolean(),
  plannedAt: v.nullable(isoTime),
};

export const newPostFields = {
  accountId: v.optional(id),
  clientKey: v.optional(id),
  // 第三十四条: a new post written as a linkage response.
  linkageDirectiveId: v.optional(id),
};

export const target = v.strictObject({ postId: id, expectedRev: rev });

export const decisionParams = v.strictObject({
  postId: id,
  expectedRev: rev,
  version,
  comment: v.pipe(v.string(), v.maxLength(500)),
});

export const raiseLevelParams = v.strictObject({ postId: id, expectedRev: rev, version, level });

export const lowerLevelParams = v.strictObject({
  postId: id,
  expectedRev: rev,
  version,
  level,
  reason: v.pipe(v.string(), v.maxLength(500)),
});

export const publishParams = v.strictObject({
  postId: id,
  expectedRev: rev,
  version,
  content,
  url: v.pipe(v.string(), v.maxLength(2000)),
  publishedAt: isoTime,
});

/** The shared list bound (server/schemas.ts). */
export const page = pageParams;

export const postId = id;

export const plannedTimeParams = v.strictObject({ postId: id, expectedRev: rev, plannedAt: v.nullable(isoTime) });
