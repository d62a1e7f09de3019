/**
 * Notifications: the in-app inbox, WeChat subscribe messages with consent tracking, and the outbox
 * that delivers them exactly once per dedupe key. Type-only: the mini-program imports it with
 * `import type`, so nothing here may emit code.
 */
import type { ActionSpec } from './api';
import type { IsoTime } from './common';

/** Every kind of notice the product sends. Adding one forces each environment's template config to decide on it. */
export type NotificationKind =
  | 'approvalPending' // 第十五条/第十六条: a post waits for its reviewer or leader
  | 'postApproved'
  | 'postReturned'
  | 'publishReminder' // an approved post is due to go out
  | 'cadenceReminder' // 第十九条: an account has not published today
  | 'referralAssigned' // 第二十六条: an inquiry handed to a department
  | 'referralDueSoon' // 第二十七条: the reply deadline approaches
  | 'referralOverdue'
  | 'referralAnswered'
  | 'extensionDecided'
  | 'dailyDigest'
  | 'escalation' // 第二十九条: a reminder that did not reach its recipient, sent to the responsible person
  // linkage directives (第三十四条)
  | 'linkageIssued' // a directive calls the operator's accounts: respond within the window
  | 'linkageReminder' // +30 / +50 minutes: not yet responded
  | 'linkageLate' // +60: to the responsible leader (第二十九条) and the city desk, the accounts that are late
  | 'linkageWithdrawn' // the directive was withdrawn, with the reason
  | 'linkageClosed' // to the issuer: the directive closed, its record is final
  | 'bindingChanged' // 第三十三条: a person bound another WeChat; they and their unit admin are told
  // --- accounts (第九条—第十四条, 第三十九条)
  | 'accountApplicationPending' // 第十条, 第十三条: an application waits for the desk
  | 'accountApplicationDecided' // the applicant hears the decision
  | 'filingDue' // 第十四条: an approved change is to be filed with the desk one level up
  | 'filingReceived' // the receiving desk has a filing to acknowledge
  | 'filingQueried' // the receiving desk asked a question about a filing
  | 'filingOverdue' // not filed within the period
  | 'filingUnacknowledged' // filed, not acknowledged within the period
  | 'accountGap' // 第九条: a bureau without a Weibo or a WeChat account
  // security (issue 15)
  | 'securityIncident' // 第三十三条: an incident reported on an account, to the desks and the responsible leader
  | 'rotationReminder' // 第三十三条: a password rotation due soon or overdue (第二十九条: then the responsible person)
  | 'trainingReminder'; // 第三十五条: short of the year's training hours

/**
 * A page of the mini-program with its query, e.g. `/pages/post-detail/index?id=p1`; feature pages live
 * in subpackages (`/packages/linkage/pages/directive/index?id=d1`, `/packages/accounts/pages/…`).
 */
export type DeepLink = `/pages/${string}` | `/packages/${string}`;

/** The stored object a notice concerns. */
export interface SubjectRef {
  collection: string;
  id: string;
}

/**
 * The named values a notice carries for its subscribe-message fields (a template field says which
 * one it shows). Texts are raw: formatting to WeChat's per-type limits happens when the message is built.
 */
export interface MessageValues {
  /** What the notice is about: the post title, the referral summary. */
  subject?: string;
  /** Who acted or whom it is about: the submitter, the reviewer, the unreached recipient. */
  actor?: string;
  unit?: string;
  account?: string;
  /** A short state word: 已通过, 已退回, 已逾期 … */
  status?: string;
  /** The return reason, the reply gist, the decision note. */
  remark?: string;
  count?: number;
  dueAt?: IsoTime;
  eventAt?: IsoTime;
}

export type TextSource = 'title' | 'text' | 'subject' | 'actor' | 'unit' | 'account' | 'status' | 'remark' | 'count';
/** `createdAt` is the notice's own time; the others fall back to it when absent. */
export type TimeSource = 'createdAt' | 'dueAt' | 'eventAt';

