/**
 * 第三十四条 meets 第十五条、第十六条: an original response is a post like any other and goes through
 * the chain; it carries the directive it answers (`Post.linkage`) so every approver sees the clock.
 * The post function asks here for the marker of a new draft, checked against the directive and the
 * account: the account must be one of its targets, still to respond, and the directive not withdrawn.
 */
import type { Directive, DirectiveTarget } from '../../typings/linkage';
import type { PostLinkage } from '../../typings/post';
import { KIND_LABELS, alreadyResponded, linkageError } from '../../core/linkage';
import { commonErrors } from '../../core/errors';
import { store, type Store } from '../store';
import { targetId } from './context';

export async function linkageMarker(
  directiveId: string,
  accountId: string,
  now: number,
  db: Store = store,
): Promise<PostLinkage> {
  const [d, target] = await Promise.all([
    db.get<Directive>('directives', directiveId),
    db.get<DirectiveTarget>('directiveTargets', targetId(directiveId, accountId)),
  ]);
  if (!d) throw commonErrors.notFound('联动指令');
  if (!target) throw linkageError('NOT_TARGET');
  if (d.state === 'withdrawn' || target.state === 'withdrawn') throw linkageError('DIRECTIVE_WITHDRAWN');
  if (target.state === 'onTime' || target.state === 'late') throw alreadyResponded(target, now);
  // A directive that asks for reposts or comments only takes no original post as its response.
  if (!d.responseKinds.includes('original')) throw linkageError('KIND_NOT_ACCEPTED');
  return { directiveId: d._id, title: d.title, kindLabel: KIND_LABELS[d.kind], issuedAt: d.issuedAt, dueAt: d.dueAt };
}
