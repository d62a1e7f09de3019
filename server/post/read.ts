/** Reading posts: one post in full, the editor's chain preview, lists, and a reviewer's approvals. */
import * as v from 'valibot';
import type { Account, Person } from '../../typings/org';
import type {
  AccountChain,
  ApprovalItem,
  ApprovalList,
  ApprovalQueueEntry,
  ChainPreview,
  Post,
  PostAbilities,
  PostDetail,
  PostList,
  PostState,
  PostVersion,
  SensitivityLevel,
  VersionDiff,
} from '../../typings/post';
import { authorize } from '../../core/auth/authorize';
import {
  computeChain,
  diffContent,
  levelDiff,
  levelFloorOf,
  lowerOptions,
  pendingKeysOfPerson,
  previewChain,
} from '../../core/post';
import { platformLabels } from '../../core/cadence';
import type { UnitTree } from '../../core/org/tree';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { command, store } from '../store';
import { chainUnits, loadAccount, loadPost, namesOf } from './context';
import { level, page, postId } from './schemas';
import { accountView, failedPreview, planPreview, roundChain, summaryOf } from './views';

const DEFAULT_PAGE = 20;
const MAX_VERSIONS = 50;

/** Buttons follow the same rules the actions enforce: core/auth for who, the state for when. */
function abilitiesOf(caller: Person, post: Post, account: Account, tree: UnitTree): PostAbilities {
  const target = { kind: 'post' as const, account, post };
  const may = (
    a:
      | 'post.submit'
      | 'post.approve'
      | 'post.sendBack'
      | 'post.withdraw'
      | 'post.raiseLevel'
      | 'post.lowerLevel'
      | 'post.publish',
  ): boolean => authorize(caller, a, target, tree).allowed;
  const inReview = post.state === 'inReview';
  return {
    edit: post.state !== 'published' && authorize(caller, 'post.draftSave', { kind: 'account', account }, tree).allowed,
    submit: (post.state === 'draft' || post.state === 'withdrawn') && may('post.submit'),
    withdraw: inReview && may('post.withdraw'),
    approve: inReview && may('post.approve'),
    sendBack: inReview && may('post.sendBack'),
    raiseLevel: inReview && post.level !== 'especiallyMajor' && may('post.raiseLevel'),
    lowerLevel: inReview && lowerOptionsFor(post).length > 0 && may('post.lowerLevel'),
    publish: post.state === 'approved' && may('post.publish'),
  };
}

/** 第十六条: the levels the decider at the current step may lower to (none outside review). */
function lowerOptionsFor(post: Post): SensitivityLevel[] {
  return post.state === 'inReview' && post.stepIndex !== null ? lowerOptions(post, post.stepIndex) : [];
}

function chainOf(post: Post, account: Account, tree: UnitTree, names: ReadonlyMap<string, string>): ChainPreview {
  if (post.state === 'inReview' || post.state === 'approved' || post.state === 'published')
    return roundChain(post, names);
  const preview = previewChain(post, { account, units: chainUnits(account.unitId, tree) });
  return preview.ok ? planPreview(preview.plan) : failedPreview(post.level, preview.error);
}

export const get = action({
  access: 'person',
  input: v.strictObject({ postId }),
  handle: async (params, ctx): Promise<PostDetail> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const post = await loadPost(params.postId);
    const account = await loadAccount(post.accountId);
    requirePermission(caller, 'post.get', { kind: 'post', account, post }, tree);

    const versions = await store.find<PostVersion>(
      'postVersions',
      { postId: post._id },
      { orderBy: [['version', 'desc']], limit: MAX_VERSIONS },
    );
    const names = await namesOf([
      post.authorId,
      ...post.contributorIds,
      ...post.decisions.map((d) => d.personId),
      ...post.history.map((h) => h.personId),
      ...versions.map((x) => x.submittedBy),
      ...(post.publication ? [post.publication.recordedBy] : []),
    ]);
    // The reviewer compares what they are asked to approve with the version submitted before it.
    const previous = versions.find((x) => x.version < post.version);
    const diff: VersionDiff | null = previous
      ? {
          from: previous.version,
          to: post.version,
          diff: diffContent(previous.content, post.content),
          ...levelDiff(previous, post),
        }
      : null;
    const can = abilitiesOf(caller, post, account, tree);
    return {
      post,
      account: accountView(account, tree),
      chain: chainOf(post, account, tree, names),
      versions: versions.map((x) => ({
        version: x.version,
        submittedAt: x.submittedAt,
        submittedByName: names.get(x.submittedBy) ?? '',
        contentHash: x.contentHash,
        level: x.level,
      })),
      diff,
      people: [...names].map(([id, name]) => ({ id, name })),
      can,
      levelFloor: levelFloorOf(post),
      lowerOptions: can.lowerLevel ? lowerOptionsFor(post) : [],
    };
  },
});

