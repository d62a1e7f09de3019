/**
 * Every change to a post: "load → apply one event → save" in one transaction (server/uow.ts). The
 * refusals come from core/auth (who may act) and core/post (what the state allows); the rev the page
 * showed is checked before anything else, so of two racing calls exactly one lands.
 */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type { Account, Person, PostAction, RoleGrant } from '../../typings/org';
import type { DraftSaved, Post, PostChange, PostEvent, PostScreening, PostTarget } from '../../typings/post';
import { applyPostEvent, createDraft, previewChain, type PostContext } from '../../core/post';
import { placementRefusal } from '../../core/org/accounts';
import { commonErrors } from '../../core/errors';
import type { UnitTree } from '../../core/org/tree';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { runWork, type Work } from '../uow';
import {
  chainUnits,
  conflict,
  loadAccount,
  loadPost,
  postContext,
  recipientsOf,
  resolveRoleHolders,
  toDomainError,
  unitPathOf,
} from './context';
import { linkageMarker } from '../linkage/marker';
import { registerPublished } from '../linkage/respond';
import { applyEffects, syncQueue } from './effects';
import { recordRefusedPublication } from './refusals';
import { readForSubmission, recordSubmissionReading } from '../reader/submission';
import { screenPost } from './screening';
import type { AccountSecurity } from '../../typings/security';
import { postingSuspension } from '../../core/security/incidents';
import {
  decisionParams,
  draftFields,
  lowerLevelParams,
  newPostFields,
  plannedTimeParams,
  publishParams,
  raiseLevelParams,
  target,
} from './schemas';
import { changeOf, failedPreview, planPreview } from './views';

interface Loaded {
  caller: Person;
  tree: UnitTree;
  post: Post;
  account: Account;
  grant: RoleGrant | null;
}

/** Operator actions whose placement must still hold (第十一条): writing, submitting, publishing, planning. */
const OPERATOR_ACTIONS: readonly PostAction[] = [
  'post.draftSave',
  'post.submit',
  'post.publish',
  'post.setPlannedTime',
];

/** 第十一条 / 第三十九条: an operator moved out of the unit (or now an auxiliary on a 市州 account) no longer runs it. */
function requirePlacedOperator(caller: Person, account: Account, tree: UnitTree): void {
  const refused = placementRefusal(account, caller, tree);
  if (refused) throw refused;
}

/** The post as the caller saw it: a rev other than the stored one is refused before any work. */
async function loadForAction(ctx: HandlerContext, t: PostTarget, act: PostAction): Promise<Loaded> {
  const caller = requireCaller(ctx.caller);
  const tree = await loadTree();
  const post = await loadPost(t.postId);
  if (post.rev !== t.expectedRev) throw conflict();
  const account = await loadAccount(post.accountId);
  const grant = requirePermission(caller, act, { kind: 'post', account, post }, tree);
  if (OPERATOR_ACTIONS.includes(act)) requirePlacedOperator(caller, account, tree);
  return { caller, tree, post, account, grant };
}

/**
 * Decides the event once outside the transaction (refusals cost no transaction; role recipients are
 * looked up), then again inside it on the post re-read at the expected rev, and saves.
 */
async function transition(
  ctx: HandlerContext,
  loaded: Loaded,
  event: PostEvent,
  /** More writes of the same event, in its transaction (the submission's reading). */
  also?: (work: Work, next: Post) => Promise<void>,
): Promise<Post> {
  const { caller, tree, post, account, grant } = loaded;
  const pctx: PostContext = postContext(ctx.now, caller, account, tree);
  const dry = applyPostEvent(post, event, pctx);
  if (!dry.ok) throw toDomainError(dry.error);
  const holders = await resolveRoleHolders(recipientsOf(dry.effects));

  return runWork(ctx, { person: caller, grant }, async (work: Work) => {
    const current = await work.load<Post>('posts', post._id, '稿件', event.expectedRev);
    const fresh = (await work.get<Account>('accounts', account._id)) ?? account;
    await guardPostingSuspension(work, event, account._id);
    const result = applyPostEvent(current, event, { ...pctx, account: fresh });
    if (!result.ok) throw toDomainError(result.error);
    await work.put('posts', result.next);
    const scope = { now: ctx.now, account: fresh, unitPath: unitPathOf(fresh.unitId, tree), holders };
    await applyEffects(work, result.effects, scope);
    await syncQueue(work, current, result.next, scope);
    if (also) await also(work, result.next);
    return result.next;
  });
}

