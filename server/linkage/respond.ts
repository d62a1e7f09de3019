/**
 * An operator records the response of an account they run (第三十四条). One transaction reads the
 * account's target and the directive, applies the core's rule and saves the target with its tallies:
 * two operators of one account at once — one response, the other is told who answered; after closing
 * the response is kept and counted late; a retried call answers what it recorded. An original post
 * counts once it went through the post chain and was published (第十五条、第十六条): its publication
 * registers it in the same transaction (`registerPublished`), or an operator registers it by hand.
 */
import type { Account, Person } from '../../typings/org';
import type { Post } from '../../typings/post';
import type { Directive, DirectiveTally, DirectiveTarget, RespondResult } from '../../typings/linkage';
import {
  RESPONSE_KIND_LABELS,
  TARGET_STATE_LABELS,
  elapsedLabel,
  linkageError,
  respond as respondRule,
  targetRow,
  type ResponseInput,
} from '../../core/linkage';
import { commonErrors, type DomainError } from '../../core/errors';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { store } from '../store';
import { runWork, type Work } from '../uow';
import { targetId } from './context';
import { respondParams } from './schemas';

/**
 * Applies one response inside the caller's transaction: the target and the one or two tallies of its
 * bureaus, and the audit entry. Answers the target as it now stands, or the rule's refusal (nothing
 * written). A repeat writes nothing.
 */
async function applyResponse(
  work: Work,
  directive: Directive,
  target: DirectiveTarget,
  accountName: string,
  input: ResponseInput,
  now: number,
): Promise<{ ok: true; next: DirectiveTarget } | { ok: false; error: DomainError }> {
  const r = respondRule(target, directive, input, now);
  if (!r.ok) return r;
  if (r.repeat) return { ok: true, next: r.next };
  await work.put('directiveTargets', r.next);
  // Each tally is one bureau's (or the scope's own accounts'): no document every response writes.
  for (const tallyId of target.tallyIds) {
    const tally = await work.get<DirectiveTally>('directiveTallies', tallyId);
    if (!tally) continue;
    await work.put('directiveTallies', {
      ...tally,
      onTime: tally.onTime + r.delta.onTime,
      late: tally.late + r.delta.late,
      afterClose: tally.afterClose + r.delta.afterClose,
    });
  }
  const state = r.next.response?.afterClose ? '关闭后补报' : TARGET_STATE_LABELS[r.next.state];
  work.audit({
    action: 'linkage.respond',
    object: { collection: 'directiveTargets', id: target._id },
    summary:
      `${accountName}响应联动指令《${directive.title}》：${RESPONSE_KIND_LABELS[input.kind]}，` +
      `用时 ${elapsedLabel(r.next.elapsedMs ?? 0)}，${state}`,
    changes: [{ field: 'state', from: target.state, to: r.next.state }],
    unitPath: target.unitPath,
  });
  return { ok: true, next: r.next };
}

/**
 * 第三十四条 with 第十五条、第十六条: a linkage response post whose publication is being recorded counts
 * as its account's response from that moment, in the publication's own transaction. Where it cannot
 * count (the account answered otherwise, the directive was withdrawn) the publication still stands:
 * nothing is registered, and the post page offers no registration.
 */
export async function registerPublished(work: Work, post: Post, actor: Person, now: number): Promise<void> {
  if (!post.linkage || post.state !== 'published' || !post.publication) return;
  const directive = await work.get<Directive>('directives', post.linkage.directiveId);
  const target = await work.get<DirectiveTarget>(
    'directiveTargets',
    targetId(post.linkage.directiveId, post.accountId),
  );
  if (!directive || !target || !directive.responseKinds.includes('original')) return;
  await applyResponse(
    work,
    directive,
    target,
    target.accountName,
    {
      kind: 'original',
      link: post.publication.url,
      screenshot: null,
      note: '',
      postId: post._id,
      byId: actor._id,
      byName: actor.name,
      at: Date.parse(post.publication.recordedAt),
    },
    now,
  );
}

export const respond = action({
  access: 'person',
  input: respondParams,
  handle: async (params, ctx): Promise<RespondResult> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const account = await store.get<Account>('accounts', params.accountId);
    if (!account) throw commonErrors.notFound('账号');
    // 第三十三条: only the A/B operator of THIS account (第三十五条: trained).
    const grant = requirePermission(caller, 'linkage.respond', { kind: 'account', account }, tree);

    let link = params.link ?? '';
    let at = ctx.now;
    let postId: string | null = null;
    if (params.kind === 'original') {
      // What the directive accepts comes before the post it names.
      const directive = await store.get<Directive>('directives', params.directiveId);
      if (!directive) throw commonErrors.notFound('联动指令');
      if (!directive.responseKinds.includes('original')) throw linkageError('KIND_NOT_ACCEPTED');
      // 第十五条、第十六条: an original post is a response once reviewed and published, not before.
      if (params.postId === undefined) throw linkageError('POST_REQUIRED');
      const post = await store.get<Post>('posts', params.postId);
      if (!post) throw commonErrors.notFound('稿件');
      if (post.accountId !== account._id) throw linkageError('POST_OTHER_ACCOUNT');
      if (post.linkage?.directiveId !== params.directiveId) throw linkageError('POST_NOT_LINKED');
      if (post.state !== 'published' || !post.publication) throw linkageError('POST_NOT_PUBLISHED');
      link = post.publication.url;
      at = Date.parse(post.publication.recordedAt);
      postId = post._id;
    }
    const input: ResponseInput = {
      kind: params.kind,
      link,
      screenshot: params.screenshot ?? null,
      note: params.note ?? '',
      postId,
      byId: caller._id,
      byName: caller.name,
      at,
    };

    const next = await runWork(ctx, { person: caller, grant }, async (work) => {
      const directive = await work.get<Directive>('directives', params.directiveId);
      if (!directive) throw commonErrors.notFound('联动指令');
      const target = await work.get<DirectiveTarget>('directiveTargets', targetId(directive._id, account._id));
      if (!target) throw linkageError('NOT_TARGET');
      const r = await applyResponse(work, directive, target, account.name, input, ctx.now);
      if (!r.ok) throw r.error;
      return r.next;
    });
    return { row: targetRow(next) };
  },
});