export const previewChainAction = action({
  access: 'person',
  input: v.strictObject({ accountId: postId, level }),
  handle: async (params, ctx): Promise<AccountChain> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const account = await loadAccount(params.accountId);
    requirePermission(caller, 'post.previewChain', { kind: 'account', account }, tree);
    const result = computeChain({
      account,
      units: chainUnits(account.unitId, tree),
      level: params.level,
      touchesArticle18: false,
    });
    return {
      account: accountView(account, tree),
      chain: result.ok ? planPreview(result.plan) : failedPreview(params.level, result.error),
    };
  },
});

const STATES = [
  'draft',
  'inReview',
  'returned',
  'withdrawn',
  'approved',
  'published',
] as const satisfies readonly PostState[];

/** Accounts the person writes for: A/B operator (a personal account's owner is its operator A). */
async function accountsOperatedBy(personId: string): Promise<Account[]> {
  const [asA, asB] = await Promise.all([
    store.find<Account>('accounts', { operatorA: personId }, { limit: 100 }),
    store.find<Account>('accounts', { operatorB: personId }, { limit: 100 }),
  ]);
  return [...new Map([...asA, ...asB].map((a) => [a._id, a])).values()];
}

export const list = action({
  access: 'person',
  input: v.strictObject({
    accountId: v.optional(postId),
    states: v.optional(v.pipe(v.array(v.picklist(STATES)), v.minLength(1), v.maxLength(STATES.length))),
    ...page,
  }),
  handle: async (params, ctx): Promise<PostList> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const limit = params.limit ?? DEFAULT_PAGE;
    const offset = params.offset ?? 0;
    const filter: Record<string, unknown> = {};
    let accounts: Account[];
    if (params.accountId !== undefined) {
      const account = await loadAccount(params.accountId);
      requirePermission(caller, 'post.list', { kind: 'unit', unitId: account.unitId }, tree);
      filter.accountId = account._id;
      accounts = [account];
    } else {
      requirePermission(caller, 'post.list', { kind: 'unit', unitId: caller.unitId }, tree);
      filter.authorId = caller._id;
      accounts = await accountsOperatedBy(caller._id);
    }
    if (params.states) filter.state = command().in(params.states);
    const posts = await store.find<Post>('posts', filter, {
      orderBy: [['updatedAt', 'desc']],
      skip: offset,
      limit: limit + 1,
    });
    const known = new Map(accounts.map((a) => [a._id, a]));
    const missing = [...new Set(posts.map((p) => p.accountId))].filter((id) => !known.has(id));
    if (missing.length > 0) {
      const found = await store.find<Account>('accounts', { _id: command().in(missing) }, { limit: missing.length });
      for (const a of found) known.set(a._id, a);
    }
    return {
      items: posts.slice(0, limit).map((p) => summaryOf(p, known.get(p.accountId))),
      hasMore: posts.length > limit,
      accounts: accounts.filter((a) => a.state === 'active').map((a) => accountView(a, tree)),
    };
  },
});

export const approvals = action({
  access: 'person',
  input: v.strictObject(page),
  handle: async (params, ctx): Promise<ApprovalList> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'post.approvals', { kind: 'none' }, tree);
    const limit = params.limit ?? DEFAULT_PAGE;
    const keys = pendingKeysOfPerson(caller);
    // One ordered index range (key, open, submittedAt): a page of entries, however many posts wait.
    const entries = await store.find<ApprovalQueueEntry>(
      'approvalQueue',
      { key: command().in(keys), open: true },
      { orderBy: [['submittedAt', 'desc']], skip: params.offset ?? 0, limit: limit + 1 },
    );
    const seen = new Set<string>();
    const items: ApprovalItem[] = [];
    for (const e of entries.slice(0, limit)) {
      // Someone holding two keys of one step sees the post once.
      if (seen.has(e.postId)) continue;
      seen.add(e.postId);
      items.push({
        postId: e.postId,
        title: e.title,
        accountName: e.accountName,
        platformLabel: platformLabels[e.platform],
        level: e.level,
        stepLabel: e.stepLabel,
        authorName: e.authorName,
        version: e.version,
        submittedAt: e.submittedAt,
      });
    }
    // No total here: counting reads every waiting post; the workbench badge (org.me) carries it.
    return { items, hasMore: entries.length > limit };
  },
});
