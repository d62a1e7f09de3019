/**
 * Posts: drafts, sensitivity, the approval chain, versions, publication and cadence
 * (第十五条–第二十一条, 第三十三条, 第四十条–第四十一条). Type-only: the mini-program imports it with
 * `import type`, so nothing here may emit code.
 */
import type { ActionSpec } from './api';
import type { DayString, IsoTime } from './common';
import type { DeepLink, MessageValues, NotificationKind, SubjectRef } from './notify';
import type { AccountKind, Platform, Role } from './org';
import type { RepostSource, ScreeningHit, SensitivityLevel, SpanHit } from './screening';

/** 第十六条 levels and the 第二十一条 source are the screening module's types, shared as they are. */
export type { RepostSource, ScreeningHit, SensitivityLevel, SpanHit };

export type PostKind = 'original' | 'repost';

/**
 * 第三十三条: whose voice the post speaks with. It must match the account kind: an official account
 * never publishes personal content, a personal account never publishes official information.
 */
export type PostNature = 'official' | 'personal';

/** Everything the content hash covers; what is published must be exactly this. */
export interface PostContent {
  /** Required; at most 64 characters (TITLE_REQUIRED, TITLE_TOO_LONG). */
  title: string;
  /** At most 20,000 characters, an emoji counting as one (TEXT_TOO_LONG); text and images not both empty (EMPTY_CONTENT). */
  text: string;
  /** Cloud storage file ids (cloud://…), at most 20 (TOO_MANY_IMAGES, INVALID_IMAGE). */
  images: string[];
  kind: PostKind;
  /** Required for a repost, null for an original. */
  source: RepostSource | null;
}

/**
 * The screening verdict a transition takes as input, computed by the shell on the content being
 * saved: `screen({ text: title + '\n' + text, context: { kind: 'post', accountKind }, repostOf: source })`
 * mapped as `{ blocked, minLevel: level, hits, setAside }`. For a repost the source must be screened with it
 * (第十七条（一）12 境外媒体, 第二十一条 出处).
 */
export interface PostScreening {
  blocked: boolean;
  minLevel: SensitivityLevel;
  hits: ScreeningHit[];
  /**
   * 语义复核: hits set aside because 语义研判 did not read their item. They decide nothing (no block, no
   * level), but the operator and every reviewer see them: where the model is wrong, a post of an officer
   * beating someone would otherwise reach the reviewer with no mark at all (第十五条: the reviewer
   * decides). Absent when none, and on posts saved before it was kept.
   */
  setAside?: SpanHit[];
}

/** One (role, unit) pair that may decide a step; `personIds` narrows it to named people. */
export interface StepHolder {
  role: Role;
  unitId: string;
  /** The reviewer step names the account's reviewers; null = anyone holding the role in the unit. */
  personIds: string[] | null;
}

export type ChainStepKind = 'reviewer' | 'leader' | 'propagandaDesk';

export interface ChainStep {
  /** Stable within a post's chains (used to keep decisions when the level is raised). */
  key: string;
  kind: ChainStepKind;
  /** Any one of these may decide the step (e.g. 分管领导 or 同级分管宣传工作领导). */
  holders: StepHolder[];
  /** The unit that decides, for display. */
  unitId: string;
  unitName: string;
  /** Chinese, shown in the chain preview. */
  label: string;
  /** The article that requires this step. */
  article: string;
}

export interface ChainPlan {
  level: SensitivityLevel;
  steps: ChainStep[];
  /** A personal account's ordinary post: no approval, only recorded (第十八条). */
  logged: boolean;
  /** Chinese one-line summary for the preview. */
  summary: string;
}

export type PostState =
  | 'draft' // being written, or edited after a submission (a new version)
  | 'inReview' // waiting for the current chain step
  | 'returned' // sent back with a comment; an edit makes a new version
  | 'withdrawn' // the author pulled it back before the final decision
  | 'approved' // the chain is complete (or the personal post is logged): may be published
  | 'published'; // recorded as published on the platform (final)

export type DecisionKind = 'approve' | 'sendBack';

export interface Decision {
  round: number;
  version: number;
  stepKey: string;
  stepLabel: string;
  kind: DecisionKind;
  personId: string;
  comment: string;
  at: IsoTime;
}

