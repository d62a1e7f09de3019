/**
 * The approvals page (issue 16), as 企业微信审批 does it: the boxes (待我处理 with how long each has
 * waited and its planned time, 我已处理, 我发起的, 抄送我), 抄送 by each bureau's rules (第二十九条:
 * copied people may comment, never decide), 催办 (once per step per hour, logged on the timeline,
 * the approver told by subscribe message where they consented and in the inbox always), comments,
 * and the waiting-step times every queue entry carries for the reminders (server/post/waiting.ts).
 */
import * as v from 'valibot';
import type { NotificationDraft } from '../../typings/notify';
import type { Account, Person, Unit } from '../../typings/org';
import type {
  ApprovalBox,
  ApprovalItem,
  ApprovalList,
  ApprovalQueueEntry,
  ApprovalRecord,
  CopyRule,
  CopyRules,
  CopyRulesView,
  CopyTarget,
  NudgeCounter,
  NudgeResult,
  Post,
  PostNote,
  PostState,
} from '../../typings/post';
import {
  COMMENT_MAX_CHARS,
  COPY_OCCASIONS,
  COPY_TARGETS,
  DEFAULT_COPY_RULES,
  checkCopyRules,
  checkNudge,
  copyTargets,
  decisionMade,
  nudgeCounterId,
  screeningDigest,
  waitingStep,
} from '../../core/post/approvals';
import { waitingConfigFrom, waitingTimes, type WaitingConfig, type WaitingTimes } from '../../core/post/waiting';
import { responseWaitingTimes } from '../../core/linkage/directive';
import type { WorkCalendar } from '../../core/calendar/calendar';
import { holdsStep, pendingKeysOfPerson, postError, recipientsOfStep } from '../../core/post';
import { platformLabels } from '../../core/cadence';
import { bureauOf, propagandaDeskOf, type UnitTree } from '../../core/org/tree';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { pageParams } from '../schemas';
import { command, store } from '../store';
import { runWork, type Work } from '../uow';
import { loadCalendar } from '../referral/context';
import { loadAccount, loadPost, namesOf, resolveRoleHolders, toDomainError, unitPathOf } from './context';
import { postId as id } from './schemas';
import { pendingStepOf } from './views';

const DEFAULT_PAGE = 20;
const BOXES = ['pending', 'decided', 'submitted', 'copied'] as const satisfies readonly ApprovalBox[];
/** What 我发起的 lists: every post once submitted. */
const SUBMITTED_STATES = [
  'inReview',
  'returned',
  'withdrawn',
  'approved',
  'published',
] as const satisfies readonly PostState[];

// --- waiting times (the threshold is deployment data: cloudfunctions/post/config.json) ------------

let waitingConfig: WaitingConfig | null = null;

/** Read once per instance; a malformed setting fails the first approval that would start a wait. */
export function currentWaitingConfig(): WaitingConfig {
  waitingConfig ??= waitingConfigFrom(process.env);
  return waitingConfig;
}

/** 第三十四条: a linkage response waits its own, shorter span (the linkage engineer marks such posts). */
export const isLinkageResponse = (post: Post): boolean => Boolean(post.linkage);

/**
 * The reminder times of a step starting to wait now, on the working-day calendar; a linkage response
 * (Post.linkage) waits its span of plain minutes, bounded by its directive's deadline (core/linkage).
 */
export function waitingFor(calendar: WorkCalendar): (sinceMs: number, post: Post) => WaitingTimes {
  const config = currentWaitingConfig();
  return (sinceMs, post) =>
    post.linkage
      ? responseWaitingTimes(sinceMs, Date.parse(post.linkage.dueAt), config.linkageMinutes)
      : waitingTimes(sinceMs, false, config, calendar);
}

export { loadCalendar };

// --- copies and records, decided with the transition ----------------------------------------------

/** The bureau a post's rules and responsibility come from. */
function bureauOfPost(post: Post, tree: UnitTree): Unit | undefined {
  return bureauOf(post.unitId, tree);
}

