/** The shapes the mini-program reads, built from stored documents (no reads here). */
import type { Account } from '../../typings/org';
import type {
  ChainPlan,
  ChainPreview,
  ChainStepView,
  Post,
  PostAccountView,
  PostChange,
  PostError,
  PostSummary,
} from '../../typings/post';
import type { UnitTree } from '../../core/org/tree';
import { platformLabels } from '../../core/cadence';
import { levelLabels } from '../../core/post';

export function accountView(account: Account, tree: UnitTree): PostAccountView {
  return {
    id: account._id,
    name: account.name,
    platform: account.platform,
    platformLabel: platformLabels[account.platform],
    kind: account.kind,
    unitName: tree.byId.get(account.unitId)?.name ?? '',
  };
}

export function pendingStepOf(post: Post): string | null {
  return post.state === 'inReview' && post.stepIndex !== null ? (post.chain[post.stepIndex]?.label ?? null) : null;
}

export function changeOf(post: Post): PostChange {
  return {
    id: post._id,
    rev: post.rev,
    state: post.state,
    version: post.version,
    level: post.level,
    pendingStep: pendingStepOf(post),
  };
}

export function summaryOf(post: Post, account: Account | undefined): PostSummary {
  return {
    id: post._id,
    rev: post.rev,
    title: post.content.title,
    accountId: post.accountId,
    accountName: account?.name ?? '',
    platformLabel: account ? platformLabels[account.platform] : '',
    state: post.state,
    version: post.version,
    level: post.level,
    pendingStep: pendingStepOf(post),
    updatedAt: post.updatedAt,
  };
}

/** A chain that could not be built, shown as its reason. */
export function failedPreview(level: Post['level'], error: PostError): ChainPreview {
  return { level, levelLabel: levelLabels[level], logged: false, summary: error.message, steps: [], error };
}

export function planPreview(plan: ChainPlan): ChainPreview {
  return {
    level: plan.level,
    levelLabel: levelLabels[plan.level],
    logged: plan.logged,
    summary: plan.summary,
    steps: plan.steps.map((s) => ({
      key: s.key,
      label: s.label,
      unitName: s.unitName,
      article: s.article,
      status: 'waiting',
      deciderName: null,
      comment: null,
      decidedAt: null,
    })),
    error: null,
  };
}

/** The chain of a submitted post with each step's decision in the current round. */
export function roundChain(post: Post, names: ReadonlyMap<string, string>): ChainPreview {
  const decisions = post.decisions.filter((d) => d.round === post.round);
  const steps = post.chain.map((s, i): ChainStepView => {
    const decision = [...decisions].reverse().find((d) => d.stepKey === s.key);
    const status: ChainStepView['status'] = decision
      ? decision.kind === 'approve'
        ? 'approved'
        : 'returned'
      : post.state === 'inReview' && post.stepIndex === i
        ? 'current'
        : 'waiting';
    return {
      key: s.key,
      label: s.label,
      unitName: s.unitName,
      article: s.article,
      status,
      deciderName: decision ? (names.get(decision.personId) ?? '') : null,
      comment: decision ? decision.comment : null,
      decidedAt: decision ? decision.at : null,
    };
  });
  const summary = post.logged
    ? '个人公安新媒体一般信息：无需审批，发布后登记备查（第十八条）'
    : `${levelLabels[post.level]}信息：${post.chain.map((s) => s.label).join(' → ')}`;
  return { level: post.level, levelLabel: levelLabels[post.level], logged: post.logged, summary, steps, error: null };
}