/**
 * 第十六条: a level changed on the chain by a decider. A raise stays a floor for every later version;
 * only a decider at or above the raising step may lower it, with a reason.
 */
export interface LevelChange {
  kind: 'raise' | 'lower';
  from: SensitivityLevel;
  to: SensitivityLevel;
  /** The version being decided when the level changed. */
  version: number;
  round: number;
  stepKey: string;
  stepLabel: string;
  /** Where the step stands in the chain: a chain only grows with the level, so a later step ranks higher. */
  stepIndex: number;
  personId: string;
  /** Why the level was lowered (required then); null for a raise. */
  reason: string | null;
  at: IsoTime;
}

/** 第十六条: the lowest level any later version may be submitted at, and who set it. */
export interface LevelFloor {
  level: SensitivityLevel;
  stepKey: string;
  stepLabel: string;
  stepIndex: number;
  personId: string;
  version: number;
  at: IsoTime;
}

/** What happened to the post, kept on it for the timeline (decisions, level changes, withdrawals). */
export interface PostHistoryEntry {
  at: IsoTime;
  personId: string;
  version: number;
  action: PostAuditAction;
  summary: string;
}

export interface Publication {
  url: string;
  publishedAt: IsoTime;
  recordedAt: IsoTime;
  recordedBy: string;
  version: number;
  contentHash: string;
}

/**
 * 第三十四条: the post is an account's response to a linkage directive. Set when the draft is made and
 * kept through every version, so each approver on the chain sees it and the directive's clock.
 */
export interface PostLinkage {
  directiveId: string;
  title: string;
  /** 重大正面宣传 / 涉警舆情处置 */
  kindLabel: string;
  issuedAt: IsoTime;
  /** The end of the response window. */
  dueAt: IsoTime;
}

export interface Post {
  _id: string;
  accountId: string;
  /** The account's unit (scope queries). */
  unitId: string;
  authorId: string;
  /**
   * 第十五条: everyone who wrote, edited, submitted or resubmitted any version. None of them may
   * decide any step of it; any of them may withdraw it.
   */
  contributorIds: string[];
  state: PostState;
  /** Content version: grows with the first content change after each submission. */
  version: number;
  /** The version that was last submitted (frozen); null before the first submission. */
  submittedVersion: number | null;
  /** Optimistic concurrency: every transition takes the expected rev and bumps it. */
  rev: number;
  content: PostContent;
  contentHash: string;
  nature: PostNature;
  /** 第二十一条: the operator confirmed the repost source was verified. */
  sourceVerified: boolean;
  declaredLevel: SensitivityLevel;
  /** Screening floor of the current content. */
  floorLevel: SensitivityLevel;
  /** The level the chain runs on: the declared one, or higher when a reviewer raised it. */
  level: SensitivityLevel;
  /** 第十六条: every raise and lowering on the chain, oldest first (the floor is derived from them). */
  levelChanges: LevelChange[];
  screening: PostScreening;
  /** Chain of the current round (empty before submission). */
  chain: ChainStep[];
  logged: boolean;
  /** Index into `chain` of the step waiting for a decision; null when not in review. */
  stepIndex: number | null;
  /** Keys of who the post waits for (`person:<id>` / `role:<role>@<unitId>`), for the approvals list. */
  pendingWith: string[];
  /** Submission count: decisions and notices belong to a round. */
  round: number;
  decisions: Decision[];
  history: PostHistoryEntry[];
  submittedAt: IsoTime | null;
  approvedVersion: number | null;
  approvedHash: string | null;
  approvedAt: IsoTime | null;
  plannedAt: IsoTime | null;
  publication: Publication | null;
  copiedFrom: string | null;
  /** A linkage response (第三十四条); absent for other posts. */
  linkage?: PostLinkage;
  createdAt: IsoTime;
  updatedAt: IsoTime;
}

/** One frozen version, kept for ever in `postVersions` (written when a version is submitted). */
export interface PostVersion {
  /** `<postId>#<version>` */
  _id: string;
  postId: string;
  version: number;
  content: PostContent;
  contentHash: string;
  level: SensitivityLevel;
  screening: PostScreening;
  submittedAt: IsoTime;
  submittedBy: string;
}

// --- events -----------------------------------------------------------------------------------

