/**
 * 第十五条 信息未经审核，不得发布: the post core refuses to record a publication of what was not approved
 * (not approved yet, other content than the approved version, published before the approval). The
 * attempt itself is kept here, one record per post state and person, for the monthly evaluation's
 * review-discipline indicator and its deduction (issue 14, 第三十七条). A separate, named guard: the
 * publish path calls it only after the refusal, and it never changes the refusal.
 */
import { createHash } from 'node:crypto';
import type { PublishRefusal } from '../../typings/evaluation';
import type { Post } from '../../typings/post';
import { isDomainError } from '../../core/errors';
import { toBeijingIso } from '../../core/time';
import type { HandlerContext } from '../dispatch';
import { store } from '../store';

/** Refusals that mean "publishing without approval". */
export const UNAPPROVED_PUBLICATION_CODES: ReadonlySet<string> = new Set([
  'NOT_APPROVED',
  'CONTENT_MISMATCH',
  'PUBLISHED_BEFORE_APPROVAL',
]);

export async function recordRefusedPublication(
  ctx: HandlerContext,
  post: Post,
  personId: string,
  err: unknown,
): Promise<void> {
  if (!isDomainError(err) || !UNAPPROVED_PUBLICATION_CODES.has(err.code)) return;
  // A double tap on the same post state is one attempt.
  const key = `${post._id}\n${post.rev}\n${personId}\n${err.code}`;
  const refusal: PublishRefusal = {
    _id: `refusal-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 24)}`,
    accountId: post.accountId,
    postId: post._id,
    personId,
    code: err.code,
    at: toBeijingIso(ctx.now),
  };
  try {
    if (!(await store.get('publishRefusals', refusal._id))) await store.put('publishRefusals', refusal);
  } catch (recordErr) {
    // The refusal stands whatever happens to its record.
    console.error('[publish refusal record]', recordErr);
  }
}