/** WeChat subscribe-message parameter types (subscribeMessage.send 参数值内容限制). */
export type TextFieldType =
  | 'thing'
  | 'phrase'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'character_string'
  | 'name'
  | 'amount'
  | 'phone_number'
  | 'car_number';
export type TimeFieldType = 'time' | 'date';
export type FieldType = TextFieldType | TimeFieldType;

type SourceOf<T extends FieldType> = T extends TimeFieldType ? TimeSource : TextSource;

/** One template field: its key as WeChat names it (`thing1`, `time3` …), its type, and the value it shows. */
export type TemplateField = { [T in FieldType]: { key: `${T}${number}`; type: T; from: SourceOf<T> } }[FieldType];

/** 一次性订阅 accumulates one send per accept; 长期订阅 (government services may apply) stays until revoked. */
export type SubscriptionType = 'oneTime' | 'longTerm';

export interface TemplateSpec {
  templateId: string;
  subscription: SubscriptionType;
  fields: TemplateField[];
  /** Where the card opens when it should not be the notice's own link (a digest opens the inbox). */
  page?: DeepLink;
}

export type MiniprogramState = 'developer' | 'trial' | 'formal';

/** One cloud environment's templates. `null`: the kind lives in the inbox only. */
export interface EnvTemplates {
  miniprogramState: MiniprogramState;
  kinds: { [K in NotificationKind]: TemplateSpec | null };
}

/** An inbox item, stored for its recipient whatever happens to the subscribe message. */
export interface Notification {
  _id: string;
  recipientId: string;
  kind: NotificationKind;
  title: string;
  text: string;
  link: DeepLink;
  subject: SubjectRef | null;
  /** Unique: the same reminder is stored once. */
  dedupeKey: string;
  createdAt: IsoTime;
  read: boolean;
  readAt: IsoTime | null;
}

/** Who gets a reminder that could not reach its recipient (第二十九条 责任人员, or the 政工宣传部门). */
export type EscalationNext = 'unitResponsible' | 'propagandaDesk';

export interface EscalationPolicy {
  /** The unit whose responsible person or propaganda desk is next. */
  unitId: string;
  next: EscalationNext;
  /** The unreached recipient's name, for the escalated notice. */
  recipientName: string;
}

/** What a producer (posts, referrals, a planner) asks to send. */
export interface NotificationDraft {
  kind: NotificationKind;
  recipientId: string;
  title: string;
  text: string;
  link: DeepLink;
  subject: SubjectRef | null;
  values: MessageValues;
  /** Unique per recipient and occasion; build it with `dedupeKey(...)`. */
  dedupeKey: string;
  /** Not before this time (a reminder planned ahead); absent = at once. */
  sendAt?: IsoTime;
  /** Set on deadline reminders: who is told when the subscribe message cannot get through. */
  escalation: EscalationPolicy | null;
}

/** What `wx.requestSubscribeMessage` answered per template id. */
export type ConsentAnswer = 'accept' | 'reject' | 'ban' | 'filter';

/** The mini-program reports the answer object as is (minus errMsg). */
export type ConsentReport = Record<string, ConsentAnswer>;

export type TemplateConsent =
  | { subscription: 'oneTime'; remaining: number; lastAnswer: ConsentAnswer | 'revoked'; answeredAt: IsoTime }
  | { subscription: 'longTerm'; accepted: boolean; lastAnswer: ConsentAnswer | 'revoked'; answeredAt: IsoTime };

/** One person's subscriptions; `_id` is the person id. Saved by check-and-set on `rev`. */
export interface ConsentRecord {
  _id: string;
  personId: string;
  templates: Record<string, TemplateConsent>;
  updatedAt: IsoTime;
  rev: number;
}

/** One `wx.requestSubscribeMessage` call: at most three ids, all of one subscription type. */
export interface ConsentRequest {
  subscription: SubscriptionType;
  templateIds: string[];
}

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** The message as subscribeMessage.send takes it, without `touser` (resolved at send time). */
export interface SubscribeMessage {
  templateId: string;
  subscription: SubscriptionType;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: MiniprogramState;
  lang: 'zh_CN';
}