/** What the operator edits; every save carries a fresh screening of this content. */
export interface DraftInput {
  content: PostContent;
  nature: PostNature;
  declaredLevel: SensitivityLevel;
  sourceVerified: boolean;
  plannedAt: IsoTime | null;
  screening: PostScreening;
}

export interface CreateDraftInput extends DraftInput {
  /** Exactly one account (第三十三条: no one-click sharing to several accounts). */
  accountId: string;
}

export type PostEvent =
  | ({ type: 'saveDraft'; expectedRev: number } & DraftInput)
  /** Screening of the current content (and a repost's source), run again at submission. */
  | {
      type: 'submit';
      expectedRev: number;
      screening: PostScreening;
      /**
       * The reader's lift (typings/reader.ts): only when the province desk allows a confident model
       * finding on a caution item to raise the level. It lifts the chain's level, never refuses.
       */
      readerLift?: ReaderLift;
    }
  | { type: 'approve'; expectedRev: number; version: number; comment: string }
  | { type: 'sendBack'; expectedRev: number; version: number; comment: string }
  | { type: 'withdraw'; expectedRev: number }
  | { type: 'raiseLevel'; expectedRev: number; version: number; level: SensitivityLevel }
  /** 第十六条: a decider at or above the step that raised the level lowers it, with a reason. */
  | { type: 'lowerLevel'; expectedRev: number; version: number; level: SensitivityLevel; reason: string }
  | { type: 'setPlannedTime'; expectedRev: number; plannedAt: IsoTime | null }
  | {
      type: 'recordPublication';
      expectedRev: number;
      version: number;
      /** The content that went out, as the operator's client holds it. */
      content: PostContent;
      url: string;
      publishedAt: IsoTime;
    };

export type PostEventType = PostEvent['type'];

/** A level the reader lifts a submission to, with the history line that names the model's findings. */
export interface ReaderLift {
  level: SensitivityLevel;
  summary: string;
}

// --- effects ----------------------------------------------------------------------------------

/** The notification kinds posts and cadence send (the notify module's catalogue). */
export type PostNotificationKind = Extract<
  NotificationKind,
  'approvalPending' | 'postApproved' | 'postReturned' | 'publishReminder' | 'cadenceReminder'
>;

/** The shell resolves role recipients to the people holding that role in that unit. */
export type Recipient = { type: 'person'; personId: string } | { type: 'role'; role: Role; unitId: string };

/** Action names as in the authorization catalogue (post.*). */
export type PostAuditAction =
  | 'post.draftSave'
  | 'post.submit'
  | 'post.approve'
  | 'post.sendBack'
  | 'post.withdraw'
  | 'post.raiseLevel'
  | 'post.lowerLevel'
  | 'post.setPlannedTime'
  | 'post.publish';

/**
 * A notice to send, before recipients are resolved: the shell turns each person of `to` into one
 * NotificationDraft (typings/notify.ts) with the outbox key `<dedupeKey>:<personId>`, which for posts
 * equals the notify module's `dedupeKey(kind, 'posts/<id>', occasion, personId)`.
 */
export interface PostNotice {
  kind: PostNotificationKind;
  to: Recipient[];
  title: string;
  text: string;
  link: DeepLink;
  subject: SubjectRef;
  values: MessageValues;
  /** One key per occasion (round and step, planned time, day): a re-run never doubles a notice. */
  dedupeKey: string;
}

export type PostEffect =
  | ({ type: 'notify' } & PostNotice)
  /** Send at `dueAt` (a planned-publication reminder). */
  | ({ type: 'schedule'; dueAt: IsoTime } & PostNotice)
  /** Cancel what a `schedule` with this key queued and has not sent (every recipient's `<key>:<personId>`). */
  | { type: 'unschedule'; dedupeKey: string }
  /** The shell adds actor, time and request id; `unitId` is the account's unit (audit scope). */
  | { type: 'audit'; action: PostAuditAction; postId: string; unitId: string; summary: string }
  | { type: 'storeVersion'; version: PostVersion }
  /** Add the post to the account's published set for that Beijing day (idempotent: a set, not a counter). */
  | { type: 'countPublished'; accountId: string; day: DayString; postId: string };

// --- errors -----------------------------------------------------------------------------------

