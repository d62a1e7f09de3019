/**
 * The post state machine: every transition is `(post, event, ctx) => { next, effects } | error`,
 * checked against the expected rev (the DB layer then writes with check-and-set on `rev`, so of two
 * racing calls exactly one lands) and, for decisions, against the version the decider looked at.
 */
import type { MessageValues } from '../../typings/notify';
import type { Account, Person, Unit } from '../../typings/org';
import type {
  ChainStep,
  CreateDraftInput,
  LevelChange,
  DraftInput,
  PostNotice,
  Recipient,
  Post,
  PostContent,
  PostEffect,
  PostError,
  PostEvent,
  PostHistoryEntry,
  PostScreening,
  PostTransition,
  PostVersion,
  ScreeningHit,
} from '../../typings/post';
import { parseIsoTime } from '../cadence/time';
import { echo } from '../errors';
import { checkAccountUse } from '../org/accounts';
import { accountNotOpenReason } from '../account/guards';
import { beijingDay, formatBeijing, toBeijingIso } from '../time';
import { operatorsOf } from './account';
import { computeChain, holdsStep, pendingKeysOfStep, recipientsOfStep, type ChainResult } from './chain';
import { fail } from './errors';
import { contentHash } from './hash';
import { blockingFloor, effectiveLevel, levelFloorOf, lowestAllowed } from './floor';
import { compareLevels, levelLabels, maxLevel } from './levels';

export interface PostConfig {
  maxTitleChars: number;
  /** The issue sets 20,000 characters (code points). */
  maxTextChars: number;
  maxImages: number;
  /** The publish reminder goes out this long before the planned time. */
  publishReminderLeadMinutes: number;
  /** A recorded publication time may be this far ahead of the server clock (phone clocks drift). */
  clockSkewMinutes: number;
}

export const defaultPostConfig: PostConfig = {
  maxTitleChars: 64,
  maxTextChars: 20_000,
  maxImages: 20,
  publishReminderLeadMinutes: 10,
  clockSkewMinutes: 5,
};

export interface PostContext {
  /** Epoch ms (the injected clock). */
  now: number;
  /** `name` shows who sent the post on to the next approver (the subscribe message's 提交人). */
  actor: Pick<Person, '_id' | 'roles'> & { name?: string };
  /** The post's account as loaded; null when it does not exist. */
  account: Account | null;
  /** The account's unit, its ancestors and their propaganda desks (see computeChain). */
  units: readonly Unit[];
  config?: Partial<PostConfig>;
}

export interface CreateContext extends PostContext {
  newId: () => string;
}

type Failure = { ok: false; error: PostError };

const configOf = (ctx: PostContext): PostConfig => ({ ...defaultPostConfig, ...ctx.config });

/** The post's own account, as a decider's context must carry it. */
function loadedAccount(post: Post, ctx: PostContext): Account | Failure {
  return ctx.account && ctx.account._id === post.accountId ? ctx.account : fail('ACCOUNT_NOT_FOUND');
}

/** The account checks every operator action shares. */
function operatorAccount(ctx: PostContext, accountId: string): Account | Failure {
  const account = ctx.account;
  if (!account || account._id !== accountId) return fail('ACCOUNT_NOT_FOUND');
  if (!operatorsOf(account).includes(ctx.actor._id)) return fail('NOT_OPERATOR');
  // 第十二条, 第十三条 (accounts lifecycle): only an active account publishes.
  const notOpen = accountNotOpenReason(account);
  if (notOpen) return fail('ACCOUNT_INACTIVE', notOpen);
  return account;
}

const isFailure = <T>(x: T | Failure): x is Failure =>
  typeof x === 'object' && x !== null && 'ok' in x && x.ok === false;

const charCount = (s: string): number => Array.from(s).length;

/** Limits every save enforces (a draft may be incomplete, never oversized). */
function checkDraftContent(content: PostContent, config: PostConfig): Failure | null {
  if (charCount(content.title) > config.maxTitleChars) return fail('TITLE_TOO_LONG', `最多 ${config.maxTitleChars} 字`);
  const textChars = charCount(content.text);
  if (textChars > config.maxTextChars)
    return fail('TEXT_TOO_LONG', `最多 ${config.maxTextChars} 字，当前 ${textChars} 字`);
  if (content.images.length > config.maxImages) return fail('TOO_MANY_IMAGES', `最多 ${config.maxImages} 张`);
  if (content.images.some((id) => id.trim() === '')) return fail('INVALID_IMAGE');
  return null;
}