/**
 * 第三十三条 (issue 15): while an account holds an open compromising security incident (账号被盗、密码泄露、
 * 异常登录), no publication is recorded on it until the propaganda desk lifts the suspension. Read inside
 * the transaction, so an incident reported at the same moment wins or loses cleanly.
 */
async function guardPostingSuspension(work: Work, event: PostEvent, accountId: string): Promise<void> {
  if (event.type !== 'recordPublication') return;
  const refusal = postingSuspension(await work.get<AccountSecurity>('accountSecurity', accountId));
  if (refusal) throw refusal;
}

function saved(post: Post, account: Account, screening: PostScreening, tree: UnitTree): DraftSaved {
  const chain = previewChain(post, { account, units: chainUnits(account.unitId, tree) });
  return {
    ...changeOf(post),
    screening,
    chain: chain.ok ? planPreview(chain.plan) : failedPreview(post.level, chain.error),
  };
}

/** 第三十四条: a new post written as a linkage response carries its directive and clock (server/linkage/marker.ts). */
async function withLinkageMarker<T extends { next: Post }>(
  created: T,
  directiveId: string | undefined,
  accountId: string,
  now: number,
): Promise<T> {
  if (directiveId === undefined) return created;
  return { ...created, next: { ...created.next, linkage: await linkageMarker(directiveId, accountId, now) } };
}

/** A new post's id from the caller and the editor's key: a retried first save finds the post it made. */
const newPostId = (personId: string, clientKey: string): string =>
  `post-${createHash('sha256').update(`${personId}\n${clientKey}`, 'utf8').digest('hex').slice(0, 24)}`;

export const draftSave = action({
  access: 'person',
  input: v.strictObject({
    ...draftFields,
    ...newPostFields,
    postId: v.optional(target.entries.postId),
    expectedRev: v.optional(target.entries.expectedRev),
  }),
  handle: async (params, ctx): Promise<DraftSaved> => {
    const caller = requireCaller(ctx.caller);
    const fields = {
      content: params.content,
      nature: params.nature,
      declaredLevel: params.declaredLevel,
      sourceVerified: params.sourceVerified,
      plannedAt: params.plannedAt,
    };

    if (params.postId !== undefined) {
      if (params.expectedRev === undefined) throw commonErrors.invalidInput('expectedRev');
      const tree = await loadTree();
      const post = await loadPost(params.postId);
      if (post.rev !== params.expectedRev) throw conflict();
      if (params.accountId !== undefined && params.accountId !== post.accountId)
        throw commonErrors.invalidInput('accountId');
      // The linkage marker is set when the post is made and never moves (第三十四条).
      if (params.linkageDirectiveId !== undefined && params.linkageDirectiveId !== post.linkage?.directiveId)
        throw commonErrors.invalidInput('linkageDirectiveId');
      const account = await loadAccount(post.accountId);
      const grant = requirePermission(caller, 'post.draftSave', { kind: 'account', account }, tree);
      requirePlacedOperator(caller, account, tree);
      const screening = await screenPost(params.content, account.kind, ctx.openid);
      const next = await transition(
        ctx,
        { caller, tree, post, account, grant },
        { type: 'saveDraft', expectedRev: params.expectedRev, ...fields, screening },
      );
      return saved(next, account, screening, tree);
    }

    // A new post: exactly one account (第三十三条).
    if (params.accountId === undefined) throw commonErrors.invalidInput('accountId');
    if (params.clientKey === undefined) throw commonErrors.invalidInput('clientKey');
    const tree = await loadTree();
    const account = await loadAccount(params.accountId);
    const grant = requirePermission(caller, 'post.draftSave', { kind: 'account', account }, tree);
    requirePlacedOperator(caller, account, tree);
    const screening = await screenPost(params.content, account.kind, ctx.openid);
    const id = newPostId(caller._id, params.clientKey);
    const pctx = postContext(ctx.now, caller, account, tree);
    const made = createDraft({ accountId: account._id, ...fields, screening }, { ...pctx, newId: () => id });
    if (!made.ok) throw toDomainError(made.error);
    const created = await withLinkageMarker(made, params.linkageDirectiveId, account._id, ctx.now);

    const holders = await resolveRoleHolders(recipientsOf(created.effects));
    const post = await runWork(ctx, { person: caller, grant }, async (work) => {
      const existing = await work.get<Post>('posts', id);
      // The same first save again (a retry, a double tap): the post it made, unchanged.
      if (existing) return existing;
      await work.put('posts', created.next);
      await applyEffects(work, created.effects, {
        now: ctx.now,
        account,
        unitPath: unitPathOf(account.unitId, tree),
        holders,
      });
      return created.next;
    });
    return saved(post, account, post.screening, tree);
  },
});