export type PostErrorCode =
  | 'CONFLICT'
  | 'ACCOUNT_NOT_FOUND'
  | 'ACCOUNT_INACTIVE'
  | 'NOT_OPERATOR'
  | 'NOT_AUTHOR'
  | 'TITLE_REQUIRED'
  | 'TITLE_TOO_LONG'
  | 'TEXT_TOO_LONG'
  | 'EMPTY_CONTENT'
  | 'TOO_MANY_IMAGES'
  | 'INVALID_IMAGE'
  | 'SOURCE_REQUIRED'
  | 'SOURCE_NOT_VERIFIED'
  | 'SOURCE_FOREIGN'
  | 'SCREENING_BLOCKED'
  | 'ACCOUNT_USE_MISMATCH'
  | 'LEVEL_BELOW_FLOOR'
  | 'LEVEL_NOT_RAISED'
  | 'LEVEL_NOT_LOWERED'
  | 'LOWER_NOT_ALLOWED'
  | 'REASON_REQUIRED'
  | 'NO_REVIEWER'
  | 'NO_INDEPENDENT_REVIEWER'
  | 'CHAIN_UNRESOLVED'
  | 'ALREADY_SUBMITTED'
  | 'NOT_SUBMITTABLE'
  | 'NOT_IN_REVIEW'
  | 'OWN_POST'
  | 'OUT_OF_TURN'
  | 'NOT_IN_SCOPE'
  | 'SAME_APPROVER'
  | 'COMMENT_REQUIRED'
  | 'WITHDRAW_AFTER_FINAL'
  | 'NOT_WITHDRAWABLE'
  | 'POST_PUBLISHED'
  | 'NOT_APPROVED'
  | 'ALREADY_PUBLISHED'
  | 'CONTENT_MISMATCH'
  | 'INVALID_LINK'
  | 'INVALID_TIME'
  | 'PUBLISHED_IN_FUTURE'
  | 'PUBLISHED_BEFORE_APPROVAL'
  | 'PLANNED_IN_PAST'
  // approvals page (issue 16)
  | 'NUDGE_TOO_SOON'
  | 'NOT_SUBMITTER'
  | 'NOTHING_TO_NUDGE'
  | 'NOT_INVOLVED'
  | 'COMMENT_TOO_LONG'
  | 'COPY_RULES_INVALID';

/** Assignable to the API's error shape (typings/common.ts ApiError). */
export interface PostError {
  code: PostErrorCode;
  message: string;
}

export type PostTransition = { ok: true; next: Post; effects: PostEffect[] } | { ok: false; error: PostError };

// --- diff -------------------------------------------------------------------------------------

export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface ContentDiff {
  title: DiffOp[];
  text: DiffOp[];
  imagesAdded: string[];
  imagesRemoved: string[];
  kindChanged: { from: PostKind; to: PostKind } | null;
  sourceChanged: { from: RepostSource | null; to: RepostSource | null } | null;
}

// --- cadence (第十九条) ------------------------------------------------------------------------

/** One account's published posts on one Beijing day (collection `cadenceDays`). */
export interface CadenceDay {
  /** `<accountId>:<day>` */
  _id: string;
  accountId: string;
  day: DayString;
  /** A set, so recording the same publication twice counts once. */
  postIds: string[];
}

export type CadenceRule =
  | { kind: 'daily'; perDay: number }
  | { kind: 'monthly'; perMonth: number }
  | { kind: 'exempt'; reason: string };

export interface CadenceTodayStatus {
  day: DayString;
  published: number;
  /** Posts required today (0 for a monthly rule or an exempt account). */
  required: number;
  met: boolean;
}

export interface CadenceMonthStatus {
  /** YYYY-MM */
  month: string;
  published: number;
  /** Posts required this month (prorated when the account started mid-month). */
  required: number;
  /** Posts that should exist by the end of today to keep pace. */
  pace: number;
  behind: boolean;
  /** Daily rule: past days (this month, since the account's first full day) with nothing published. */
  missedDays: DayString[];
}

export interface CadenceStatus {
  accountId: string;
  platform: Platform;
  rule: CadenceRule;
  today: CadenceTodayStatus;
  month: CadenceMonthStatus;
}

export interface CadenceEvaluation {
  accountId: string;
  month: string;
  rule: CadenceRule;
  published: number;
  required: number;
  met: boolean;
  missedDays: DayString[];
  /** Monthly rule: posts short of the requirement. */
  shortfall: number;
  /** The month is over: the evaluation is final. */
  complete: boolean;
}