async function rulesOf(bureauId: string): Promise<CopyRules | null> {
  return store.get<CopyRules>('copyRules', bureauId);
}

/** The people a copy target names in a bureau (active ones; the desk's staff by role). */
async function peopleOf(targets: readonly CopyTarget[], bureau: Unit, tree: UnitTree): Promise<string[]> {
  const out = new Set<string>();
  for (const target of targets) {
    if (target === 'responsibleLeader' && bureau.responsibility.leaderId) out.add(bureau.responsibility.leaderId);
    if (target === 'responsiblePerson' && bureau.responsibility.personId) out.add(bureau.responsibility.personId);
    if (target === 'propagandaStaff') {
      const desk = propagandaDeskOf(bureau._id, tree);
      if (!desk) continue;
      const to = [{ type: 'role' as const, role: 'propagandaStaff' as const, unitId: desk._id }];
      for (const personId of (await resolveRoleHolders(to)).people(to)) out.add(personId);
    }
  }
  return [...out];
}

/** What a transition records beyond the post: the decider's 我已处理 line and the copies. */
export interface ApprovalTrail {
  records: ApprovalRecord[];
  notices: NotificationDraft[];
}

const recordId = (r: Pick<ApprovalRecord, 'postId' | 'round' | 'stepKey' | 'box' | 'personId'>): string =>
  `${r.postId}|${r.round}|${r.stepKey}|${r.box}|${r.personId}`;

/**
 * Decided before the transaction from the dry run (reads the rules and the people), written inside
 * it: a decision adds the decider's line to 我已处理, and each copy occasion of the bureau's rules a
 * line to 抄送我 with an inbox notice. Ids are deterministic, so a re-run writes nothing twice.
 */
export async function approvalTrail(
  before: Post,
  after: Post,
  account: Account,
  tree: UnitTree,
  now: number,
): Promise<ApprovalTrail> {
  const made = decisionMade(before, after);
  if (!made) return { records: [], notices: [] };
  const { decision, step, occasions } = made;
  const names = await namesOf([after.authorId, decision.personId]);
  const base = {
    postId: after._id,
    round: decision.round,
    stepKey: step.key,
    stepLabel: step.label,
    decision: decision.kind,
    deciderId: decision.personId,
    comment: decision.comment,
    at: decision.at,
    title: after.content.title,
    accountName: account.name,
    platform: account.platform,
    authorName: names.get(after.authorId) ?? '',
    level: after.level,
    submittedAt: after.submittedAt ?? toBeijingIso(now),
  };
  const decided: ApprovalRecord = {
    ...base,
    _id: '',
    personId: decision.personId,
    box: 'decided',
    occasion: step.kind,
  };
  decided._id = recordId(decided);
  const records: ApprovalRecord[] = [decided];
  const notices: NotificationDraft[] = [];
  const bureau = bureauOfPost(after, tree);
  if (bureau) {
    const rules = (await rulesOf(bureau._id))?.rules ?? DEFAULT_COPY_RULES;
    const targets = copyTargets(rules, occasions);
    const people = (await peopleOf(targets, bureau, tree)).filter(
      (p) => p !== decision.personId && p !== after.authorId,
    );
    const outcome = after.state === 'approved' ? '审批通过' : decision.kind === 'approve' ? '同意' : '退回修改';
    for (const personId of people) {
      const copy: ApprovalRecord = {
        ...base,
        _id: '',
        personId,
        box: 'copied',
        occasion: occasions[occasions.length - 1] ?? step.kind,
      };
      copy._id = recordId(copy);
      records.push(copy);
      notices.push({
        kind: 'approvalCopied',
        recipientId: personId,
        title: `抄送：${after.content.title}`,
        text: `${account.name}｜${step.label}：${outcome}（${names.get(decision.personId) ?? ''}）`,
        link: `/pages/post-detail/index?id=${after._id}`,
        subject: { collection: 'posts', id: after._id },
        values: { subject: after.content.title, actor: names.get(decision.personId) ?? '', status: outcome },
        dedupeKey: `approvalCopied:posts/${after._id}:r${decision.round}-${step.key}:${personId}`,
        escalation: null,
      });
    }
  }
  return { records, notices };
}