export const submit = action({
  access: 'person',
  input: target,
  handle: async (params, ctx): Promise<PostChange> => {
    const loaded = await loadForAction(ctx, params, 'post.submit');
    // 第十五条/第十七条: the content is screened again at submission, for the account it goes out on.
    const screening = await screenPost(loaded.post.content, loaded.account.kind, ctx.openid);
    // A submission the rules refuse is refused before the model is asked (no tokens, no wait).
    const dry = applyPostEvent(
      loaded.post,
      { type: 'submit', expectedRev: params.expectedRev, screening },
      postContext(ctx.now, loaded.caller, loaded.account, loaded.tree),
    );
    if (!dry.ok) throw toDomainError(dry.error);
    // The model reads it beside the rules (server/reader); whatever it does, the submission goes on.
    const reading = await readForSubmission(ctx, loaded.post, loaded.account);
    const event: PostEvent = {
      type: 'submit',
      expectedRev: params.expectedRev,
      screening,
      ...(reading.lift ? { readerLift: reading.lift } : {}),
    };
    return changeOf(
      await transition(ctx, loaded, event, (work, next) => recordSubmissionReading(work, ctx, next, reading)),
    );
  },
});

export const approve = action({
  access: 'person',
  input: decisionParams,
  handle: async (params, ctx): Promise<PostChange> => {
    const loaded = await loadForAction(ctx, params, 'post.approve');
    const { expectedRev, version, comment } = params;
    return changeOf(await transition(ctx, loaded, { type: 'approve', expectedRev, version, comment }));
  },
});

export const sendBack = action({
  access: 'person',
  input: decisionParams,
  handle: async (params, ctx): Promise<PostChange> => {
    const loaded = await loadForAction(ctx, params, 'post.sendBack');
    const { expectedRev, version, comment } = params;
    return changeOf(await transition(ctx, loaded, { type: 'sendBack', expectedRev, version, comment }));
  },
});

export const withdraw = action({
  access: 'person',
  input: target,
  handle: async (params, ctx): Promise<PostChange> => {
    const loaded = await loadForAction(ctx, params, 'post.withdraw');
    return changeOf(await transition(ctx, loaded, { type: 'withdraw', expectedRev: params.expectedRev }));
  },
});

export const raiseLevel = action({
  access: 'person',
  input: raiseLevelParams,
  handle: async (params, ctx): Promise<PostChange> => {
    const loaded = await loadForAction(ctx, params, 'post.raiseLevel');
    const { expectedRev, version, level } = params;
    return changeOf(await transition(ctx, loaded, { type: 'raiseLevel', expectedRev, version, level }));
  },
});

export const lowerLevel = action({
  access: 'person',
  input: lowerLevelParams,
  handle: async (params, ctx): Promise<PostChange> => {
    const loaded = await loadForAction(ctx, params, 'post.lowerLevel');
    const { expectedRev, version, level, reason } = params;
    return changeOf(await transition(ctx, loaded, { type: 'lowerLevel', expectedRev, version, level, reason }));
  },
});

export const publish = action({
  access: 'person',
  input: publishParams,
  handle: async (params, ctx): Promise<PostChange> => {
    const loaded = await loadForAction(ctx, params, 'post.publish');
    const { expectedRev, version, content, url, publishedAt } = params;
    try {
      return changeOf(
        await transition(
          ctx,
          loaded,
          { type: 'recordPublication', expectedRev, version, content, url, publishedAt },
          // 第三十四条: a linkage response counts as its account's response once published.
          (work, next) => registerPublished(work, next, loaded.caller, ctx.now),
        ),
      );
    } catch (err) {
      // 第十五条: an attempt to publish what was not approved is kept for the monthly evaluation.
      await recordRefusedPublication(ctx, loaded.post, loaded.caller._id, err);
      throw err;
    }
  },
});

export const setPlannedTime = action({
  access: 'person',
  input: plannedTimeParams,
  handle: async (params, ctx): Promise<PostChange> => {
    const loaded = await loadForAction(ctx, params, 'post.setPlannedTime');
    const { expectedRev, plannedAt } = params;
    return changeOf(await transition(ctx, loaded, { type: 'setPlannedTime', expectedRev, plannedAt }));
  },
});
