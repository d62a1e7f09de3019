/**
 * 第三十三条 / 第十五条: the record of publication must match the approved version exactly, so the
 * content is fingerprinted. node:crypto is the one platform import in core: it is pure (same input,
 * same output) and available in every cloud function.
 */
import { createHash } from 'node:crypto';
import type { PostContent } from '../../typings/post';

/**
 * Canonical form: a fixed-order JSON array, so key order, absent-vs-null and object identity never
 * change the hash. Bump the tag if the shape ever changes (old hashes then stay comparable by tag).
 */
export function canonicalContent(content: PostContent): string {
  const source = content.kind === 'repost' && content.source ? [content.source.outlet, content.source.link] : null;
  return JSON.stringify(['post-content/1', content.title, content.text, content.images, content.kind, source]);
}

/** sha256, lowercase hex. */
export function contentHash(content: PostContent): string {
  return createHash('sha256').update(canonicalContent(content), 'utf8').digest('hex');
}