export interface CadenceReminder {
  accountId: string;
  day: DayString;
  reason: 'nothingToday' | 'behindMonthlyPace';
  notice: PostNotice;
}

// --- approvals queue --------------------------------------------------------------------------

/**
 * One line of someone's approvals list (collection `approvalQueue`, `_id` `<postId>|<key>`): one per
 * key of `Post.pendingWith` while the post waits at a step. A scalar `key` keeps the index ordered by
 * `submittedAt`, so a page of the list reads a page of entries, however many posts wait.
 */
export interface ApprovalQueueEntry {
  _id: string;
  /** A `Post.pendingWith` key: `person:<id>` or `role:<role>@<unitId>`. */
  key: string;
  postId: string;
  /** false once the post has left the step (entries are closed, not deleted, inside transactions). */
  open: boolean;
  round: number;
  version: number;
  stepKey: string;
  stepLabel: string;
  level: SensitivityLevel;
  title: string;
  accountId: string;
  accountName: string;
  platform: Platform;
  authorId: string;
  authorName: string;
  submittedAt: IsoTime;
  /** When the post reached this step. */
  since: IsoTime;
  /** The unit deciding the step (its leader is reminded when the step waits too long). */
  unitId: string;
  /** When the step's approver is reminded (core/post/waiting.ts: working hours, or a linkage response's minutes). */
  remindAt: IsoTime;
  /** When the leader above is reminded, if the step still waits. */
  escalateAt: IsoTime;
  /** A linkage response (第三十四条): its directive's deadline, said in the reminders; null otherwise. */
  linkageDueAt: IsoTime | null;
  /** The post's rev and planned time now, kept in step with it: the pending box reads no post. */
  rev: number;
  plannedAt: IsoTime | null;
  /**
   * What screening marked in the version waiting (labels with counts, as the timeline shows them) and how
   * many hits 语义复核 set aside in it: the approver sees why before opening the post (第十五条). Absent on
   * entries written before they were kept: the pending box then reads them from the post.
   */
  marks?: string[];
  setAside?: number;
}

// --- the post function's contract ---------------------------------------------------------------

/** What the editor sends on every save. */
export interface DraftFields {
  content: PostContent;
  nature: PostNature;
  declaredLevel: SensitivityLevel;
  /** 第二十一条: the operator confirms the repost source was verified. */
  sourceVerified: boolean;
  plannedAt: IsoTime | null;
}

export interface DraftSaveParams extends DraftFields {
  /** The post being edited; absent for a new post. */
  postId?: string;
  /** With `postId`: the rev the editor loaded. */
  expectedRev?: number;
  /** A new post: its one account (第三十三条: no sending to several accounts at once). */
  accountId?: string;
  /** A new post: a key the editor makes once, so a retried first save creates one post, not two. */
  clientKey?: string;
  /** A new post written as the account's response to this linkage directive (第三十四条). */
  linkageDirectiveId?: string;
}

export interface PostTarget {
  postId: string;
  /** The rev the page showed: a stale one is refused with CONFLICT. */
  expectedRev: number;
}

export interface DecisionParams extends PostTarget {
  /** The version the decider read. */
  version: number;
  /** What the decider says, at most 500 characters (INVALID_INPUT); required to send back (COMMENT_REQUIRED), may be '' to approve. */
  comment: string;
}

export interface RaiseLevelParams extends PostTarget {
  version: number;
  level: SensitivityLevel;
}

export interface LowerLevelParams extends RaiseLevelParams {
  /** Why the level raised on the chain is lowered (第十六条, required). */
  reason: string;
}

export interface PublishParams extends PostTarget {
  /** The approved version that went out. */
  version: number;
  /** The content as the operator published it; its hash must equal the approved one. */
  content: PostContent;
  /** The link of the published post on the platform. */
  url: string;
  publishedAt: IsoTime;
}

/** One step as the chain is shown: before submission (a preview) and on every post. */
export interface ChainStepView {
  key: string;
  label: string;
  unitName: string;
  article: string;
  status: 'waiting' | 'current' | 'approved' | 'returned';
  /** Who decided it in the current round. */
  deciderName: string | null;
  comment: string | null;
  decidedAt: IsoTime | null;
}