export async function writeTrail(work: Work, trail: ApprovalTrail): Promise<void> {
  for (const record of trail.records) await work.put('approvalRecords', record);
  for (const notice of trail.notices) work.notify(notice);
}

// --- the boxes --------------------------------------------------------------------------------------

const approvalsParams = v.strictObject({ box: v.optional(v.picklist(BOXES)), ...pageParams });

async function postsById(ids: readonly string[]): Promise<Map<string, Post>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = await store.find<Post>('posts', { _id: command().in(unique) }, { limit: unique.length });
  return new Map(found.map((p) => [p._id, p]));
}

type Live = Pick<ApprovalItem, 'rev' | 'state' | 'version' | 'plannedAt' | 'marks' | 'setAside'>;

function itemOf(base: Omit<ApprovalItem, keyof Live>, live: Live): ApprovalItem {
  return { ...base, ...live };
}

/** A record's post as it stands now (its state may have moved on since the record was made). */
const liveOf = (post: Post | undefined): Live => ({
  rev: post?.rev ?? 0,
  state: post?.state ?? 'inReview',
  version: post?.version ?? 0,
  plannedAt: post?.plannedAt ?? null,
  ...(post ? screeningDigest(post.screening) : { marks: [], setAside: 0 }),
});

async function pendingBox(
  caller: Person,
  offset: number,
  limit: number,
): Promise<{ items: ApprovalItem[]; hasMore: boolean }> {
  const keys = pendingKeysOfPerson(caller);
  // One ordered index range (key, open, submittedAt): a page of entries, however many posts wait.
  const entries = await store.find<ApprovalQueueEntry>(
    'approvalQueue',
    { key: command().in(keys), open: true },
    { orderBy: [['submittedAt', 'desc']], skip: offset, limit: limit + 1 },
  );
  const page = entries.slice(0, limit);
  // An entry written before the screening marks were kept reads them from its post (one query for the page)
  // until the wait moves on and the entry is written again.
  const older = await postsById(page.filter((e) => e.marks === undefined).map((e) => e.postId));
  const seen = new Set<string>();
  const items: ApprovalItem[] = [];
  for (const e of page) {
    const post = older.get(e.postId);
    // Someone holding two keys of one step sees the post once.
    if (seen.has(e.postId)) continue;
    seen.add(e.postId);
    items.push(
      itemOf(
        {
          postId: e.postId,
          title: e.title,
          accountName: e.accountName,
          platformLabel: platformLabels[e.platform],
          level: e.level,
          stepLabel: e.stepLabel,
          authorName: e.authorName,
          submittedAt: e.submittedAt,
          waitingSince: e.since,
          decidedAt: null,
          decision: null,
          deciderName: null,
          comment: null,
        },
        // The entry keeps the post's rev and planned time (server/post/effects.ts): no post read per line.
        {
          rev: e.rev,
          state: 'inReview',
          plannedAt: e.plannedAt,
          version: e.version,
          ...(e.marks !== undefined
            ? { marks: e.marks, setAside: e.setAside ?? 0 }
            : post
              ? screeningDigest(post.screening)
              : { marks: [], setAside: 0 }),
        },
      ),
    );
  }
  return { items, hasMore: entries.length > limit };
}