/** 第三十三条: keep official and personal voices apart (the org domain owns the rule). */
function checkNature(account: Account, nature: DraftInput['nature']): Failure | null {
  const refused = checkAccountUse(account, nature);
  return refused ? { ok: false, error: { code: 'ACCOUNT_USE_MISMATCH', message: refused.message } } : null;
}

/** An original carries no source; a repost keeps what the operator typed. */
const normaliseContent = (c: PostContent): PostContent => ({
  title: c.title,
  text: c.text,
  images: [...c.images],
  kind: c.kind,
  source: c.kind === 'repost' && c.source ? { outlet: c.source.outlet, link: c.source.link } : null,
});

const HTTP_URL = /^https?:\/\/[^\s/?#]+\.[^\s]+$/i;

/** The offending text and the article it breaks, for the author (the issue asks to show both). */
function blockedDetail(hits: readonly ScreeningHit[]): string {
  return hits
    .slice(0, 5)
    .map((h) => `${h.where === 'platform' ? h.labelName : `“${h.matched}”`}（${h.title}，${h.ref}）`)
    .join('；');
}

/** The article of a hit's reference: 第十七条（一）8 → 第十七条. */
const articleOf = (ref: string): string => /^第[^条]+条/.exec(ref)?.[0] ?? ref;

/**
 * A refusal names the articles that refused (issue 11): a 第十八条 activity on a personal account is
 * 第十八条's, not 第十七条's.
 */
function blockedFailure(hits: readonly ScreeningHit[]): Failure {
  const articles = [...new Set(hits.map((h) => articleOf(h.ref)))];
  const cited = articles.length > 0 ? articles.join('、') : '第十七条';
  return {
    ok: false,
    error: {
      code: 'SCREENING_BLOCKED',
      message: `内容含有不得发布的信息，不能提交（${cited}）：${blockedDetail(hits)}`,
    },
  };
}

const touchesArticle18 = (screening: PostScreening): boolean =>
  screening.hits.some((h) => h.ref.startsWith('第十八条'));

const isForeignSource = (h: ScreeningHit): boolean =>
  h.category === 'foreignMedia' && (h.where === 'outlet' || h.where === 'link');

function plannedTime(plannedAt: string | null, now: number): number | null | Failure {
  if (plannedAt === null) return null;
  const ms = parseIsoTime(plannedAt);
  if (ms === null) return fail('INVALID_TIME', '计划发布时间');
  if (ms < now) return fail('PLANNED_IN_PAST');
  return ms;
}

function historyEntry(
  post: Post,
  ctx: PostContext,
  action: PostHistoryEntry['action'],
  summary: string,
): PostHistoryEntry {
  return { at: toBeijingIso(ctx.now), personId: ctx.actor._id, version: post.version, action, summary };
}

function audit(post: Post, action: PostHistoryEntry['action'], summary: string): PostEffect {
  return { type: 'audit', action, postId: post._id, unitId: post.unitId, summary };
}

interface NoticeSpec {
  kind: PostNotice['kind'];
  /** What makes this notice distinct from earlier ones of the same kind on the post. */
  occasion: string;
  to: Recipient[];
  title: string;
  text: string;
  values: MessageValues;
}

function notice(post: Post, spec: NoticeSpec): PostNotice {
  const subject = { collection: 'posts', id: post._id };
  return {
    kind: spec.kind,
    to: spec.to,
    title: spec.title,
    text: spec.text,
    link: `/pages/post-detail/index?id=${post._id}`,
    subject,
    values: spec.values,
    dedupeKey: `${spec.kind}:${subject.collection}/${subject.id}:${spec.occasion}`,
  };
}

const reminderOccasion = (plannedAt: string): string => `planned-${parseIsoTime(plannedAt) ?? plannedAt}`;

function publishReminder(post: Post, account: Account, ctx: PostContext): PostEffect[] {
  if (post.plannedAt === null) return [];
  const planned = parseIsoTime(post.plannedAt) ?? ctx.now;
  const due = Math.max(ctx.now, planned - configOf(ctx).publishReminderLeadMinutes * 60_000);
  const reminder = notice(post, {
    kind: 'publishReminder',
    occasion: reminderOccasion(post.plannedAt),
    to: operatorsOf(account).map((personId) => ({ type: 'person', personId })),
    title: `计划发布：${post.content.title}`,
    text: `${account.name} 计划于 ${formatBeijing(planned)} 发布，发布后请登记链接`,
    values: { subject: post.content.title, account: account.name, status: '待发布', dueAt: toBeijingIso(planned) },
  });
  return [{ type: 'schedule', dueAt: toBeijingIso(due), ...reminder }];
}

const cancelReminder = (post: Post): PostEffect[] =>
  post.plannedAt !== null && post.state === 'approved'
    ? [{ type: 'unschedule', dedupeKey: `publishReminder:posts/${post._id}:${reminderOccasion(post.plannedAt)}` }]
    : [];

function pendingNotice(post: Post, step: ChainStep, account: Account, ctx: PostContext): PostEffect {
  return {
    type: 'notify',
    ...notice(post, {
      kind: 'approvalPending',
      occasion: `r${post.round}-${step.key}`,
      to: recipientsOfStep(step),
      title: `待审批：${post.content.title}`,
      text: `${account.name}｜${levelLabels[post.level]}｜${step.label}`,
      values: {
        subject: post.content.title,
        actor: ctx.actor.name,
        account: account.name,
        status: step.label,
        eventAt: toBeijingIso(ctx.now),
      },
    }),
  };
}

function authorNotice(
  post: Post,
  account: Account,
  ctx: PostContext,
  kind: 'postApproved' | 'postReturned',
  text: string,
  remark: string,
): PostEffect {
  const approved = kind === 'postApproved';
  return {
    type: 'notify',
    ...notice(post, {
      kind,
      occasion: `r${post.round}`,
      to: [{ type: 'person', personId: post.authorId }],
      title: `${approved ? '审批通过' : '退回修改'}：${post.content.title}`,
      text,
      values: {
        subject: post.content.title,
        account: account.name,
        status: approved ? '已通过' : '已退回',
        remark,
        eventAt: toBeijingIso(ctx.now),
      },
    }),
  };
}

const bump = (post: Post, ctx: PostContext): Pick<Post, 'rev' | 'updatedAt'> => ({
  rev: post.rev + 1,
  updatedAt: toBeijingIso(ctx.now),
});

const offReview = { chain: [], stepIndex: null, pendingWith: [] } satisfies Partial<Post>;

function withContributor(post: Post, personId: string): string[] {
  return post.contributorIds.includes(personId) ? post.contributorIds : [...post.contributorIds, personId];
}

// --- creation -----------------------------------------------------------------------------------

/** The first save of a post: one post for one account (第三十三条 forbids one-click sharing). */
export function createDraft(input: CreateDraftInput, ctx: CreateContext): PostTransition {
  const account = operatorAccount(ctx, input.accountId);
  if (isFailure(account)) return account;
  const config = configOf(ctx);
  const invalid = checkDraftContent(input.content, config) ?? checkNature(account, input.nature);
  if (invalid) return invalid;
  const planned = plannedTime(input.plannedAt, ctx.now);
  if (isFailure(planned)) return planned;
  const content = normaliseContent(input.content);
  const now = toBeijingIso(ctx.now);
  const post: Post = {
    _id: ctx.newId(),
    accountId: account._id,
    unitId: account.unitId,
    authorId: ctx.actor._id,
    contributorIds: [ctx.actor._id],
    state: 'draft',
    version: 1,
    submittedVersion: null,
    rev: 1,
    content,
    contentHash: contentHash(content),
    nature: input.nature,
    sourceVerified: input.sourceVerified,
    declaredLevel: input.declaredLevel,
    floorLevel: input.screening.minLevel,
    level: maxLevel(input.declaredLevel, input.screening.minLevel),
    levelChanges: [],
    screening: input.screening,
    ...offReview,
    logged: false,
    round: 0,
    decisions: [],
    history: [],
    submittedAt: null,
    approvedVersion: null,
    approvedHash: null,
    approvedAt: null,
    plannedAt: planned === null ? null : toBeijingIso(planned),
    publication: null,
    copiedFrom: null,
    createdAt: now,
    updatedAt: now,
  };
  return {
    ok: true,
    next: post,
    effects: [audit(post, 'post.draftSave', `新建稿件《${content.title}》（${account.name}）`)],
  };
}

/** A copy for another account is a new post with its own review (第三十三条); the source must be re-confirmed. */
export function copyToAccount(
  source: Post,
  accountId: string,
  screening: PostScreening,
  ctx: CreateContext,
): PostTransition {
  const created = createDraft(
    {
      accountId,
      content: source.content,
      nature: source.nature,
      declaredLevel: source.declaredLevel,
      sourceVerified: false,
      plannedAt: null,
      screening,
    },
    ctx,
  );
  if (!created.ok) return created;
  return { ...created, next: { ...created.next, copiedFrom: source._id } };
}

/**
 * The chain the post would run if submitted now, for the editor's preview (and the same function
 * submission uses): the declared level lifted to the screening floor.
 */
export function previewChain(post: Post, ctx: Pick<PostContext, 'account' | 'units'>): ChainResult {
  if (!ctx.account || ctx.account._id !== post.accountId) return fail('ACCOUNT_NOT_FOUND');
  return computeChain({
    account: ctx.account,
    units: ctx.units,
    level: post.level,
    touchesArticle18: touchesArticle18(post.screening),
  });
}

// --- events -------------------------------------------------------------------------------------

type EventOf<K extends PostEvent['type']> = Extract<PostEvent, { type: K }>;
type Handlers = { [K in PostEvent['type']]: (post: Post, event: EventOf<K>, ctx: PostContext) => PostTransition };

function saveDraft(post: Post, event: EventOf<'saveDraft'>, ctx: PostContext): PostTransition {
  if (post.state === 'published') return fail('POST_PUBLISHED');
  const account = operatorAccount(ctx, post.accountId);
  if (isFailure(account)) return account;
  const invalid = checkDraftContent(event.content, configOf(ctx)) ?? checkNature(account, event.nature);
  if (invalid) return invalid;
  let plannedAt = post.plannedAt;
  if (event.plannedAt !== post.plannedAt) {
    const planned = plannedTime(event.plannedAt, ctx.now);
    if (isFailure(planned)) return planned;
    plannedAt = planned === null ? null : toBeijingIso(planned);
  }

  const content = normaliseContent(event.content);
  const hash = contentHash(content);
  const changed = hash !== post.contentHash;
  // A submitted version is frozen (kept in postVersions): the first change after it is a new version.
  const version = changed && post.submittedVersion === post.version ? post.version + 1 : post.version;
  // Saving while in review or approved takes the post back to draft: the chain restarts on the next
  // submit. A returned or withdrawn post is a draft again once touched.
  const reopened = post.state === 'inReview' || post.state === 'approved';

  const summary = reopened
    ? `修改稿件，撤出审批流程${version > post.version ? `，生成第 ${version} 版` : ''}`
    : version > post.version
      ? `修改稿件，生成第 ${version} 版`
      : '保存草稿';
  const next: Post = {
    ...post,
    ...bump(post, ctx),
    ...offReview,
    state: 'draft',
    version,
    content,
    contentHash: hash,
    contributorIds: withContributor(post, ctx.actor._id),
    nature: event.nature,
    sourceVerified: event.sourceVerified,
    declaredLevel: event.declaredLevel,
    floorLevel: event.screening.minLevel,
    // 第十六条: a level raised on the chain stays, whatever the operator declares now.
    level: effectiveLevel(event.declaredLevel, event.screening.minLevel, levelFloorOf(post)),
    screening: event.screening,
    plannedAt,
    history:
      post.state !== 'draft' || version !== post.version
        ? [...post.history, historyEntry({ ...post, version }, ctx, 'post.draftSave', summary)]
        : post.history,
  };
  return {
    ok: true,
    next,
    effects: [...(reopened ? cancelReminder(post) : []), audit(next, 'post.draftSave', summary)],
  };
}

function submit(post: Post, event: EventOf<'submit'>, ctx: PostContext): PostTransition {
  if (post.state === 'inReview' || post.state === 'approved' || post.state === 'published')
    return fail('ALREADY_SUBMITTED');
  if (post.state === 'returned') return fail('NOT_SUBMITTABLE');
  const account = operatorAccount(ctx, post.accountId);
  if (isFailure(account)) return account;
  const content = post.content;
  const invalid = checkDraftContent(content, configOf(ctx)) ?? checkNature(account, post.nature);
  if (invalid) return invalid;
  if (content.title.trim() === '') return fail('TITLE_REQUIRED');
  if (content.text.trim() === '' && content.images.length === 0) return fail('EMPTY_CONTENT');

  // 第二十一条: a repost names its source and the operator vouches it was verified.
  if (content.kind === 'repost') {
    const src = content.source;
    if (!src || src.outlet.trim() === '' || !HTTP_URL.test(src.link)) return fail('SOURCE_REQUIRED');
    if (!post.sourceVerified) return fail('SOURCE_NOT_VERIFIED');
    // 第十七条（一）12: nothing from foreign media.
    if (event.screening.hits.some(isForeignSource)) return fail('SOURCE_FOREIGN', echo(src.outlet));
  }
  // 第十七条（一）, 第十八条, 第四十条: prohibited content never goes up the chain.
  if (event.screening.blocked) return blockedFailure(event.screening.hits.filter((h) => h.effect === 'block'));
  const floor = event.screening.minLevel;
  if (compareLevels(post.declaredLevel, floor) < 0)
    return fail('LEVEL_BELOW_FLOOR', `本稿至少为“${levelLabels[floor]}”`);
  // 第十六条: a level raised on the chain is a floor for every later version.
  const raised = levelFloorOf(post);
  if (raised && compareLevels(post.declaredLevel, raised.level) < 0)
    return fail(
      'LEVEL_BELOW_FLOOR',
      `本稿已由“${raised.stepLabel}”提高为“${levelLabels[raised.level]}”，以后各版不得低于此等级（第十六条）`,
    );

  // The reader (typings/reader.ts) may lift the level when the province desk allows it; it never refuses.
  const lift =
    event.readerLift && compareLevels(event.readerLift.level, post.declaredLevel) > 0 ? event.readerLift : null;
  const level = lift ? lift.level : post.declaredLevel;
  const chain = computeChain({ account, units: ctx.units, level, touchesArticle18: touchesArticle18(event.screening) });
  if (!chain.ok) return chain;
  const steps = chain.plan.steps;
  // 第十五条: whoever submits is one of the post's people too, and none of them decides any step.
  const contributorIds = withContributor(post, ctx.actor._id);
  const blockedStep = steps.find((s) =>
    s.holders.every((h) => h.personIds !== null && h.personIds.every((id) => contributorIds.includes(id))),
  );
  if (blockedStep) return fail('NO_INDEPENDENT_REVIEWER');

  const now = toBeijingIso(ctx.now);
  const round = post.round + 1;
  const base: Post = {
    ...post,
    ...bump(post, ctx),
    contributorIds,
    round,
    level,
    floorLevel: floor,
    screening: event.screening,
    chain: steps,
    logged: chain.plan.logged,
    submittedVersion: post.version,
    submittedAt: now,
  };
  // A version is stored once, when first submitted; resubmitting it unchanged (after a withdrawal)
  // adds nothing to postVersions.
  const version: PostVersion = {
    _id: `${post._id}#${post.version}`,
    postId: post._id,
    version: post.version,
    content,
    contentHash: post.contentHash,
    level,
    screening: event.screening,
    submittedAt: now,
    submittedBy: ctx.actor._id,
  };
  const store: PostEffect[] = post.submittedVersion === post.version ? [] : [{ type: 'storeVersion', version }];

  if (chain.plan.logged) {
    const summary = `提交第 ${post.version} 版：${chain.plan.summary}${lift ? `；${lift.summary}` : ''}`;
    const next: Post = {
      ...base,
      state: 'approved',
      stepIndex: null,
      pendingWith: [],
      approvedVersion: post.version,
      approvedHash: post.contentHash,
      approvedAt: now,
      history: [...post.history, historyEntry(post, ctx, 'post.submit', summary)],
    };
    return {
      ok: true,
      next,
      effects: [...store, audit(next, 'post.submit', summary), ...publishReminder(next, account, ctx)],
    };
  }

  const summary = `提交第 ${post.version} 版审核：${chain.plan.summary}${lift ? `；${lift.summary}` : ''}`;
  const next: Post = {
    ...base,
    state: 'inReview',
    stepIndex: 0,
    pendingWith: pendingKeysOfStep(steps[0]),
    approvedVersion: null,
    approvedHash: null,
    approvedAt: null,
    history: [...post.history, historyEntry(post, ctx, 'post.submit', summary)],
  };
  return {
    ok: true,
    next,
    effects: [...store, audit(next, 'post.submit', summary), pendingNotice(next, steps[0], account, ctx)],
  };
}

/** Checks shared by every decision on the current step; returns the step. */
function currentStepFor(post: Post, version: number, ctx: PostContext): ChainStep | Failure {
  if (post.state !== 'inReview' || post.stepIndex === null) return fail('NOT_IN_REVIEW');
  if (version !== post.version) return fail('CONFLICT', `稿件已更新为第 ${post.version} 版`);
  // 第十五条: authors never review their own post.
  if (post.contributorIds.includes(ctx.actor._id)) return fail('OWN_POST');
  const step = post.chain[post.stepIndex];
  if (!holdsStep(step, ctx.actor)) {
    const later = post.chain.slice(post.stepIndex + 1).some((s) => holdsStep(s, ctx.actor));
    return later ? fail('OUT_OF_TURN', `当前步骤：${step.label}`) : fail('NOT_IN_SCOPE', `当前步骤：${step.label}`);
  }
  return step;
}

function approve(post: Post, event: EventOf<'approve'>, ctx: PostContext): PostTransition {
  const step = currentStepFor(post, event.version, ctx);
  if (isFailure(step)) return step;
  if (post.decisions.some((d) => d.round === post.round && d.personId === ctx.actor._id)) return fail('SAME_APPROVER');
  const account = loadedAccount(post, ctx);
  if (isFailure(account)) return account;

  const now = toBeijingIso(ctx.now);
  const decision = {
    round: post.round,
    version: post.version,
    stepKey: step.key,
    stepLabel: step.label,
    kind: 'approve' as const,
    personId: ctx.actor._id,
    comment: event.comment.trim(),
    at: now,
  };
  const nextIndex = (post.stepIndex ?? 0) + 1;
  const summary = `${step.label}：同意${decision.comment ? `（${decision.comment}）` : ''}`;
  const common = {
    ...post,
    ...bump(post, ctx),
    decisions: [...post.decisions, decision],
    history: [...post.history, historyEntry(post, ctx, 'post.approve', summary)],
  };
  if (nextIndex < post.chain.length) {
    const nextStep = post.chain[nextIndex];
    const next: Post = { ...common, stepIndex: nextIndex, pendingWith: pendingKeysOfStep(nextStep) };
    return {
      ok: true,
      next,
      effects: [audit(next, 'post.approve', summary), pendingNotice(next, nextStep, account, ctx)],
    };
  }
  const next: Post = {
    ...common,
    state: 'approved',
    stepIndex: null,
    pendingWith: [],
    approvedVersion: post.version,
    approvedHash: post.contentHash,
    approvedAt: now,
  };
  return {
    ok: true,
    next,
    effects: [
      audit(next, 'post.approve', `${summary}；审批完成`),
      authorNotice(next, account, ctx, 'postApproved', `${account.name} 第 ${post.version} 版已通过审批，可以发布`, ''),
      ...publishReminder(next, account, ctx),
    ],
  };
}

function sendBack(post: Post, event: EventOf<'sendBack'>, ctx: PostContext): PostTransition {
  const step = currentStepFor(post, event.version, ctx);
  if (isFailure(step)) return step;
  const comment = event.comment.trim();
  if (comment === '') return fail('COMMENT_REQUIRED');
  const account = loadedAccount(post, ctx);
  if (isFailure(account)) return account;
  const now = toBeijingIso(ctx.now);
  const summary = `${step.label}：退回修改（${comment}）`;
  const next: Post = {
    ...post,
    ...bump(post, ctx),
    ...offReview,
    state: 'returned',
    decisions: [
      ...post.decisions,
      {
        round: post.round,
        version: post.version,
        stepKey: step.key,
        stepLabel: step.label,
        kind: 'sendBack',
        personId: ctx.actor._id,
        comment,
        at: now,
      },
    ],
    history: [...post.history, historyEntry(post, ctx, 'post.sendBack', summary)],
  };
  return {
    ok: true,
    next,
    effects: [
      audit(next, 'post.sendBack', summary),
      authorNotice(next, account, ctx, 'postReturned', `退回意见：${comment}`, comment),
    ],
  };
}

function withdraw(post: Post, _event: EventOf<'withdraw'>, ctx: PostContext): PostTransition {
  // 第十五条: the people who wrote, edited or submitted it (and no decider) may pull it back.
  if (ctx.actor._id !== post.authorId && !post.contributorIds.includes(ctx.actor._id)) return fail('NOT_AUTHOR');
  if (post.state === 'approved' || post.state === 'published') return fail('WITHDRAW_AFTER_FINAL');
  if (post.state !== 'inReview') return fail('NOT_WITHDRAWABLE');
  const summary = `撤回第 ${post.version} 版`;
  const next: Post = {
    ...post,
    ...bump(post, ctx),
    ...offReview,
    state: 'withdrawn',
    history: [...post.history, historyEntry(post, ctx, 'post.withdraw', summary)],
  };
  return { ok: true, next, effects: [audit(next, 'post.withdraw', summary)] };
}

function raiseLevel(post: Post, event: EventOf<'raiseLevel'>, ctx: PostContext): PostTransition {
  const step = currentStepFor(post, event.version, ctx);
  if (isFailure(step)) return step;
  if (compareLevels(event.level, post.floorLevel) < 0)
    return fail('LEVEL_BELOW_FLOOR', `本稿至少为“${levelLabels[post.floorLevel]}”`);
  if (compareLevels(event.level, post.level) <= 0) return fail('LEVEL_NOT_RAISED');
  const account = loadedAccount(post, ctx);
  if (isFailure(account)) return account;
  const chain = computeChain({
    account,
    units: ctx.units,
    level: event.level,
    touchesArticle18: touchesArticle18(post.screening),
  });
  if (!chain.ok) return chain;
  // Decisions already taken in this round stand; the post waits at the first step not yet approved.
  const approved = new Set(
    post.decisions.filter((d) => d.round === post.round && d.kind === 'approve').map((d) => d.stepKey),
  );
  const steps = chain.plan.steps;
  const index = steps.findIndex((s) => !approved.has(s.key));
  if (index < 0) return fail('CHAIN_UNRESOLVED', '提高等级后没有待审批步骤');
  const summary = `敏感等级由“${levelLabels[post.level]}”提高为“${levelLabels[event.level]}”：${chain.plan.summary}`;
  const change: LevelChange = {
    kind: 'raise',
    from: post.level,
    to: event.level,
    version: post.version,
    round: post.round,
    stepKey: step.key,
    stepLabel: step.label,
    stepIndex: post.stepIndex ?? 0,
    personId: ctx.actor._id,
    reason: null,
    at: toBeijingIso(ctx.now),
  };
  const next: Post = {
    ...post,
    ...bump(post, ctx),
    level: event.level,
    levelChanges: [...(post.levelChanges ?? []), change],
    chain: steps,
    stepIndex: index,
    pendingWith: pendingKeysOfStep(steps[index]),
    history: [...post.history, historyEntry(post, ctx, 'post.raiseLevel', summary)],
  };
  const effects: PostEffect[] = [audit(next, 'post.raiseLevel', summary)];
  if (steps[index].key !== step.key) effects.push(pendingNotice(next, steps[index], account, ctx));
  return { ok: true, next, effects };
}

/**
 * 第十六条: the current decider lowers the level, with a reason — only past floors their own step (or
 * a lower one) set, never below what the operator declared or screening requires. The chain is
 * recomputed; decisions already taken in the round stand, and a chain with nothing left to decide is
 * approved.
 */
function lowerLevel(post: Post, event: EventOf<'lowerLevel'>, ctx: PostContext): PostTransition {
  const step = currentStepFor(post, event.version, ctx);
  if (isFailure(step)) return step;
  const reason = event.reason.trim();
  if (reason === '') return fail('REASON_REQUIRED');
  if (compareLevels(event.level, post.level) >= 0) return fail('LEVEL_NOT_LOWERED');
  if (compareLevels(event.level, post.floorLevel) < 0)
    return fail('LEVEL_BELOW_FLOOR', `本稿至少为“${levelLabels[post.floorLevel]}”`);
  if (compareLevels(event.level, lowestAllowed(post)) < 0)
    return fail('LEVEL_BELOW_FLOOR', `运营民警申报为“${levelLabels[post.declaredLevel]}”，只能降低审批中提高的等级`);
  const stepIndex = post.stepIndex ?? 0;
  const blocking = blockingFloor(post, event.level, stepIndex);
  if (blocking) return fail('LOWER_NOT_ALLOWED', `“${levelLabels[blocking.level]}”由“${blocking.stepLabel}”确定`);
  const account = loadedAccount(post, ctx);
  if (isFailure(account)) return account;
  const chain = computeChain({
    account,
    units: ctx.units,
    level: event.level,
    touchesArticle18: touchesArticle18(post.screening),
  });
  if (!chain.ok) return chain;

  const now = toBeijingIso(ctx.now);
  const change: LevelChange = {
    kind: 'lower',
    from: post.level,
    to: event.level,
    version: post.version,
    round: post.round,
    stepKey: step.key,
    stepLabel: step.label,
    stepIndex,
    personId: ctx.actor._id,
    reason,
    at: now,
  };
  const approved = new Set(
    post.decisions.filter((d) => d.round === post.round && d.kind === 'approve').map((d) => d.stepKey),
  );
  const steps = chain.plan.steps;
  const index = steps.findIndex((s) => !approved.has(s.key));
  const summary = `${step.label}：敏感等级由“${levelLabels[post.level]}”降为“${levelLabels[event.level]}”（理由：${reason}）；${chain.plan.summary}`;
  const common: Post = {
    ...post,
    ...bump(post, ctx),
    level: event.level,
    levelChanges: [...(post.levelChanges ?? []), change],
    chain: steps,
    logged: chain.plan.logged,
    history: [...post.history, historyEntry(post, ctx, 'post.lowerLevel', summary)],
  };
  if (index >= 0) {
    const next: Post = { ...common, stepIndex: index, pendingWith: pendingKeysOfStep(steps[index]) };
    const effects: PostEffect[] = [audit(next, 'post.lowerLevel', summary)];
    if (steps[index].key !== step.key) effects.push(pendingNotice(next, steps[index], account, ctx));
    return { ok: true, next, effects };
  }
  // Every step the lower level needs was already approved in this round.
  const next: Post = {
    ...common,
    state: 'approved',
    stepIndex: null,
    pendingWith: [],
    approvedVersion: post.version,
    approvedHash: post.contentHash,
    approvedAt: now,
  };
  return {
    ok: true,
    next,
    effects: [
      audit(next, 'post.lowerLevel', `${summary}；审批完成`),
      authorNotice(
        next,
        account,
        ctx,
        'postApproved',
        `${account.name} 第 ${post.version} 版已通过审批（敏感等级降为“${levelLabels[event.level]}”），可以发布`,
        reason,
      ),
      ...publishReminder(next, account, ctx),
    ],
  };
}

function setPlannedTime(post: Post, event: EventOf<'setPlannedTime'>, ctx: PostContext): PostTransition {
  if (post.state === 'published') return fail('POST_PUBLISHED');
  const account = operatorAccount(ctx, post.accountId);
  if (isFailure(account)) return account;
  const planned = plannedTime(event.plannedAt, ctx.now);
  if (isFailure(planned)) return planned;
  const plannedAt = planned === null ? null : toBeijingIso(planned);
  const summary = planned === null ? '取消计划发布时间' : `计划发布时间：${formatBeijing(planned)}`;
  const next: Post = {
    ...post,
    ...bump(post, ctx),
    plannedAt,
    history: [...post.history, historyEntry(post, ctx, 'post.setPlannedTime', summary)],
  };
  const effects: PostEffect[] = [...cancelReminder(post), audit(next, 'post.setPlannedTime', summary)];
  if (next.state === 'approved') effects.push(...publishReminder(next, account, ctx));
  return { ok: true, next, effects };
}

function recordPublication(post: Post, event: EventOf<'recordPublication'>, ctx: PostContext): PostTransition {
  const account = operatorAccount(ctx, post.accountId);
  if (isFailure(account)) return account;
  if (post.state === 'published') return fail('ALREADY_PUBLISHED');
  if (post.state !== 'approved' || post.approvedHash === null || post.approvedAt === null) return fail('NOT_APPROVED');
  // 第十五条/第三十三条: what went out is exactly what was approved.
  if (event.version !== post.approvedVersion)
    return fail('CONTENT_MISMATCH', `审批通过的是第 ${post.approvedVersion} 版`);
  const hash = contentHash(normaliseContent(event.content));
  if (hash !== post.approvedHash) return fail('CONTENT_MISMATCH', '内容指纹不符');
  const url = event.url.trim();
  if (!HTTP_URL.test(url)) return fail('INVALID_LINK');
  const publishedMs = parseIsoTime(event.publishedAt);
  if (publishedMs === null) return fail('INVALID_TIME', '发布时间');
  if (publishedMs > ctx.now + configOf(ctx).clockSkewMinutes * 60_000) return fail('PUBLISHED_IN_FUTURE');
  const approvedMs = parseIsoTime(post.approvedAt);
  if (approvedMs !== null && publishedMs < approvedMs) return fail('PUBLISHED_BEFORE_APPROVAL');

  const publishedAt = toBeijingIso(publishedMs);
  const summary = `登记发布第 ${post.version} 版：${account.name} ${url}`;
  const next: Post = {
    ...post,
    ...bump(post, ctx),
    state: 'published',
    publication: {
      url,
      publishedAt,
      recordedAt: toBeijingIso(ctx.now),
      recordedBy: ctx.actor._id,
      version: post.version,
      contentHash: hash,
    },
    history: [...post.history, historyEntry(post, ctx, 'post.publish', summary)],
  };
  return {
    ok: true,
    next,
    effects: [
      ...cancelReminder(post),
      audit(next, 'post.publish', summary),
      // 第十九条: the day counts for the account's cadence, in Beijing time.
      { type: 'countPublished', accountId: post.accountId, day: beijingDay(publishedMs), postId: post._id },
    ],
  };
}

const handlers: Handlers = {
  saveDraft,
  submit,
  approve,
  sendBack,
  withdraw,
  raiseLevel,
  lowerLevel,
  setPlannedTime,
  recordPublication,
};

function dispatch<K extends PostEvent['type']>(post: Post, event: EventOf<K>, ctx: PostContext): PostTransition {
  const handler: (post: Post, event: EventOf<K>, ctx: PostContext) => PostTransition = handlers[event.type];
  return handler(post, event, ctx);
}

/** Load → apply one event → save with check-and-set on `rev`. A stale rev is refused before anything else. */
export function applyPostEvent(post: Post, event: PostEvent, ctx: PostContext): PostTransition {
  if (event.expectedRev !== post.rev) return fail('CONFLICT');
  return dispatch(post, event, ctx);
}
