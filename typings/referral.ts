/**
 * Netizen messages, their triage and referrals to internal units (第二十二条 – 第二十八条).
 * Type-only: the mini-program imports it with `import type`, so nothing here may emit code.
 */
import type { ActionSpec } from './api';
import type { DayString, IsoTime } from './common';
import type { DepartmentFunction, Platform, Role, RoleGrant } from './org';
import type { ScreeningCategoryId } from './screening';

// ---------------------------------------------------------------------------------------------
// Working-day calendar
// ---------------------------------------------------------------------------------------------

/** An admin's correction or addition to the official calendar (a year chinese-days does not know yet). */
export interface CalendarOverride {
  /** Beijing calendar day. */
  day: DayString;
  kind: 'working' | 'holiday';
  /** e.g. 春节 / 春节调休上班 */
  name: string;
}

export type DayInfoSource = 'official' | 'override' | 'weekday';

export interface DayInfo {
  day: DayString;
  working: boolean;
  name: string;
  source: DayInfoSource;
}

/** Deadline classes of 第二十七条: 当日内 / 5个工作日内 / 7个工作日内. */
export type DeadlineClass = 'ordinary' | 'complex' | 'major';

export interface DeadlineResult {
  /** The end of the last working day: 23:59:59.999 Beijing time, as ISO with +08:00. */
  deadline: IsoTime;
  /** The same instant in epoch milliseconds. */
  deadlineMs: number;
  /** The last working day. */
  dueDay: DayString;
  /** Years the official calendar does not cover and no override fills: 2027年节假日安排未知… */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Configuration (plain data, kept by the province; defaults in core/referral/config.ts)
// ---------------------------------------------------------------------------------------------

export interface ReferralConfig {
  /** An ordinary referral made at or after this Beijing time counts from the next working day. */
  cutoff: { hour: number; minute: number };
  /**
   * Due-soon reminders, two stages: when the last `workingDays` working days begin (00:00 Beijing of
   * the first of them), and `hours` before the deadline. A stage that falls before the referral was
   * made is skipped.
   */
  dueSoon: { workingDays: number; hours: number };
  /** 第二十三条: a general message that cannot be answered at once is answered within this many working days. */
  generalReplyWorkingDays: number;
  /** Upper bound of one extension request. */
  maxExtensionWorkingDays: number;
}

// ---------------------------------------------------------------------------------------------
// Who acts
// ---------------------------------------------------------------------------------------------

/** The caller as the core sees it: a person id and the roles they hold (from Person.roles). */
export interface Actor {
  personId: string;
  roles: readonly RoleGrant[];
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

export type Triage =
  | 'policeReport' // 报警 (第二十二条)
  | 'general' // 一般性留言、评论、意见、建议 (第二十三条)
  | 'abusive' // 谩骂 (第二十三条第二款)
  | 'unlawful' // 反党反社会主义、攻击领导人及其它违法犯罪信息 (第二十四条, 第二十六条)
  | 'complaint' // 投诉举报 (第二十五条)
  | 'consultation' // 职权范围内的咨询、非报警类求助 (第二十六条)
  | 'outsidePowers' // 职权范围外的诉求 (第二十六条)
  | 'negative'; // 涉警负面信息 (第二十八条)

export type MessageOutcome =
  | 'guidedTo110' // 已引导拨打110并通报
  | 'replied' // 已回复
  | 'ignored' // 谩骂，不予回复
  | 'problemAnswered' // 谩骂中夹杂的问题已理性回应
  | 'reportedAndCleaned' // 已通报网安并清理
  | 'guidedToDiscipline' // 已引导向纪检、督察反映并通报
  | 'answered' // 咨询已当场答复
  | 'answeredAfterReferral' // 咨询经流转办理后答复
  | 'channelGiven' // 已告知依法反映诉求的渠道
  | 'coordinatedReply'; // 已通报舆情部门并配合回应

/** received: recorded, not yet triaged; triaged: being handled; closed: an outcome is recorded. */
export type MessageState = 'received' | 'triaged' | 'closed';

export interface MessageReply {
  text: string;
  at: IsoTime;
  by: string;
  /** A later reply on a closed complaint, once discipline / 督察 has an outcome (第二十五条). */
  followUp: boolean;
}

export interface MessageNotice {
  unitId: string;
  departmentFunction: DepartmentFunction;
  note: string;
  at: IsoTime;
  by: string;
}

export interface Message {
  _id: string;
  accountId: string;
  /** The account's unit: its operators handle the message. */
  unitId: string;
  platform: Platform;
  senderNickname: string | null;
  text: string;
  receivedAt: IsoTime;
  link: string | null;
  /** From screening, a suggestion only. */
  suggestedTriage: Triage | null;
  triage: Triage | null;
  /** For an abusive message: it also raises a real problem, which gets a reasoned reply. */
  raisesProblem: boolean;
  state: MessageState;
  replies: MessageReply[];
  notices: MessageNotice[];
  /** 第二十六条: the illegal content was cleaned up where it stands. */
  cleanedUpAt: IsoTime | null;
  /** 第二十三条: a general message deferred for verification is answered by then (internal target). */
  replyTargetAt: IsoTime | null;
  outcome: MessageOutcome | null;
  closedAt: IsoTime | null;
  closedBy: string | null;
  recordedBy: string;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
}

export interface MessageInput {
  accountId: string;
  unitId: string;
  platform: Platform;
  senderNickname: string | null;
  text: string;
  receivedAt: IsoTime;
  link: string | null;
  /** Triage categories screening found in the text (ScreeningResult.triage). */
  screeningCategories: readonly ScreeningCategoryId[];
}

/** One item of a pasted batch. */
export interface ParsedBatchItem {
  /** 1-based line where the item starts in the pasted text. */
  line: number;
  senderNickname: string | null;
  text: string;
}

export interface ParsedBatch {
  items: ParsedBatchItem[];
  /** Chinese notes for the operator (duplicates dropped …). */
  warnings: string[];
}

/** Where a notice goes: a unit and what it does (resolved from Unit by the caller). */
export interface NoticeTarget {
  unitId: string;
  departmentFunction: DepartmentFunction;
}

export type MessageEvent =
  | { type: 'triage'; triage: Triage; raisesProblem: boolean; expectedRev: number }
  | { type: 'reply'; text: string; expectedRev: number }
  | { type: 'notice'; target: NoticeTarget; note: string; expectedRev: number }
  | { type: 'cleanUp'; expectedRev: number }
  | { type: 'defer'; expectedRev: number }
  | { type: 'close'; outcome: MessageOutcome; expectedRev: number }
  | { type: 'followUp'; text: string; expectedRev: number };

export type MessageEventType = MessageEvent['type'];

// ---------------------------------------------------------------------------------------------
// Referrals
// ---------------------------------------------------------------------------------------------

/**
 * pending: waiting for a handler to sign; signed: being handled; answered: outcome and reply wording
 * are back with the operator; returned: the department declined it with a reason; closed: the
 * operator has replied and closed the message.
 */
export type ReferralState = 'pending' | 'signed' | 'answered' | 'returned' | 'closed';

export interface ExtensionRequest {
  workingDays: number;
  reason: string;
  requestedBy: string;
  requestedAt: IsoTime;
  /** The deadline it would give, computed at request time. */
  proposedDueAt: IsoTime;
  decision: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: IsoTime | null;
  comment: string | null;
}

export interface ReferralAnswer {
  outcome: string;
  /** 回复口径 (第二十七条) */
  replyWording: string;
  answeredBy: string;
  answeredAt: IsoTime;
}

export type ReferralAction =
  | 'create'
  | 'sign'
  | 'return'
  | 'requestExtension'
  | 'approveExtension'
  | 'rejectExtension'
  | 'answer'
  | 'close';

export interface ReferralLogEntry {
  action: ReferralAction;
  at: IsoTime;
  by: string;
  note: string | null;
}

export interface Referral {
  _id: string;
  messageId: string;
  accountId: string;
  /** The account's unit (where the operators are). */
  unitId: string;
  /** The propaganda desk that approves extensions (第七条). */
  deskId: string;
  /** The internal unit it is referred to. */
  departmentId: string;
  departmentName: string;
  deadlineClass: DeadlineClass;
  question: string;
  state: ReferralState;
  /** Kept in step with state, for the `due` index: pending or signed. */
  open: boolean;
  handlerId: string | null;
  signedAt: IsoTime | null;
  returnReason: string | null;
  dueAt: IsoTime;
  /** The deadline first set, before any extension. */
  originalDueAt: IsoTime;
  /** The first reminder instant, for the reminder index (see dueSoonAt). */
  dueSoonAt: IsoTime;
  extensions: ExtensionRequest[];
  answer: ReferralAnswer | null;
  /** Computed on answer, for the monthly evaluation (第三十六条): 0 when answered in time. */
  overdueMs: number | null;
  /** Calendar warnings seen when the deadline was computed. */
  calendarWarnings: string[];
  log: ReferralLogEntry[];
  createdBy: string;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
  /**
   * Written by the reminder timer only (server/planners.ts): per planner, the rev and reminder keys
   * it last planned, so a run with nothing new skips the referral. Never shown; never changes rev.
   */
  plannerMarks?: { [planner: string]: string };
}

export interface ReferralInput {
  _id: string;
  message: Pick<Message, '_id' | 'accountId' | 'unitId' | 'triage' | 'state'>;
  department: { _id: string; name: string; kind: 'bureau' | 'propagandaDesk' | 'department' };
  deskId: string;
  deadlineClass: DeadlineClass;
  question: string;
}

export type ReferralEvent =
  | { type: 'sign'; expectedRev: number }
  | { type: 'return'; reason: string; expectedRev: number }
  | { type: 'requestExtension'; workingDays: number; reason: string; expectedRev: number }
  | { type: 'decideExtension'; approve: boolean; comment: string | null; expectedRev: number }
  | { type: 'answer'; outcome: string; replyWording: string; expectedRev: number }
  | { type: 'close'; expectedRev: number };

export type ReferralEventType = ReferralEvent['type'];

// ---------------------------------------------------------------------------------------------
// Effects: what a transition asks the shell to do, as data
// ---------------------------------------------------------------------------------------------

export type Recipient =
  | { type: 'person'; personId: string }
  /** Everyone holding the role in the unit, e.g. a department's handlers or a desk's staff. */
  | { type: 'unitRole'; unitId: string; role: Role }
  /** The unit's responsible leader (Unit.responsibility.leaderId, 第二十九条). */
  | { type: 'unitLeader'; unitId: string };

/**
 * What a notify effect is about. The shell maps these onto the notification kinds of typings/notify.ts
 * (same names where both exist).
 */
export type ReferralNotificationKind =
  | 'messageNotice' // 通报 (第二十二条, 第二十四条, 第二十五条, 第二十八条)
  | 'referralAssigned'
  | 'referralReturned'
  | 'referralAnswered'
  | 'extensionRequested'
  | 'extensionDecided'
  | 'referralDueSoon'
  | 'referralOverdue'
  | 'dailyDigest';

export interface SubjectRef {
  type: 'message' | 'referral' | 'department';
  id: string;
}

export interface NotifyEffect {
  kind: 'notify';
  to: Recipient;
  notificationKind: ReferralNotificationKind;
  subject: SubjectRef;
  /** What the recipient reads, in Chinese. */
  title: string;
  body: string;
  /** Unique per recipient and occasion: the outbox refuses a second row with the same key. */
  dedupeKey: string;
}

export type AuditAction =
  | 'message.record'
  | 'message.triage'
  | 'message.reply'
  | 'message.notice'
  | 'message.cleanUp'
  | 'message.defer'
  | 'message.close'
  | 'message.followUp'
  | 'referral.create'
  | 'referral.sign'
  | 'referral.return'
  | 'referral.requestExtension'
  | 'referral.approveExtension'
  | 'referral.rejectExtension'
  | 'referral.answer'
  | 'referral.close';

export interface AuditEffect {
  kind: 'audit';
  action: AuditAction;
  subject: SubjectRef;
  actorId: string;
  at: IsoTime;
  /** Flat facts worth keeping (state change, outcome, deadline …). */
  detail: { [field: string]: string | number | boolean | null };
}

export type ScheduleJob = 'referralReminder' | 'messageReplyTarget';

export interface ScheduleEffect {
  kind: 'schedule';
  job: ScheduleJob;
  subject: SubjectRef;
  at: IsoTime;
  dedupeKey: string;
}

export type Effect = NotifyEffect | AuditEffect | ScheduleEffect;

/** A referral as the daily digest needs it. */
export type ReferralDigestItem = Pick<Referral, '_id' | 'departmentId' | 'state' | 'dueAt' | 'open'>;

// ---------------------------------------------------------------------------------------------
// The referral function's contract (messages, referrals, the working-day calendar)
// ---------------------------------------------------------------------------------------------

/** How a triage must be handled, as the pages show it (from core/message/triage.ts). */
export interface TriageRuleView {
  triage: Triage;
  label: string;
  article: string;
  reply: 'allowed' | 'forbidden' | 'ifProblem';
  replyTemplate: string | null;
  /** The notice this kind requires, in words; null when none is required. */
  noticeLabel: string | null;
  cleanUp: 'required' | 'allowed' | 'no';
  referable: boolean;
  deferrable: boolean;
  followUp: boolean;
  outcomes: { outcome: MessageOutcome; label: string }[];
}

/** An internal unit a message may be noticed or referred to. */
export interface DepartmentOption {
  id: string;
  name: string;
  departmentFunction: DepartmentFunction;
}

/** What the caller may do next on a message (decided by the server, shown as buttons). */
export type MessageStep = 'triage' | 'reply' | 'notice' | 'cleanUp' | 'defer' | 'refer' | 'close' | 'followUp';

/** What the caller may do next on a referral. */
export type ReferralStep = 'sign' | 'return' | 'requestExtension' | 'decideExtension' | 'answer';

/** due soon: the first reminder instant has come; overdue: past the deadline; done: no longer open. */
export type Urgency = 'normal' | 'dueSoon' | 'overdue' | 'done';

export interface MessageSummary {
  id: string;
  accountId: string;
  accountName: string;
  platform: Platform;
  senderNickname: string | null;
  excerpt: string;
  receivedAt: IsoTime;
  suggestedTriage: Triage | null;
  triage: Triage | null;
  state: MessageState;
  outcome: MessageOutcome | null;
  replyTargetAt: IsoTime | null;
  rev: number;
}

export interface ReferralSummary {
  id: string;
  messageId: string;
  unitId: string;
  departmentId: string;
  departmentName: string;
  deadlineClass: DeadlineClass;
  question: string;
  state: ReferralState;
  handlerId: string | null;
  dueAt: IsoTime;
  urgency: Urgency;
  /** How long past the deadline (open) or how late the answer was (answered); 0 when in time. */
  overdueMs: number;
  extensionPending: boolean;
  rev: number;
}

export interface MessageDetail {
  message: Message;
  accountName: string;
  /** The rule of the current triage; null until triaged. */
  rule: TriageRuleView | null;
  /** Every triage with its rule, for the triage picker. */
  triageOptions: TriageRuleView[];
  referrals: ReferralSummary[];
  /** The internal units of the account's bureau (notices and referrals go there). */
  departments: DepartmentOption[];
  steps: MessageStep[];
  /** Names of the people the message and its replies mention (recorder, repliers). */
  names: { [personId: string]: string };
  /** Calendar warnings of deadlines this answer computed or shows (2027年节假日安排未知…). */
  warnings: string[];
}

export interface ReferralDetail {
  referral: Referral;
  /** The server's clock, for the countdown. */
  now: IsoTime;
  message: Pick<Message, '_id' | 'text' | 'senderNickname' | 'platform' | 'receivedAt' | 'link'> & {
    accountName: string;
  };
  urgency: Urgency;
  steps: ReferralStep[];
  /** The caller may open the message (its operators reply to the netizen and close it there). */
  messageVisible: boolean;
  /** Names of the people in the timeline. */
  names: { [personId: string]: string };
  warnings: string[];
}

export interface MessageRecordOne {
  accountId: string;
  senderNickname: string | null;
  text: string;
  receivedAt: IsoTime;
  link: string | null;
}

/** A pasted batch: one message per line, or blank-line separated, "昵称：内容" allowed (core/message/batch.ts). */
export interface MessageRecordBatch {
  accountId: string;
  pasted: string;
}

export interface MessageRecordResult {
  messages: MessageSummary[];
  /** Notes of the batch parser (duplicates dropped …). */
  warnings: string[];
}

export interface MessageRef {
  messageId: string;
  expectedRev: number;
}

export interface ReferralRef {
  referralId: string;
  expectedRev: number;
}

export interface MessagesParams {
  /** The unit whose accounts' messages are listed; absent = the caller's own unit. */
  unitId?: string;
  accountId?: string;
  state?: MessageState;
  /** `nextCursor` of the previous page; absent = the newest page. */
  cursor?: string;
  /** 0–100 (the shared list bound, server/schemas.ts), default 20. */
  limit?: number;
}

/** An account the caller runs (A角, B角), where they record messages. */
export interface OperatedAccount {
  id: string;
  name: string;
  platform: Platform;
}

export interface MessagesPage {
  items: MessageSummary[];
  /** The accounts the caller may record messages on. */
  accounts: OperatedAccount[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** open: pending or signed; answered: waiting for the operator's reply; closed: finished. */
export type ReferralListView = 'open' | 'answered' | 'closed';

export interface ReferralListParams {
  /** A department (its referrals) or a bureau (its accounts' referrals); absent = the caller's own. */
  unitId?: string;
  view?: ReferralListView;
  /** A bureau's list: only what it referred to this department. Ignored on a department's own list. */
  departmentId?: string;
  /** 0–10000 (the shared list bound, server/schemas.ts), default 0. */
  offset?: number;
  /** 0–100 (the shared list bound, server/schemas.ts), default 100. */
  limit?: number;
}

export interface ReferralList {
  unitId: string;
  unitName: string;
  /** The server's clock, for the countdowns. */
  now: IsoTime;
  items: ReferralSummary[];
  /** Pass as `offset` for the next page; null on the last page. */
  nextOffset: number | null;
  /** A bureau's list: its departments, to narrow the list to one (`departmentId`); empty on a department's. */
  departments: { id: string; name: string }[];
  warnings: string[];
}

export interface CalendarYear {
  year: number;
  /** chinese-days has the official arrangement of this year. */
  official: boolean;
  overrides: CalendarOverride[];
  warnings: string[];
  /** The stored table's revision (0 while none is stored): a save names it, so two admins cannot overwrite each other. */
  rev: number;
}

export interface ReferralApi {
  /** Records one message received on an account, or a pasted batch; screening suggests a triage. */
  messageRecord: ActionSpec<MessageRecordOne | MessageRecordBatch, MessageRecordResult>;
  /** The message log of a unit (or one account), newest first. */
  messages: ActionSpec<MessagesParams, MessagesPage>;
  /** One message with its rule, referrals and the steps the caller may take. */
  message: ActionSpec<{ messageId: string }, MessageDetail>;
  /** Sets the triage (第二十二至二十八条); locked once a referral exists. */
  messageTriage: ActionSpec<MessageRef & { triage: Triage; raisesProblem: boolean }, MessageDetail>;
  /** The operator's reply to the netizen; `followUp` on a closed complaint (第二十五条). */
  reply: ActionSpec<MessageRef & { text: string; followUp: boolean }, MessageDetail>;
  /** A notice to a department (通报: 110, 网安, 纪检/督察, 舆情). */
  notice: ActionSpec<MessageRef & { unitId: string; note: string }, MessageDetail>;
  /** Records that unlawful content was cleaned up where it stands (第二十六条). */
  cleanUp: ActionSpec<MessageRef, MessageDetail>;
  /** Defers a general message for verification, with an internal reply target (第二十三条). */
  defer: ActionSpec<MessageRef, MessageDetail>;
  /** Closes the message with its outcome; closes its answered referrals in the same step. */
  messageClose: ActionSpec<MessageRef & { outcome: MessageOutcome }, MessageDetail>;
  /** Refers a message to a department with a deadline class (第二十六条, 第二十七条). */
  refer: ActionSpec<
    MessageRef & { departmentId: string; deadlineClass: DeadlineClass; question: string },
    MessageDetail
  >;
  /** Referrals of a department or a bureau, soonest deadline first, with urgency. */
  list: ActionSpec<ReferralListParams, ReferralList>;
  /** One referral with its timeline and the steps the caller may take. */
  get: ActionSpec<{ referralId: string }, ReferralDetail>;
  /** A department handler signs for the referral (签收). */
  sign: ActionSpec<ReferralRef, ReferralDetail>;
  /** A department handler returns a referral that is not theirs, with a reason (退回). */
  return: ActionSpec<ReferralRef & { reason: string }, ReferralDetail>;
  /** Asks the propaganda desk for more working days, before the deadline. */
  requestExtension: ActionSpec<ReferralRef & { workingDays: number; reason: string }, ReferralDetail>;
  /** The propaganda desk approves or rejects the pending extension. */
  decideExtension: ActionSpec<ReferralRef & { approve: boolean; comment: string | null }, ReferralDetail>;
  /** The department's outcome and reply wording (回复口径, 第二十七条). */
  answer: ActionSpec<ReferralRef & { outcome: string; replyWording: string }, ReferralDetail>;
  /** A year's calendar overrides (the province propaganda desk keeps them). */
  calendarOverrides: ActionSpec<{ year: number }, CalendarYear>;
  /** Replaces a year's overrides, e.g. the State Council's arrangement for a year chinese-days lacks. */
  setCalendarOverrides: ActionSpec<{ year: number; days: CalendarOverride[]; expectedRev: number }, CalendarYear>;
}