export interface OutboxError {
  /** Stable code: NO_CONSENT, NO_OPENID, NO_TEMPLATE, WX_43101, LEASE_LOST … */
  code: string;
  message: string;
  errCode: number | null;
}

/** One subscribe message on its way; `dedupeKey` (unique) is the draft's. */
export interface OutboxRecord {
  _id: string;
  dedupeKey: string;
  notificationId: string;
  recipientId: string;
  kind: NotificationKind;
  /** null when the environment has no template for the kind (the record is born skipped). */
  message: SubscribeMessage | null;
  state: OutboxState;
  /** When the record is next due: its send time, its retry time, or (while sending) its lease end. */
  dueAt: IsoTime;
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: IsoTime | null;
  lastError: OutboxError | null;
  sentAt: IsoTime | null;
  /** Copies of the draft, so an escalation can be written without reloading the notice. */
  title: string;
  text: string;
  link: DeepLink;
  subject: SubjectRef | null;
  values: MessageValues;
  escalation: EscalationPolicy | null;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  rev: number;
}

/** What the function shell got back from subscribeMessage.send (a thrown error mapped to its errCode, -1 if none). */
export type SendResult = { ok: true } | { ok: false; errCode: number; errMsg: string };

// ---- The notify function's contract ----

/** One inbox line as the mini-program lists it. */
export type InboxItem = Pick<Notification, '_id' | 'kind' | 'title' | 'text' | 'link' | 'createdAt' | 'read'>;

export interface InboxParams {
  /** `nextCursor` of the previous page; absent = the newest page. */
  cursor?: string;
  /** 0–100 (the shared list bound, server/schemas.ts), default 20. */
  limit?: number;
}

export interface InboxPage {
  /** Newest first. */
  items: InboxItem[];
  /** All of the caller's unread notices, for the tab badge. */
  unread: number;
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Mark the caller's own notices read: these ids, or all of them. */
export type MarkReadParams = { ids: string[] } | { all: true };

/**
 * A tap after which the caller will want reminders: the server maps it to the notification kinds
 * that tap leads to, and those to the templates to ask consent for.
 */
export type ConsentMoment =
  | 'afterSubmit' // an operator submitted a post: review results, publish reminder
  | 'openApprovals' // a reviewer/leader opened the approvals list: new posts to review
  | 'afterRefer' // a message was referred to a department: its answer
  | 'openReferrals' // a department handler opened referrals: assigned, due soon, overdue, extension decisions
  | 'openWorkbench' // the workbench: daily cadence, digest, escalations
  | 'openLinkage' // an operator opened their linkage directives or responded: the next directive
  // --- accounts
  | 'afterApply' // an application submitted: its decision
  | 'openAccountDecisions' // a desk opened its applications or filings: new ones, filings due and unacknowledged
  | 'openSecurity'; // security (issue 15): account security, incidents, training pages

/** How one of the caller's templates stands after a report. */
export interface ConsentStatus {
  templateId: string;
  subscription: SubscriptionType;
  /** Sends still allowed: the one-time count, or null for an accepted long-term template. 0 = none. */
  remaining: number | null;
}

export interface NotifyApi {
  /** The caller's notices, newest first, a page at a time, with the unread count. */
  inbox: ActionSpec<InboxParams, InboxPage>;
  /** Marks the caller's own notices read (others' ids are refused); answers the unread count left. */
  markRead: ActionSpec<MarkReadParams, { unread: number }>;
  /** Records what wx.requestSubscribeMessage answered (template id → accept/reject/ban/filter). */
  reportConsent: ActionSpec<{ answers: ConsentReport }, { templates: ConsentStatus[] }>;
  /** The subscribe requests to make at a tap: groups of ≤3 templates of one subscription type. */
  consentPlan: ActionSpec<{ moment: ConsentMoment }, { requests: ConsentRequest[] }>;
}
