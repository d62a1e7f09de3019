/**
 * Input schemas of the post actions. The limits here only stop oversized requests at the edge; the
 * rules a user can break (20,000 characters, 64 for a title, 20 images) are core/post's, with their
 * own codes and messages.
 */
import * as v from 'valibot';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const rev = v.pipe(v.number(), v.integer(), v.minValue(0));
const version = v.pipe(v.number(), v.integer(), v.minValue(1));
const isoTime = v.pipe(v.string(), v.maxLength(40));
export const level = v.picklist(['ordinary', 'major', 'especiallyMajor']);

export const content = v.strictObject({
  title: v.pipe(v.string(), v.maxLength(500)),
  // Four times the 20,000-character rule in UTF-16 units: the rule itself answers TEXT_TOO_LONG.
  text: v.pipe(v.string(), v.maxLength(80_000)),
  images: v.pipe(v.array(v.pipe(v.string(), v.maxLength(512))), v.maxLength(100)),
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

export const publishParams = v.strictObject({
  postId: id,
  expectedRev: rev,
  version,
  content,
  url: v.pipe(v.string(), v.maxLength(2000)),
  publishedAt: isoTime,
});

export const page = {
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000))),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))),
};

export const postId = id;

export const plannedTimeParams = v.strictObject({ postId: id, expectedRev: rev, plannedAt: v.nullable(isoTime) });