async function recordBox(
  caller: Person,
  box: 'decided' | 'copied',
  offset: number,
  limit: number,
): Promise<{ items: ApprovalItem[]; hasMore: boolean }> {
  const records = await store.find<ApprovalRecord>(
    'approvalRecords',
    { personId: caller._id, box },
    { orderBy: [['at', 'desc']], skip: offset, limit: limit + 1 },
  );
  const page = records.slice(0, limit);
  const [posts, names] = await Promise.all([
    postsById(page.map((r) => r.postId)),
    namesOf(page.map((r) => r.deciderId)),
  ]);
  const items = page.map((r) =>
    itemOf(
      {
        postId: r.postId,
        title: r.title,
        accountName: r.accountName,
        platformLabel: platformLabels[r.platform],
        level: r.level,
        stepLabel: r.stepLabel,
        authorName: r.authorName,
        submittedAt: r.submittedAt,
        waitingSince: null,
        decidedAt: r.at,
        decision: r.decision,
        deciderName: names.get(r.deciderId) ?? '',
        comment: r.comment,
      },
      liveOf(posts.get(r.postId)),
    ),
  );
  return { items, hasMore: records.length > limit };
}

async function submittedBox(
  caller: Person,
  offset: number,
  limit: number,
): Promise<{ items: ApprovalItem[]; hasMore: boolean }> {
  // The author index (authorId, state, updatedAt): newest change first.
  const posts = await store.find<Post>(
    'posts',
    { authorId: caller._id, state: command().in([...SUBMITTED_STATES]) },
    { orderBy: [['updatedAt', 'desc']], skip: offset, limit: limit + 1 },
  );
  const page = posts.slice(0, limit);
  const accounts = new Map<string, Account>();
  for (const accountId of new Set(page.map((p) => p.accountId))) {
    const account = await store.get<Account>('accounts', accountId);
    if (account) accounts.set(accountId, account);
  }
  const items = page.map((p): ApprovalItem => {
    const account = accounts.get(p.accountId);
    const last = p.decisions[p.decisions.length - 1];
    return {
      postId: p._id,
      title: p.content.title,
      accountName: account?.name ?? '',
      platformLabel: account ? platformLabels[account.platform] : '',
      level: p.level,
      stepLabel: pendingStepOf(p) ?? '',
      authorName: caller.name,
      version: p.version,
      rev: p.rev,
      state: p.state,
      submittedAt: p.submittedAt ?? p.updatedAt,
      waitingSince: null,
      plannedAt: p.plannedAt,
      decidedAt: last && last.round === p.round ? last.at : null,
      decision: last && last.round === p.round ? last.kind : null,
      deciderName: null,
      comment: last && last.round === p.round ? last.comment : null,
      ...screeningDigest(p.screening),
    };
  });
  return { items, hasMore: posts.length > limit };
}

export const approvals = action({
  access: 'person',
  input: approvalsParams,
  handle: async (params, ctx): Promise<ApprovalList> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'post.approvals', { kind: 'none' }, tree);
    const limit = params.limit ?? DEFAULT_PAGE;
    const offset = params.offset ?? 0;
    const now = toBeijingIso(ctx.now);
    if (limit === 0) return { items: [], hasMore: false, now };
    const box = params.box ?? 'pending';
    // No totals here: counting reads every line; the workbench badge (org.me) carries the pending count.
    const page =
      box === 'pending'
        ? await pendingBox(caller, offset, limit)
        : box === 'submitted'
          ? await submittedBox(caller, offset, limit)
          : await recordBox(caller, box, offset, limit);
    return { ...page, now };
  },
});

// --- 催办 -------------------------------------------------------------------------------------------