export interface ChainPreview {
  level: SensitivityLevel;
  levelLabel: string;
  /** A personal account's ordinary post: logged, no approval (第十八条). */
  logged: boolean;
  summary: string;
  steps: ChainStepView[];
  /** Why no chain can be built (no reviewer, incomplete units); null when it can. */
  error: PostError | null;
}

/** The state after a transition; the page reloads the detail when it needs more. */
export interface PostChange {
  id: string;
  rev: number;
  state: PostState;
  version: number;
  level: SensitivityLevel;
  /** Label of the step the post now waits at; null when not in review. */
  pendingStep: string | null;
}

export interface DraftSaved extends PostChange {
  /** The screening of the saved content, for the editor's marks. */
  screening: PostScreening;
  /** The chain a submission would start now. */
  chain: ChainPreview;
}

/** The editor's header and chain before the post exists. */
export interface AccountChain {
  account: PostAccountView;
  chain: ChainPreview;
}

export interface PostAccountView {
  id: string;
  name: string;
  platform: Platform;
  platformLabel: string;
  kind: AccountKind;
  unitName: string;
}

export interface PostVersionView {
  version: number;
  submittedAt: IsoTime;
  submittedByName: string;
  contentHash: string;
  level: SensitivityLevel;
}

export interface VersionDiff {
  from: number;
  to: number;
  diff: ContentDiff;
  /** 第十六条: the level the earlier version ended at against the level now; null when the same. */
  level: { from: SensitivityLevel; to: SensitivityLevel } | null;
  /** The raises and lowerings made on the chain of the earlier version. */
  levelChanges: LevelChange[];
}

export interface PersonName {
  id: string;
  name: string;
}

/** What the caller may do with the post now (decided by core/auth and the post's state). */
export interface PostAbilities {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  approve: boolean;
  sendBack: boolean;
  raiseLevel: boolean;
  /** 第十六条: the current decider ranks at or above every raise above the level they may lower to. */
  lowerLevel: boolean;
  publish: boolean;
  /** The author, while the post waits at a step (催办). */
  nudge: boolean;
  /** Copied people, the author and the chain's approvers (意见; not a decision). */
  comment: boolean;
}

export interface PostDetail {
  post: Post;
  account: PostAccountView;
  chain: ChainPreview;
  /** Submitted versions, newest first. */
  versions: PostVersionView[];
  /** The current content against the previous submitted version (for the reviewer); null for a first version. */
  diff: VersionDiff | null;
  /** Names of the people the post mentions (author, deciders, history). */
  people: PersonName[];
  can: PostAbilities;
  /** Every step, decision, nudge, copy and comment, oldest first, with full times. */
  timeline: TimelineEntry[];
  /** The author may nudge the waiting step from this time on; null when there is nothing to nudge. */
  nudgeAvailableAt: IsoTime | null;
  /** The server's clock. */
  now: IsoTime;
  /** 第十六条: the level raised on the chain that every later version keeps; null when none. */
  levelFloor: LevelFloor | null;
  /** The levels the caller may lower to now (below the current level, not below a floor they may not lift); empty when none. */
  lowerOptions: SensitivityLevel[];
}

export interface PostSummary {
  id: string;
  rev: number;
  title: string;
  accountId: string;
  accountName: string;
  platformLabel: string;
  state: PostState;
  version: number;
  level: SensitivityLevel;
  pendingStep: string | null;
  updatedAt: IsoTime;
}

export interface ListParams {
  /** One account's posts; absent = the caller's own posts. */
  accountId?: string;
  states?: PostState[];
  offset?: number;
  /** 0–100 (the shared list bound, server/schemas.ts), default 20. */
  limit?: number;
}

export interface PostList {
  /** Newest change first. */
  items: PostSummary[];
  hasMore: boolean;
  /** The accounts the caller may write for (A/B operator, or the personal account's owner). */
  accounts: PostAccountView[];
}

/**
 * The boxes of the approvals page (the way 企业微信审批 sorts them): what waits for the caller, what they
 * decided, what they submitted, and what was copied to them (抄送: they may comment, not decide).
 */
export type ApprovalBox = 'pending' | 'decided' | 'submitted' | 'copied';

