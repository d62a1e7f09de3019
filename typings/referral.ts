/**
 * Netizen messages, their triage and referrals to internal units (第二十二条 – 第二十八条).
 * Type-only: the mini-program imports it with `import type`, so nothing here may emit code.
 */
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