export const nudge = action({
  access: 'person',
  input: v.strictObject({ postId: id }),
  handle: async (params, ctx): Promise<NudgeResult> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const post = await loadPost(params.postId);
    const account = await loadAccount(post.accountId);
    const grant = requirePermission(caller, 'post.nudge', { kind: 'post', account, post }, tree);
    const step = waitingStep(post);
    const counterId = step ? nudgeCounterId(post, step.key) : '';
    const dry = checkNudge(
      post,
      caller._id,
      step ? await store.get<NudgeCounter>('counters', counterId) : null,
      ctx.now,
    );
    if (!dry.ok) throw toDomainError(dry.error);
    const recipients = recipientsOfStep(dry.step);
    const holders = await resolveRoleHolders(recipients);
    const people = holders.people(recipients).filter((p) => p !== caller._id);
    const at = toBeijingIso(ctx.now);

    return runWork(ctx, { person: caller, grant }, async (work) => {
      const current = await work.load<Post>('posts', post._id, '稿件');
      const counter = await work.get<NudgeCounter>('counters', counterId);
      // Re-checked inside: of two nudges at once, the second sees the first's counter.
      const check = checkNudge(current, caller._id, counter, ctx.now);
      if (!check.ok) throw toDomainError(check.error);
      if (check.step.key !== dry.step.key) throw toDomainError(postError('CONFLICT'));
      const count = (counter?.count ?? 0) + 1;
      await work.put<NudgeCounter>('counters', { _id: counterId, count, lastAt: at });
      const note: PostNote = {
        _id: `${counterId}|${count}`,
        postId: current._id,
        kind: 'nudge',
        personId: caller._id,
        round: current.round,
        stepKey: check.step.key,
        stepLabel: check.step.label,
        text: `请尽快处理：${check.step.label}`,
        at,
      };
      await work.create('postNotes', note);
      const since = current.submittedAt ? Date.parse(current.submittedAt) : ctx.now;
      for (const personId of people) {
        work.notify({
          kind: 'approvalNudge',
          recipientId: personId,
          title: `催办：${current.content.title}`,
          text: `${caller.name} 催办｜${account.name}｜${check.step.label}`,
          link: `/pages/post-detail/index?id=${current._id}`,
          subject: { collection: 'posts', id: current._id },
          values: {
            subject: current.content.title,
            actor: caller.name,
            eventAt: at,
            dueAt: toBeijingIso(since),
            status: check.step.label,
          },
          dedupeKey: `approvalNudge:posts/${current._id}:r${current.round}-${check.step.key}-${count}:${personId}`,
          escalation: null,
        });
      }
      work.audit({
        action: 'post.nudge',
        object: { collection: 'posts', id: current._id },
        summary: `催办「${current.content.title}」：${check.step.label}`,
        unitPath: unitPathOf(account.unitId, tree),
      });
      return { notified: people.length, nextAllowedAt: toBeijingIso(ctx.now + 60 * 60 * 1000) };
    });
  },
});

// --- 意见 (comments) --------------------------------------------------------------------------------

/** Involved with the post: its author, whoever holds or held a step of it, or someone it was copied to. */
export async function involvedWith(caller: Person, post: Post): Promise<boolean> {
  if (post.authorId === caller._id || post.contributorIds.includes(caller._id)) return true;
  const step = waitingStep(post);
  if (step && holdsStep(step, caller)) return true;
  if (post.decisions.some((d) => d.personId === caller._id)) return true;
  const records = await store.find<ApprovalRecord>(
    'approvalRecords',
    { postId: post._id, personId: caller._id },
    { limit: 1, fields: { personId: true } },
  );
  return records.length > 0;
}

const commentText = v.pipe(v.string(), v.trim(), v.minLength(1, '请填写意见'));