export interface ApprovalsParams {
  /** Default `pending`. */
  box?: ApprovalBox;
  /** 0–10000 (the shared list bound), default 0. */
  offset?: number;
  /** 0–100 (the shared list bound), default 20. */
  limit?: number;
}

/** One line of a box: enough to decide without another call (`rev`, `version`). */
export interface ApprovalItem {
  postId: string;
  title: string;
  accountName: string;
  platformLabel: string;
  level: SensitivityLevel;
  /** The step the line is about: the one waiting (pending), decided (decided, copied) or current (submitted). */
  stepLabel: string;
  authorName: string;
  /** The post's version and rev now: `post.approve` takes them as `version` and `expectedRev`. */
  version: number;
  rev: number;
  state: PostState;
  submittedAt: IsoTime;
  /** pending: when the post reached the caller's step (it has waited since). */
  waitingSince: IsoTime | null;
  /** The planned publication time, if any. */
  plannedAt: IsoTime | null;
  /** decided / copied: when, what was decided and by whom, with the comment. */
  decidedAt: IsoTime | null;
  decision: DecisionKind | null;
  deciderName: string | null;
  comment: string | null;
  /**
   * What screening marked in the version concerned (labels with counts, as TimelineEntry.marks) and how many
   * hits 语义复核 set aside in it: pending lines carry the version waiting, the others the post's current one.
   */
  marks: string[];
  setAside: number;
}

export interface ApprovalList {
  /** pending: newest submission first; the other boxes: newest first. */
  items: ApprovalItem[];
  hasMore: boolean;
  /** The server's clock, for "waited 2 小时" on the caller's phone whatever its own clock says. */
  now: IsoTime;
}

// --- 抄送 (copies), notes and nudges ----------------------------------------------------------------

/** When a unit's rule copies a post: after a step of this kind is decided, or when the chain ends. */
export type CopyOccasion = ChainStepKind | 'approved' | 'returned';

/**
 * Who is copied, resolved in the post's bureau (第二十九条 责任领导、责任人员; the propaganda staff of its
 * 政工宣传部门). Copied people see the post in 抄送我 and may comment; they never decide.
 */
export type CopyTarget = 'responsibleLeader' | 'responsiblePerson' | 'propagandaStaff';

export interface CopyRule {
  on: CopyOccasion;
  to: CopyTarget[];
}

/** A bureau's copy rules (collection `copyRules`, `_id` = the bureau's unit id). */
export interface CopyRules {
  _id: string;
  unitId: string;
  rules: CopyRule[];
  rev: number;
  updatedAt: IsoTime;
  updatedBy: string | null;
}

export interface CopyRulesView {
  unitId: string;
  unitName: string;
  rules: CopyRule[];
  /** 0 while the bureau keeps the default rules. */
  rev: number;
  /** true while no rule has been saved for the bureau. */
  isDefault: boolean;
}

/**
 * One person's line in 我已处理 or 抄送我 (collection `approvalRecords`, `_id`
 * `<postId>|<round>|<stepKey>|<box>|<personId>`, so a retried decision records once).
 */
export interface ApprovalRecord {
  _id: string;
  personId: string;
  box: 'decided' | 'copied';
  postId: string;
  round: number;
  stepKey: string;
  stepLabel: string;
  occasion: CopyOccasion;
  decision: DecisionKind;
  deciderId: string;
  comment: string;
  at: IsoTime;
  title: string;
  accountName: string;
  platform: Platform;
  authorName: string;
  level: SensitivityLevel;
  submittedAt: IsoTime;
}

/** What happened around a post that does not change it (collection `postNotes`): a nudge or a comment. */
export interface PostNote {
  _id: string;
  postId: string;
  kind: 'nudge' | 'comment';
  personId: string;
  round: number;
  /** The step waiting when a nudge was sent; '' for a comment. */
  stepKey: string;
  stepLabel: string;
  text: string;
  at: IsoTime;
}

/** The last nudge of each step (collection `counters`, `_id` `nudge|<postId>|<round>|<stepKey>`). */
export interface NudgeCounter {
  _id: string;
  count: number;
  lastAt: IsoTime;
}

export interface NudgeResult {
  /** The people the nudge reached. */
  notified: number;
  /** The next nudge of this step is possible from then (at most one an hour). */
  nextAllowedAt: IsoTime;
}

/** One line of a post's timeline: who did what, when, with their comment and the screening marks. */
export interface TimelineEntry {
  at: IsoTime;
  personName: string;
  /** Chinese, e.g. 提交审核 / 同意 / 退回修改 / 催办 / 抄送 / 意见. */
  action: string;
  /** The step concerned, where there is one. */
  stepLabel: string;
  comment: string;
  /** What screening marked in the version concerned (category labels with counts). */
  marks: string[];
  /** What 语义复核 set aside in that version, labelled as marks are: shown apart, it decided nothing. */
  setAside: string[];
}

export interface PageParams {
  offset?: number;
  /** 0–100 (the shared list bound, server/schemas.ts), default 20. */
  limit?: number;
}

export interface CadenceDayCount {
  day: DayString;
  count: number;
}

export interface CadenceAccountView {
  account: PostAccountView;
  status: CadenceStatus;
  /** Published posts per day of the current month, from the 1st to today. */
  days: CadenceDayCount[];
}

export interface CadenceParams {
  /** One account (the reminder's link); absent = the accounts of `unitId`. */
  accountId?: string;
  /** Absent with no account: the caller's own unit. */
  unitId?: string;
}

export interface PostApi {
  /** Saves a draft (a new post for one account, or an edit); screens it and answers the chain it would take. */
  draftSave: ActionSpec<DraftSaveParams, DraftSaved>;
  /** Submits the current version for approval; screening runs again (第十五条, 第十七条). */
  submit: ActionSpec<PostTarget, PostChange>;
  /** The current step's holder approves the version they read (第十五条, 第十六条). */
  approve: ActionSpec<DecisionParams, PostChange>;
  /** The current step's holder sends the post back with a comment. */
  sendBack: ActionSpec<DecisionParams, PostChange>;
  /** The author pulls the post back before the final decision. */
  withdraw: ActionSpec<PostTarget, PostChange>;
  /** The current approver raises the sensitivity level; the rest of the chain is recomputed. It stays a floor for later versions (第十六条). */
  raiseLevel: ActionSpec<RaiseLevelParams, PostChange>;
  /** 第十六条: a decider at or above the step that raised the level lowers it again, with a reason; the chain is recomputed. */
  lowerLevel: ActionSpec<LowerLevelParams, PostChange>;
  /** An operator of the account records the approved version as published, with its link (第三十三条). */
  publish: ActionSpec<PublishParams, PostChange>;
  /** An operator moves (or clears) the planned publication time; an approved post stays approved. */
  setPlannedTime: ActionSpec<PostTarget & { plannedAt: IsoTime | null }, PostChange>;
  /** One post with its chain, versions and the reviewer's diff. */
  get: ActionSpec<{ postId: string }, PostDetail>;
  /** The chain a post of this level on this account would take, before it is written. */
  previewChain: ActionSpec<{ accountId: string; level: SensitivityLevel }, AccountChain>;
  /** The caller's own posts, or one account's, newest change first, with the accounts the caller writes for. */
  list: ActionSpec<ListParams, PostList>;
  /** Posts waiting for the caller's decision, newest submission first. */
  approvals: ActionSpec<ApprovalsParams, ApprovalList>;
  // --- approvals page (issue 16): nudges, comments, copy rules ---
  /** The submitter nudges the step the post waits at (催办): once per step per hour, logged, notified. */
  nudge: ActionSpec<{ postId: string }, NudgeResult>;
  /** Someone the post was copied to (or its author or an approver) adds a comment to its timeline; decides nothing. */
  comment: ActionSpec<
    {
      postId: string;
      /** 1 to 500 characters (INVALID_INPUT when empty, COMMENT_TOO_LONG when longer). */
      text: string;
    },
    { at: IsoTime }
  >;
  /** A bureau's 抄送 rules (the defaults until one is saved). */
  copyRules: ActionSpec<{ unitId: string }, CopyRulesView>;
  /** Replaces a bureau's 抄送 rules (its unit admin); `expectedRev` 0 for the first save. */
  setCopyRules: ActionSpec<{ unitId: string; rules: CopyRule[]; expectedRev: number }, CopyRulesView>;
  /** 第十九条 cadence of one account or of a unit's accounts: today, this month, days missed. */
  cadence: ActionSpec<CadenceParams, { accounts: CadenceAccountView[] }>;
}