export const comment = action({
  access: 'person',
  input: v.strictObject({ postId: id, text: commentText }),
  handle: async (params, ctx): Promise<{ at: string }> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'post.comment', { kind: 'none' }, tree);
    if ([...params.text].length > COMMENT_MAX_CHARS) throw toDomainError(postError('COMMENT_TOO_LONG'));
    const post = await loadPost(params.postId);
    if (!(await involvedWith(caller, post))) throw toDomainError(postError('NOT_INVOLVED'));
    const account = await loadAccount(post.accountId);
    const at = toBeijingIso(ctx.now);
    const step = waitingStep(post);
    // Those who must read it: the author and whoever holds the waiting step.
    const to = step ? recipientsOfStep(step) : [];
    const holders = await resolveRoleHolders(to);
    const readers = new Set([post.authorId, ...holders.people(to)]);
    readers.delete(caller._id);
    return runWork(ctx, { person: caller, grant: null }, async (work) => {
      const note: PostNote = {
        _id: `comment|${post._id}|${ctx.requestId}`,
        postId: post._id,
        kind: 'comment',
        personId: caller._id,
        round: post.round,
        stepKey: step?.key ?? '',
        stepLabel: step?.label ?? '',
        text: params.text,
        at,
      };
      await work.put('postNotes', note);
      for (const personId of readers) {
        work.notify({
          kind: 'postComment',
          recipientId: personId,
          title: `意见：${post.content.title}`,
          text: `${caller.name}：${params.text.slice(0, 40)}`,
          link: `/pages/post-detail/index?id=${post._id}`,
          subject: { collection: 'posts', id: post._id },
          values: { subject: post.content.title, actor: caller.name, remark: params.text },
          dedupeKey: `postComment:posts/${post._id}:${ctx.requestId}:${personId}`,
          escalation: null,
        });
      }
      work.audit({
        action: 'post.comment',
        object: { collection: 'posts', id: post._id },
        summary: `对「${post.content.title}」填写意见`,
        unitPath: unitPathOf(account.unitId, tree),
      });
      return { at };
    });
  },
});

// --- 抄送 rules -------------------------------------------------------------------------------------

const copyRule = v.strictObject({
  on: v.picklist(COPY_OCCASIONS as [CopyRule['on'], ...CopyRule['on'][]]),
  to: v.pipe(v.array(v.picklist(COPY_TARGETS as [CopyTarget, ...CopyTarget[]])), v.maxLength(COPY_TARGETS.length)),
});

function bureauFor(unitId: string, tree: UnitTree): Unit {
  const unit = tree.byId.get(unitId);
  if (!unit || unit.kind !== 'bureau')
    throw toDomainError(postError('COPY_RULES_INVALID', '抄送规则按公安机关（局）设置，请选择局'));
  return unit;
}

function rulesView(bureau: Unit, doc: CopyRules | null): CopyRulesView {
  return {
    unitId: bureau._id,
    unitName: bureau.name,
    rules: doc?.rules ?? [...DEFAULT_COPY_RULES],
    rev: doc?.rev ?? 0,
    isDefault: doc === null,
  };
}

export const copyRules = action({
  access: 'person',
  input: v.strictObject({ unitId: id }),
  handle: async (params, ctx): Promise<CopyRulesView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const bureau = bureauFor(params.unitId, tree);
    requirePermission(caller, 'post.copyRules', { kind: 'unit', unitId: bureau._id }, tree);
    return rulesView(bureau, await rulesOf(bureau._id));
  },
});

export const setCopyRules = action({
  access: 'person',
  input: v.strictObject({
    unitId: id,
    rules: v.pipe(v.array(copyRule), v.maxLength(COPY_OCCASIONS.length)),
    expectedRev: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  handle: async (params, ctx): Promise<CopyRulesView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const bureau = bureauFor(params.unitId, tree);
    const grant = requirePermission(caller, 'post.setCopyRules', { kind: 'unit', unitId: bureau._id }, tree);
    const invalid = checkCopyRules(params.rules);
    if (invalid) throw toDomainError(invalid);
    return runWork(ctx, { person: caller, grant }, async (work) => {
      const current = await work.get<CopyRules>('copyRules', bureau._id);
      if ((current?.rev ?? 0) !== params.expectedRev) throw toDomainError(postError('CONFLICT'));
      const next: CopyRules = {
        _id: bureau._id,
        unitId: bureau._id,
        rules: params.rules,
        rev: params.expectedRev + 1,
        updatedAt: toBeijingIso(ctx.now),
        updatedBy: caller._id,
      };
      await work.put('copyRules', next);
      work.audit({
        action: 'post.setCopyRules',
        object: { collection: 'copyRules', id: bureau._id },
        summary: `修改${bureau.name}的抄送规则（${params.rules.length} 条）`,
        unitPath: bureau.path,
      });
      return rulesView(bureau, next);
    });
  },
});
